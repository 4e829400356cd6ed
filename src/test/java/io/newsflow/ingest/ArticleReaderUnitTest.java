package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.schema.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleReaderUnitTest {

    private static final Path FIXTURES = Path.of("src/test/resources/ingest-unit");
    private static final Path FEEDS = FIXTURES.resolve("feeds");

    private final ArticleReader reader = new ArticleReader();

    @TempDir
    Path tmp;

    private List<ReadResult> read(Path... paths) {
        try (Stream<ReadResult> results = reader.read(List.of(paths))) {
            return results.toList();
        }
    }

    @Test
    void jsonLinesReadsGoodLinesAndReportsBadOnesWithLineNumbers() {
        List<ReadResult> results = read(FIXTURES.resolve("articles.jsonl"));

        assertThat(results).extracting(r -> r.location().substring(r.location().lastIndexOf(':') + 1))
                .containsExactly("1", "3", "4", "5", "6", "7", "8", "9", "10", "11");
        assertThat(results).extracting(ReadResult::isOk)
                .containsExactly(true, false, false, true, true, false, false, false, false, true);

        RawArticle a1 = results.get(0).article();
        assertThat(a1.getId()).isEqualTo("a1");
        assertThat(a1.getUrl()).isEqualTo("https://wire.example.test/a1");
        assertThat(a1.getSource()).isEqualTo("Example Wire");
        assertThat(a1.getTitle()).isEqualTo("Port strike enters second week");
        assertThat(a1.getBody()).startsWith("Dock workers");
        assertThat(a1.getContentType()).isEqualTo("text/plain");
        assertThat(a1.getLanguage()).isEqualTo("en");
        assertThat(a1.getPublishedAt()).isEqualTo(Instant.parse("2031-03-10T08:30:00Z"));
        assertThat(a1.getIngestedAt()).as("the publisher stamps ingestedAt").isNull();
        assertThat(a1.getAuthors()).containsExactly("R. Harbour", "L. Crane");
        assertThat(a1.getKeywords()).containsExactly("labour", "shipping");
        assertThat(a1.getAttributes()).containsEntry("desk", "business").containsEntry("wordCount", "9")
                .containsEntry("exclusive", "false").hasSize(3);

        assertThat(results.get(1).location()).isEqualTo(FIXTURES.resolve("articles.jsonl") + ":3");
        assertThat(results.get(1).error()).startsWith("not valid JSON at column");
        assertThat(results.get(2).error()).isEqualTo("field 'body' is missing or blank");
        assertThat(results.get(5).error()).isEqualTo("field 'title' must be a string, got a number");
        assertThat(results.get(6).error()).contains("'publishedAt'").contains("'last Tuesday'");
        assertThat(results.get(7).error()).isEqualTo("expected a JSON object, got an array");
        assertThat(results.get(8).error()).startsWith("not valid JSON");
        assertThat(results.get(9).article().getId()).isEqualTo("12345");
        assertThat(results.get(9).article().getKeywords()).isEmpty();
    }

    @Test
    void jsonLinesDerivesStableIdsFromUrlOrText() {
        List<ReadResult> results = read(FIXTURES.resolve("articles.jsonl"));
        RawArticle fromUrl = results.get(3).article();
        RawArticle fromText = results.get(4).article();

        assertThat(fromUrl.getId()).matches("sha256:[0-9a-f]{16}")
                .isEqualTo(ArticleJson.derivedId("https://wire.example.test/no-id", "other title", "other body"));
        assertThat(fromUrl.getPublishedAt()).isEqualTo(Instant.ofEpochMilli(1930000000000L));
        assertThat(fromText.getId()).matches("sha256:[0-9a-f]{16}")
                .isEqualTo(ArticleJson.derivedId(null, "Id from the text", "An item with neither id nor URL."))
                .isNotEqualTo(fromUrl.getId());
        assertThat(read(FIXTURES.resolve("articles.jsonl")).get(4).article().getId()).isEqualTo(fromText.getId());
    }

    @Test
    void jsonLinesHandlesBomCrLfAndReportsInvalidUtf8Lines() throws IOException {
        Path file = tmp.resolve("mixed.ndjson");
        byte[] good = "\uFEFF{\"id\":\"u1\",\"body\":\"one\"}\r\n\r\n{\"id\":\"u2\",\"body\":\"two\"}\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        Files.write(file, good);
        Files.write(file, bad, StandardOpenOption.APPEND);
        Files.writeString(file, "{\"id\":\"u5\",\"body\":\"after\"}\r{\"id\":\"u6\",\"body\":\"cr\"}",
                StandardOpenOption.APPEND);

        List<ReadResult> results = read(file);

        assertThat(results).extracting(ReadResult::location)
                .containsExactly(file + ":1", file + ":3", file + ":4", file + ":5", file + ":6");
        assertThat(results.get(0).article().getId()).isEqualTo("u1");
        assertThat(results.get(1).article().getId()).isEqualTo("u2");
        assertThat(results.get(2).error()).isEqualTo("not valid UTF-8 text");
        assertThat(results.get(3).article().getId()).isEqualTo("u5");
        assertThat(results.get(4).article().getId()).isEqualTo("u6");
    }

    @Test
    void resultsAreProducedLazilyEvenThroughAnIterator() throws IOException {
        Path file = tmp.resolve("big.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add("{\"id\":\"n" + i + "\",\"body\":\"" + "x".repeat(400) + "\"}");
        }
        Files.write(file, lines);

        List<String> ids = new ArrayList<>();
        try (Stream<ReadResult> results = reader.read(List.of(file, tmp.resolve("later.txt")))) {
            Iterator<ReadResult> it = results.iterator();
            ids.add(it.next().article().getId());
            Files.writeString(file, "{\"id\":\"appended\",\"body\":\"late\"}\n", StandardOpenOption.APPEND);
            Files.writeString(tmp.resolve("later.txt"), "Created after reading began.");
            it.forEachRemaining(r -> ids.add(r.article().getId()));
        }
        assertThat(ids).hasSize(202).startsWith("n0", "n1").endsWith("n199", "appended", "later");
    }

    @Test
    void plainTextWithAndWithoutHeadline() {
        List<ReadResult> results = read(FIXTURES.resolve("plain"));

        assertThat(results).extracting(r -> r.article().getId()).containsExactly("no-headline", "with-headline");
        RawArticle noHeadline = results.get(0).article();
        assertThat(noHeadline.getTitle()).isNull();
        assertThat(noHeadline.getBody()).startsWith("Officials in Westvale").endsWith("the utility said.");
        assertThat(noHeadline.getContentType()).isEqualTo("text/plain");
        RawArticle withHeadline = results.get(1).article();
        assertThat(withHeadline.getTitle()).isEqualTo("Council approves new tram line");
        assertThat(withHeadline.getBody()).startsWith("The city council voted")
                .contains("university.\n\nConstruction").endsWith("next spring.");
        assertThat(withHeadline.getIngestedAt()).isNull();
        assertThat(results.get(1).location()).isEqualTo(FIXTURES.resolve("plain/with-headline.txt").toString());
    }

    @Test
    void plainTextEdgeCases() throws IOException {
        Path crlf = Files.writeString(tmp.resolve("crlf.TXT"), "\uFEFFHeadline\r\n\r\nBody line.\r\n");
        Path oneLine = Files.writeString(tmp.resolve("one-line.txt"), "Only one line of text.\n");
        Path headlineOnly = Files.writeString(tmp.resolve("headline-only.txt"), "Headline\n\n  \n");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), " \n");
        Path binary = Files.write(tmp.resolve("binary.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});

        List<ReadResult> results = read(crlf, oneLine, headlineOnly, empty, binary);

        assertThat(results.get(0).article().getId()).isEqualTo("crlf");
        assertThat(results.get(0).article().getTitle()).isEqualTo("Headline");
        assertThat(results.get(0).article().getBody()).isEqualTo("Body line.");
        assertThat(results.get(1).article().getTitle()).isNull();
        assertThat(results.get(1).article().getBody()).isEqualTo("Only one line of text.");
        assertThat(results.get(2).error()).isEqualTo("headline but no body");
        assertThat(results.get(3).error()).isEqualTo("empty text file");
        assertThat(results.get(4).error()).isEqualTo("not valid UTF-8 text");
    }

    @Test
    void rssItemsMapAllFields() {
        List<ReadResult> results = read(FEEDS.resolve("world.rss"));

        assertThat(results).hasSize(4);
        assertThat(results).extracting(ReadResult::location).allMatch(l -> l.contains("world.rss#item "));
        RawArticle first = results.get(0).article();
        assertThat(first.getId()).isEqualTo("ew-2031-0001");
        assertThat(first.getUrl()).isEqualTo("https://wire.example.test/world/quotas");
        assertThat(first.getSource()).isEqualTo("Example Wire: World");
        assertThat(first.getTitle()).isEqualTo("Ministers agree fishing quotas");
        assertThat(first.getBody()).isEqualTo(
                "<p>Ministers agreed new fishing quotas on Monday.</p><p>“A fair deal,” one said.</p>");
        assertThat(first.getContentType()).isEqualTo("text/html");
        assertThat(first.getLanguage()).isEqualTo("en");
        assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2031-03-10T09:30:00Z"));
        assertThat(first.getAuthors()).containsExactly("M. Tide", "K. Net");
        assertThat(first.getKeywords()).containsExactly("Fisheries", "Europe");
        assertThat(first.getIngestedAt()).isNull();

        RawArticle second = results.get(1).article();
        assertThat(second.getId()).isEqualTo("https://wire.example.test/world/fares");
        assertThat(second.getTitle()).isEqualTo("Rail fares frozen & trains added");
        assertThat(second.getBody()).isEqualTo("<p>Fares will not rise this year.</p>");
        assertThat(second.getPublishedAt()).isEqualTo(Instant.parse("2031-03-09T23:05:00Z"));
        assertThat(second.getAuthors()).isEmpty();

        RawArticle third = results.get(2).article();
        assertThat(third.getId()).isEqualTo(
                ArticleJson.derivedId(null, "An item with neither guid nor link", "Plain description text."));
        assertThat(third.getUrl()).isNull();
        assertThat(third.getPublishedAt()).as("unparseable date dropped").isNull();

        assertThat(results.get(3).isOk()).isFalse();
        assertThat(results.get(3).location()).endsWith("world.rss#item 4");
        assertThat(results.get(3).error()).isEqualTo("item has no description or content");
    }

    @Test
    void atomEntriesMapAllFields() {
        List<ReadResult> results = read(FEEDS.resolve("politics.atom"));

        assertThat(results).hasSize(4);
        RawArticle first = results.get(0).article();
        assertThat(first.getId()).isEqualTo("urn:example:politics:101");
        assertThat(first.getUrl()).isEqualTo("https://politics.example.test/budget");
        assertThat(first.getSource()).isEqualTo("Example Politics");
        assertThat(first.getTitle()).isEqualTo("Budget passes first reading");
        assertThat(first.getBody()).isEqualTo("<p>The budget passed by 98 votes to 80.</p>");
        assertThat(first.getContentType()).isEqualTo("text/html");
        assertThat(first.getLanguage()).as("xml:lang of the content").isEqualTo("en");
        assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2031-03-11T06:00:00Z"));
        assertThat(first.getAuthors()).containsExactly("E. Ledger", "F. Ballot");
        assertThat(first.getKeywords()).containsExactly("budget", "parliament");

        RawArticle second = results.get(1).article();
        assertThat(second.getId()).as("link when id is missing").isEqualTo("https://politics.example.test/leader");
        assertThat(second.getUrl()).isEqualTo("https://politics.example.test/leader");
        assertThat(second.getPublishedAt()).as("falls back to updated").isEqualTo(Instant.parse("2031-03-11T10:00:00Z"));
        assertThat(second.getBody()).startsWith("The opposition elected");
        assertThat(second.getContentType()).isEqualTo("text/plain");
        assertThat(second.getAuthors()).as("inherited from the feed").containsExactly("Politics Desk");
        assertThat(second.getLanguage()).as("xml:lang of the feed").isEqualTo("de");

        RawArticle third = results.get(2).article();
        assertThat(third.getTitle()).isEqualTo("Committee <em>report</em>");
        assertThat(third.getBody()).isEqualTo("<p>The committee found <b>no</b> wrongdoing &amp; closed the case.</p>");
        assertThat(third.getContentType()).isEqualTo("text/html");

        assertThat(results.get(3).location()).endsWith("politics.atom#entry 4");
        assertThat(results.get(3).error()).isEqualTo("entry has no content or summary");
    }

    @Test
    void malformedXmlKeepsCompletedItemsAndReportsTheFile() {
        Path file = FEEDS.resolve("truncated.xml");
        List<ReadResult> results = read(file);

        assertThat(results).hasSize(2);
        assertThat(results.get(0).article().getId()).isEqualTo("tr-1");
        assertThat(results.get(0).article().getSource()).isEqualTo("Truncated Feed");
        assertThat(results.get(1).location()).isEqualTo(file.toString());
        assertThat(results.get(1).error()).startsWith("malformed feed XML at line");
    }

    @Test
    void xmlThatIsNotAFeedOrIsEmptyIsReported() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.rss"), "");

        List<ReadResult> results = read(FEEDS.resolve("not-a-feed.xml"), empty);

        assertThat(results.get(0).error()).isEqualTo("not an RSS or Atom feed (root element <catalog>)");
        assertThat(results.get(1).error()).startsWith("malformed feed XML");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        List<ReadResult> results = read(FEEDS.resolve("xxe.rss"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.isOk()).isFalse();
            assertThat(r.error()).contains("secret").doesNotContain("root:");
        });
    }

    @Test
    void externalDtdIsNotFetchedAndInternalEntitiesAreNotExpanded() {
        List<ReadResult> dtd = read(FEEDS.resolve("external-dtd.rss"));
        assertThat(dtd).singleElement().satisfies(r -> assertThat(r.article().getBody()).isEqualTo("Text & more text."));

        List<ReadResult> laughs = read(FEEDS.resolve("billion-laughs.xml"));
        assertThat(laughs).singleElement().satisfies(r -> assertThat(r.error()).startsWith("malformed feed XML"));
    }

    @Test
    void folderWalkIsRecursiveSortedAndSkipsHiddenAndUnsupportedFiles() throws IOException {
        Files.createDirectories(tmp.resolve("b/sub"));
        Files.createDirectories(tmp.resolve(".git"));
        Files.writeString(tmp.resolve("b/sub/deep.txt"), "Deep body.");
        Files.writeString(tmp.resolve("b/a.txt"), "B-a body.");
        Files.writeString(tmp.resolve("a.jsonl"), "{\"id\":\"j\",\"body\":\"json\"}\n");
        Files.writeString(tmp.resolve("c.txt"), "C body.");
        Files.writeString(tmp.resolve(".hidden.txt"), "Hidden body.");
        Files.writeString(tmp.resolve(".git/config.txt"), "Hidden folder.");
        Files.writeString(tmp.resolve("README.md"), "Not an article.");

        List<ReadResult> results = read(tmp);

        assertThat(results).allMatch(ReadResult::isOk)
                .extracting(r -> r.article().getId()).containsExactly("j", "a", "deep", "c");
    }

    @Test
    void fixtureFolderWalk() {
        List<ReadResult> results = read(FIXTURES);

        assertThat(results).extracting(ReadResult::location)
                .noneMatch(l -> l.contains(".hidden") || l.contains("notes.md"));
        assertThat(results.stream().filter(ReadResult::isOk).count()).isEqualTo(4 + 3 + 3 + 1 + 1 + 2);
        assertThat(results.get(0).location()).endsWith("articles.jsonl:1");
        assertThat(results.get(results.size() - 1).location()).endsWith("with-headline.txt");
    }

    @Test
    void missingUnsupportedAndCyclicPathsAreReported() throws IOException {
        Path notes = FIXTURES.resolve("notes.md");
        Path loopDir = Files.createDirectories(tmp.resolve("loop"));
        Files.createSymbolicLink(loopDir.resolve("again"), loopDir);
        Files.writeString(loopDir.resolve("x.txt"), "Loop body.");

        List<ReadResult> results = read(tmp.resolve("missing.jsonl"), notes, loopDir);

        assertThat(results.get(0).error()).isEqualTo("no such file or directory");
        assertThat(results.get(1).location()).isEqualTo(notes.toString());
        assertThat(results.get(1).error()).startsWith("unsupported file type");
        assertThat(results.get(2).location()).endsWith("again");
        assertThat(results.get(2).error()).contains("cycle");
        assertThat(results.get(3).article().getId()).isEqualTo("x");
        assertThat(results).hasSize(4);
    }

    @Test
    void extensionsAreCaseInsensitive() {
        assertThat(ArticleReader.isSupported(Path.of("A.JSONL"))).isTrue();
        assertThat(ArticleReader.isSupported(Path.of("feed.Atom"))).isTrue();
        assertThat(ArticleReader.isSupported(Path.of("notes.md"))).isFalse();
        assertThat(ArticleReader.isSupported(Path.of("noext"))).isFalse();
    }
}
