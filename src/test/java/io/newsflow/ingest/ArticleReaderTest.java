package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.schema.RawArticle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArticleReaderTest {

    private static final Path DIR = Path.of("src/test/resources/readers");
    private final ArticleReader reader = new ArticleReader();

    private List<ReadResult> read(Path... paths) {
        try (Stream<ReadResult> s = reader.read(List.of(paths))) {
            return s.toList();
        }
    }

    @Test
    void readsJsonLinesAndReportsBadLinesWithTheirNumbers() {
        List<ReadResult> results = read(DIR.resolve("mixed.jsonl"));
        assertThat(results).hasSize(5);
        RawArticle j1 = results.get(0).article();
        assertThat(j1.getId()).isEqualTo("j1");
        assertThat(j1.getPublishedAt()).isEqualTo(Instant.parse("2026-11-20T09:30:00Z"));
        assertThat(j1.getAuthors()).containsExactly("A. Reporter");
        assertThat(j1.getAttributes()).containsEntry("desk", "europe");
        assertThat(results.get(1).isOk()).isFalse();
        assertThat(results.get(1).location()).endsWith("mixed.jsonl:2");
        assertThat(results.get(1).error()).contains("not valid JSON");
        assertThat(results.get(2).location()).endsWith("mixed.jsonl:3");
        assertThat(results.get(2).error()).contains("'body'");
        RawArticle derived = results.get(3).article();
        assertThat(derived.getId()).startsWith("sha256:").hasSize(7 + 16);
        assertThat(derived.getPublishedAt()).isEqualTo(Instant.ofEpochMilli(1763631000000L));
        assertThat(results.get(4).error()).contains("'authors'");
    }

    @Test
    void readsPlainTextWithAndWithoutHeadline() {
        List<ReadResult> results = read(DIR.resolve("plain"));
        assertThat(results).extracting(r -> r.article().getId()).containsExactly("one", "two");
        assertThat(results.get(0).article().getTitle()).isEqualTo("Summit ends without agreement");
        assertThat(results.get(0).article().getBody()).startsWith("The two-day summit");
        assertThat(results.get(1).article().getTitle()).isNull();
        assertThat(results.get(1).article().getBody()).startsWith("The second file has no headline");
    }

    @Test
    void readsRssItemsPreferringFullContent() {
        List<ReadResult> results = read(DIR.resolve("feed-rss.xml"));
        assertThat(results).hasSize(3);
        RawArticle first = results.get(0).article();
        assertThat(first.getId()).isEqualTo("ew-2026-climate-1");
        assertThat(first.getSource()).isEqualTo("Example Wire World");
        assertThat(first.getBody()).contains("<p>Leaders from more than 100 countries");
        assertThat(first.getContentType()).isEqualTo("text/html");
        assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2026-11-20T09:30:00Z"));
        assertThat(first.getAuthors()).containsExactly("C. Climate");
        assertThat(first.getKeywords()).containsExactly("Climate", "Diplomacy");
        RawArticle second = results.get(1).article();
        assertThat(second.getId()).isEqualTo("https://news.example.org/business/rates");
        assertThat(second.getPublishedAt()).isEqualTo(Instant.parse("2026-11-19T16:00:00Z"));
        assertThat(results.get(2).error()).contains("no description or content");
        assertThat(results.get(2).location()).endsWith("#item 3");
    }

    @Test
    void readsAtomEntries() {
        List<ReadResult> results = read(DIR.resolve("feed-atom.xml"));
        assertThat(results).allMatch(ReadResult::isOk).hasSize(2);
        RawArticle first = results.get(0).article();
        assertThat(first.getId()).isEqualTo("urn:example:politics:1");
        assertThat(first.getUrl()).isEqualTo("https://politics.example.org/defence-bill");
        assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(first.getAuthors()).containsExactly("D. Lobby");
        assertThat(first.getContentType()).isEqualTo("text/html");
        RawArticle second = results.get(1).article();
        assertThat(second.getPublishedAt()).as("falls back to updated").isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(second.getContentType()).isEqualTo("text/plain");
        assertThat(second.getSource()).isEqualTo("Example Politics");
    }

    @Test
    void malformedXmlAndExternalEntitiesAreReportedNotThrownOrResolved() {
        List<ReadResult> broken = read(DIR.resolve("broken-rss.xml"));
        assertThat(broken).singleElement().satisfies(r -> assertThat(r.error()).contains("malformed feed XML"));
        List<ReadResult> xxe = read(DIR.resolve("xxe.xml"));
        assertThat(xxe).singleElement().satisfies(r -> {
            assertThat(r.isOk()).isFalse();
            assertThat(r.error()).doesNotContain("root:");
        });
    }

    @Test
    void missingAndUnsupportedFilesAreReported() {
        assertThat(read(DIR.resolve("nope.jsonl"))).singleElement()
                .satisfies(r -> assertThat(r.error()).contains("no such file"));
        assertThat(read(Path.of("pom.xml"))).singleElement()
                .satisfies(r -> assertThat(r.error()).contains("not an RSS or Atom feed"));
    }

    @Test
    void walksFoldersInNameOrder() {
        List<ReadResult> results = read(DIR);
        assertThat(results).extracting(ReadResult::location)
                .anyMatch(l -> l.contains("feed-atom.xml")).anyMatch(l -> l.contains("plain/one.txt"));
        assertThat(results.stream().filter(ReadResult::isOk).count()).isEqualTo(2 + 2 + 2 + 2);
    }
}
