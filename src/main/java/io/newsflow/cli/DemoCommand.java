package io.newsflow.cli;

import io.newsflow.config.KafkaClients;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.error.DeadLetterHeaders;
import io.newsflow.ingest.ArticleJson;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.app.NewsflowApp;
import io.newsflow.schema.LeaderAlert;
import java.time.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The README's first command: starts an embedded broker (unless --bootstrap-servers), creates the topics, runs the
 * pipeline, publishes the bundled sample articles plus a syndicated duplicate and two bad records, and prints what
 * came out of the enriched and dead-letter topics.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline and both alert tiers on the bundled sample articles through a real Kafka broker, print the enriched articles and alerts, and serve the live page while it runs (--serve: until Ctrl-C).")
final class DemoCommand implements Callable<Integer> {

    static final String SAMPLES = "/samples/articles.jsonl";

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ServeOptions serve;

    @Mixin
    EnrichmentOptions enrichment;

    @Option(names = "--serve", description = "After the demo, keep the pipeline, the HTTP API and the live page running until Ctrl-C.")
    boolean keepServing;

    @Option(names = "--timeout", defaultValue = "PT3M", description = "Give up after this long (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<RawArticle> samples = loadSamples();
        Path work = Files.createTempDirectory("newsflow-demo-");
        PipelineStages stages = enrichment.pipelineStages();
        Topics topics = kafka.topics();
        long started = System.nanoTime();
        try (Cluster cluster = kafka.cluster(work.resolve("broker"), 0)) {
            out.printf("Kafka: %s%s%n", cluster.bootstrapServers(), cluster.embedded() ? " (embedded single-node KRaft broker)" : "");
            cluster.ensureTopics(topics, kafka.partitions, kafka.replicationFactor);
            RuntimeConfig runtime = kafka.runtimeConfig()
                    .withBootstrapServers(cluster.bootstrapServers())
                    .withApplicationId("newsflow-demo-" + Long.toString(System.currentTimeMillis(), 36))
                    .withStateDir(work.resolve("state"));
            SerdeFactory serdes = kafka.serdes();
            try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime, kafka.pipelineConfig(),
                    stages, serve.alerting(enrichment.knowledgeBase()), serdes, serve.httpHost,
                    serve.httpPort, serve.advertisedHost, Clock.systemUTC(), NewsflowApp.Role.ALL,
                    serve.httpOptions()))) {
                out.printf("Pipeline running: stages %s, %s, %s framing%n", stages.stageNames(),
                        runtime.processingGuarantee(), serdes.framing());
                if (app.fastTier() != null) {
                    out.printf("Alerts: fast tier (at-least-once, de-duplicated) and full tier -> %s%n", topics.alerts());
                }
                if (app.httpPort() > 0) {
                    out.printf("Live page: http://%s:%d/%s%n", serve.advertisedHost, app.httpPort(),
                            keepServing ? "" : " (while the demo runs; add --serve to keep it up)");
                }
                try (Collector collector = new Collector(out, serdes, cluster.clients(), topics)) {
                    publishSamples(serdes, cluster.clients(), topics.articles(), samples);
                    out.printf("Published %d sample articles to %s%n%n", samples.size(), topics.articles());
                    out.flush();
                    collector.awaitCounts(samples.size(), 0, deadline(started));
                    int expectedDeadLetters = publishTroublemakers(serdes, cluster.clients(), topics.articles(),
                            samples.get(0));
                    out.printf("%nPublished a syndicated copy of %s from another URL and %d malformed records%n%n",
                            samples.get(0).getId(), expectedDeadLetters);
                    collector.awaitCounts(samples.size(), expectedDeadLetters, deadline(started));
                    boolean idle = awaitIdle(cluster.clients(), runtime.applicationId(), topics.articles(),
                            deadline(started))
                            && (app.fastTier() == null || awaitIdle(cluster.clients(),
                            runtime.applicationId() + NewsflowApp.FAST_SUFFIX, topics.articles(), deadline(started)));
                    collector.settle(Duration.ofSeconds(3), deadline(started));
                    int status = collector.report(samples.size() + 2 + expectedDeadLetters, samples.size() + 1,
                            expectedDeadLetters, idle, started, app.fastTier() != null);
                    if (!collector.reportCopy(samples.get(0).getId(), editedCopyId(samples.get(0)))) {
                        status = 1;
                    }
                    if (keepServing) {
                        out.printf("%nServing until Ctrl-C%s%n", app.httpPort() > 0
                                ? ": live page http://" + serve.advertisedHost + ":" + app.httpPort() + "/" : "");
                        out.flush();
                        Thread hook = new Thread(app::close, "newsflow-demo-shutdown");
                        Runtime.getRuntime().addShutdownHook(hook);
                        collector.follow(app);
                    }
                    return status;
                }
            }
        } finally {
            BenchCommand.deleteRecursively(work);
        }
    }

    private long deadline(long started) {
        return started + timeout.toNanos();
    }

    private static void publishSamples(SerdeFactory serdes, KafkaClients clients, String topic, List<RawArticle> samples) {
        RecordCodec<RawArticle> codec = new RecordCodec<>(serdes, RawArticle.class);
        try (KafkaProducer<String, byte[]> producer = Clients.producer(clients, "newsflow-demo-publish")) {
            for (RawArticle a : samples) {
                a.setIngestedAt(Instant.now());
                producer.send(new ProducerRecord<>(topic, a.getId(), codec.encode(topic, a)));
            }
            producer.flush();
        }
    }

    /** A syndicated copy of {@code first} (same body, other id and URL), bytes that are not Avro, an empty body. */
    private static int publishTroublemakers(SerdeFactory serdes, KafkaClients clients, String topic, RawArticle first) {
        RecordCodec<RawArticle> codec = new RecordCodec<>(serdes, RawArticle.class);
        try (KafkaProducer<String, byte[]> producer = Clients.producer(clients, "newsflow-demo-publish")) {
            RawArticle copy = RawArticle.newBuilder(first).setId(first.getId() + "-syndicated")
                    .setUrl("https://syndication.example.net/" + first.getId()).setSource("Example Syndication")
                    .setIngestedAt(Instant.now()).build();
            producer.send(new ProducerRecord<>(topic, copy.getId(), codec.encode(topic, copy)));
            RawArticle edited = editedCopy(first);
            producer.send(new ProducerRecord<>(topic, edited.getId(), codec.encode(topic, edited)));
            producer.send(new ProducerRecord<>(topic, "broken-1",
                    "{\"id\":\"broken-1\",\"body\":\"JSON is not the wire format\"}".getBytes(StandardCharsets.UTF_8)));
            RawArticle empty = RawArticle.newBuilder().setId("empty-1").setTitle("No body").setBody(" ").build();
            producer.send(new ProducerRecord<>(topic, empty.getId(), codec.encode(topic, empty)));
            producer.flush();
            return 2;
        }
    }

    static String editedCopyId(RawArticle original) {
        return original.getId() + "-nwa";
    }

    /**
     * An agency reprint of {@code original} as local sites publish it: another headline, the dateline replaced by an
     * agency credit, a photo caption after the first paragraph, the last paragraph cut.
     */
    static RawArticle editedCopy(RawArticle original) {
        List<String> paragraphs = new ArrayList<>(List.of(original.getBody().strip().split("\n+")));
        paragraphs.set(0, "(NWA) — " + paragraphs.get(0).replaceFirst("^[A-Z][A-Z .]+, [A-Z][a-z]+ \\d+ [-—] ", ""));
        paragraphs.add(1, "PHOTO: Delegations arrive at the lakeside hotel on the second day of the meetings.");
        paragraphs.remove(paragraphs.size() - 1);
        return RawArticle.newBuilder(original).setId(editedCopyId(original))
                .setTitle("Europe kept away from the Geneva table, Moscow says")
                .setBody(String.join("\n", paragraphs))
                .setUrl("https://reprints.example.net/nwa/" + original.getId())
                .setSource("Northern Wire Agency (reprint)")
                .setIngestedAt(Instant.now()).build();
    }

    /** Waits until the pipeline's consumer group has committed every offset of its input and internal topics. */
    private static boolean awaitIdle(KafkaClients clients, String groupId, String inputTopic, long deadline)
            throws InterruptedException {
        try (Admin admin = clients.admin("newsflow-demo-admin", Map.of())) {
            while (System.nanoTime() < deadline) {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                            .all().get(10, TimeUnit.SECONDS);
                    // topics the pipeline writes itself are transactional: the last commit marker takes one offset
                    boolean idle = !committed.isEmpty() && committed.entrySet().stream().allMatch(e ->
                            e.getValue() != null && e.getValue().offset()
                                    >= ends.get(e.getKey()).offset() - (e.getKey().topic().equals(inputTopic) ? 0 : 1));
                    if (idle) {
                        return true;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // broker busy; try again until the deadline
                }
                Thread.sleep(200);
            }
            return false;
        }
    }

    /** Reads the enriched, dead-letter and alert topics and prints what arrives. */
    private static final class Collector implements AutoCloseable {
        private final PrintWriter out;
        private final Topics topics;
        private final KafkaConsumer<String, byte[]> consumer;
        private final RecordCodec<EnrichedArticle> codec;
        private final RecordCodec<LeaderAlert> alertCodec;
        private final Map<String, EnrichedArticle> enriched = new LinkedHashMap<>();
        private final List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        private final Map<String, LeaderAlert> alerts = new LinkedHashMap<>();
        private int duplicateAlerts;

        Collector(PrintWriter out, SerdeFactory serdes, KafkaClients clients, Topics topics) {
            this.out = out;
            this.codec = new RecordCodec<>(serdes, EnrichedArticle.class);
            this.alertCodec = new RecordCodec<>(serdes, LeaderAlert.class);
            this.topics = topics;
            this.consumer = Clients.consumer(clients, "newsflow-demo-collector");
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : List.of(topics.enriched(), topics.deadLetters(), topics.alerts())) {
                consumer.partitionsFor(t, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void awaitCounts(int enrichedCount, int deadCount, long deadline) {
            do {
                poll();
            } while ((enriched.size() < enrichedCount || dead.size() < deadCount) && System.nanoTime() < deadline);
        }

        /** Polls until nothing new has arrived for {@code quiet} (alerts from later sub-topologies trail). */
        void settle(Duration quiet, long deadline) {
            long lastNew = System.nanoTime();
            while (System.nanoTime() - lastNew < quiet.toNanos() && System.nanoTime() < deadline) {
                int before = enriched.size() + dead.size() + alerts.size();
                poll();
                if (enriched.size() + dead.size() + alerts.size() != before) {
                    lastNew = System.nanoTime();
                }
            }
        }

        /** Prints whatever arrives until the application stops. */
        void follow(NewsflowApp app) {
            while (app.pipeline().streams().state().isRunningOrRebalancing()) {
                poll();
            }
        }

        private void poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(topics.enriched())) {
                    EnrichedArticle a = codec.decode(r.topic(), r.value());
                    if (enriched.put(a.getId(), a) == null) {
                        out.println(ArticleSummary.format(a));
                    }
                } else if (r.topic().equals(topics.alerts())) {
                    LeaderAlert a = alertCodec.decode(r.topic(), r.value());
                    if (alerts.putIfAbsent(a.getAlertId(), a) == null) {
                        out.println(ArticleSummary.alert(a));
                    } else {
                        duplicateAlerts++;
                    }
                } else {
                    dead.add(r);
                    out.printf("DEAD LETTER %s: stage=%s reason=%s (%d original bytes kept)%n", r.key(),
                            DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.STAGE),
                            DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON),
                            r.value() == null ? 0 : r.value().length);
                }
                out.flush();
            }
        }

        @Override
        public void close() {
            consumer.close();
        }

        /** Prints how the edited copy came out; false unless it is marked a copy of the original with no alert. */
        boolean reportCopy(String originalId, String copyId) {
            EnrichedArticle copy = enriched.get(copyId);
            long copyAlerts = alerts.values().stream().filter(a -> a.getArticleId().equals(copyId)).count();
            long originalAlerts = alerts.values().stream().filter(a -> a.getArticleId().equals(originalId)).count();
            if (copy == null) {
                out.printf("NEAR-COPY %s: not enriched%n", copyId);
                return false;
            }
            out.printf(Locale.ROOT, "NEAR-COPY %s: duplicateOf=%s similarity=%s; alerts on the copy: %d (on the "
                            + "original: %d)%n", copyId, copy.getDuplicateOf(),
                    copy.getSimilarity() == null ? "-" : String.format(Locale.ROOT, "%.2f", copy.getSimilarity()),
                    copyAlerts, originalAlerts);
            out.flush();
            return originalId.equals(copy.getDuplicateOf()) && copyAlerts == 0;
        }

        int report(int published, int expectedEnriched, int expectedDead, boolean idle, long started,
                   boolean alerting) {
            poll();
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            out.println();
            out.println(ArticleSummary.totals(enriched.values(), dead.size(), published, seconds));
            if (alerting) {
                out.println(ArticleSummary.alertTotals(alerts.values(), duplicateAlerts));
            }
            boolean complete = idle && enriched.size() == expectedEnriched && dead.size() == expectedDead;
            if (!complete) {
                out.printf("INCOMPLETE: expected %d enriched and %d dead letters with all input consumed; got %d, %d%s%n",
                        expectedEnriched, expectedDead, enriched.size(), dead.size(), idle ? "" : ", input not drained");
            }
            out.flush();
            return complete ? 0 : 1;
        }
    }

    static List<RawArticle> loadSamples() throws IOException {
        List<RawArticle> samples = new ArrayList<>();
        try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLES)) {
            if (in == null) {
                throw new IllegalStateException("sample articles " + SAMPLES + " missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    samples.add(ArticleJson.parseArticle(line, "sample-" + n));
                }
            }
        }
        return samples;
    }
}
