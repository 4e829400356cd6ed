package io.newsflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.EvidenceField;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.SerdeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast alert tier and near-copies: a copy of an article the tier has seen raises no FAST alert again. */
public class FastAlertTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T07:30:00Z");
    static final String LAVROV = "Q58217";
    static final String RULES = """
            rules:
              - {name: lavrov-headline, type: MENTION, inHeadline: true, leaders: ["Sergey Lavrov"]}
              - {name: lavrov-headline-with-copies, type: MENTION, inHeadline: true, leaders: ["Sergey Lavrov"],
                 includeCopies: true}
            """;
    static final String RULES_NO_COPIES = """
            rules:
              - {name: lavrov-headline, type: MENTION, inHeadline: true, leaders: ["Sergey Lavrov"]}
            """;

    public static final String TITLE = "Lavrov heads to Ankara for shipping corridor talks";
    public static final String BODY = "Russian Foreign Minister Sergey Lavrov will travel to Ankara on Thursday for a "
            + "second round of talks on reopening the shipping corridor across the Black Sea, his ministry said in a "
            + "short statement on Monday. Turkish officials expect the meeting to centre on insurance for cargo "
            + "vessels and on inspections in the straits, which freight companies say have slowed exports for "
            + "months.\nA spokesman for the Turkish foreign ministry said both sides had swapped draft proposals and "
            + "that a joint declaration was possible if the inspection question was settled. Diplomats in Ankara "
            + "warned that the previous round had ended without any agreement on a timetable.";
    /** The same story as a syndicated copy: another headline naming the same leader, a credit, the last line cut. */
    public static final String COPY_TITLE = "Russia's Lavrov to visit Turkey as corridor negotiations resume";
    public static final String COPY_BODY = "ANKARA (Wire Service) — Russian Foreign Minister Sergey Lavrov will "
            + "travel to Ankara on Thursday for a second round of talks on reopening the shipping corridor across the "
            + "Black Sea, his ministry said in a short statement on Monday. Turkish officials expect the meeting to "
            + "centre on insurance for cargo vessels and on inspections in the straits, which freight companies say "
            + "have slowed exports for months.\nA spokesman for the Turkish foreign ministry said both sides had "
            + "swapped draft proposals and that a joint declaration was possible if the inspection question was "
            + "settled.";
    public static final String OTHER_TITLE = "Lavrov calls new trade penalties from Brussels a dead end";
    public static final String OTHER_BODY = "Sergey Lavrov told a press conference in Moscow on Wednesday that the "
            + "latest package of European trade penalties would change nothing in Russia's position and only raise "
            + "prices for European households. He said Moscow had found other buyers for its fertiliser and timber, "
            + "and accused the European Commission of ignoring the advice of its own economists. An EU spokeswoman "
            + "replied that the measures had been agreed unanimously by the member states.";

    @TempDir
    Path stateDir;

    private final SerdeFactory serdes = SerdeFactory.singleObject();
    private final Topics topics = Topics.defaults();
    private final KnowledgeBase kb = KnowledgeBase.bundled();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, LeaderAlert> alerts;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private Topology topology(PipelineConfig config, String rules) {
        Alerting alerting = Alerting.of(new AlertEvaluator(kb),
                WatchlistSource.fixed(Watchlist.parse(rules, true, kb, "test")));
        return FastAlertTopology.build(config, PipelineStages.standard().normalizer(), alerting, serdes,
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    private void start(PipelineConfig config, String rules) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow-fast-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology(config, rules), props);
        input = driver.createInputTopic(topics.articles(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, Duration.ofMinutes(1));
        alerts = driver.createOutputTopic(topics.alerts(), Serdes.String().deserializer(),
                serdes.valueSerde(LeaderAlert.class).deserializer());
    }

    private void publish(String id, String title, String body) {
        publish(id, title, body, null);
    }

    private void publish(String id, String title, String body, Instant at) {
        RawArticle a = RawArticle.newBuilder().setId(id).setTitle(title).setBody(body).setPublishedAt(T0)
                .setUrl("https://wire.example.net/" + id).build();
        byte[] value = serdes.valueSerde(RawArticle.class).serializer().serialize(topics.articles(), a);
        if (at == null) {
            input.pipeInput(id, value);
        } else {
            input.pipeInput(id, value, at);
        }
    }

    private List<String> alertsFor(String articleId, List<LeaderAlert> out) {
        return out.stream().filter(a -> a.getArticleId().equals(articleId)).map(LeaderAlert::getRuleName).sorted()
                .toList();
    }

    @Test
    void anEditedCopyWithAnotherHeadlineRaisesOnlyIncludeCopiesAlertsWhileOthersStillAlert() {
        start(PipelineConfig.defaults(topics), RULES);

        publish("orig", TITLE, BODY);
        List<LeaderAlert> first = alerts.readValuesToList();
        assertThat(alertsFor("orig", first)).as("the first article alerts at once")
                .containsExactly("lavrov-headline", "lavrov-headline-with-copies");
        assertThat(first).allSatisfy(a -> {
            assertThat(a.getTier()).isEqualTo(AlertTier.FAST);
            assertThat(a.getLeaderId()).isEqualTo(LAVROV);
            assertThat(a.getEvidenceField()).isEqualTo(EvidenceField.TITLE);
        });

        publish("copy", COPY_TITLE, COPY_BODY);
        List<LeaderAlert> onCopy = alerts.readValuesToList();
        assertThat(alertsFor("copy", onCopy)).as("only the includeCopies rule fires on the copy")
                .containsExactly("lavrov-headline-with-copies");
        LeaderAlert copyAlert = onCopy.get(0);
        assertThat(COPY_TITLE.substring(copyAlert.getEvidenceStart(), copyAlert.getEvidenceEnd()))
                .isEqualTo("Lavrov");

        publish("other", OTHER_TITLE, OTHER_BODY);
        assertThat(alertsFor("other", alerts.readValuesToList())).as("an unrelated article about the leader")
                .containsExactly("lavrov-headline", "lavrov-headline-with-copies");
    }

    @Test
    void aCopyStaysQuietEvenWhenOnlyItsNewHeadlineNamesTheLeader() {
        start(PipelineConfig.defaults(topics), RULES_NO_COPIES);
        publish("orig", "Shipping corridor talks to resume in Ankara", BODY);
        assertThat(alerts.readValuesToList()).as("the original's headline names no leader").isEmpty();

        publish("copy", COPY_TITLE, COPY_BODY);
        assertThat(alerts.readValuesToList()).as("the copy is recognised by its body, whatever its headline")
                .isEmpty();
    }

    @Test
    void theCopyAlertsWhenTheThresholdIsAboveItsSimilarityOrTheOriginalHasExpired() {
        start(PipelineConfig.defaults(topics).withNearDuplicateThreshold(0.99), RULES_NO_COPIES);
        publish("orig", TITLE, BODY);
        publish("copy", COPY_TITLE, COPY_BODY);
        assertThat(alerts.readValuesToList()).extracting(LeaderAlert::getArticleId)
                .as("not similar enough under a 0.99 threshold").containsExactly("orig", "copy");
        driver.close();
        driver = null;

        start(PipelineConfig.defaults(topics), RULES_NO_COPIES);
        publish("orig-2", TITLE, BODY);
        publish("copy-2", COPY_TITLE, COPY_BODY, T0.plus(PipelineConfig.DEFAULT_DEDUP_RETENTION).plusSeconds(3_600));
        assertThat(alerts.readValuesToList()).extracting(LeaderAlert::getArticleId)
                .as("the original is older than the retention").containsExactly("orig-2", "copy-2");
    }

    @Test
    void theCopyCheckRunsOnOneNamedPartitionHopWithItsOwnStores() {
        TopologyDescription description = topology(PipelineConfig.defaults(topics), RULES).describe();
        String text = description.toString();
        assertThat(text).contains(FastAlertTopology.NORMALIZE, FastAlertTopology.MATCH,
                FastAlertTopology.REPARTITION_INDEX + "-repartition", FastAlertTopology.STORE_SENT,
                FastAlertTopology.STORE_SIGNATURES, FastAlertTopology.STORE_BANDS);
        assertThat(description.subtopologies()).hasSize(2);
        TopologyDescription.Processor match = description.subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .filter(n -> n.name().equals(FastAlertTopology.MATCH))
                .map(TopologyDescription.Processor.class::cast)
                .findFirst().orElseThrow();
        assertThat(match.stores()).containsExactlyInAnyOrder(FastAlertTopology.STORE_SENT,
                FastAlertTopology.STORE_SIGNATURES, FastAlertTopology.STORE_BANDS);
    }
}
