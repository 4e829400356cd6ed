package io.newsflow.it;

import io.newsflow.bench.CorpusGenerator;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers, consumers and generated articles for integration tests against a real broker. */
final class KafkaTestSupport {

    static final RecordCodec<RawArticle> RAW = new RecordCodec<>(SerdeFactory.singleObject(), RawArticle.class);
    static final RecordCodec<EnrichedArticle> ENRICHED =
            new RecordCodec<>(SerdeFactory.singleObject(), EnrichedArticle.class);

    private KafkaTestSupport() {
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Generated articles with ids {@code prefix-0 … prefix-(n-1)}. */
    static List<RawArticle> articles(String prefix, int n) {
        CorpusGenerator generator = new CorpusGenerator(prefix.hashCode());
        List<RawArticle> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RawArticle a = generator.next(prefix);
            a.setIngestedAt(Instant.now());
            out.add(a);
        }
        return out;
    }

    static void send(KafkaProducer<String, byte[]> producer, String topic, List<RawArticle> articles) {
        for (RawArticle a : articles) {
            producer.send(new ProducerRecord<>(topic, a.getId(), RAW.encode(topic, a)));
        }
        producer.flush();
    }

    /** A read_committed consumer of every partition of {@code topics}, from the beginning. */
    static KafkaConsumer<String, byte[]> committedReader(String bootstrap, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Polls once and appends what arrived. */
    static void drain(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> into) {
        consumer.poll(Duration.ofMillis(200)).forEach(into::add);
    }
}
