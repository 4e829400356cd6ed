package io.newsflow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void servesTransactionsAndKeepsDataAcrossARestart() {
        Path data = dir.resolve("broker");
        String firstAddress;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(data).build().start()) {
            firstAddress = broker.bootstrapServers();
            broker.createTopics(Map.of("t", 3));
            try (KafkaProducer<String, String> producer = transactionalProducer(broker.bootstrapServers())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("t", "k" + i, "v" + i));
                }
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t", "aborted", "never visible"));
                producer.abortTransaction();
            }
            assertThat(readCommitted(broker.bootstrapServers(), 10)).hasSize(10).doesNotContain("never visible");
        }
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.builder().dataDir(data).build().start()) {
            assertThat(again.bootstrapServers()).as("same port after restart").isEqualTo(firstAddress);
            assertThat(readCommitted(again.bootstrapServers(), 10)).hasSize(10).contains("v0", "v9");
        }
    }

    @Test
    void aTemporaryBrokerDeletesItsDataOnClose() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        Path data = broker.dataDir();
        assertThat(data).exists();
        broker.close();
        broker.close();
        assertThat(data).doesNotExist();
    }

    private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readCommitted(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition("t", 0), new TopicPartition("t", 1),
                    new TopicPartition("t", 2));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
