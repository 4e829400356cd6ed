package io.newsflow.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings the topology factory needs. Pure values: the factory reads nothing else from the environment.
 *
 * @param topics topic names
 * @param dedupRetention how long an article id or body hash is remembered for de-duplication
 * @param maxBodyChars largest accepted body, in characters, before normalisation
 * @param maxTitleChars largest accepted title, in characters
 * @param maxRecordBytes largest accepted input record value, in bytes
 * @param pipelineVersion version stamped into processing metadata and dead-letter headers
 * @param stageDeadline longest one stage may take on one record before the record is dead-lettered with reason
 *     {@code deadline-exceeded}
 */
public record PipelineConfig(Topics topics, Duration dedupRetention, int maxBodyChars, int maxTitleChars,
                             int maxRecordBytes, String pipelineVersion, Duration stageDeadline) {

    public static final Duration DEFAULT_DEDUP_RETENTION = Duration.ofDays(7);
    public static final int DEFAULT_MAX_BODY_CHARS = 200_000;
    public static final int DEFAULT_MAX_TITLE_CHARS = 1_000;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_048_576;
    /** Default {@link #stageDeadline()}; see the README's Reliability section for the measurements behind it. */
    public static final Duration DEFAULT_STAGE_DEADLINE = Duration.ofSeconds(10);

    public PipelineConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        Objects.requireNonNull(pipelineVersion, "pipelineVersion");
        if (dedupRetention.isNegative() || dedupRetention.isZero()) {
            throw new IllegalArgumentException("dedupRetention must be positive: " + dedupRetention);
        }
        if (maxBodyChars <= 0 || maxTitleChars <= 0 || maxRecordBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        Objects.requireNonNull(stageDeadline, "stageDeadline");
        if (stageDeadline.isNegative() || stageDeadline.isZero()) {
            throw new IllegalArgumentException("stageDeadline must be positive: " + stageDeadline);
        }
    }

    /** With the default stage deadline. */
    public PipelineConfig(Topics topics, Duration dedupRetention, int maxBodyChars, int maxTitleChars,
                          int maxRecordBytes, String pipelineVersion) {
        this(topics, dedupRetention, maxBodyChars, maxTitleChars, maxRecordBytes, pipelineVersion,
                DEFAULT_STAGE_DEADLINE);
    }

    /** A copy with another stage deadline. */
    public PipelineConfig withStageDeadline(Duration deadline) {
        return new PipelineConfig(topics, dedupRetention, maxBodyChars, maxTitleChars, maxRecordBytes,
                pipelineVersion, deadline);
    }

    /** Defaults with the given topics. */
    public static PipelineConfig defaults(Topics topics) {
        return new PipelineConfig(topics, DEFAULT_DEDUP_RETENTION, DEFAULT_MAX_BODY_CHARS, DEFAULT_MAX_TITLE_CHARS,
                DEFAULT_MAX_RECORD_BYTES, Version.current());
    }
}
