package io.newsflow.it;

import static io.newsflow.it.KafkaTestSupport.RAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.FastAlertTopology;
import io.newsflow.topology.FastAlertTopologyTest;
import io.newsflow.topology.PipelineRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast alert tier on the embedded KRaft broker: an edited copy written to another input partition than its
 * original raises no FAST alert from an {@code includeCopies: false} rule (an {@code includeCopies: true} rule and an
 * unrelated article still alert), also after a restart on an empty state directory (stores restored from their
 * changelogs).
 */
class EmbeddedBrokerFastAlertCopyIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private static final RecordCodec<LeaderAlert> ALERTS =
            new RecordCodec<>(SerdeFactory.singleObject(), LeaderAlert.class);
    private static final String RULES = """
            rules:
              - {name: lavrov-headline, type: MENTION, inHeadline: true, leaders: ["Sergey Lavrov"]}
              - {name: lavrov-headline-with-copies, type: MENTION, inHeadline: true, leaders: ["Sergey Lavrov"],
                 includeCopies: true}
            """;

    @TempDir
    Path tmp;

    private RuntimeConfig runtime(String appId, Path stateDir) {
        return NewsflowApp.fastRuntime(new RuntimeConfig(BROKER.bootstrapServers(), appId, stateDir,
                RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 4, (short) 1,
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000")));
    }

    private static PipelineRunner fastTier(Topics topics, RuntimeConfig runtime) {
        Alerting alerting = Alerting.of(new AlertEvaluator(KB),
                WatchlistSource.fixed(Watchlist.parse(RULES, true, KB, "it")));
        return new PipelineRunner(FastAlertTopology.build(PipelineConfig.defaults(topics),
                PipelineStages.standard().normalizer(), alerting, SerdeFactory.singleObject(), Clock.systemUTC()),
                runtime).start(Duration.ofMinutes(1));
    }

    private static RawArticle article(String id, String title, String body) {
        return RawArticle.newBuilder().setId(id).setTitle(title).setBody(body)
                .setUrl("https://wire.example.net/" + id).setIngestedAt(Instant.now()).build();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, int partition, RawArticle a)
            throws Exception {
        assertThat(producer.send(new ProducerRecord<>(topic, partition, a.getId(), RAW.encode(topic, a))).get()
                .partition()).isEqualTo(partition);
    }

    private static List<String> rulesFor(List<LeaderAlert> alerts, String articleId) {
        return alerts.stream().filter(a -> a.getArticleId().equals(articleId)).map(LeaderAlert::getRuleName)
                .sorted().toList();
    }

    @Test
    void aCopyOnAnotherPartitionRaisesNoRepeatedFastAlertAlsoAfterARestart() throws Exception {
        String run = "fc-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), 4, (short) 1, Map.of());
        RawArticle original = article(run + "-orig", FastAlertTopologyTest.TITLE, FastAlertTopologyTest.BODY);
        RawArticle copy = article(run + "-copy", FastAlertTopologyTest.COPY_TITLE, FastAlertTopologyTest.COPY_BODY);
        RawArticle other = article(run + "-other", FastAlertTopologyTest.OTHER_TITLE,
                FastAlertTopologyTest.OTHER_BODY);
        RawArticle lateCopy = article(run + "-late-copy", "Lavrov expected in Ankara on Thursday",
                FastAlertTopologyTest.COPY_BODY);
        List<LeaderAlert> alerts = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(BROKER.bootstrapServers(),
                     List.of(topics.alerts()))) {
            try (PipelineRunner first = fastTier(topics, runtime(run, tmp.resolve("state-1")))) {
                send(producer, topics.articles(), 0, original);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    readAlerts(reader, topics, alerts);
                    assertThat(rulesFor(alerts, original.getId()))
                            .containsExactly("lavrov-headline", "lavrov-headline-with-copies");
                });

                send(producer, topics.articles(), 2, copy);
                send(producer, topics.articles(), 3, other);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    readAlerts(reader, topics, alerts);
                    assertThat(rulesFor(alerts, other.getId()))
                            .containsExactly("lavrov-headline", "lavrov-headline-with-copies");
                    assertThat(rulesFor(alerts, copy.getId())).contains("lavrov-headline-with-copies");
                });
                // the copy was decided (its includeCopies alert is out); nothing else may follow for it
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    readAlerts(reader, topics, alerts);
                    assertThat(rulesFor(alerts, copy.getId())).containsExactly("lavrov-headline-with-copies");
                });
            }

            try (PipelineRunner second = fastTier(topics, runtime(run, tmp.resolve("state-2")))) {
                send(producer, topics.articles(), 1, lateCopy);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    readAlerts(reader, topics, alerts);
                    assertThat(rulesFor(alerts, lateCopy.getId())).contains("lavrov-headline-with-copies");
                });
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    readAlerts(reader, topics, alerts);
                    assertThat(rulesFor(alerts, lateCopy.getId()))
                            .as("the index was restored from its changelog on an empty state directory")
                            .containsExactly("lavrov-headline-with-copies");
                });
            }
        }
        assertThat(alerts).allSatisfy(a -> assertThat(a.getTier()).isEqualTo(AlertTier.FAST));
        assertThat(alerts).extracting(LeaderAlert::getAlertId).doesNotHaveDuplicates();
    }

    private static void readAlerts(KafkaConsumer<String, byte[]> reader, Topics topics, List<LeaderAlert> into) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        KafkaTestSupport.drain(reader, batch);
        batch.forEach(r -> into.add(ALERTS.decode(topics.alerts(), r.value())));
    }
}
