package io.newsflow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker shared;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void startSharedBroker() {
        shared = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stopSharedBroker() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        assertThat(shared.bootstrapServers()).isEqualTo("127.0.0.1:" + shared.port());
        assertThat(shared.createTopics(Map.of("tx", 3))).containsExactly("tx");
        assertThat(shared.createTopics(Map.of("tx", 3))).as("existing topics are fine").isEmpty();

        try (KafkaProducer<String, String> producer = transactionalProducer(shared.bootstrapServers(), "tx-test")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 12; i++) {
                producer.send(new ProducerRecord<>("tx", "k" + i, "v" + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "k-aborted", "aborted"));
            producer.abortTransaction();
        }

        final List<ConsumerRecord<String, String>> records = readCommitted(shared.bootstrapServers(), "tx", 3, 12);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 12).mapToObj(i -> "v" + i).toList());
        assertThat(records.stream().map(ConsumerRecord::partition).distinct().count())
                .as("keys spread over the partitions").isGreaterThan(1);
    }

    @Test
    void runsAnExactlyOnceV2StreamsApplication() {
        shared.createTopics(Map.of("eos-in", 3, "eos-out", 3));
        try (KafkaProducer<String, String> producer = transactionalProducer(shared.bootstrapServers(), "eos-feed")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("eos-in", "k" + i, "word" + i));
            }
            producer.commitTransaction();
        }

        final StreamsBuilder topology = new StreamsBuilder();
        topology.stream("eos-in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to("eos-out", Produced.with(Serdes.String(), Serdes.String()));
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-broker-eos-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, tempDir.resolve("streams").toString());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        final List<String> output = new ArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(topology.build(), config);
             KafkaConsumer<String, String> consumer = readCommittedConsumer(shared.bootstrapServers())) {
            streams.start();
            final List<TopicPartition> partitions = partitions("eos-out", 3);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> output.add(r.value()));
                return output.size() >= 20;
            });
            streams.close(Duration.ofSeconds(10));
        }
        assertThat(output)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj(i -> "WORD" + i).toList());
    }

    @Test
    void restartOnTheSameDataDirKeepsRecordsPortsAndClusterId() {
        final Path data = tempDir.resolve("broker");
        final String address;
        final String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(data).build().start()) {
            address = broker.bootstrapServers();
            clusterId = broker.clusterId();
            broker.createTopics(Map.of("kept", 3));
            try (KafkaProducer<String, String> producer = transactionalProducer(address, "restart-test")) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 9; i++) {
                    producer.send(new ProducerRecord<>("kept", "k" + i, "before-" + i));
                }
                producer.commitTransaction();
            }
        }
        assertThat(data).isDirectory();

        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.builder().dataDir(data).build().start()) {
            assertThat(again.bootstrapServers()).as("same client port").isEqualTo(address);
            assertThat(again.clusterId()).isEqualTo(clusterId);
            assertThat(again.createTopics(Map.of("kept", 3))).isEmpty();
            assertThat(readCommitted(again.bootstrapServers(), "kept", 3, 9)).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 9).mapToObj(i -> "before-" + i)
                            .collect(Collectors.toList()));
        }
    }

    @Test
    void closeIsIdempotentAndDeletesATemporaryDataDir() {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        final Path data = broker.dataDir();
        assertThat(broker.isRunning()).isTrue();
        assertThat(data).isDirectory();

        broker.close();
        broker.close();

        assertThat(broker.isRunning()).isFalse();
        assertThat(data).doesNotExist();
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondBrokerCannotUseARunningBrokersDataDir() {
        final Path data = tempDir.resolve("locked");
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(data).build().start();
             EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(data).build()) {
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            assertThat(first.isRunning()).isTrue();
            assertThat(first.createTopics(Map.of("still-serving", 1))).containsExactly("still-serving");
        }
    }

    @Test
    void failsClearlyWhenTheRequestedPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(taken.getLocalPort()).build()) {
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort())).hasMessageContaining("in use");
        }
    }

    @Test
    void rejectsSettingsItManages() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().property("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listeners");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().build().bootstrapServers())
                .isInstanceOf(IllegalStateException.class);
    }

    private static KafkaProducer<String, String> transactionalProducer(final String bootstrap, final String txId) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommittedConsumer(final String bootstrap) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Reads committed records of {@code topic} until there are at least {@code expected} and none is pending. */
    private static List<ConsumerRecord<String, String>> readCommitted(final String bootstrap, final String topic,
                                                                      final int partitionCount, final int expected) {
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer(bootstrap)) {
            final List<TopicPartition> partitions = partitions(topic, partitionCount);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().pollInSameThread().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
                return records.size() >= expected
                        && partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return records;
    }

    private static List<TopicPartition> partitions(final String topic, final int count) {
        return IntStream.range(0, count).mapToObj(i -> new TopicPartition(topic, i)).toList();
    }
}
