package io.newsflow.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hand-written near-duplicate evaluation set under {@code src/test/resources/near-duplicates}. Immutable. */
public record EvalCorpus(List<Article> articles) {

    /** One article: {@code kind} is original, copy or distinct; {@code of} the original it copies or resembles. */
    public record Article(String id, String kind, String of, String title, String body) {
        public boolean isCopy() {
            return kind.equals("copy");
        }
    }

    /** A scored pair; {@code copy} is the truth. */
    record Pair(Article a, Article b, boolean copy) {
    }

    public static EvalCorpus load() {
        List<Article> all = new ArrayList<>();
        all.addAll(parse(read("/near-duplicates/originals.txt")));
        all.addAll(parse(read("/near-duplicates/copies.txt")));
        return new EvalCorpus(List.copyOf(all));
    }

    public List<Article> originals() {
        return articles.stream().filter(a -> a.kind().equals("original")).toList();
    }

    /**
     * Every copy or distinct article against every original: a pair is a copy exactly when the article copies
     * that original.
     */
    List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Article a : articles) {
            if (a.kind().equals("original")) {
                continue;
            }
            for (Article o : originals()) {
                pairs.add(new Pair(a, o, a.isCopy() && a.of().equals(o.id())));
            }
        }
        for (int i = 0; i < originals().size(); i++) {
            for (int j = i + 1; j < originals().size(); j++) {
                pairs.add(new Pair(originals().get(i), originals().get(j), false));
            }
        }
        return pairs;
    }

    private static String read(String resource) {
        try (InputStream in = EvalCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Article> parse(String text) {
        List<Article> out = new ArrayList<>();
        String[] head = null;
        String title = null;
        StringBuilder body = new StringBuilder();
        for (String line : (text + "\n=== end end").split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (head != null) {
                    out.add(new Article(head[0], head[1], head.length > 2 ? head[2] : null, title,
                            body.toString().strip()));
                }
                head = line.substring(4).trim().split("\\s+");
                title = null;
                body.setLength(0);
            } else if (head != null && title == null && line.startsWith("title: ")) {
                title = line.substring("title: ".length());
            } else if (head != null) {
                body.append(line).append('\n');
            }
        }
        return out;
    }

    /** The article with {@code id}. */
    public Article get(String id) {
        return articles.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no article " + id));
    }
}
