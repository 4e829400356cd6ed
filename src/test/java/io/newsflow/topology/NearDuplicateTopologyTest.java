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
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.EntityMention;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.ArticleCopies;
import io.newsflow.schema.internal.ArticleCopy;
import io.newsflow.serde.SerdeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Near-copies through the whole topology: marked, listed, enriched and published, but not counted or re-alerted. */
public class NearDuplicateTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    static final String LAVROV = "Q58217";
    static final String RULES = """
            rules:
              - {name: quoted, type: QUOTED, leaders: ["Sergey Lavrov"]}
              - {name: quoted-every-copy, type: QUOTED, leaders: ["Sergey Lavrov"], includeCopies: true}
            """;
    public static final String BODY = "Russian Foreign Minister Sergey Lavrov on Tuesday dismissed any European part in the "
            + "talks on Ukraine. \"I don't know what they have to do at the negotiations table,\" Lavrov told "
            + "reporters in Riyadh after a meeting that lasted more than four hours.\nDiplomats from several European "
            + "capitals said they had not been consulted about the venue or the agenda, and that they expected to be "
            + "briefed by Washington later in the week.\nThe next round is expected to take place in early March.";
    public static final String COPY = "RIYADH (NWA) — " + BODY.replace("\nThe next round is expected to take place in early "
            + "March.", "") + "\nPHOTO: Delegations arrive at the conference palace on Tuesday.";
    static final String OTHER = "Sergey Lavrov met his Turkish counterpart in Ankara on Friday to discuss grain exports "
            + "across the Black Sea. \"We are ready to look at any proposal that respects our interests,\" Lavrov said "
            + "at a joint news conference, adding that shipping insurance remained the main obstacle to a deal.";

    @TempDir
    Path stateDir;

    private final SerdeFactory serdes = SerdeFactory.singleObject();
    private final Topics topics = Topics.defaults();
    private final KnowledgeBase kb = KnowledgeBase.bundled();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<String, LeaderAlert> alerts;
    private TestOutputTopic<String, EntityMention> mentions;

    @BeforeEach
    void start() {
        Alerting alerting = Alerting.of(new AlertEvaluator(kb),
                WatchlistSource.fixed(Watchlist.parse(RULES, true, kb, "test")));
        PipelineStages stages = PipelineStages.named(List.of("language", "entities", "quotes"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow-near-duplicate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(NewsflowTopology.build(PipelineConfig.defaults(topics), stages, alerting,
                serdes, Clock.fixed(T0, ZoneOffset.UTC)), props);
        input = driver.createInputTopic(topics.articles(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, Duration.ofMinutes(1));
        enriched = driver.createOutputTopic(topics.enriched(), Serdes.String().deserializer(),
                serdes.valueSerde(EnrichedArticle.class).deserializer());
        alerts = driver.createOutputTopic(topics.alerts(), Serdes.String().deserializer(),
                serdes.valueSerde(LeaderAlert.class).deserializer());
        mentions = driver.createOutputTopic(topics.mentions(), Serdes.String().deserializer(),
                serdes.valueSerde(EntityMention.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void publish(String id, String title, String body) {
        RawArticle a = RawArticle.newBuilder().setId(id).setTitle(title).setBody(body).setPublishedAt(T0)
                .setUrl("https://news.example.org/" + id).setSource("site " + id).build();
        input.pipeInput(id, serdes.valueSerde(RawArticle.class).serializer().serialize(topics.articles(), a));
    }

    @Test
    void anEditedCopyIsPublishedMarkedAndListedButNotCountedOrAlertedAgain() {
        publish("orig", "Lavrov dismisses European role in Ukraine talks", BODY);
        publish("copy", "Moscow shuts Europe out of talks, Lavrov says", COPY);
        publish("other", "Lavrov in Ankara for grain talks", OTHER);

        Map<String, EnrichedArticle> out = enriched.readValuesToList().stream()
                .collect(Collectors.toMap(EnrichedArticle::getId, a -> a));
        assertThat(out).containsOnlyKeys("orig", "copy", "other");
        assertThat(out.get("orig").getDuplicateOf()).isNull();
        assertThat(out.get("orig").getSimilarity()).isNull();
        assertThat(out.get("other").getDuplicateOf()).isNull();
        EnrichedArticle copy = out.get("copy");
        assertThat(copy.getDuplicateOf()).isEqualTo("orig");
        assertThat(copy.getSimilarity()).isBetween(PipelineConfig.DEFAULT_NEAR_DUPLICATE_THRESHOLD, 1.0);
        assertThat(copy.getEntities()).as("a copy is still enriched")
                .anySatisfy(e -> assertThat(e.getId()).isEqualTo(LAVROV));

        List<LeaderAlert> fired = alerts.readValuesToList();
        assertThat(fired).filteredOn(a -> a.getRuleName().equals("quoted"))
                .extracting(LeaderAlert::getArticleId).containsExactlyInAnyOrder("orig", "other");
        assertThat(fired).filteredOn(a -> a.getRuleName().equals("quoted-every-copy"))
                .extracting(LeaderAlert::getArticleId).containsExactlyInAnyOrder("orig", "copy", "other");

        assertThat(mentions.readValuesToList()).extracting(EntityMention::getArticleId)
                .contains("orig", "other").doesNotContain("copy");

        KeyValueStore<String, ValueAndTimestamp<ArticleCopies>> copies =
                driver.getTimestampedKeyValueStore(NewsflowTopology.STORE_ARTICLE_COPIES);
        assertThat(copies.get("orig").value().getCopies()).extracting(ArticleCopy::getArticleId)
                .containsExactly("copy");
        assertThat(copies.get("orig").value().getCopies().get(0).getSimilarity()).isEqualTo(copy.getSimilarity());
        assertThat(copies.get("copy")).isNull();
    }

    @Test
    void aCorrectionOfTheOriginalStaysAnOriginalAndACopyOfACopyPointsAtTheOriginal() {
        publish("orig", "Lavrov dismisses European role", BODY);
        publish("orig", "Lavrov dismisses European role", BODY + "\nThis article was updated with more detail.");
        publish("copy", "Lavrov: no seat for Europe", COPY);
        publish("copy2", "Europe left out", COPY + "\nReporting by the wire desk.");

        Map<String, List<EnrichedArticle>> out = enriched.readValuesToList().stream()
                .collect(Collectors.groupingBy(EnrichedArticle::getId));
        assertThat(out.get("orig")).hasSize(2).allSatisfy(a -> assertThat(a.getDuplicateOf()).isNull());
        assertThat(out.get("copy").get(0).getDuplicateOf()).isEqualTo("orig");
        assertThat(out.get("copy2").get(0).getDuplicateOf()).isEqualTo("orig");
    }

    @Test
    void theStepAndItsStoresAreNamedAndTheIndexTopicHasOnePartition() {
        String description = NewsflowTopology.build(PipelineConfig.defaults(topics), PipelineStages.standard(),
                serdes).describe().toString();
        assertThat(description).contains("Processor: mark-near-duplicates", "near-duplicate-signatures",
                "near-duplicate-bands", "article-copies", "near-duplicate-index-repartition",
                "near-duplicate-checked-repartition",
                "Sink: write-enriched (topic: news-articles-enriched)").doesNotContain("KSTREAM-");
    }

    @Test
    void copiesAreForgottenAfterTheRetention() {
        publish("orig", "Lavrov dismisses European role", BODY);
        input.advanceTime(PipelineConfig.DEFAULT_DEDUP_RETENTION.plusHours(1));
        publish("late", "Lavrov: no seat for Europe", COPY);
        EnrichedArticle late = enriched.readValuesToList().stream().filter(a -> a.getId().equals("late"))
                .findFirst().orElseThrow();
        assertThat(late.getDuplicateOf()).as("the original is older than the de-duplication retention").isNull();
    }
}
