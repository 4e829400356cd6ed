package io.newsflow.ingest;

import io.newsflow.schema.RawArticle;

/**
 * One item read from an input file: an article, or the reason it could not be read. Immutable.
 *
 * @param location file and line or item, e.g. {@code feed.xml#item 3} or {@code a.jsonl:17}
 * @param article the article, or null on failure
 * @param error why the item could not be read, or null on success
 */
public record ReadResult(String location, RawArticle article, String error) {

    public static ReadResult ok(String location, RawArticle article) {
        return new ReadResult(location, article, null);
    }

    public static ReadResult failed(String location, String error) {
        return new ReadResult(location, null, error);
    }

    public boolean isOk() {
        return article != null;
    }
}
