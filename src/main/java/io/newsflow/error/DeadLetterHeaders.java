package io.newsflow.error;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header names on dead-letter records. All values are UTF-8 strings. */
public final class DeadLetterHeaders {

    /** Pipeline step that failed. */
    public static final String STAGE = "newsflow.dlq.stage";
    /** Exception class or validation rule. */
    public static final String ERROR_CLASS = "newsflow.dlq.error-class";
    /** Human-readable reason. */
    public static final String REASON = "newsflow.dlq.reason";
    /** Source topic of the original record. */
    public static final String SOURCE_TOPIC = "newsflow.dlq.source-topic";
    /** Source partition of the original record. */
    public static final String SOURCE_PARTITION = "newsflow.dlq.source-partition";
    /** Source offset of the original record. */
    public static final String SOURCE_OFFSET = "newsflow.dlq.source-offset";
    /** Failure time, epoch milliseconds. */
    public static final String FAILED_AT = "newsflow.dlq.failed-at";
    /** newsflow version that rejected the record. */
    public static final String PIPELINE_VERSION = "newsflow.dlq.pipeline-version";
    /** Delivery attempts made before giving up (webhook delivery). */
    public static final String ATTEMPTS = "newsflow.dlq.attempts";
    /** HTTP status of the last delivery attempt; absent when no response came (webhook delivery). */
    public static final String LAST_STATUS = "newsflow.dlq.last-status";

    /** Size in bytes of the original value when the dead letter keeps only a prefix of it. */
    public static final String ORIGINAL_SIZE = "newsflow.dlq.original-size";
    /** Hex SHA-256 of the original value when the dead letter keeps only a prefix of it. */
    public static final String ORIGINAL_SHA256 = "newsflow.dlq.original-sha256";
    /** {@code true} when the value is a prefix of the original (fetch it by source topic, partition, offset). */
    public static final String TRUNCATED = "newsflow.dlq.truncated";

    private DeadLetterHeaders() {
    }

    /** The last value of header {@code key} as a string, or null. */
    public static String get(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
