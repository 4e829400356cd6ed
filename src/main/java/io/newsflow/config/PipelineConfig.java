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
 */
public record PipelineConfig(Topics topics, Duration dedupRetention, int maxBodyChars, int maxTitleChars,
                             int maxRecordBytes, String pipelineVersion) {

    public static final Duration DEFAULT_DEDUP_RETENTION = Duration.ofDays(7);
    public static final int DEFAULT_MAX_BODY_CHARS = 200_000;
    public static final int DEFAULT_MAX_TITLE_CHARS = 1_000;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_048_576;

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
    }

    /** Defaults with the given topics. */
    public static PipelineConfig defaults(Topics topics) {
        return new PipelineConfig(topics, DEFAULT_DEDUP_RETENTION, DEFAULT_MAX_BODY_CHARS, DEFAULT_MAX_TITLE_CHARS,
                DEFAULT_MAX_RECORD_BYTES, Version.current());
    }
}
