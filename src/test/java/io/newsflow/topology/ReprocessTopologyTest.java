package io.newsflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.normalize.NormalizeStage;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.SerdeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-enrichment entry point ({@link Reprocessing}) on {@code TopologyTestDriver}: a re-sent article is
 * published again only when the current chain's result differs, as the next revision; unchanged ones, articles a
 * correction replaced, and articles beyond the retention are not published; a later correction never reuses a
 * revision number.
 */
class ReprocessTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final String BODY = "Ministers met in Ottawa on Thursday to discuss a ceasefire proposal.\n"
            + "The talks ended without an agreement, but a second round is expected next month.";

    @TempDir
    Path stateDir;

    /** What the stand-in language stage answers: changing it is the "model upgrade". */
    private final AtomicReference<String> language = new AtomicReference<>("en");
    private final SerdeFactory serdes = SerdeFactory.singleObject();
    private final Topics topics = Topics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, EnrichedArticle> enriched;

    @BeforeEach
    void start() {
        Stage upgradable = new Stage() {
            @Override
            public String name() {
                return "language";
            }

            @Override
            public Set<Capability> requires() {
                return Set.of(Capability.NORMALIZED_TEXT);
            }

            @Override
            public Set<Capability> provides() {
                return Set.of(Capability.LANGUAGE);
            }

            @Override
            public Document apply(Document document) {
                return document.withLanguage(new Document.Language(language.get(), 0.9));
            }
        };
        PipelineConfig config = new PipelineConfig(topics, Duration.ofDays(1), 10_000, 200, 64 * 1024, "v2");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(NewsflowTopology.build(config,
                PipelineStages.of(new NormalizeStage(), List.of(upgradable)), serdes,
                Clock.fixed(T0, ZoneOffset.UTC)), props);
        input = driver.createInputTopic(topics.articles(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, Duration.ofSeconds(1));
        enriched = driver.createOutputTopic(topics.enriched(), Serdes.String().deserializer(),
                serdes.valueSerde(EnrichedArticle.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private byte[] bytes(String id, String body) {
        return serdes.valueSerde(RawArticle.class).serializer().serialize(topics.articles(),
                RawArticle.newBuilder().setId(id).setTitle("Talks").setBody(body).setPublishedAt(T0).build());
    }

    private void resend(String id, byte[] original, Instant timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Reprocessing.HEADER, "req-1".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>(id, original, headers, timestamp));
    }

    @Test
    void publishesOnlyAChangedResultAsTheNextRevision() {
        byte[] a1 = bytes("a1", BODY);
        input.pipeInput(new TestRecord<>("a1", a1, new RecordHeaders(), T0));
        assertThat(enriched.readValue().getProcessing().getRevision()).isEqualTo(1);

        resend("a1", a1, T0);
        assertThat(enriched.isEmpty()).as("same model, same result: nothing published").isTrue();

        language.set("fr");
        resend("a1", a1, T0);
        EnrichedArticle revised = enriched.readValue();
        assertThat(revised.getId()).isEqualTo("a1");
        assertThat(revised.getDetectedLanguage().getCode()).isEqualTo("fr");
        assertThat(revised.getProcessing().getPipelineVersion()).isEqualTo("v2");
        // the unchanged re-send raised the stored revision too (2), so the changed one is 3: never a reused number
        assertThat(revised.getProcessing().getRevision()).isEqualTo(3);

        resend("a1", a1, T0);
        assertThat(enriched.isEmpty()).as("re-sent again with the same model").isTrue();

        input.pipeInput(new TestRecord<>("a1", bytes("a1", BODY + " A correction."), new RecordHeaders(),
                T0.plusSeconds(60)));
        assertThat(enriched.readValue().getProcessing().getRevision()).as("a later correction").isEqualTo(5);
    }

    @Test
    void dropsAReSendThatALaterCorrectionReplacedOrThatIsBeyondTheRetention() {
        byte[] original = bytes("a1", BODY);
        input.pipeInput(new TestRecord<>("a1", original, new RecordHeaders(), T0));
        input.pipeInput(new TestRecord<>("a1", bytes("a1", BODY + " Updated."), new RecordHeaders(),
                T0.plusSeconds(10)));
        assertThat(enriched.readValuesToList()).hasSize(2);

        language.set("fr");
        resend("a1", original, T0);
        assertThat(enriched.isEmpty()).as("the re-sent body is no longer the article's").isTrue();

        byte[] old = bytes("b1", BODY + " Another story.");
        input.pipeInput(new TestRecord<>("b1", old, new RecordHeaders(), T0.plusSeconds(20)));
        enriched.readValue();
        input.pipeInput(new TestRecord<>("c1", bytes("c1", BODY + " Much later."), new RecordHeaders(),
                T0.plus(Duration.ofDays(3))));
        enriched.readValue();
        resend("b1", old, T0.plusSeconds(20));
        assertThat(enriched.isEmpty()).as("b1 is beyond the one-day retention").isTrue();
    }
}
