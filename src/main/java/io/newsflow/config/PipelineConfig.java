package io.newsflow.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings the topology factory needs. Pure values: the factory reads nothing else from the environment.
 *
 * @param topics topic names
 * @param dedupRetention how long an article id or body hash is remembered for de-duplication
 * @param maxBodyChars largest accepted body, in characters (UTF-16 code units), before normalisation
 * @param maxBodyBytes largest accepted body, in bytes of its UTF-8 encoding, before normalisation
 * @param maxTitleChars largest accepted title, in characters
 * @param maxRecordBytes largest accepted input record value, in bytes
 * @param pipelineVersion version stamped into processing metadata and dead-letter headers
 * @param stageDeadline longest one stage may take on one record before the record is dead-lettered with reason
 *     {@code deadline-exceeded}
 * @param nearDuplicateThreshold estimated body similarity in (0, 1] from which an article is marked a near-copy of
 *                               an earlier one (see {@code io.newsflow.dedup.NearDuplicateDetector})
 * @param enrichmentPartitions partitions of the repartition topic that spreads articles from the single-partition
 *                             near-duplicate index back over the enrichment tasks
 * @param maxEnrichedRecordBytes the enriched topic's {@code max.message.bytes}: an enriched record that would not fit
 *                               (serialised value and key plus framing, before compression) is dead-lettered
 *                               instead of being sent
 * @param storyWindow longest time between two articles of one story (see {@code io.newsflow.story.StoryClusterer})
 * @param storySimilarity content-word cosine in (0, 1] from which two articles sharing people and places within the
 *                        window are one story
 */
public record PipelineConfig(Topics topics, Duration dedupRetention, int maxBodyChars, int maxBodyBytes,
                             int maxTitleChars, int maxRecordBytes, String pipelineVersion, Duration stageDeadline,
                             double nearDuplicateThreshold, int enrichmentPartitions, int maxEnrichedRecordBytes,
                             Duration storyWindow, double storySimilarity) {

    public static final Duration DEFAULT_DEDUP_RETENTION = Duration.ofDays(7);
    public static final int DEFAULT_MAX_BODY_CHARS = 200_000;
    /**
     * Half the input record limit: every body within {@link #DEFAULT_MAX_BODY_CHARS} in a script of at most two
     * UTF-8 bytes per character (Latin, Cyrillic, Greek, Arabic, Hebrew: at most 400,000 bytes) passes, a CJK body
     * (three bytes per character) up to about 174,000 characters, and the enriched record (body plus annotations)
     * stays well under the 1 MiB {@code max.message.bytes} an output topic has by default.
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 512 * 1024;
    public static final int DEFAULT_MAX_TITLE_CHARS = 1_000;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_048_576;
    /** Default {@link #stageDeadline()}; see the README's Reliability section for the measurements behind it. */
    public static final Duration DEFAULT_STAGE_DEADLINE = Duration.ofSeconds(10);
    /** Measured on the hand-written evaluation set; see the README's near-duplicate section. */
    public static final double DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.5;
    public static final int DEFAULT_ENRICHMENT_PARTITIONS = 3;
    /** Two days: see {@code StoryClusterer.DEFAULT_WINDOW}. */
    public static final Duration DEFAULT_STORY_WINDOW = Duration.ofHours(48);
    /** Measured on the hand-written story set; see the README's story section. */
    public static final double DEFAULT_STORY_SIMILARITY = 0.3;
    /** Kafka's default {@code max.message.bytes} of a topic (1 MiB plus the 12-byte log overhead). */
    public static final int DEFAULT_MAX_ENRICHED_RECORD_BYTES = 1_048_588;

    public PipelineConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        Objects.requireNonNull(pipelineVersion, "pipelineVersion");
        if (dedupRetention.isNegative() || dedupRetention.isZero()) {
            throw new IllegalArgumentException("dedupRetention must be positive: " + dedupRetention);
        }
        if (maxBodyChars <= 0 || maxBodyBytes <= 0 || maxTitleChars <= 0 || maxRecordBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        Objects.requireNonNull(stageDeadline, "stageDeadline");
        if (stageDeadline.isNegative() || stageDeadline.isZero()) {
            throw new IllegalArgumentException("stageDeadline must be positive: " + stageDeadline);
        }
        if (!(nearDuplicateThreshold > 0 && nearDuplicateThreshold <= 1)) {
            throw new IllegalArgumentException("near-duplicate threshold must be in (0, 1]: " + nearDuplicateThreshold);
        }
        if (enrichmentPartitions < 1) {
            throw new IllegalArgumentException("enrichment partitions must be positive: " + enrichmentPartitions);
        }
        if (maxEnrichedRecordBytes <= 0) {
            throw new IllegalArgumentException("max enriched record bytes must be positive: " + maxEnrichedRecordBytes);
        }
        Objects.requireNonNull(storyWindow, "storyWindow");
        if (storyWindow.isNegative() || storyWindow.isZero()) {
            throw new IllegalArgumentException("story window must be positive: " + storyWindow);
        }
        if (!(storySimilarity > 0 && storySimilarity <= 1)) {
            throw new IllegalArgumentException("story similarity must be in (0, 1]: " + storySimilarity);
        }
    }

    /**
     * Settings with the default body limit in bytes, stage deadline, near-duplicate threshold, enrichment partitions,
     * enriched record limit and story settings.
     */
    public PipelineConfig(Topics topics, Duration dedupRetention, int maxBodyChars, int maxTitleChars,
                          int maxRecordBytes, String pipelineVersion) {
        this(topics, dedupRetention, maxBodyChars, DEFAULT_MAX_BODY_BYTES, maxTitleChars, maxRecordBytes,
                pipelineVersion, DEFAULT_STAGE_DEADLINE, DEFAULT_NEAR_DUPLICATE_THRESHOLD,
                DEFAULT_ENRICHMENT_PARTITIONS, DEFAULT_MAX_ENRICHED_RECORD_BYTES, DEFAULT_STORY_WINDOW,
                DEFAULT_STORY_SIMILARITY);
    }

    /** A copy with another body limit in UTF-8 bytes. */
    public PipelineConfig withMaxBodyBytes(int bytes) {
        return new PipelineConfig(topics, dedupRetention, maxBodyChars, bytes, maxTitleChars, maxRecordBytes,
                pipelineVersion, stageDeadline, nearDuplicateThreshold, enrichmentPartitions, maxEnrichedRecordBytes,
                storyWindow, storySimilarity);
    }

    /** A copy with another limit for enriched records (the enriched topic's {@code max.message.bytes}). */
    public PipelineConfig withMaxEnrichedRecordBytes(int bytes) {
        return new PipelineConfig(topics, dedupRetention, maxBodyChars, maxBodyBytes, maxTitleChars, maxRecordBytes,
                pipelineVersion, stageDeadline, nearDuplicateThreshold, enrichmentPartitions, bytes, storyWindow,
                storySimilarity);
    }

    /** A copy with another stage deadline. */
    public PipelineConfig withStageDeadline(Duration deadline) {
        return new PipelineConfig(topics, dedupRetention, maxBodyChars, maxBodyBytes, maxTitleChars, maxRecordBytes,
                pipelineVersion, deadline, nearDuplicateThreshold, enrichmentPartitions, maxEnrichedRecordBytes,
                storyWindow, storySimilarity);
    }

    /** A copy with another near-duplicate threshold. */
    public PipelineConfig withNearDuplicateThreshold(double threshold) {
        return new PipelineConfig(topics, dedupRetention, maxBodyChars, maxBodyBytes, maxTitleChars, maxRecordBytes,
                pipelineVersion, stageDeadline, threshold, enrichmentPartitions, maxEnrichedRecordBytes, storyWindow,
                storySimilarity);
    }

    /** A copy with another number of enrichment partitions. */
    public PipelineConfig withEnrichmentPartitions(int partitions) {
        return new PipelineConfig(topics, dedupRetention, maxBodyChars, maxBodyBytes, maxTitleChars, maxRecordBytes,
                pipelineVersion, stageDeadline, nearDuplicateThreshold, partitions, maxEnrichedRecordBytes, storyWindow,
                storySimilarity);
    }

    /** A copy with another story window and similarity threshold. */
    public PipelineConfig withStories(Duration window, double similarity) {
        return new PipelineConfig(topics, dedupRetention, maxBodyChars, maxBodyBytes, maxTitleChars, maxRecordBytes,
                pipelineVersion, stageDeadline, nearDuplicateThreshold, enrichmentPartitions, maxEnrichedRecordBytes,
                window, similarity);
    }

    /** Defaults with the given topics. */
    public static PipelineConfig defaults(Topics topics) {
        return new PipelineConfig(topics, DEFAULT_DEDUP_RETENTION, DEFAULT_MAX_BODY_CHARS, DEFAULT_MAX_TITLE_CHARS,
                DEFAULT_MAX_RECORD_BYTES, Version.current());
    }
}
