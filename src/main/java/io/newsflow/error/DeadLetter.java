package io.newsflow.error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * A record that could not be read, validated or enriched: the original value bytes and why. Written to the
 * dead-letter topic with the original bytes as value and the reason in {@code newsflow.dlq.*} headers (see
 * {@link DeadLetterHeaders}). Immutable.
 *
 * @param key key of the original record (the article id where known), possibly null
 * @param stage pipeline step that failed ({@code parse}, {@code validate}, {@code normalize}, or an enrichment
 *     stage name)
 * @param errorClass exception class or validation rule
 * @param reason human-readable reason
 * @param sourceTopic topic the original record was read from
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 * @param original original value bytes, possibly null (tombstone)
 */
public record DeadLetter(String key, String stage, String errorClass, String reason, String sourceTopic, int sourcePartition,
                         long sourceOffset, byte[] original) {

    private static final int MAX_REASON_CHARS = 2_000;
    /**
     * Largest original value a dead letter carries whole: half the broker's default {@code max.message.bytes}, so
     * the dead letter itself is never refused for its size.
     */
    public static final int MAX_WHOLE_ORIGINAL_BYTES = 512 * 1024;
    /** Bytes of a larger original that the dead letter keeps, with its size and hash in headers. */
    public static final int KEPT_PREFIX_BYTES = 16 * 1024;

    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(errorClass, "errorClass");
        reason = reason == null ? "" : reason;
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS) + "…";
        }
    }

    /** Adds this dead letter's headers to {@code headers} (replacing earlier {@code newsflow.dlq.*} ones). */
    public Headers writeTo(Headers headers, String pipelineVersion, long failedAtMillis) {
        put(headers, DeadLetterHeaders.STAGE, stage);
        put(headers, DeadLetterHeaders.ERROR_CLASS, errorClass);
        put(headers, DeadLetterHeaders.REASON, reason);
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic == null ? "" : sourceTopic);
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, DeadLetterHeaders.FAILED_AT, Long.toString(failedAtMillis));
        put(headers, DeadLetterHeaders.PIPELINE_VERSION, pipelineVersion);
        return headers;
    }

    /**
     * The value to write: the original bytes when at most {@link #MAX_WHOLE_ORIGINAL_BYTES}, else their first
     * {@link #KEPT_PREFIX_BYTES}; in that case {@code headers} get the original's size and SHA-256 and
     * {@code newsflow.dlq.truncated=true} (source topic, partition and offset say where to fetch it whole).
     */
    public byte[] boundedValue(Headers headers) {
        return bounded(original, headers);
    }

    /** As {@link #boundedValue(Headers)} for any original value (null stays null). */
    public static byte[] bounded(byte[] original, Headers headers) {
        if (original == null || original.length <= MAX_WHOLE_ORIGINAL_BYTES) {
            return original;
        }
        put(headers, DeadLetterHeaders.ORIGINAL_SIZE, Integer.toString(original.length));
        put(headers, DeadLetterHeaders.ORIGINAL_SHA256, sha256(original));
        put(headers, DeadLetterHeaders.TRUNCATED, "true");
        return Arrays.copyOf(original, KEPT_PREFIX_BYTES);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
