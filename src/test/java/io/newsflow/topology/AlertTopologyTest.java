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
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.EntityMention;
import io.newsflow.schema.EvidenceField;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.RuleType;
import io.newsflow.schema.internal.EntityArticles;
import io.newsflow.serde.SerdeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert routing, de-duplication and serving stores of both tiers, on the real models and knowledge base. */
class AlertTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    static final String LAVROV = "Q58217";
    static final String RULES = """
            leaders: ["*"]
            rules:
              - {name: lavrov-headline, type: MENTION, inHeadline: true, leaders: ["Sergey Lavrov"]}
              - {name: any-mention, type: MENTION}
              - {name: main-subject, type: MENTION, minSalience: 0.5}
              - {name: quoted, type: QUOTED}
              - {name: against-ceasefire, type: STANCE, polarity: AGAINST, targets: [ceasefire]}
              - {name: together, type: CO_MENTION}
              - {name: spike, type: SPIKE, window: PT1H, baseline: PT12H, factor: 3, minCount: 3}
            """;
    static final String TITLE = "Lavrov dismisses European role in Ukraine talks";
    static final String BODY = "Russian Foreign Minister Sergey Lavrov on Tuesday dismissed any European part in "
            + "the talks on Ukraine. \"I don't know what they have to do at the negotiations table,\" Lavrov told "
            + "reporters in Riyadh.\nFrench President Emmanuel Macron warned against a ceasefire that would reward "
            + "aggression, and said Europe would keep supporting Kyiv.";

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

    private Alerting alerting() {
        return Alerting.of(new AlertEvaluator(kb), WatchlistSource.fixed(Watchlist.parse(RULES, true, kb, "test")));
    }

    private void startFull() {
        PipelineConfig config = PipelineConfig.defaults(topics);
        PipelineStages stages = PipelineStages.named(List.of("language", "entities", "quotes", "stances"));
        start(NewsflowTopology.build(config, stages, alerting(), serdes, Clock.fixed(T0, ZoneOffset.UTC)));
    }

    private void startFast() {
        PipelineConfig config = PipelineConfig.defaults(topics);
        start(FastAlertTopology.build(config, PipelineStages.standard().normalizer(), alerting(), serdes,
                Clock.fixed(T0, ZoneOffset.UTC)));
    }

    private void start(org.apache.kafka.streams.Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow-alert-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic(topics.articles(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, Duration.ofMinutes(1));
        alerts = driver.createOutputTopic(topics.alerts(), Serdes.String().deserializer(),
                serdes.valueSerde(LeaderAlert.class).deserializer());
    }

    private void publish(String id, String title, String body) {
        RawArticle a = RawArticle.newBuilder().setId(id).setTitle(title).setBody(body).setPublishedAt(T0)
                .setUrl("https://news.example.org/" + id).build();
        input.pipeInput(id, serdes.valueSerde(RawArticle.class).serializer().serialize(topics.articles(), a));
    }

    private static Map<String, List<LeaderAlert>> byRule(List<LeaderAlert> list) {
        return list.stream().collect(Collectors.groupingBy(LeaderAlert::getRuleName));
    }

    @Test
    void fastTierAlertsFastMentionRulesFromRawTextOnceAndSkipsUnreadableRecords() {
        startFast();
        input.pipeInput("junk", "not avro".getBytes(StandardCharsets.UTF_8));
        publish("a1", TITLE, BODY);
        publish("a1", TITLE, BODY);

        List<KeyValue<String, LeaderAlert>> out = alerts.readKeyValuesToList();
        Map<String, List<LeaderAlert>> rules = byRule(out.stream().map(kv -> kv.value).toList());
        assertThat(rules.keySet()).containsExactlyInAnyOrder("lavrov-headline", "any-mention");
        LeaderAlert headline = rules.get("lavrov-headline").get(0);
        assertThat(rules.get("lavrov-headline")).hasSize(1);
        assertThat(headline.getTier()).isEqualTo(AlertTier.FAST);
        assertThat(headline.getLeaderId()).isEqualTo(LAVROV);
        assertThat(headline.getEvidenceField()).isEqualTo(EvidenceField.TITLE);
        assertThat(TITLE.substring(headline.getEvidenceStart(), headline.getEvidenceEnd())).isEqualTo("Lavrov");
        assertThat(headline.getLeaderRole()).contains("Foreign");
        assertThat(rules.get("any-mention")).extracting(LeaderAlert::getLeaderName)
                .contains("Sergey Lavrov", "Emmanuel Macron").doesNotHaveDuplicates();
        assertThat(out).allSatisfy(kv -> assertThat(kv.key).isEqualTo(kv.value.getLeaderId()));
        LeaderAlert macron = rules.get("any-mention").stream()
                .filter(a -> a.getLeaderName().equals("Emmanuel Macron")).findFirst().orElseThrow();
        assertThat(BODY.substring(macron.getEvidenceStart(), macron.getEvidenceEnd())).isEqualTo(macron.getEvidence());
    }

    @Test
    void fullTierAlertsQuotedStanceSalienceAndCoMentionOnceEvenAfterACorrection() {
        startFull();
        publish("a1", TITLE, BODY);
        List<LeaderAlert> first = alerts.readValuesToList();
        Map<String, List<LeaderAlert>> rules = byRule(first);
        assertThat(rules.keySet()).containsExactlyInAnyOrder("main-subject", "quoted", "against-ceasefire",
                "together");
        assertThat(first).allSatisfy(a -> assertThat(a.getTier()).isEqualTo(AlertTier.FULL));

        LeaderAlert quoted = rules.get("quoted").get(0);
        assertThat(quoted.getLeaderId()).isEqualTo(LAVROV);
        assertThat(quoted.getEvidence()).startsWith("I don't know what they have to do");
        assertThat(BODY.substring(quoted.getEvidenceStart(), quoted.getEvidenceEnd())).isEqualTo(quoted.getEvidence());

        LeaderAlert stance = rules.get("against-ceasefire").get(0);
        assertThat(stance.getLeaderName()).isEqualTo("Emmanuel Macron");
        assertThat(stance.getDetails()).containsEntry("polarity", "AGAINST").containsEntry("target", "ceasefire");
        assertThat(BODY.substring(stance.getEvidenceStart(), stance.getEvidenceEnd())).isEqualTo(stance.getEvidence());

        assertThat(rules.get("main-subject")).extracting(LeaderAlert::getLeaderId).containsExactly(LAVROV);
        assertThat(rules.get("together")).extracting(LeaderAlert::getLeaderName)
                .containsExactlyInAnyOrder("Sergey Lavrov", "Emmanuel Macron");
        assertThat(rules.get("together").get(0).getDetails()).containsKey("with");

        publish("a1", TITLE, BODY + "\nThis article was updated to add Kyiv's response.");
        assertThat(alerts.readValuesToList()).as("a correction alerts nothing new").isEmpty();
        EnrichedArticle stored = articleStore().get("a1").value();
        assertThat(stored.getProcessing().getRevision()).isEqualTo(2);
    }

    @Test
    void publishesOneMentionPerEntityAndSpikesWhenALeaderIsSuddenlyEverywhere() {
        startFull();
        TestOutputTopic<String, EntityMention> mentions = driver.createOutputTopic(topics.mentions(),
                Serdes.String().deserializer(), serdes.valueSerde(EntityMention.class).deserializer());
        for (int i = 1; i <= 3; i++) {
            publish("s" + i, "Lavrov speaks " + i, "Sergey Lavrov spoke to reporters in Moscow about round " + i
                    + " of the talks, which ended without agreement on a date for the next meeting.");
        }
        List<KeyValue<String, EntityMention>> published = mentions.readKeyValuesToList();
        Map<String, List<EntityMention>> perEntity = published.stream()
                .collect(Collectors.groupingBy(kv -> kv.key, Collectors.mapping(kv -> kv.value, Collectors.toList())));
        assertThat(perEntity.get(LAVROV)).hasSize(3)
                .allSatisfy(m -> assertThat(m.getLeader()).isTrue())
                .extracting(EntityMention::getArticleId).containsExactly("s1", "s2", "s3");

        List<LeaderAlert> spikes = alerts.readValuesToList().stream()
                .filter(a -> a.getRuleType() == RuleType.SPIKE).toList();
        assertThat(spikes).hasSize(1);
        assertThat(spikes.get(0).getLeaderId()).isEqualTo(LAVROV);
        assertThat(spikes.get(0).getArticleId()).isEqualTo("s3");
        assertThat(spikes.get(0).getDetails()).containsEntry("recentCount", "3").containsEntry("baselineCount", "0");

        publish("s4", "Lavrov speaks again", "Sergey Lavrov spoke once more about the talks in Moscow today, "
                + "repeating that no date had been set for the next meeting of the delegations.");
        assertThat(alerts.readValuesToList()).noneMatch(a -> a.getRuleType() == RuleType.SPIKE);

        WindowStore<String, Long> counts = driver.getWindowStore(NewsflowTopology.STORE_MENTION_COUNTS);
        long total = 0;
        try (WindowStoreIterator<Long> it = counts.fetch(LAVROV, T0.minus(Duration.ofHours(1)),
                T0.plus(Duration.ofHours(1)))) {
            while (it.hasNext()) {
                total += it.next().value;
            }
        }
        assertThat(total).isEqualTo(4);
        KeyValueStore<String, ValueAndTimestamp<EntityArticles>> latest =
                driver.getTimestampedKeyValueStore(NewsflowTopology.STORE_LATEST_ARTICLES);
        assertThat(latest.get(LAVROV).value().getArticles()).extracting(h -> h.getArticleId())
                .containsExactly("s4", "s3", "s2", "s1");
    }

    @Test
    void reloadedRulesApplyToTheNextArticleAndKeepTheDeduplicationState() {
        AtomicReference<Watchlist> rules = new AtomicReference<>(
                Watchlist.parse("rules: [{name: quoted, type: QUOTED}]", true, kb, "v1"));
        PipelineConfig config = PipelineConfig.defaults(topics);
        start(NewsflowTopology.build(config, PipelineStages.named(List.of("language", "entities", "quotes")),
                Alerting.of(new AlertEvaluator(kb), rules::get), serdes, Clock.fixed(T0, ZoneOffset.UTC)));
        publish("a1", TITLE, BODY);
        assertThat(alerts.readValuesToList()).extracting(LeaderAlert::getRuleName).containsOnly("quoted");

        rules.set(Watchlist.parse("rules: [{name: quoted, type: QUOTED}, {name: main, type: MENTION, minSalience: 0.5}]",
                true, kb, "v2"));
        publish("a1", TITLE, BODY + "\nUpdated with a correction.");
        assertThat(alerts.readValuesToList()).as("the correction meets the new rule; 'quoted' already fired")
                .extracting(LeaderAlert::getRuleName).containsOnly("main");
    }

    private KeyValueStore<String, ValueAndTimestamp<EnrichedArticle>> articleStore() {
        return driver.getTimestampedKeyValueStore(NewsflowTopology.STORE_ARTICLES);
    }

}
