package io.newsflow.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the alerting and serving parts of the topology need. Immutable; the watchlist supplier must be thread-safe.
 *
 * @param evaluator decides which rules fire
 * @param watchlist the rules in force, read for every record (so reloads apply without a restart)
 * @param mentionBucket granularity of the per-entity mention counts (SPIKE rules and the mentions API)
 * @param mentionRetention how long mention counts are kept; must cover the longest SPIKE baseline
 * @param latestArticles how many recent articles are kept per entity
 */
public record Alerting(AlertEvaluator evaluator, Supplier<Watchlist> watchlist, Duration mentionBucket,
                       Duration mentionRetention, int latestArticles) {

    public static final Duration DEFAULT_MENTION_BUCKET = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MENTION_RETENTION = Duration.ofDays(2);
    public static final int DEFAULT_LATEST_ARTICLES = 20;

    public Alerting {
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(watchlist, "watchlist");
        if (mentionBucket.isNegative() || mentionBucket.isZero() || mentionRetention.compareTo(mentionBucket) < 0
                || latestArticles < 1) {
            throw new IllegalArgumentException("mention bucket must be positive and shorter than the retention");
        }
    }

    /** Defaults around the given evaluator and rules. */
    public static Alerting of(AlertEvaluator evaluator, Supplier<Watchlist> watchlist) {
        return new Alerting(evaluator, watchlist, DEFAULT_MENTION_BUCKET, DEFAULT_MENTION_RETENTION,
                DEFAULT_LATEST_ARTICLES);
    }
}
