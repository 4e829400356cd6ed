package io.newsflow.it;

import io.newsflow.ingest.ArticleJson;
import io.newsflow.schema.RawArticle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bundled sample articles (the project's own texts) for integration tests. Stateless. */
public final class SampleArticles {

    private SampleArticles() {
    }

    /** The first {@code n} sample articles, stamped as ingested now. */
    public static List<RawArticle> first(int n) {
        List<RawArticle> out = new ArrayList<>();
        try (InputStream in = SampleArticles.class.getResourceAsStream("/samples/articles.jsonl");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && out.size() < n) {
                if (!line.isBlank()) {
                    RawArticle a = ArticleJson.parseArticle(line, "sample");
                    a.setIngestedAt(Instant.now());
                    out.add(a);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
