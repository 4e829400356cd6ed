package io.newsflow.config;

import java.util.List;
import java.util.Objects;

/**
 * Names of the topics the pipeline reads and writes. Immutable.
 *
 * @param articles input: raw articles ({@code RawArticle}, key = article id)
 * @param enriched output: enriched articles ({@code EnrichedArticle}, key = article id)
 * @param deadLetters records that could not be read, validated or enriched (original bytes, reason in headers)
 * @param alerts leader alerts ({@code LeaderAlert}, key = leader id)
 * @param mentions per-entity mentions ({@code EntityMention}, key = entity id)
 */
public record Topics(String articles, String enriched, String deadLetters, String alerts, String mentions) {

    public static final String DEFAULT_ARTICLES = "news-articles";
    public static final String DEFAULT_ENRICHED = "news-articles-enriched";
    public static final String DEFAULT_DEAD_LETTERS = "news-articles-dlq";
    public static final String DEFAULT_ALERTS = "news-alerts";
    public static final String DEFAULT_MENTIONS = "news-mentions";

    public Topics {
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(enriched, "enriched");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(mentions, "mentions");
        if (List.of(articles, enriched, deadLetters, alerts, mentions).stream().distinct().count() != 5) {
            throw new IllegalArgumentException("topic names must be distinct: " + List.of(articles, enriched,
                    deadLetters, alerts, mentions));
        }
    }

    /** The default kebab-case names. */
    public static Topics defaults() {
        return new Topics(DEFAULT_ARTICLES, DEFAULT_ENRICHED, DEFAULT_DEAD_LETTERS, DEFAULT_ALERTS,
                DEFAULT_MENTIONS);
    }

    /** Every topic, input first. */
    public List<String> all() {
        return List.of(articles, enriched, deadLetters, alerts, mentions);
    }
}
