package io.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.error.DeadLetterHeaders;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.RegistrySerdeFactory;
import io.newsflow.topology.PipelineRunner;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with {@link RegistrySerdeFactory} on the embedded broker against a real Apicurio Registry 3.0.9
 * server (child JVM, in-memory storage): input published through the registry, enriched output read back with
 * Apicurio's deserializer and, Confluent-style, by hand (magic byte, 4-byte id, schema from the Confluent-compatible
 * API, Avro's generic reader).
 */
class RegistrySerdeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaBroker broker;
    private static ApicurioRegistryProcess registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        registry = ApicurioRegistryProcess.start(Duration.ofSeconds(120));
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            if (registry != null) {
                registry.close();
            }
        }
    }

    @Test
    void enrichedRecordsCarryConfluentFramingReadableWithAndWithoutApicurio() throws Exception {
        String run = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        String bootstrap = broker.bootstrapServers();
        TopicCreator.ensure(bootstrap, topics.all(), 3, (short) 1, Map.of());
        RuntimeConfig runtime = new RuntimeConfig(bootstrap, run, tmp.resolve("state"), RuntimeConfig.DEFAULT_GUARANTEE,
                null, 1, 3, (short) 1, Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000"));
        List<RawArticle> articles = KafkaTestSupport.articles(run, 8);
        Map<String, RawArticle> byId = new HashMap<>();
        articles.forEach(a -> byId.put(a.getId(), a));
        byte[] garbage = "<rss>not avro</rss>".getBytes(StandardCharsets.UTF_8);
        byte[] singleObject = KafkaTestSupport.RAW.encode(topics.articles(), articles.get(0));

        try (RegistrySerdeFactory serdes = new RegistrySerdeFactory(registry.baseUrl());
             PipelineRunner runner = new PipelineRunner(runtime, PipelineConfig.defaults(topics),
                     PipelineStages.named(List.of("language")), serdes).start(Duration.ofMinutes(1));
             KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrap);
             KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(bootstrap,
                     List.of(topics.enriched(), topics.deadLetters()))) {
            RecordCodec<RawArticle> raw = new RecordCodec<>(serdes, RawArticle.class);
            for (RawArticle a : articles) {
                byte[] bytes = raw.encode(topics.articles(), a);
                assertThat(bytes[0]).as("magic byte").isZero();
                producer.send(new ProducerRecord<>(topics.articles(), a.getId(), bytes));
            }
            producer.send(new ProducerRecord<>(topics.articles(), run + "-garbage", garbage));
            producer.send(new ProducerRecord<>(topics.articles(), run + "-single-object", singleObject));
            producer.flush();

            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                KafkaTestSupport.drain(reader, seen);
                assertThat(seen.stream().filter(r -> r.topic().equals(topics.enriched()))).hasSize(articles.size());
                assertThat(seen.stream().filter(r -> r.topic().equals(topics.deadLetters()))).hasSize(2);
            });
            List<ConsumerRecord<String, byte[]>> enriched = seen.stream()
                    .filter(r -> r.topic().equals(topics.enriched())).toList();

            // (1) Apicurio's own deserializer, a fresh instance configured as a downstream consumer would be
            Set<String> ids = new HashSet<>();
            try (AvroKafkaDeserializer<EnrichedArticle> apicurio = new AvroKafkaDeserializer<>()) {
                apicurio.configure(serdes.deserializerConfig(), false);
                for (ConsumerRecord<String, byte[]> r : enriched) {
                    assertThat(r.headers().toArray()).as("no Kafka headers").isEmpty();
                    EnrichedArticle a = apicurio.deserialize(r.topic(), r.headers(), r.value());
                    assertThat(a.getId()).isEqualTo(r.key());
                    assertThat(a.getTitle()).isEqualTo(byId.get(a.getId()).getTitle());
                    assertThat(a.getDetectedLanguage().getCode()).isEqualTo("en");
                    assertThat(a.getProcessing().getStages()).containsExactly("normalize", "language");
                    ids.add(a.getId());
                }
            }
            assertThat(ids).isEqualTo(byId.keySet());

            // (2) Confluent wire format by hand: magic byte 0, big-endian int id, schema from the ccompat API
            Set<Integer> schemaIds = new HashSet<>();
            for (ConsumerRecord<String, byte[]> r : enriched) {
                ByteBuffer buffer = ByteBuffer.wrap(r.value());
                assertThat(buffer.get()).as("magic byte").isZero();
                int id = buffer.getInt();
                schemaIds.add(id);
                HttpResponse<String> response = registry.get("/apis/ccompat/v7/schemas/ids/" + id);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("references").size()).as("self-contained schema").isZero();
                Schema writer = new Schema.Parser().parse(body.get("schema").asText());
                assertThat(writer.getFullName()).isEqualTo("io.newsflow.schema.EnrichedArticle");
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(r.value(), 5, r.value().length - 5, null);
                GenericRecord record = new GenericDatumReader<GenericRecord>(writer).read(null, decoder);
                assertThat(decoder.isEnd()).as("whole payload decoded").isTrue();
                RawArticle original = byId.get(r.key());
                assertThat(record.get("id")).hasToString(r.key());
                assertThat(record.get("title")).hasToString(original.getTitle());
                assertThat(record.get("url")).hasToString(original.getUrl());
                assertThat(((GenericRecord) record.get("detectedLanguage")).get("code")).hasToString("en");
            }
            assertThat(schemaIds).as("one writer schema").hasSize(1);
            int schemaId = schemaIds.iterator().next();

            // the id in the payload is the contentId of the registered artifact version (what ccompat serves)
            JsonNode version = json("/apis/registry/v3/groups/default/artifacts/" + topics.enriched()
                    + "-value/versions/branch=latest");
            assertThat(version.get("contentId").asLong()).isEqualTo(schemaId);
            assertThat(version.get("artifactType").asText()).isEqualTo("AVRO");

            // both public contracts registered under TopicIdStrategy subjects; internal topics not at all
            JsonNode artifacts = json("/apis/registry/v3/search/artifacts?groupId=default&limit=1000");
            List<String> artifactIds = new ArrayList<>();
            artifacts.get("artifacts").forEach(a -> artifactIds.add(a.get("artifactId").asText()));
            assertThat(artifactIds).contains(topics.articles() + "-value", topics.enriched() + "-value");
            assertThat(artifactIds.stream().filter(a -> a.startsWith(run))).hasSize(2);
            JsonNode subjects = json("/apis/ccompat/v7/subjects");
            List<String> subjectNames = new ArrayList<>();
            subjects.forEach(s -> subjectNames.add(s.asText()));
            assertThat(subjectNames).contains(topics.articles() + "-value", topics.enriched() + "-value");

            // bytes in the wrong framing are dead letters, not crashes
            for (ConsumerRecord<String, byte[]> r : seen) {
                if (r.topic().equals(topics.deadLetters())) {
                    assertThat(r.key()).isIn(run + "-garbage", run + "-single-object");
                    assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.STAGE)).isEqualTo("parse");
                    assertThat(r.value()).isEqualTo(r.key().endsWith("garbage") ? garbage : singleObject);
                }
            }
        }
    }

    private static JsonNode json(String path) throws IOException {
        HttpResponse<String> response = registry.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
