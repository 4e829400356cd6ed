package io.newsflow.topology;

import io.newsflow.enrich.Document;
import io.newsflow.schema.RawArticle;
import java.util.List;
import java.util.Locale;

/** Conversions between contract records and enrichment {@link Document}s. Stateless. */
public final class Documents {

    private Documents() {
    }

    /** A document for the normaliser. */
    public static Document fromRaw(RawArticle article) {
        String contentType = article.getContentType();
        boolean html = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
        return Document.of(article.getId(), article.getTitle(), article.getBody(), html, article.getLanguage(),
                article.getPublishedAt());
    }

    /** A document for the enrichment chain, from an already normalised article. */
    public static Document fromNormalized(RawArticle article, String normalizerName, List<String> warnings) {
        Document doc = Document.of(article.getId(), article.getTitle(), article.getBody(), false,
                article.getLanguage(), article.getPublishedAt()).withStageRun(normalizerName);
        for (String w : warnings) {
            doc = doc.withWarning(w);
        }
        return doc;
    }
}
