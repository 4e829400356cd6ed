package io.newsflow.it;

import static io.newsflow.it.KafkaTestSupport.ENRICHED;
import static io.newsflow.it.KafkaTestSupport.RAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.dedup.EvalCorpus;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.AvroJson;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.NearDuplicateTopologyTest;
import io.newsflow.topology.PipelineRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Near-duplicate detection on the embedded KRaft broker: edited copies written to other input partitions than their
 * original meet it in the single-partition index, and the index survives a restart with an empty state directory
 * (restored from its changelog); the REST API lists an article's copies and a copy raises no repeated alert.
 */
class EmbeddedBrokerNearDuplicateIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static final PipelineStages STAGES = PipelineStages.named(List.of("language"));
    private static final EvalCorpus CORPUS = EvalCorpus.load();
    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private static final RecordCodec<LeaderAlert> ALERTS =
            new RecordCodec<>(SerdeFactory.singleObject(), LeaderAlert.class);

    @TempDir
    Path tmp;

    private Topics createTopics(String run, int partitions) {
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), partitions, (short) 1, Map.of());
        return topics;
    }

    private RuntimeConfig runtime(String appId, Path stateDir) {
        return new RuntimeConfig(BROKER.bootstrapServers(), appId, stateDir, RuntimeConfig.DEFAULT_GUARANTEE, null,
                1, 4, (short) 1, Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000"));
    }

    private static RawArticle article(String run, String corpusId) {
        EvalCorpus.Article a = CORPUS.get(corpusId);
        String id = run + "-" + corpusId.replace('/', '-');
        return RawArticle.newBuilder().setId(id).setTitle(a.title()).setBody(a.body())
                .setUrl("https://" + corpusId.replace('/', '.') + ".example.org/" + id)
                .setIngestedAt(Instant.now()).build();
    }

    /** Sends to an explicit input partition and returns the partition the broker acknowledged. */
    private static int send(KafkaProducer<String, byte[]> producer, String topic, int partition, RawArticle a)
            throws Exception {
        RecordMetadata meta = producer.send(new ProducerRecord<>(topic, partition, a.getId(), RAW.encode(topic, a)))
                .get();
        return meta.partition();
    }

    private static Map<String, EnrichedArticle> awaitEnriched(KafkaConsumer<String, byte[]> reader,
                                                              Map<String, EnrichedArticle> seen, List<String> ids) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            KafkaTestSupport.drain(reader, batch);
            batch.forEach(r -> seen.put(r.key(), ENRICHED.decode(r.topic(), r.value())));
            assertThat(seen).containsKeys(ids.toArray(String[]::new));
        });
        return seen;
    }

    @Test
    void copiesArrivingOnOtherPartitionsThanTheirOriginalAreMarked() throws Exception {
        String run = "nd-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = createTopics(run, 4);
        RawArticle original = article(run, "port/original");
        List<RawArticle> copies = List.of(article(run, "port/combined"), article(run, "port/reordered"),
                article(run, "port/caption"));
        RawArticle distinct = article(run, "port/distinct");
        try (PipelineRunner runner = new PipelineRunner(runtime(run, tmp.resolve("state")),
                PipelineConfig.defaults(topics), STAGES, SerdeFactory.singleObject()).start(Duration.ofMinutes(1));
             KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(BROKER.bootstrapServers(),
                     List.of(topics.enriched()))) {
            Map<String, EnrichedArticle> seen = new HashMap<>();
            assertThat(send(producer, topics.articles(), 0, original)).isZero();
            awaitEnriched(reader, seen, List.of(original.getId()));

            for (int i = 0; i < copies.size(); i++) {
                assertThat(send(producer, topics.articles(), i + 1, copies.get(i))).isEqualTo(i + 1);
            }
            send(producer, topics.articles(), 2, distinct);
            List<String> ids = new ArrayList<>(copies.stream().map(RawArticle::getId).toList());
            ids.add(distinct.getId());
            awaitEnriched(reader, seen, ids);

            assertThat(seen.get(original.getId()).getDuplicateOf()).isNull();
            for (RawArticle copy : copies) {
                EnrichedArticle out = seen.get(copy.getId());
                assertThat(out.getDuplicateOf()).as(copy.getId()).isEqualTo(original.getId());
                assertThat(out.getSimilarity()).isGreaterThanOrEqualTo(PipelineConfig.DEFAULT_NEAR_DUPLICATE_THRESHOLD);
                assertThat(out.getDetectedLanguage().getCode()).as("still enriched").isEqualTo("en");
            }
            assertThat(seen.get(distinct.getId()).getDuplicateOf()).isNull();
        }
    }

    @Test
    void theIndexSurvivesARestartOnAFreshStateDirectory() throws Exception {
        String run = "nd-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = createTopics(run, 3);
        RawArticle original = article(run, "flood/original");
        RawArticle copy = article(run, "flood/trimmed-end");
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(BROKER.bootstrapServers(),
                     List.of(topics.enriched()))) {
            Map<String, EnrichedArticle> seen = new HashMap<>();
            try (PipelineRunner first = new PipelineRunner(runtime(run, tmp.resolve("state-1")),
                    PipelineConfig.defaults(topics), STAGES, SerdeFactory.singleObject())
                    .start(Duration.ofMinutes(1))) {
                send(producer, topics.articles(), 0, original);
                awaitEnriched(reader, seen, List.of(original.getId()));
            }
            try (PipelineRunner second = new PipelineRunner(runtime(run, tmp.resolve("state-2")),
                    PipelineConfig.defaults(topics), STAGES, SerdeFactory.singleObject())
                    .start(Duration.ofMinutes(1))) {
                send(producer, topics.articles(), 2, copy);
                awaitEnriched(reader, seen, List.of(copy.getId()));
            }
            assertThat(seen.get(original.getId()).getDuplicateOf()).isNull();
            assertThat(seen.get(copy.getId()).getDuplicateOf())
                    .as("the second instance restored the index from its changelog").isEqualTo(original.getId());
        }
    }

    @Test
    void theApiListsCopiesAndACopyRaisesNoRepeatedAlert() throws Exception {
        String run = "nd-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = createTopics(run, 3);
        Alerting alerting = Alerting.of(new AlertEvaluator(KB), WatchlistSource.fixed(Watchlist.parse(
                "rules: [{name: lavrov-quoted, type: QUOTED, leaders: [\"Sergey Lavrov\"]}]", true, KB, "it")));
        RawArticle original = RawArticle.newBuilder().setId(run + "-orig").setTitle("Lavrov dismisses European role")
                .setBody(NearDuplicateTopologyTest.BODY).setUrl("https://news.example.org/" + run)
                .setIngestedAt(Instant.now()).build();
        RawArticle copy = RawArticle.newBuilder(original).setId(run + "-copy").setTitle("Europe left out, Moscow says")
                .setBody(NearDuplicateTopologyTest.COPY).setUrl("https://reprints.example.net/" + run).build();
        HttpClient http = HttpClient.newHttpClient();
        try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime(run, tmp.resolve("state")),
                PipelineConfig.defaults(topics), PipelineStages.named(List.of("language", "entities", "quotes")),
                alerting, SerdeFactory.singleObject(), "127.0.0.1", 0, "127.0.0.1", Clock.systemUTC()));
             KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> alertReader = KafkaTestSupport.committedReader(BROKER.bootstrapServers(),
                     List.of(topics.alerts()))) {
            send(producer, topics.articles(), 0, original);
            List<LeaderAlert> alerts = new ArrayList<>();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                readAlerts(alertReader, topics, alerts);
                return alerts.stream().anyMatch(a -> a.getArticleId().equals(original.getId()));
            });
            send(producer, topics.articles(), 1, copy);
            String base = "http://127.0.0.1:" + app.httpPort();
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/articles/"
                        + original.getId() + "/copies")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode body = AvroJson.mapper().readTree(r.body());
                assertThat(body.path("originalId").asText()).isEqualTo(original.getId());
                assertThat(body.path("copies").findValuesAsText("articleId")).containsExactly(copy.getId());
            });
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                HttpResponse<String> copyJson = http.send(HttpRequest.newBuilder(URI.create(base + "/api/articles/"
                        + copy.getId())).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(copyJson.statusCode()).isEqualTo(200);
                assertThat(AvroJson.mapper().readTree(copyJson.body()).path("duplicateOf").asText())
                        .isEqualTo(original.getId());
            });
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(base + "/api/articles/"
                    + copy.getId() + "/copies")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(AvroJson.mapper().readTree(none.body()).path("copies").size()).isZero();

            // the copy is in articles-by-id, the step just before evaluate-alerts: read on until the alert topic has
            // been quiet for 3 s and check that nothing came for the copy
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                readAlerts(alertReader, topics, alerts);
                assertThat(alerts).noneMatch(a -> a.getArticleId().equals(copy.getId()));
            });
            assertThat(alerts).filteredOn(a -> a.getArticleId().equals(original.getId()))
                    .extracting(LeaderAlert::getRuleName).contains("lavrov-quoted");
        }
    }

    private static void readAlerts(KafkaConsumer<String, byte[]> reader, Topics topics, List<LeaderAlert> into) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        KafkaTestSupport.drain(reader, batch);
        batch.forEach(r -> into.add(ALERTS.decode(topics.alerts(), r.value())));
    }
}
