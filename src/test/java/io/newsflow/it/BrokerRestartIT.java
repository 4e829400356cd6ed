package io.newsflow.it;

import static io.newsflow.it.KafkaTestSupport.ENRICHED;
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
import io.newsflow.serde.SerdeFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the single-node KRaft broker, in a JVM of its own ({@code newsflow broker}), is killed with SIGKILL
 * while articles are being enriched and alerted on, articles are published during the outage, and the broker is
 * restarted on the same data directory and port. Every article must come out enriched exactly once
 * ({@code read_committed}) and no alert id may appear twice on the alerts topic, from either tier.
 */
class BrokerRestartIT {

    /** Entities make the full tier's CO_MENTION alerts possible; the rest of the chain is not under test here. */
    private static final PipelineStages STAGES = PipelineStages.named(List.of("language", "entities"));
    private static final String RULES = """
            rules:
              - {name: in-headline, type: MENTION, inHeadline: true, leaders: ["*"]}
              - {name: together, type: CO_MENTION, leaders: ["*"], with: ["*"]}
            """;
    private static final int BEFORE = 120;
    private static final int DURING = 60;

    @TempDir
    Path tmp;

    @Test
    void everyArticleIsEnrichedOnceAndNoAlertRepeatsWhenTheBrokerIsKilledMidStream() throws Exception {
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        Path data = tmp.resolve("broker");
        String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        Process broker = startBroker(data, port, run + "-1");
        NewsflowApp app = null;
        try {
            Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                    run + "-mentions");
            TopicCreator.ensure(bootstrap, topics.all(), 3, (short) 1, Map.of());
            List<RawArticle> articles = KafkaTestSupport.articles(run, BEFORE + DURING);
            KnowledgeBase kb = KnowledgeBase.bundled();
            RuntimeConfig runtime = new RuntimeConfig(bootstrap, run, tmp.resolve("state"),
                    RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 2, (short) 1,
                    Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
                            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000"));
            Alerting alerting = Alerting.of(new AlertEvaluator(kb),
                    WatchlistSource.fixed(Watchlist.parse(RULES, true, kb, "it")));
            app = NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics), STAGES,
                    alerting, SerdeFactory.singleObject(), "127.0.0.1", -1, "127.0.0.1", Clock.systemUTC()));

            List<ConsumerRecord<String, byte[]>> enriched = new ArrayList<>();
            List<LeaderAlert> alerts = new ArrayList<>();
            int enrichedAtKill;
            try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrap);
                 KafkaConsumer<String, byte[]> enrichedReader = KafkaTestSupport.committedReader(bootstrap,
                         List.of(topics.enriched()));
                 KafkaConsumer<String, byte[]> alertReader = KafkaTestSupport.committedReader(bootstrap,
                         List.of(topics.alerts()))) {
                KafkaTestSupport.send(producer, topics.articles(), articles.subList(0, BEFORE));
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    KafkaTestSupport.drain(enrichedReader, enriched);
                    return enriched.size() >= 15;
                });
                broker.destroyForcibly().waitFor();
                enrichedAtKill = enriched.size();
                // a publisher goes on while the broker is down; send() may block on metadata until it is back
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> KafkaTestSupport.send(
                        producer, topics.articles(), articles.subList(BEFORE, articles.size())));
                broker = startBroker(data, port, run + "-2");
                publishing.get(2, TimeUnit.MINUTES);

                await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> {
                    KafkaTestSupport.drain(enrichedReader, enriched);
                    assertThat(enriched.stream().map(ConsumerRecord::key).distinct().count())
                            .isEqualTo(articles.size());
                });
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    KafkaTestSupport.drain(enrichedReader, enriched);
                    readAlerts(alertReader, topics.alerts(), alerts);
                    assertThat(enriched).hasSizeGreaterThanOrEqualTo(articles.size());
                });
            }
            assertThat(enrichedAtKill).as("the broker was killed mid-stream").isLessThan(BEFORE);

            List<String> ids = enriched.stream().map(ConsumerRecord::key).toList();
            Set<String> unique = new HashSet<>(ids);
            int lost = articles.size() - (int) articles.stream().map(RawArticle::getId).filter(unique::contains)
                    .count();
            int duplicated = ids.size() - unique.size();
            for (ConsumerRecord<String, byte[]> r : enriched) {
                assertThat(ENRICHED.decode(r.topic(), r.value()).getId()).isEqualTo(r.key());
            }
            Map<String, Integer> alertCounts = new HashMap<>();
            alerts.forEach(a -> alertCounts.merge(a.getAlertId(), 1, Integer::sum));
            long repeatedAlerts = alertCounts.values().stream().filter(n -> n > 1).count();
            long fast = alerts.stream().filter(a -> a.getTier() == AlertTier.FAST).count();
            Set<String> alertedAfterOutage = new HashSet<>();
            alerts.stream().filter(a -> a.getTier() == AlertTier.FAST).map(LeaderAlert::getArticleId)
                    .forEach(alertedAfterOutage::add);
            alertedAfterOutage.retainAll(articles.subList(BEFORE, articles.size()).stream().map(RawArticle::getId)
                    .toList());
            System.out.printf("broker restart: killed after %d of %d articles enriched, %d more published during "
                            + "the outage; enriched %d records of %d articles: lost %d, duplicated %d; %d alerts "
                            + "(%d fast, %d full), repeated alert ids %d%n",
                    enrichedAtKill, BEFORE, DURING, ids.size(), articles.size(), lost, duplicated, alerts.size(),
                    fast, alerts.size() - fast, repeatedAlerts);

            assertThat(lost).as("articles lost").isZero();
            assertThat(duplicated).as("articles enriched more than once").isZero();
            assertThat(ids).hasSize(articles.size());
            assertThat(repeatedAlerts).as("alert ids written more than once").isZero();
            assertThat(fast).as("fast-tier alerts").isPositive();
            assertThat(alerts.size() - fast).as("full-tier alerts").isPositive();
            assertThat(alertedAfterOutage).as("articles published during the outage were alerted on").isNotEmpty();
            assertThat(app.pipeline().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            if (app != null) {
                app.close();
            }
            broker.destroyForcibly().waitFor();
        }
    }

    private static void readAlerts(KafkaConsumer<String, byte[]> consumer, String topic, List<LeaderAlert> into) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            into.add(ServingScenarios.ALERTS.decode(topic, r.value()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        }
    }

    /** Starts {@code newsflow broker} in a JVM of its own and waits until it says it is listening. */
    private static Process startBroker(Path data, int port, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + "-broker.log");
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.newsflow.cli.NewsflowCli", "broker", "--broker-data-dir", data.toString(),
                "--broker-port", Integer.toString(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(process.isAlive()).as("broker process (log " + log + ")").isTrue();
                return Files.readString(log, StandardCharsets.UTF_8).contains("Kafka broker listening on");
            });
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }
}
