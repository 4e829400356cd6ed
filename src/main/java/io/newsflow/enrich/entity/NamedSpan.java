package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document;

/**
 * A typed name found in one text field by a recogniser. Immutable.
 *
 * @param field title or body
 * @param start start offset, inclusive
 * @param end end offset, exclusive
 * @param text the covered text
 * @param type coarse type
 */
public record NamedSpan(Document.Field field, int start, int end, String text, Document.EntityType type) {

    /** True when the two spans share a character in the same field. */
    public boolean overlaps(NamedSpan other) {
        return field == other.field && start < other.end && other.start < end;
    }
}
