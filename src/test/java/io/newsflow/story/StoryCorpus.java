package io.newsflow.story;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.topology.Documents;
import io.newsflow.topology.EnrichedArticles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written story evaluation set under {@code src/test/resources/stories}, enriched by the real language and
 * entity stages (so the people and places are the ones the pipeline would find). Immutable.
 */
record StoryCorpus(List<Item> items) {

    /** One article, its event label (same label = same story) and its story features. */
    record Item(String id, String event, EnrichedArticle article, StoryFeatures features) {
    }

    /** A pair of articles; {@code sameStory} is the truth. */
    record Pair(Item a, Item b, boolean sameStory) {
    }

    static StoryCorpus load() {
        PipelineStages stages = PipelineStages.named(List.of("language", "entities"));
        java.util.Set<String> stopWords = StoryClusterer.stopWords();
        List<Item> items = new ArrayList<>();
        for (String[] parsed : parse(read("/stories/articles.txt"))) {
            Instant published = Instant.parse(parsed[2]);
            RawArticle raw = RawArticle.newBuilder().setId(parsed[0]).setTitle(parsed[3]).setBody(parsed[4])
                    .setPublishedAt(published).build();
            Document doc = stages.process(Documents.fromRaw(raw));
            EnrichedArticle article = EnrichedArticles.from(raw, "", 1, doc, "eval", published, 0);
            items.add(new Item(parsed[0], parsed[1], article,
                    StoryFeatures.of(article, published.toEpochMilli(), stopWords)));
        }
        return new StoryCorpus(List.copyOf(items));
    }

    /** Every unordered pair of articles. */
    List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                pairs.add(new Pair(items.get(i), items.get(j), items.get(i).event().equals(items.get(j).event())));
            }
        }
        return pairs;
    }

    /** [id, event, publishedAt, title, body] per article, in file order. */
    private static List<String[]> parse(String text) {
        List<String[]> out = new ArrayList<>();
        String[] head = null;
        String title = null;
        StringBuilder body = new StringBuilder();
        for (String line : (text + "\n=== end").split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("=== ")) {
                if (head != null) {
                    out.add(new String[] {head[1], head[2], head[3], title,
                            body.toString().strip().replaceAll("\n\n+", "\n")});
                }
                head = line.split(" ");
                title = null;
                body.setLength(0);
            } else if (line.startsWith("title: ")) {
                title = line.substring("title: ".length());
            } else if (head != null) {
                body.append(line).append('\n');
            }
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = StoryCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
