package io.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.broker.TopicCreator;
import io.newsflow.cli.NewsflowCli;
import io.newsflow.delivery.AlertFilter;
import io.newsflow.delivery.DeliveryConfig;
import io.newsflow.delivery.DeliveryOutcome;
import io.newsflow.delivery.RecordingWebhookServer;
import io.newsflow.delivery.RecordingWebhookServer.Reply;
import io.newsflow.delivery.RecordingWebhookServer.Request;
import io.newsflow.delivery.RetryPolicy;
import io.newsflow.delivery.TestAlerts;
import io.newsflow.delivery.WebhookClient;
import io.newsflow.delivery.WebhookSignature;
import io.newsflow.delivery.WebhookDeliverer;
import io.newsflow.delivery.WebhookSender;
import io.newsflow.error.DeadLetterHeaders;
import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.serde.AvroJson;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Webhook delivery of leader alerts on the real embedded KRaft broker (or -Dkafka.bootstrap), against a local JDK
 * HTTP server that fails some attempts on purpose.
 */
class WebhookDeliveryIT {

    private static final RecordCodec<LeaderAlert> ALERTS = new RecordCodec<>(SerdeFactory.singleObject(), LeaderAlert.class);
    /** Exponential waits of at most 5, 10 and 20 ms; the 2 s cap leaves room for the server's Retry-After: 1. */
    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofSeconds(2), 2.0, true);
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private final ExecutorService runners = Executors.newCachedThreadPool();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        runners.shutdownNow();
    }

    /** A running deliverer and what it reported. */
    private record Running(WebhookDeliverer deliverer, Future<?> done, List<DeliveryOutcome> outcomes) {
        void stop() throws Exception {
            deliverer.close();
            done.get(60, TimeUnit.SECONDS);
        }

        List<String> ids(DeliveryOutcome.Kind kind) {
            return outcomes.stream().filter(o -> o.kind() == kind).map(DeliveryOutcome::alertId).toList();
        }
    }

    private Running start(DeliveryConfig config, RecordingWebhookServer server, RetryPolicy policy) {
        List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();
        WebhookClient client = new WebhookClient(server.url(), null, Duration.ofSeconds(2), Duration.ofSeconds(5));
        WebhookDeliverer deliverer = new WebhookDeliverer(config, new WebhookSender(client, policy), outcomes::add);
        toClose.add(deliverer);
        return new Running(deliverer, runners.submit(deliverer), outcomes);
    }

    private static void createTopics(Map<String, Integer> topics) {
        topics.forEach((topic, partitions) ->
                TopicCreator.ensure(BROKER.bootstrapServers(), List.of(topic), partitions, (short) -1, Map.of()));
    }

    /** Sends each alert to its partition, key = leader id; returns the bytes written, by alert id. */
    private static Map<String, byte[]> produce(String topic, Map<LeaderAlert, Integer> alertsToPartitions) {
        Map<String, byte[]> written = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers())) {
            alertsToPartitions.forEach((alert, partition) -> {
                byte[] bytes = ALERTS.encode(topic, alert);
                written.put(alert.getAlertId(), bytes);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, alert.getLeaderId(), bytes);
                record.headers().add("trace-id", ("trace-" + alert.getAlertId()).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            });
            producer.flush();
        }
        return written;
    }

    private static void produceRaw(String topic, int partition, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers())) {
            producer.send(new ProducerRecord<>(topic, partition, key, value));
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaTestSupport.committedReader(BROKER.bootstrapServers(), List.of(topic))) {
            await().atMost(AWAIT).until(() -> {
                KafkaTestSupport.drain(consumer, records);
                return records.size() >= expected;
            });
            // anything beyond the expected count would be a duplicate: read to the end to see it
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            await().atMost(AWAIT).until(() -> {
                KafkaTestSupport.drain(consumer, records);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return records;
    }

    private static LeaderAlert alert(String id, String rule, String leader, AlertTier tier) {
        return TestAlerts.alert(id, rule, leader, tier);
    }

    @Test
    void deliversEachAlertOnceRetriesFailuresDeadLettersTheHopelessAndDoesNotRedeliverAfterARestart() throws Exception {
        String topic = "wh-alerts";
        String dlq = "wh-alerts-webhook-dlq";
        createTopics(Map.of(topic, 2, dlq, 1));
        Set<String> flaky = Set.of("a1", "b1");     // 503 twice, then 200
        String hopeless = "a2";                      // always 500
        String throttled = "b0";                     // 429 with Retry-After: 1, then 200
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) -> {
            if (flaky.contains(key)) {
                return nth <= 2 ? Reply.status(503, "warming up") : Reply.status(200);
            }
            if (key.equals(hopeless)) {
                return Reply.status(500, "database down");
            }
            if (key.equals(throttled) && nth == 1) {
                return Reply.retryAfter(429, "1");
            }
            return Reply.status(200);
        })) {
            Map<LeaderAlert, Integer> first = new LinkedHashMap<>();
            first.put(alert("a0", "watch-lavrov", "Q58217", AlertTier.FULL), 0);
            first.put(alert("a1", "watch-lavrov", "Q58217", AlertTier.FAST), 0);
            first.put(alert(hopeless, "watch-lavrov", "Q58217", AlertTier.FULL), 0);
            first.put(alert("a3", "watch-lavrov", "Q58217", AlertTier.FULL), 0);
            first.put(alert("b0", "watch-macron", "Q3052772", AlertTier.FULL), 1);
            first.put(alert("b1", "watch-macron", "Q3052772", AlertTier.FAST), 1);
            first.put(alert("b2", "watch-macron", "Q3052772", AlertTier.FULL), 1);
            Map<String, byte[]> written = produce(topic, first);
            byte[] garbage = "not an alert at all".getBytes(StandardCharsets.UTF_8);
            produceRaw(topic, 0, "Q58217", garbage);
            produce(topic, Map.of(alert("a4", "watch-lavrov", "Q58217", AlertTier.FULL), 0));

            DeliveryConfig config = DeliveryConfig.defaults(BROKER.bootstrapServers()).withTopics(topic, dlq).withGroup("wh-group-1");
            String before = NewsflowMetrics.scrape();
            Running run1 = start(config, server, FAST_RETRIES);
            List<String> delivered = List.of("a0", "a1", "a3", "a4", "b0", "b1", "b2");
            await().atMost(AWAIT).untilAsserted(() -> {
                for (String id : delivered) {
                    assertThat(server.acknowledged(id)).as(id).isEqualTo(1);
                }
                assertThat(run1.outcomes()).hasSize(9);
            });

            // retries happened, with the same idempotency key, and only as often as needed
            assertThat(server.requestsFor("a1")).isEqualTo(3);
            assertThat(server.requestsFor("b1")).isEqualTo(3);
            assertThat(server.requestsFor("b0")).isEqualTo(2);
            assertThat(server.requestsFor("a0")).isEqualTo(1);
            assertThat(server.requestsFor(hopeless)).isEqualTo(FAST_RETRIES.maxAttempts());
            assertThat(server.acknowledged(hopeless)).isZero();
            // Retry-After: 1 was honoured (the computed wait would have been at most 5 ms)
            List<Request> b0 = server.requests().stream().filter(r -> r.key().equals("b0")).toList();
            assertThat(Duration.ofNanos(b0.get(1).arrivedNanos() - b0.get(0).arrivedNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            // in order per partition; the hopeless alert held back later ones only for its retry budget
            List<String> order = server.firstArrivalOrder();
            assertThat(order.stream().filter(k -> k.startsWith("a")).toList()).containsExactly("a0", "a1", hopeless, "a3", "a4");
            assertThat(order.stream().filter(k -> k.startsWith("b")).toList()).containsExactly("b0", "b1", "b2");
            // the body is the alert's JSON view
            Request a0 = server.requests().get(indexOfFirst(server, "a0"));
            assertThat(a0.bodyText()).isEqualTo(AvroJson.toJson(ALERTS.decode(topic, written.get("a0"))));

            assertThat(run1.ids(DeliveryOutcome.Kind.DELIVERED)).containsExactlyInAnyOrderElementsOf(delivered);
            assertThat(run1.outcomes().stream().filter(o -> o.kind() == DeliveryOutcome.Kind.DEAD_LETTERED))
                    .extracting(DeliveryOutcome::alertId).containsExactlyInAnyOrder(hopeless, null);
            assertThat(run1.outcomes().stream().filter(o -> "a1".equals(o.alertId())).findFirst().orElseThrow().attempts())
                    .isEqualTo(3);
            // the same counts on /metrics: 7 delivered, 2 dead-lettered; retries a1 2, b1 2, b0 1, hopeless 3
            String after = NewsflowMetrics.scrape();
            assertThat(MetricsIT.sum(after, "newsflow_webhook_deliveries_total", "outcome=\"delivered\"")
                    - MetricsIT.sum(before, "newsflow_webhook_deliveries_total", "outcome=\"delivered\"")).isEqualTo(7);
            assertThat(MetricsIT.sum(after, "newsflow_webhook_deliveries_total", "outcome=\"dead_lettered\"")
                    - MetricsIT.sum(before, "newsflow_webhook_deliveries_total", "outcome=\"dead_lettered\"")).isEqualTo(2);
            assertThat(total(after, "newsflow_webhook_retries_total") - total(before, "newsflow_webhook_retries_total"))
                    .isEqualTo(2 + 2 + 1 + FAST_RETRIES.maxAttempts() - 1);
            assertThat(total(after, "newsflow_webhook_failures_total") - total(before, "newsflow_webhook_failures_total"))
                    .isEqualTo(2);

            // dead letters: original bytes and headers, plus the reason
            List<ConsumerRecord<String, byte[]>> letters = readAll(dlq, 2);
            assertThat(letters).hasSize(2);
            ConsumerRecord<String, byte[]> dead = letters.stream()
                    .filter(r -> "2".equals(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_OFFSET)))
                    .findFirst().orElseThrow();
            assertThat(dead.key()).isEqualTo("Q58217");
            assertThat(dead.value()).isEqualTo(written.get(hopeless));
            assertThat(DeadLetterHeaders.get(dead.headers(), "trace-id")).isEqualTo("trace-" + hopeless);
            assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.STAGE)).isEqualTo("webhook");
            assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON))
                    .isEqualTo("still failing after 4 attempts: HTTP 500: database down");
            assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("http-500");
            assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
            assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.LAST_STATUS)).isEqualTo("500");
            assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
            assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            ConsumerRecord<String, byte[]> undecodable = letters.stream().filter(r -> r != dead).findFirst().orElseThrow();
            assertThat(undecodable.value()).isEqualTo(garbage);
            assertThat(DeadLetterHeaders.get(undecodable.headers(), DeadLetterHeaders.STAGE)).isEqualTo("webhook");
            assertThat(DeadLetterHeaders.get(undecodable.headers(), DeadLetterHeaders.REASON)).contains("not a LeaderAlert");
            assertThat(DeadLetterHeaders.get(undecodable.headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
            assertThat(undecodable.headers().lastHeader(DeadLetterHeaders.LAST_STATUS)).isNull();

            // restart: same group, new instance; only new alerts are delivered
            run1.stop();
            int requestsBefore = server.requests().size();
            Map<LeaderAlert, Integer> second = new LinkedHashMap<>();
            second.put(alert("a5", "watch-lavrov", "Q58217", AlertTier.FULL), 0);
            second.put(alert("b3", "watch-macron", "Q3052772", AlertTier.FULL), 1);
            produce(topic, second);
            Running run2 = start(config, server, FAST_RETRIES);
            await().atMost(AWAIT).untilAsserted(() -> {
                assertThat(server.acknowledged("a5")).isEqualTo(1);
                assertThat(server.acknowledged("b3")).isEqualTo(1);
            });
            // each partition is delivered in order, so any redelivery of older alerts would have come first
            assertThat(server.requests().subList(requestsBefore, server.requests().size()))
                    .extracting(Request::key).containsExactlyInAnyOrder("a5", "b3");
            assertThat(run2.outcomes()).extracting(DeliveryOutcome::alertId).containsExactlyInAnyOrder("a5", "b3");
            for (String id : delivered) {
                assertThat(server.acknowledged(id)).as(id).isEqualTo(1);
            }
            run2.stop();
            assertThat(readAll(dlq, 2)).as("no second dead letter after the restart").hasSize(2);
            assertThat(run2.deliverer().totals()).isEqualTo(new WebhookDeliverer.Totals(2, 0, 0));
        }
    }

    private static int indexOfFirst(RecordingWebhookServer server, String key) {
        List<Request> requests = server.requests();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new AssertionError("no request for " + key);
    }

    /** The value of an unlabelled sample, 0 when absent. */
    private static double total(String exposition, String name) {
        return exposition.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .sum();
    }

    @Test
    void filtersByRuleLeaderAndTier() throws Exception {
        String topic = "wh-filter-alerts";
        String dlq = "wh-filter-dlq";
        createTopics(Map.of(topic, 1, dlq, 1));
        try (RecordingWebhookServer server = RecordingWebhookServer.accepting()) {
            Map<LeaderAlert, Integer> alerts = new LinkedHashMap<>();
            alerts.put(alert("f0", "watch-lavrov", "Q58217", AlertTier.FULL), 0);   // passes
            alerts.put(alert("f1", "other-rule", "Q58217", AlertTier.FULL), 0);     // wrong rule
            alerts.put(alert("f2", "watch-lavrov", "Q30", AlertTier.FULL), 0);      // wrong leader
            alerts.put(alert("f3", "watch-macron", "Q3052772", AlertTier.FAST), 0); // wrong tier
            alerts.put(alert("f4", "watch-macron", "Q3052772", AlertTier.FULL), 0); // passes
            alerts.put(alert("f5", "watch-lavrov", "Q3052772", AlertTier.FULL), 0); // passes, last
            produce(topic, alerts);
            AlertFilter filter = AlertFilter.of(List.of("watch-lavrov", "watch-macron"), List.of("Q58217", "Q3052772"),
                    List.of(AlertTier.FULL));
            Running run = start(DeliveryConfig.defaults(BROKER.bootstrapServers()).withTopics(topic, dlq).withGroup("wh-filter")
                    .withFilter(filter), server, FAST_RETRIES);
            await().atMost(AWAIT).until(() -> server.acknowledged("f5") == 1);
            // one partition, delivered in order: everything before f5 has been decided
            assertThat(server.firstArrivalOrder()).containsExactly("f0", "f4", "f5");
            assertThat(run.ids(DeliveryOutcome.Kind.SKIPPED)).containsExactly("f1", "f2", "f3");
            assertThat(run.ids(DeliveryOutcome.Kind.DELIVERED)).containsExactly("f0", "f4", "f5");
            run.stop();
            assertThat(run.deliverer().totals()).isEqualTo(new WebhookDeliverer.Totals(3, 0, 3));
        }
    }

    @Test
    void closeStopsDuringRetriesWithoutCommittingTheUnfinishedAlert() throws Exception {
        String topic = "wh-stop-alerts";
        String dlq = "wh-stop-dlq";
        createTopics(Map.of(topic, 1, dlq, 1));
        Map<LeaderAlert, Integer> alerts = new LinkedHashMap<>();
        alerts.put(alert("s0", "watch-lavrov", "Q58217", AlertTier.FULL), 0);
        alerts.put(alert("s1", "watch-lavrov", "Q58217", AlertTier.FULL), 0);
        produce(topic, alerts);
        DeliveryConfig config = DeliveryConfig.defaults(BROKER.bootstrapServers()).withTopics(topic, dlq).withGroup("wh-stop");
        // a long budget with 300 ms waits: the deliverer is still retrying s1 when it is closed
        RetryPolicy patient = new RetryPolicy(1_000, Duration.ofMillis(300), Duration.ofMillis(300), 1.0, false);
        try (RecordingWebhookServer down = RecordingWebhookServer.start((key, nth) ->
                key.equals("s1") ? Reply.status(503) : Reply.status(200))) {
            Running run = start(config, down, patient);
            await().atMost(AWAIT).until(() -> down.requestsFor("s1") >= 3);
            long start = System.nanoTime();
            run.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(run.ids(DeliveryOutcome.Kind.DELIVERED)).containsExactly("s0");
            assertThat(run.outcomes()).extracting(DeliveryOutcome::alertId).doesNotContain("s1");
        }
        try (RecordingWebhookServer up = RecordingWebhookServer.accepting()) {
            Running again = start(config, up, patient);
            await().atMost(AWAIT).until(() -> up.acknowledged("s1") == 1);
            assertThat(up.firstArrivalOrder()).as("s0 was committed, s1 was not").containsExactly("s1");
            again.stop();
        }
    }

    @Test
    void alertsDeliverCommandSignsPostsAndPrintsOneLinePerOutcome() throws Exception {
        String topic = "wh-cli-alerts";
        String dlq = "wh-cli-dlq";
        createTopics(Map.of(topic, 1));
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) ->
                key.equals("c1") ? Reply.status(422, "unknown leader") : Reply.status(204))) {
            Map<LeaderAlert, Integer> alerts = new LinkedHashMap<>();
            alerts.put(alert("c0", "watch-lavrov", "Q58217", AlertTier.FULL), 0);
            alerts.put(alert("c1", "watch-lavrov", "Q58217", AlertTier.FULL), 0);
            alerts.put(alert("c2", "watch-macron", "Q3052772", AlertTier.FULL), 0);
            produce(topic, alerts);

            CommandLine cli = NewsflowCli.commandLine(Map.of("NEWSFLOW_SECRET", "hush"));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute("alerts", "deliver", "--webhook", server.url().toString(),
                    "--bootstrap-servers", BROKER.bootstrapServers(), "--topic-alerts", topic, "--topic-webhook-dlq", dlq,
                    "--group", "wh-cli", "--rules", "watch-lavrov", "--idle-timeout", "PT2S", "--partitions", "1",
                    "--initial-backoff", "PT0.01S", "--max-backoff", "PT0.05S");

            assertThat(code).as(out + "\n" + err).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines.get(0)).startsWith("delivering " + topic + " -> " + server.url() + " (group wh-cli, filter rules=watch-lavrov, up to 6 attempts, signed); dead letters: " + dlq);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("delivered c0 rule=watch-lavrov leader=Q58217 tier=FULL " + topic + "/0@0 attempts=1 HTTP 204"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("dead-lettered c1 rule=watch-lavrov leader=Q58217 tier=FULL " + topic + "/0@1 attempts=1 HTTP 422")
                    .endsWith(": refused, not retried: HTTP 422: unknown leader"));
            assertThat(lines).noneMatch(l -> l.contains("c2"));
            assertThat(lines.get(lines.size() - 1)).isEqualTo("stopped: 1 delivered, 1 dead-lettered, 1 skipped by the filter");
            assertThat(lines).hasSize(4);

            Request c0 = server.requests().get(indexOfFirst(server, "c0"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("hush".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((c0.headers().get("x-newsflow-timestamp") + ".").getBytes(StandardCharsets.US_ASCII));
            assertThat(c0.headers()).containsEntry("x-newsflow-signature", "sha256=" + HexFormat.of().formatHex(mac.doFinal(c0.body())));
            assertThat(WebhookSignature.verify("hush".getBytes(StandardCharsets.UTF_8), c0.headers().get("x-newsflow-timestamp"),
                    c0.headers().get("x-newsflow-signature"), c0.body(), Instant.now(), WebhookSignature.DEFAULT_TOLERANCE))
                    .isEqualTo(WebhookSignature.Result.VALID);
            assertThat(server.requestsFor("c1")).as("4xx is not retried").isEqualTo(1);
            // the command created the dead-letter topic and wrote the refused alert there
            assertThat(readAll(dlq, 1)).singleElement().satisfies(r ->
                    assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.LAST_STATUS)).isEqualTo("422"));
        }
    }
}
