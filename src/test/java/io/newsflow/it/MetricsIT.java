package io.newsflow.it;

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
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.SerdeFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} during a run of the whole application (pipeline, both alert tiers, HTTP API) on the embedded
 * broker: the newsflow counters equal what was published (articles read, enriched, dead-lettered by stage, dropped
 * as duplicates by kind), the stage and latency histograms counted every enriched article, the alert counters equal
 * the alerts on the alerts topic by tier, and the Kafka, lag and JVM meters are there. Counters count processing: when
 * a task migrated during the run (an aborted transaction on an overloaded machine), they must be at least those
 * figures instead of equal to them.
 */
class MetricsIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void countersMatchWhatWasPublished() throws Exception {
        String run = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), 2, (short) 1, Map.of());
        String appId = run + "-app";
        RuntimeConfig runtime = new RuntimeConfig(BROKER.bootstrapServers(), appId, tmp.resolve("state"),
                RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 2, (short) 1, Map.of());
        Alerting alerting = Alerting.of(new AlertEvaluator(ServingScenarios.KB),
                WatchlistSource.fixed(Watchlist.parse(ServingScenarios.RULES, true, ServingScenarios.KB, "it")));
        List<RawArticle> samples = SampleArticles.first(4);
        try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics),
                ServingScenarios.STAGES, alerting, SerdeFactory.singleObject(), "127.0.0.1", 0, "127.0.0.1",
                Clock.systemUTC()))) {
            try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers())) {
                String in = topics.articles();
                KafkaTestSupport.send(producer, in, samples);
                // the same article again (same id, same body): dropped by id
                KafkaTestSupport.send(producer, in, List.of(samples.get(0)));
                // a syndicated copy (another id and URL, same body): dropped by body
                KafkaTestSupport.send(producer, in, List.of(RawArticle.newBuilder(samples.get(1))
                        .setId(run + "-copy").setUrl("https://copy.example/" + run).build()));
                // unreadable bytes: dead-lettered by parse; a blank body: dead-lettered by validate
                producer.send(new ProducerRecord<>(in, "broken", "not avro".getBytes(StandardCharsets.UTF_8)));
                KafkaTestSupport.send(producer, in, List.of(RawArticle.newBuilder(samples.get(2))
                        .setId(run + "-blank").setBody(" ").build()));
                producer.flush();
            }

            List<ConsumerRecord<String, byte[]>> enriched = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> alerts = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> out = KafkaTestSupport.committedReader(BROKER.bootstrapServers(),
                    List.of(topics.enriched()))) {
                await().atMost(4, TimeUnit.MINUTES).untilAsserted(() -> {
                    KafkaTestSupport.drain(out, enriched);
                    assertThat(enriched).hasSize(4);
                });
            }
            String fastId = NewsflowApp.fastRuntime(runtime).applicationId();
            try (KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(BROKER.bootstrapServers(),
                    List.of(topics.alerts()))) {
                await().atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    KafkaTestSupport.drain(reader, alerts);
                    String metrics = scrape(app);
                    long full = alerts.stream().filter(r -> tier(topics, r) == AlertTier.FULL).count();
                    long fast = alerts.stream().filter(r -> tier(topics, r) == AlertTier.FAST).count();
                    assertThat(full).isPositive();
                    assertThat(fast).isPositive();
                    counts(metrics, appId, "FULL alerts", full,
                            sum(metrics, "newsflow_alerts_total", "application=\"" + appId + "\"", "tier=\"FULL\""));
                    counts(metrics, fastId, "FAST alerts", fast,
                            sum(metrics, "newsflow_alerts_total", "application=\"" + fastId + "\"", "tier=\"FAST\""));
                });
            }

            String metrics = scrape(app);
            String appTag = "application=\"" + appId + "\"";
            counts(metrics, appId, "read", 8, sum(metrics, "newsflow_articles_read_total", appTag));
            counts(metrics, appId, "enriched", 4, sum(metrics, "newsflow_articles_enriched_total", appTag));
            counts(metrics, appId, "dead letters (parse)", 1,
                    sum(metrics, "newsflow_articles_dead_lettered_total", appTag, "stage=\"parse\""));
            counts(metrics, appId, "dead letters (validate)", 1,
                    sum(metrics, "newsflow_articles_dead_lettered_total", appTag, "stage=\"validate\""));
            counts(metrics, appId, "duplicates (id)", 1,
                    sum(metrics, "newsflow_articles_duplicates_dropped_total", appTag, "kind=\"id\""));
            counts(metrics, appId, "duplicates (body)", 1,
                    sum(metrics, "newsflow_articles_duplicates_dropped_total", appTag, "kind=\"body\""));
            for (String stage : ServingScenarios.STAGES.enrichment().stageNames()) {
                counts(metrics, appId, stage + " timings", 4, sum(metrics, "newsflow_stage_processing_seconds_count",
                        appTag, "stage=\"" + stage + "\""));
                counts(metrics, appId, stage + " +Inf bucket", 4, sum(metrics,
                        "newsflow_stage_processing_seconds_bucket", appTag, "stage=\"" + stage + "\"", "le=\"+Inf\""));
            }
            counts(metrics, appId, "publish → enriched", 4,
                    sum(metrics, "newsflow_publish_to_enriched_seconds_count", appTag));
            assertThat(sum(metrics, "newsflow_publish_to_enriched_seconds_sum", appTag)).isPositive();
            assertThat(sum(metrics, "newsflow_fast_alert_latency_seconds_count", "application=\"" + fastId + "\""))
                    .isPositive();
            assertThat(metrics).contains("newsflow_consumer_lag_records{" + appTag)
                    .contains("newsflow_consumer_lag_records{application=\"" + fastId + "\"")
                    .contains("kafka_consumer_fetch_manager_records_consumed_total")
                    .contains("kafka_stream_thread_process_total")
                    .contains("jvm_memory_used_bytes");
            assertThat(sum(metrics, "newsflow_consumer_lag_records", appTag)).isZero();
        }
    }

    @Test
    void theFastAlertsRoleServesMetricsAloneOnItsPort() throws Exception {
        String run = "metrics-fast-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), 1, (short) 1, Map.of());
        RuntimeConfig runtime = new RuntimeConfig(BROKER.bootstrapServers(), run + "-app", tmp.resolve("fast"),
                RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 1, (short) 1, Map.of());
        Alerting alerting = Alerting.of(new AlertEvaluator(ServingScenarios.KB),
                WatchlistSource.fixed(Watchlist.parse(ServingScenarios.RULES, true, ServingScenarios.KB, "it")));
        try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics),
                ServingScenarios.STAGES, alerting, SerdeFactory.singleObject(), "127.0.0.1", 0, "127.0.0.1",
                Clock.systemUTC(), NewsflowApp.Role.FAST_ALERTS))) {
            assertThat(app.httpPort()).isPositive();
            String fastId = NewsflowApp.fastRuntime(runtime).applicationId();
            assertThat(scrape(app)).contains("newsflow_consumer_lag_records{application=\"" + fastId + "\"")
                    .doesNotContain("newsflow_consumer_lag_records{application=\"" + run + "-app\"");
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.httpPort() + "/api/articles/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as("no API in this role").isEqualTo(404);
        }
    }

    /**
     * Counters count processing: {@code counted} must equal {@code expected} when no stream task of
     * {@code application} was closed during the run, and be at least {@code expected} when one was (a task migrated
     * after an aborted transaction, as happens on an overloaded machine, and its records were processed again).
     */
    private static void counts(String metrics, String application, String what, double expected, double counted) {
        assertThat(metrics).contains("kafka_stream_thread_task_closed_total{");
        boolean migrated = sum(metrics, "kafka_stream_thread_task_closed_total",
                "application=\"" + application + "\"") > 0;
        if (migrated) {
            assertThat(counted).as(what + " (a task migrated: records processed again count again)")
                    .isGreaterThanOrEqualTo(expected);
        } else {
            assertThat(counted).as(what).isEqualTo(expected);
        }
    }

    private static AlertTier tier(Topics topics, ConsumerRecord<String, byte[]> r) {
        LeaderAlert a = ServingScenarios.ALERTS.decode(topics.alerts(), r.value());
        return a.getTier();
    }

    private String scrape(NewsflowApp app) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics")).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.body();
    }

    /** Sum of the samples of {@code name} whose labels contain every one of {@code labels}; 0 when none. */
    static double sum(String exposition, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(exposition);
        double total = 0;
        outer:
        while (m.find()) {
            for (String label : labels) {
                if (!m.group(1).contains(label)) {
                    continue outer;
                }
            }
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
