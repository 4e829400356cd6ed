package io.newsflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.language.LanguageStage;
import io.newsflow.enrich.normalize.NormalizeStage;
import io.newsflow.error.DeadLetter;
import io.newsflow.error.DeadLetterHeaders;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.ArticleEnvelope;
import io.newsflow.serde.SerdeFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsflowTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final String BODY = "Foreign ministers of the Group of Seven met in Ottawa on Thursday to "
            + "discuss a ceasefire proposal.\nThe talks ended without an agreement, officials said, but a "
            + "second round is expected next month in Geneva.";

    @TempDir
    Path stateDir;

    private final SerdeFactory serdes = SerdeFactory.singleObject();
    private final Topics topics = Topics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<String, byte[]> deadLetters;

    private void start(PipelineStages stages, Duration retention) {
        start(stages, retention, PipelineConfig.DEFAULT_MAX_ENRICHED_RECORD_BYTES);
    }

    private void start(PipelineStages stages, Duration retention, int maxEnrichedRecordBytes) {
        PipelineConfig config = new PipelineConfig(topics, retention, 10_000, 200, 64 * 1024, "test")
                .withMaxBodyBytes(20_000).withMaxEnrichedRecordBytes(maxEnrichedRecordBytes);
        Topology topology = NewsflowTopology.build(config, stages, serdes, Clock.fixed(T0, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic(topics.articles(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, Duration.ofSeconds(1));
        enriched = driver.createOutputTopic(topics.enriched(), Serdes.String().deserializer(),
                serdes.valueSerde(EnrichedArticle.class).deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    private void start() {
        start(PipelineStages.standard(), Duration.ofDays(1));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private static RawArticle article(String id, String url, String title, String body) {
        return RawArticle.newBuilder().setId(id).setUrl(url).setTitle(title).setBody(body)
                .setPublishedAt(T0).build();
    }

    private byte[] bytes(RawArticle article) {
        return serdes.valueSerde(RawArticle.class).serializer().serialize(topics.articles(), article);
    }

    @Test
    void enrichesAValidArticleAndKeysItById() {
        start();
        input.pipeInput("a1", bytes(article("a1", "https://news.example.org/a1", "G7 talks end", BODY)));

        TestRecord<String, EnrichedArticle> out = enriched.readRecord();
        assertThat(out.key()).isEqualTo("a1");
        EnrichedArticle a = out.value();
        assertThat(a.getBody()).isEqualTo(BODY);
        assertThat(a.getTitle()).isEqualTo("G7 talks end");
        assertThat(a.getDetectedLanguage().getCode()).isEqualTo("en");
        assertThat(a.getProcessing().getStages()).containsExactly("normalize", "language", "entities", "quotes", "stances",
                "quote-stances");
        assertThat(a.getProcessing().getRevision()).isEqualTo(1);
        assertThat(a.getProcessing().getPipelineVersion()).isEqualTo("test");
        assertThat(a.getProcessing().getProcessedAt()).isEqualTo(T0);
        assertThat(a.getContentHash()).hasSize(64);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void normalisesHtmlBeforeEnrichment() {
        start();
        RawArticle html = RawArticle.newBuilder(article("h1", null, "<b>Talks</b> &amp; more",
                "<p>Ministers met in <a href=\"x\">Ottawa</a>&nbsp;on Thursday to discuss a ceasefire.</p>"
                        + "<script>track()</script><p>No   deal was reached.</p>"))
                .setContentType("text/html").build();
        input.pipeInput("h1", bytes(html));

        EnrichedArticle a = enriched.readValue();
        assertThat(a.getTitle()).isEqualTo("Talks & more");
        assertThat(a.getBody()).isEqualTo("Ministers met in Ottawa on Thursday to discuss a ceasefire.\n"
                + "No deal was reached.");
    }

    @Test
    void unreadableBytesGoToTheDeadLetterTopicWithTheirOriginalBytesAndReason() {
        start();
        byte[] garbage = "{\"id\":\"not avro\"}".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>("x1", garbage, headers, T0));
        input.pipeInput("a1", bytes(article("a1", null, "t", BODY)));

        TestRecord<String, byte[]> dl = deadLetters.readRecord();
        assertThat(dl.key()).isEqualTo("x1");
        assertThat(dl.value()).isEqualTo(garbage);
        assertThat(header(dl, DeadLetterHeaders.STAGE)).isEqualTo("parse");
        assertThat(header(dl, DeadLetterHeaders.REASON)).contains("single-object");
        assertThat(header(dl, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("news-articles");
        assertThat(header(dl, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dl, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dl, "trace-id")).isEqualTo("abc");
        assertThat(enriched.readValue().getId()).as("the stream keeps running").isEqualTo("a1");
    }

    @Test
    void invalidArticlesAreDeadLetteredNamingTheRule() {
        start();
        byte[] blank = bytes(article("b1", null, "t", "   "));
        byte[] mismatch = bytes(article("c1", null, "t", BODY));
        byte[] tooBig = bytes(article("d1", null, "t", "word ".repeat(3_000)));
        byte[] onlyMarkup = bytes(RawArticle.newBuilder(article("e1", null, "t", "<p> </p><script>x()</script>"))
                .setContentType("text/html").build());
        input.pipeInput("b1", blank);
        input.pipeInput("other-key", mismatch);
        input.pipeInput("d1", tooBig);
        input.pipeInput("e1", onlyMarkup);
        input.pipeInput("z1", (byte[]) null);

        List<TestRecord<String, byte[]>> dls = deadLetters.readRecordsToList();
        assertThat(dls).extracting(r -> header(r, DeadLetterHeaders.ERROR_CLASS))
                .containsExactly("missing-body", "key-mismatch", "body-too-large", "empty-after-normalization",
                        "null-value");
        assertThat(dls).extracting(r -> header(r, DeadLetterHeaders.STAGE))
                .containsExactly("validate", "validate", "validate", "normalize", "parse");
        assertThat(dls.get(0).value()).isEqualTo(blank);
        assertThat(dls.get(1).value()).isEqualTo(mismatch);
        assertThat(dls.get(1).key()).as("original key kept").isEqualTo("other-key");
        assertThat(header(dls.get(2), DeadLetterHeaders.REASON)).contains("15000 characters, limit 10000");
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void aBodyWithinTheCharacterLimitButOverTheByteLimitIsDeadLetteredAndTheNextArticleEnriched() {
        start();
        String cjk = "\u5e02\u8bae\u4f1a\u5468\u56db\u901a\u8fc7\u4e86\u9884\u7b97\u3002".repeat(700);
        byte[] tooManyBytes = bytes(article("k1", null, "t", cjk)); // 7,700 characters, 23,100 bytes
        input.pipeInput("k1", tooManyBytes);
        input.pipeInput("a1", bytes(article("a1", null, "t", BODY)));

        TestRecord<String, byte[]> dl = deadLetters.readRecord();
        assertThat(dl.key()).isEqualTo("k1");
        assertThat(dl.value()).isEqualTo(tooManyBytes);
        assertThat(header(dl, DeadLetterHeaders.STAGE)).isEqualTo("validate");
        assertThat(header(dl, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("body-too-large-bytes");
        assertThat(header(dl, DeadLetterHeaders.REASON)).contains("7700 characters").contains("limit 20000 bytes");
        assertThat(enriched.readValue().getId()).isEqualTo("a1");
    }

    @Test
    void anEnrichedRecordTooLargeForTheEnrichedTopicIsDeadLetteredBeforeItIsSent() {
        start(PipelineStages.standard(), Duration.ofDays(1), 6_000);
        byte[] longer = bytes(article("L1", null, "t", (BODY + "\n").repeat(40)));
        input.pipeInput("a1", bytes(article("a1", null, "t", BODY)));
        input.pipeInput("L1", longer);
        input.pipeInput("a2", bytes(article("a2", null, "t", BODY + "\nA second paragraph.")));

        assertThat(enriched.readValuesToList()).extracting(EnrichedArticle::getId).containsExactly("a1", "a2");
        TestRecord<String, byte[]> dl = deadLetters.readRecord();
        assertThat(dl.key()).isEqualTo("L1");
        assertThat(dl.value()).isEqualTo(longer);
        assertThat(header(dl, DeadLetterHeaders.STAGE)).isEqualTo("produce");
        assertThat(header(dl, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("record-too-large");
        assertThat(header(dl, DeadLetterHeaders.REASON)).contains(topics.enriched()).contains("max.message.bytes 6000");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void dropsTheSameIdWithTheSameBodyAndPassesCorrectionsAsNewRevisions() {
        start();
        input.pipeInput("a1", bytes(article("a1", null, "t", BODY)));
        input.pipeInput("a1", bytes(article("a1", null, "t", BODY)));
        input.pipeInput("a1", bytes(article("a1", null, "t", BODY + "\nCorrection: the talks were in Toronto.")));

        List<EnrichedArticle> out = enriched.readValuesToList();
        assertThat(out).extracting(a -> a.getProcessing().getRevision()).containsExactly(1, 2);
    }

    /**
     * The repartition by body hash can deliver revision 2 of an id before revision 1 (they hash to different
     * partitions, served by different tasks). Here the two arrive at the id-keyed gate in that crossed order, for
     * many ids: every stale revision is dropped, so the last enriched record of each id is its highest revision.
     */
    @Test
    void aRevisionArrivingAfterAHigherOneOfTheSameIdIsDroppedSoTheHighestIsLast() {
        start();
        TestInputTopic<String, ArticleEnvelope> byId = driver.createInputTopic(
                "newsflow-test-" + NewsflowTopology.REPARTITION_BY_ID + "-repartition",
                Serdes.String().serializer(), serdes.valueSerde(ArticleEnvelope.class).serializer(), T0,
                Duration.ofMillis(10));
        int ids = 40;
        for (int i = 0; i < ids; i++) {
            String id = "c" + i;
            boolean crossed = i % 3 != 0;
            int first = crossed ? 2 : 1;
            byId.pipeInput(id, envelope(id, first));
            byId.pipeInput(id, envelope(id, 3 - first));
        }

        List<EnrichedArticle> out = enriched.readValuesToList();
        Map<String, EnrichedArticle> last = new HashMap<>();
        for (EnrichedArticle a : out) {
            EnrichedArticle before = last.put(a.getId(), a);
            if (before != null) {
                assertThat(a.getProcessing().getRevision()).isGreaterThan(before.getProcessing().getRevision());
            }
        }
        assertThat(last).hasSize(ids);
        assertThat(last.values()).allSatisfy(a -> {
            assertThat(a.getProcessing().getRevision()).isEqualTo(2);
            assertThat(a.getBody()).endsWith("Revision 2.");
        });
        assertThat(out).hasSize(ids + (ids + 2) / 3);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private ArticleEnvelope envelope(String id, int revision) {
        String body = BODY + "\nRevision " + revision + ".";
        RawArticle a = article(id, null, "Talks", body);
        return ArticleEnvelope.newBuilder()
                .setArticle(a)
                .setContentHash(NormalizeProcessor.sha256(body))
                .setRevision(revision)
                .setOriginal(ByteBuffer.wrap(bytes(a)))
                .setSourceTopic(topics.articles())
                .setSourcePartition(0)
                .setSourceOffset(revision)
                .setNormaliseMicros(0L)
                .setWarnings(List.of())
                .build();
    }

    @Test
    void anOversizedRecordIsDeadLetteredAsABoundedPrefixWithItsSizeHashAndSource() throws Exception {
        start();
        byte[] huge = new byte[700 * 1024];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = (byte) ('a' + i % 26);
        }
        input.pipeInput("big", huge);

        TestRecord<String, byte[]> dl = deadLetters.readRecord();
        assertThat(dl.key()).isEqualTo("big");
        assertThat(dl.value()).hasSize(DeadLetter.KEPT_PREFIX_BYTES)
                .isEqualTo(Arrays.copyOf(huge, DeadLetter.KEPT_PREFIX_BYTES));
        assertThat(header(dl, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
        assertThat(header(dl, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(huge.length));
        assertThat(header(dl, DeadLetterHeaders.ORIGINAL_SHA256)).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(huge)));
        assertThat(header(dl, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.articles());
        assertThat(header(dl, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dl, DeadLetterHeaders.REASON)).isNotBlank();
    }

    @Test
    void dropsTheSameBodyPublishedUnderAnotherUrlWithinTheRetention() {
        start(PipelineStages.standard(), Duration.ofHours(1));
        input.pipeInput("a1", bytes(article("a1", "https://one.example.org/a", "t", BODY)), T0);
        input.pipeInput("a2", bytes(article("a2", "https://two.example.org/b", "t",
                "<p>" + BODY.replace("\n", "</p>\n<p>") + "</p>")),
                T0.plusSeconds(60));
        input.pipeInput("a3", bytes(article("a3", "https://three.example.org/c", "t", BODY)),
                T0.plus(Duration.ofHours(2)));

        assertThat(enriched.readValuesToList()).extracting(EnrichedArticle::getId).containsExactly("a1", "a3");
    }

    @Test
    void aFailingStageSendsTheRecordToTheDeadLetterTopicNamingTheStage() {
        Stage exploding = new Stage() {
            @Override
            public String name() {
                return "explode";
            }

            @Override
            public Set<Capability> requires() {
                return Set.of(Capability.LANGUAGE);
            }

            @Override
            public Set<Capability> provides() {
                return Set.of(Capability.ENTITIES);
            }

            @Override
            public Document apply(Document document) {
                if (document.body().contains("boom")) {
                    throw new IllegalArgumentException("cannot handle boom");
                }
                return document.withEntities(List.of());
            }
        };
        start(PipelineStages.of(new NormalizeStage(), List.of(LanguageStage.shared(), exploding)), Duration.ofDays(1));
        byte[] bad = bytes(article("a1", null, "t", BODY + " boom"));
        input.pipeInput("a1", bad);
        input.pipeInput("a2", bytes(article("a2", null, "t", BODY + " Another sentence.")));

        TestRecord<String, byte[]> dl = deadLetters.readRecord();
        assertThat(dl.key()).as("keyed by article id, not by the internal body hash").isEqualTo("a1");
        assertThat(dl.value()).isEqualTo(bad);
        assertThat(header(dl, DeadLetterHeaders.STAGE)).isEqualTo("explode");
        assertThat(header(dl, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(dl, DeadLetterHeaders.REASON)).contains("cannot handle boom");
        EnrichedArticle ok = enriched.readValue();
        assertThat(ok.getId()).isEqualTo("a2");
        assertThat(ok.getProcessing().getStages()).containsExactly("normalize", "language", "explode");
    }

    @Test
    void everyNodeAndStoreIsNamed() {
        PipelineConfig config = PipelineConfig.defaults(topics);
        String description = NewsflowTopology.build(config, PipelineStages.standard(), serdes).describe().toString();

        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description).contains("Source: read-articles (topics: [news-articles])",
                "Processor: parse-article", "Processor: validate-article", "Processor: normalize-article",
                "Processor: dedupe-by-id (stores: [article-ids])",
                "Processor: dedupe-by-body (stores: [article-body-hashes])",
                "Processor: order-revisions (stores: [article-revisions])", "by-article-id-repartition",
                "Processor: enrich-language", "Processor: enrich-entities", "Processor: enrich-quotes",
                "Processor: assemble-enriched",
                "Sink: write-enriched (topic: news-articles-enriched)",
                "Sink: write-dead-letters-ingest (topic: news-articles-dlq)",
                "Sink: write-dead-letters-enrich (topic: news-articles-dlq)",
                "by-body-hash-repartition");
    }

    @Test
    void topicNamesComeFromConfiguration() {
        Topics custom = new Topics("in", "out", "dead", "alerts", "mentions");
        String description = NewsflowTopology.build(PipelineConfig.defaults(custom), PipelineStages.standard(),
                serdes).describe().toString();
        assertThat(description).contains("(topics: [in])", "(topic: out)", "(topic: dead)")
                .doesNotContain("news-articles");
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        return DeadLetterHeaders.get(record.headers(), key);
    }
}
