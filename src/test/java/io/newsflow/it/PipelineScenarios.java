package io.newsflow.it;

import static io.newsflow.it.KafkaTestSupport.ENRICHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.error.DeadLetterHeaders;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.PipelineRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end scenarios against a real broker. Subclasses supply the broker: the embedded KRaft broker, or
 * Testcontainers' Kafka where Docker exists. Each scenario uses its own topics and application id.
 */
abstract class PipelineScenarios {

    /** Kafka semantics are under test here, not NLP: the light chain keeps the scenarios fast. */
    static final PipelineStages STAGES = PipelineStages.named(List.of("language"));

    @TempDir
    Path tmp;

    /** Bootstrap servers of the broker under test. */
    abstract String bootstrapServers();

    private Topics topics(String run) {
        return new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts", run + "-mentions");
    }

    private Topics createTopics(String run, int partitions) {
        Topics topics = topics(run);
        TopicCreator.ensure(bootstrapServers(), topics.all(), partitions, (short) 1, Map.of());
        return topics;
    }

    private RuntimeConfig runtime(String appId, Path stateDir) {
        return new RuntimeConfig(bootstrapServers(), appId, stateDir, RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 3,
                (short) 1, Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000"));
    }

    private static String run() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void enrichesArticlesDeadLettersBadRecordsAndDropsSyndicatedCopies() throws Exception {
        String run = run();
        Topics topics = createTopics(run, 3);
        List<RawArticle> articles = KafkaTestSupport.articles(run, 20);
        byte[] garbage = "<rss>not avro</rss>".getBytes(StandardCharsets.UTF_8);
        try (PipelineRunner runner = new PipelineRunner(runtime(run, tmp.resolve("state")),
                PipelineConfig.defaults(topics), STAGES, SerdeFactory.singleObject())
                .start(Duration.ofMinutes(1));
             KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrapServers());
             KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(bootstrapServers(),
                     List.of(topics.enriched(), topics.deadLetters()))) {
            KafkaTestSupport.send(producer, topics.articles(), articles);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                KafkaTestSupport.drain(reader, seen);
                assertThat(seen).hasSize(20);
            });
            RawArticle copy = RawArticle.newBuilder(articles.get(3)).setId(run + "-copy")
                    .setUrl("https://elsewhere.example.net/copy").build();
            KafkaTestSupport.send(producer, topics.articles(), List.of(copy));
            producer.send(new ProducerRecord<>(topics.articles(), run + "-copy", garbage)).get();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                KafkaTestSupport.drain(reader, seen);
                assertThat(seen.stream().filter(r -> r.topic().equals(topics.deadLetters()))).hasSize(1);
            });
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                KafkaTestSupport.drain(reader, seen);
                assertThat(seen.stream().filter(r -> r.topic().equals(topics.enriched()))).hasSize(20);
            });
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<String, byte[]> r : seen) {
                if (r.topic().equals(topics.enriched())) {
                    EnrichedArticle a = ENRICHED.decode(r.topic(), r.value());
                    assertThat(r.key()).isEqualTo(a.getId());
                    assertThat(a.getDetectedLanguage().getCode()).isEqualTo("en");
                    ids.add(a.getId());
                } else {
                    assertThat(r.key()).isEqualTo(run + "-copy");
                    assertThat(r.value()).isEqualTo(garbage);
                    assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.STAGE)).isEqualTo("parse");
                    assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                            .isEqualTo(topics.articles());
                }
            }
            assertThat(ids).hasSize(20).doesNotContain(run + "-copy");
            assertThat(runner.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void stopAndRestartMidStreamEnrichesEveryArticleExactlyOnce() throws Exception {
        String run = run();
        Topics topics = createTopics(run, 3);
        List<RawArticle> articles = KafkaTestSupport.articles(run, 400);
        Path state = tmp.resolve("state");
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrapServers());
             KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(bootstrapServers(),
                     List.of(topics.enriched()))) {
            KafkaTestSupport.send(producer, topics.articles(), articles);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            try (PipelineRunner first = new PipelineRunner(runtime(run, state), PipelineConfig.defaults(topics),
                    STAGES, SerdeFactory.singleObject()).start(Duration.ofMinutes(1))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    KafkaTestSupport.drain(reader, seen);
                    return seen.size() >= 40;
                });
            }
            assertThat(seen.size()).as("stopped mid-stream").isLessThan(articles.size());
            try (PipelineRunner second = new PipelineRunner(runtime(run, state), PipelineConfig.defaults(topics),
                    STAGES, SerdeFactory.singleObject()).start(Duration.ofMinutes(1))) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    KafkaTestSupport.drain(reader, seen);
                    assertThat(seen.size()).isGreaterThanOrEqualTo(articles.size());
                });
                KafkaTestSupport.drain(reader, seen);
            }
            assertExactlyOnce(seen, articles);
        }
    }

    @Test
    void aSecondInstanceTakesOverWhenTheFirstIsKilled() throws Exception {
        String run = run();
        Topics topics = createTopics(run, 4);
        List<RawArticle> articles = KafkaTestSupport.articles(run, 600);
        Process victim = startPipelineProcess(run, topics, tmp.resolve("victim-state"));
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrapServers());
             KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(bootstrapServers(),
                     List.of(topics.enriched()));
             PipelineRunner survivor = new PipelineRunner(runtime(run, tmp.resolve("survivor-state")),
                     PipelineConfig.defaults(topics), STAGES, SerdeFactory.singleObject())
                     .start(Duration.ofMinutes(1))) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(activeMembers(run)).as("both instances own partitions").isEqualTo(2));
            KafkaTestSupport.send(producer, topics.articles(), articles.subList(0, 300));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                KafkaTestSupport.drain(reader, seen);
                return seen.size() >= 60;
            });
            victim.destroyForcibly().waitFor();
            KafkaTestSupport.send(producer, topics.articles(), articles.subList(300, articles.size()));
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                KafkaTestSupport.drain(reader, seen);
                assertThat(seen.size()).isGreaterThanOrEqualTo(articles.size());
            });
            KafkaTestSupport.drain(reader, seen);
            assertExactlyOnce(seen, articles);
        } finally {
            victim.destroyForcibly();
        }
    }

    private long activeMembers(String groupId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all()
                    .get(10, TimeUnit.SECONDS).get(groupId);
            return group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private static void assertExactlyOnce(List<ConsumerRecord<String, byte[]>> seen, List<RawArticle> articles) {
        List<String> ids = seen.stream().map(ConsumerRecord::key).toList();
        assertThat(ids).as("no duplicates").doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).as("nothing lost")
                .containsExactlyInAnyOrderElementsOf(articles.stream().map(RawArticle::getId).toList());
        seen.forEach(r -> assertThat(ENRICHED.decode(r.topic(), r.value()).getProcessing().getRevision()).isEqualTo(1));
    }

    /** Starts {@code newsflow run} in a separate JVM so it can be killed with SIGKILL. */
    private Process startPipelineProcess(String appId, Topics topics, Path state) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(appId + "-victim.log");
        List<String> command = List.of(java, "-Xmx1g",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.newsflow.schema",
                "-cp", System.getProperty("java.class.path"), "io.newsflow.cli.NewsflowCli", "run",
                "--bootstrap-servers", bootstrapServers(), "--application-id", appId,
                "--state-dir", state.toString(), "--no-create-topics",
                "--topic-articles", topics.articles(), "--topic-enriched", topics.enriched(),
                "--topic-dlq", topics.deadLetters(), "--topic-alerts", topics.alerts(),
                "--topic-mentions", topics.mentions(),
                "--stages", "language",
                "--streams-property", "session.timeout.ms=6000,heartbeat.interval.ms=1000");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

}
