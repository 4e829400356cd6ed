package io.newsflow.enrich;

import java.util.Set;

/**
 * One enrichment step, in the manner of a CoreNLP annotator: it states what it requires and what it provides,
 * and maps a document to a new document without mutating its input.
 *
 * <p>Implementations must be thread-safe: one instance serves every stream thread. Heavy resources (models,
 * knowledge bases) are loaded once, in the constructor or a shared holder, never per call. Implementations must
 * not depend on Kafka.
 */
public interface Stage {

    /** Stable, kebab-case name used in processing metadata, logs and dead-letter headers. */
    String name();

    /** Capabilities that must be present before this stage runs. */
    Set<Capability> requires();

    /** Capabilities this stage adds. */
    Set<Capability> provides();

    /**
     * Returns the enriched document.
     *
     * @throws StageException or any runtime exception when the document cannot be enriched; the caller routes the
     *     record to the dead-letter topic naming this stage
     */
    Document apply(Document document);
}
