package io.newsflow.ingest;

import io.newsflow.schema.RawArticle;
import java.util.Objects;

/**
 * One item produced by {@link ArticleReader}: an article, or the reason an item, a file or a path could not be read.
 * Exactly one of {@code article} and {@code error} is non-null; use {@link #ok} and {@link #failed} to build one.
 * The record itself is immutable; the {@link RawArticle} it carries is a fresh, mutable Avro object owned by the
 * caller.
 *
 * @param location where the item came from: the path as given or found during a folder walk, plus {@code :LINE}
 *     (1-based) for JSON Lines or {@code #item N} / {@code #entry N} (1-based) for feed items, e.g.
 *     {@code a.jsonl:17}, {@code feed.xml#item 3}; just the path for whole-file results
 * @param article the article, or null on failure
 * @param error a one-line reason the item could not be read, or null on success
 */
public record ReadResult(String location, RawArticle article, String error) {

    public ReadResult {
        Objects.requireNonNull(location, "location");
        if ((article == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of article and error must be set");
        }
    }

    /** A successfully read article. */
    public static ReadResult ok(String location, RawArticle article) {
        return new ReadResult(location, Objects.requireNonNull(article, "article"), null);
    }

    /** An item, file or path that could not be read. */
    public static ReadResult failed(String location, String error) {
        return new ReadResult(location, null, Objects.requireNonNull(error, "error"));
    }

    /** True when this result carries an article. */
    public boolean isOk() {
        return article != null;
    }
}
