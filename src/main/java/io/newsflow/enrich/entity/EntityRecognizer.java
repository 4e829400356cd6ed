package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document;
import java.util.List;

/** Statistical named-entity recognition over a document's title and body. Implementations are thread-safe. */
public interface EntityRecognizer {

    /** Short name for logs and benchmarks. */
    String name();

    /** Spans of persons, organisations, locations and other names, in text order per field. */
    List<NamedSpan> recognize(Document document);
}
