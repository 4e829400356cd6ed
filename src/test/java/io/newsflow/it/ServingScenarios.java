package io.newsflow.it;

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
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.RuleType;
import io.newsflow.serde.AvroJson;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting and serving against a real broker, with the real models: both alert tiers, the mentions topic, REST
 * queries routed across two instances, Server-Sent Events, and no duplicate alert across a restart. Subclasses
 * supply the broker.
 */
abstract class ServingScenarios {

    static final PipelineStages STAGES = PipelineStages.named(List.of("language", "entities", "quotes", "stances"));
    static final KnowledgeBase KB = KnowledgeBase.bundled();
    static final String LAVROV = "Q58217";
    static final String RULES = """
            rules:
              - {name: lavrov-headline, type: MENTION, inHeadline: true, leaders: ["Sergey Lavrov"]}
              - {name: quoted, type: QUOTED}
              - {name: stance, type: STANCE}
              - {name: lavrov-with-leaders, type: CO_MENTION, leaders: ["Sergey Lavrov"], with: ["*"]}
              - {name: spike, type: SPIKE, window: PT1H, baseline: PT12H, factor: 3, minCount: 2}
            """;
    static final RecordCodec<LeaderAlert> ALERTS = new RecordCodec<>(SerdeFactory.singleObject(), LeaderAlert.class);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    abstract String bootstrapServers();

    private NewsflowApp start(Topics topics, String appId, Path state) {
        RuntimeConfig runtime = new RuntimeConfig(bootstrapServers(), appId, state, RuntimeConfig.DEFAULT_GUARANTEE,
                null, 1, 2, (short) 1, Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000"));
        Alerting alerting = Alerting.of(new AlertEvaluator(KB),
                WatchlistSource.fixed(Watchlist.parse(RULES, true, KB, "it")));
        return NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics), STAGES, alerting,
                SerdeFactory.singleObject(), "127.0.0.1", 0, "127.0.0.1", Clock.systemUTC()));
    }

    private HttpResponse<String> get(NewsflowApp app, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(NewsflowApp app, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(app, path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return AvroJson.mapper().readTree(r.body());
    }

    /** Opens an SSE stream and collects its lines in the background. */
    private List<String> sse(NewsflowApp app, String path) {
        List<String> lines = new CopyOnWriteArrayList<>();
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                    lines.add("status:" + r.statusCode());
                    try (Stream<String> body = r.body()) {
                        body.forEach(lines::add);
                    } catch (RuntimeException e) {
                        lines.add("closed");
                    }
                });
        return lines;
    }

    private static void publish(String bootstrap, String topic, List<RawArticle> articles) {
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (RawArticle a : articles) {
                producer.send(new ProducerRecord<>(topic, a.getId(), KafkaTestSupport.RAW.encode(topic, a)));
            }
            producer.flush();
        }
    }

    private static void readAlerts(KafkaConsumer<String, byte[]> consumer, String topic, List<LeaderAlert> into) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            LeaderAlert a = ALERTS.decode(topic, r.value());
            assertThat(r.key()).isEqualTo(a.getLeaderId());
            into.add(a);
        }
    }

    @Test
    void alertsServesAndStreamsAcrossInstancesWithoutDuplicatesAfterARestart() throws Exception {
        String run = "serve-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        TopicCreator.ensure(bootstrapServers(), topics.all(), 2, (short) 1, Map.of());
        List<RawArticle> samples = SampleArticles.first(4);
        String appId = run + "-app";
        List<LeaderAlert> alerts = new ArrayList<>();

        try (KafkaConsumer<String, byte[]> alertReader = KafkaTestSupport.committedReader(bootstrapServers(),
                List.of(topics.alerts()))) {
            NewsflowApp app = start(topics, appId, tmp.resolve("a"));
            try {
                List<String> lavrovStream = sse(app, "/stream/alerts?leader=lavrov");
                await().atMost(10, TimeUnit.SECONDS).until(() -> lavrovStream.contains(": connected"));
                publish(bootstrapServers(), topics.articles(), samples);

                await().atMost(3, TimeUnit.MINUTES).until(() -> {
                    readAlerts(alertReader, topics.alerts(), alerts);
                    return alerts.stream().map(LeaderAlert::getRuleType).distinct().count() == RuleType.values().length;
                });
                LeaderAlert fast = alerts.stream().filter(a -> a.getTier() == AlertTier.FAST).findFirst().orElseThrow();
                assertThat(fast.getRuleName()).isEqualTo("lavrov-headline");
                assertThat(fast.getLeaderId()).isEqualTo(LAVROV);
                assertThat(fast.getArticleId()).isEqualTo("nf-2026-0001");
                assertThat(alerts).filteredOn(a -> a.getRuleType() == RuleType.QUOTED)
                        .extracting(LeaderAlert::getLeaderName).contains("Sergey Lavrov", "Keir Starmer");

                await().atMost(30, TimeUnit.SECONDS).until(() -> lavrovStream.stream()
                        .anyMatch(l -> l.startsWith("data:") && l.contains("\"leaderId\":\"" + LAVROV + "\"")));
                assertThat(lavrovStream).filteredOn(l -> l.startsWith("data:"))
                        .allSatisfy(l -> assertThat(l).contains(LAVROV));
                assertThat(lavrovStream).contains("event: alert");

                List<String> articleStream = sse(app, "/stream/articles?entity=Q58217");
                await().atMost(30, TimeUnit.SECONDS).until(() -> articleStream.stream()
                        .anyMatch(l -> l.startsWith("data:") && l.contains("\"id\":\"nf-2026-0001\"")));

                assertThat(json(app, "/ready").path("status").asText()).isEqualTo("READY");
                assertThat(json(app, "/health").path("status").asText()).isEqualTo("UP");
                JsonNode article = json(app, "/api/articles/nf-2026-0001");
                assertThat(article.path("title").asText()).isEqualTo(samples.get(0).getTitle());
                assertThat(article.path("entities").size()).isGreaterThan(3);
                assertThat(get(app, "/api/articles/no-such-article").statusCode()).isEqualTo(404);
                JsonNode latest = json(app, "/api/entities/" + LAVROV + "/articles");
                assertThat(latest.path("name").asText()).isEqualTo("Sergey Lavrov");
                assertThat(latest.path("articles").findValuesAsText("articleId")).contains("nf-2026-0001");
                JsonNode mentions = json(app, "/api/entities/" + LAVROV + "/mentions");
                assertThat(mentions.path("total").asLong()).isGreaterThanOrEqualTo(1);
                JsonNode trending = json(app, "/api/trending?window=PT1H&limit=50");
                assertThat(trending.path("entities").findValuesAsText("entityId")).contains(LAVROV);
                assertThat(json(app, "/api/alerts/recent?leader=" + LAVROV).size()).isGreaterThan(0);
                assertThat(get(app, "/api/nothing-here").statusCode()).isEqualTo(404);
            } finally {
                app.close();
            }

            int before = alerts.size();
            NewsflowApp restarted = start(topics, appId, tmp.resolve("a"));
            NewsflowApp second = null;
            try {
                RawArticle correction = RawArticle.newBuilder(samples.get(0))
                        .setBody(samples.get(0).getBody() + "\nThis article has been updated.").build();
                RawArticle fresh = RawArticle.newBuilder(samples.get(1)).setId("nf-it-fresh")
                        .setTitle("Lavrov says talks will resume")
                        .setBody("Russian Foreign Minister Sergey Lavrov said on Friday that the talks would "
                                + "resume next week in Riyadh, without giving a date.")
                        .setUrl("https://news.example.org/nf-it-fresh").build();
                List<RawArticle> again = new ArrayList<>(samples);
                again.add(correction);
                again.add(fresh);
                publish(bootstrapServers(), topics.articles(), again);
                await().atMost(2, TimeUnit.MINUTES).until(() -> {
                    readAlerts(alertReader, topics.alerts(), alerts);
                    return alerts.stream().anyMatch(a -> a.getArticleId().equals("nf-it-fresh")
                            && a.getTier() == AlertTier.FAST);
                });

                second = start(topics, appId, tmp.resolve("b"));
                NewsflowApp b = second;
                await().atMost(2, TimeUnit.MINUTES).until(() -> json(restarted, "/api/instances").size() == 2
                        && restarted.pipeline().streams().state() == KafkaStreams.State.RUNNING
                        && b.pipeline().streams().state() == KafkaStreams.State.RUNNING);
                Set<String> hosts = Set.of("127.0.0.1:" + restarted.httpPort(), "127.0.0.1:" + b.httpPort());
                for (RawArticle a : samples) {
                    KeyQueryMetadata meta = restarted.pipeline().streams().queryMetadataForKey(
                            "articles-by-id", a.getId(), Serdes.String().serializer());
                    assertThat(hosts).as("the owner is one of the two instances; the other one forwards")
                            .contains(meta.activeHost().host() + ":" + meta.activeHost().port());
                    for (NewsflowApp instance : List.of(restarted, b)) {
                        await().atMost(1, TimeUnit.MINUTES).until(() ->
                                get(instance, "/api/articles/" + a.getId()).statusCode() == 200);
                        assertThat(json(instance, "/api/articles/" + a.getId()).path("id").asText())
                                .isEqualTo(a.getId());
                    }
                }
                assertThat(json(b, "/api/trending?window=PT1H&limit=50").path("entities").findValuesAsText("entityId"))
                        .contains(LAVROV);

                for (int i = 0; i < 10; i++) {
                    readAlerts(alertReader, topics.alerts(), alerts);
                }
            } finally {
                if (second != null) {
                    second.close();
                }
                restarted.close();
            }
            Set<String> ids = new HashSet<>();
            List<String> duplicates = alerts.stream().map(LeaderAlert::getAlertId).filter(id -> !ids.add(id)).toList();
            assertThat(duplicates).as("no alert twice across the restart, the correction and the second instance")
                    .isEmpty();
            assertThat(alerts.size()).isGreaterThan(before);
            assertThat(alerts).filteredOn(a -> a.getArticleId().equals("nf-it-fresh"))
                    .extracting(LeaderAlert::getRuleName).contains("lavrov-headline", "spike");
        }
    }
}
