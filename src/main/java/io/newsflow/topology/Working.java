package io.newsflow.topology;

import io.newsflow.enrich.Document;
import io.newsflow.schema.internal.ArticleEnvelope;

/** An article between enrichment stages: its envelope (for dead-lettering) and the document so far. */
record Working(ArticleEnvelope envelope, Document document, long elapsedMicros) {

    Working advance(Document next, long micros) {
        return new Working(envelope, next, elapsedMicros + micros);
    }
}
