package io.newsflow.topology;

import org.apache.kafka.common.header.Headers;

/**
 * The re-enrichment entry point: an input record carrying the header {@value #HEADER} is an article already read,
 * sent again by {@code newsflow reprocess}. The pipeline re-runs the current chain on it and publishes the result as
 * the next revision only when the enrichment differs from the last one it published ({@link ReviseProcessor}).
 */
public final class Reprocessing {

    /** Header marking a re-sent input record; its value is the reprocess request's id (informational). */
    public static final String HEADER = "newsflow.reprocess";

    private Reprocessing() {
    }

    /** Whether {@code headers} mark a re-sent record. */
    public static boolean isReprocess(Headers headers) {
        return headers != null && headers.lastHeader(HEADER) != null;
    }
}
