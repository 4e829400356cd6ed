package io.newsflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.SeenArticle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RegistrySchemaStore} against a small in-process HTTP server that serves the Confluent-compatible subject
 * API the way Apicurio does (a fake registry; Kafka is not involved). A "next release" adds a field with a default
 * to RawArticle and to the internal SeenArticle; records written with it are read by this build only through the
 * registry.
 */
class RegistrySchemaStoreTest {

    private static final Schema FUTURE_RAW = addField(RawArticle.getClassSchema(), "priority");
    private static final Schema FUTURE_SEEN = addField(SeenArticle.getClassSchema(), "shard");
    private static final Schema NOT_REGISTERED = addField(RawArticle.getClassSchema(), "embargo");

    /** path under /apis/ccompat/v7 → JSON body; a missing path answers 404. */
    private final Map<String, String> routes = new LinkedHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile int status = 200;
    private HttpServer server;
    private String url;

    @BeforeEach
    void startFakeRegistry() throws IOException {
        routes.put("/subjects", "[\"news-articles-value\",\"article-ids-value\",\"config-json-value\"]");
        routes.put("/subjects/news-articles-value/versions", "[1,2]");
        routes.put("/subjects/news-articles-value/versions/1", version(RawArticle.getClassSchema(), null));
        routes.put("/subjects/news-articles-value/versions/2", version(FUTURE_RAW, null));
        routes.put("/subjects/article-ids-value/versions", "[1]");
        routes.put("/subjects/article-ids-value/versions/1", version(FUTURE_SEEN, null));
        routes.put("/subjects/config-json-value/versions", "[1]");
        routes.put("/subjects/config-json-value/versions/1", version(null, "JSON"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/apis/ccompat/v7", exchange -> {
            hits.incrementAndGet();
            String path = exchange.getRequestURI().getPath().substring("/apis/ccompat/v7".length());
            String body = status == 200 ? routes.get(path) : "{\"error_code\":" + status + "}";
            int code = status != 200 ? status : body == null ? 404 : 200;
            byte[] bytes = (body == null ? "{\"error_code\":40401}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopFakeRegistry() {
        server.stop(0);
    }

    @Test
    void aRecordFromANewerWriterIsReadThroughTheRegistryAndItsSchemaIsAskedForOnce() {
        RegistrySchemaStore store = new RegistrySchemaStore(url);
        RecordCodec<RawArticle> codec = new RecordCodec<>(SerdeFactory.singleObject(store), RawArticle.class);

        RawArticle first = codec.decode("t", futureArticle("f-1", "Talks resumed in Oslo on Monday."));
        long afterFirst = store.requests();
        RawArticle second = codec.decode("t", futureArticle("f-2", "Ministers met again on Tuesday."));

        assertThat(first.getId()).isEqualTo("f-1");
        assertThat(first.getBody()).isEqualTo("Talks resumed in Oslo on Monday.");
        assertThat(second.getId()).isEqualTo("f-2");
        assertThat(afterFirst).as("subjects, 3 version lists, 4 versions").isEqualTo(8);
        assertThat(store.requests()).as("the second record is served from the cache").isEqualTo(afterFirst);
        assertThat(store.findByFingerprint(SchemaNormalization.parsingFingerprint64(FUTURE_SEEN)))
                .as("every registered Avro schema was remembered on the way").isEqualTo(FUTURE_SEEN);
        assertThat(store.requests()).isEqualTo(afterFirst);
    }

    @Test
    void anUnknownFingerprintIsAClearErrorAndIsNotAskedAgainBeforeTheRefreshInterval() {
        MutableClock clock = new MutableClock();
        RegistrySchemaStore store = new RegistrySchemaStore(url, Duration.ofSeconds(30), clock);
        RecordCodec<RawArticle> codec = new RecordCodec<>(SerdeFactory.singleObject(store), RawArticle.class);
        byte[] bytes = encode(NOT_REGISTERED, NOT_REGISTERED.getField("embargo"));

        assertThatThrownBy(() -> codec.decode("t", bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown writer schema")
                .hasMessageContaining(Long.toString(SchemaNormalization.parsingFingerprint64(NOT_REGISTERED)))
                .hasMessageContaining("nor registered in the schema registry at " + url + "/apis/ccompat/v7");
        long afterListing = store.requests();
        assertThatThrownBy(() -> codec.decode("t", bytes)).isInstanceOf(SerializationException.class);
        assertThat(store.requests()).as("no second listing within 30 s").isEqualTo(afterListing);

        clock.advance(Duration.ofSeconds(31));
        routes.put("/subjects/news-articles-value/versions", "[1,2,3]");
        routes.put("/subjects/news-articles-value/versions/3", version(NOT_REGISTERED, null));
        RawArticle read = codec.decode("t", bytes);
        assertThat(read.getId()).isEqualTo("x-1");
        assertThat(store.requests() - afterListing)
                .as("a new listing fetches only the version it had not fetched").isEqualTo(5);
    }

    @Test
    void anUnreachableRegistryIsRetriableNotADeadLetter() {
        status = 503;
        RecordCodec<RawArticle> codec = new RecordCodec<>(SerdeFactory.singleObject(new RegistrySchemaStore(url)),
                RawArticle.class);
        assertThatThrownBy(() -> codec.decode("t", futureArticle("f-3", "Body text.")))
                .isInstanceOf(RetriableException.class).isNotInstanceOf(SerializationException.class)
                .hasMessageContaining("503");

        server.stop(0);
        RecordCodec<RawArticle> down = new RecordCodec<>(SerdeFactory.singleObject(new RegistrySchemaStore(url)),
                RawArticle.class);
        assertThatThrownBy(() -> down.decode("t", futureArticle("f-4", "Body text.")))
                .isInstanceOf(RetriableException.class).hasMessageContaining("unreachable");
    }

    @Test
    void theRegistryFramingReadsInternalRecordsOfANewerReleaseThroughTheRegistry() throws Exception {
        GenericRecord seen = new GenericRecordBuilder(FUTURE_SEEN).set("articleId", "a-9").set("contentHash", "ab12")
                .set("url", null).set("revision", 2).set("seenAt", 1_700_000_000_000L).set("shard", 4).build();
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), FUTURE_SEEN).encode(seen));

        assertThatThrownBy(() -> SerdeFactory.singleObject().valueSerde(SeenArticle.class).deserializer()
                .deserialize("t", bytes)).isInstanceOf(SerializationException.class);
        try (RegistrySerdeFactory registry = new RegistrySerdeFactory(url)) {
            SeenArticle read = registry.valueSerde(SeenArticle.class).deserializer().deserialize("t", bytes);
            assertThat(read.getArticleId()).isEqualTo("a-9");
            assertThat(read.getRevision()).isEqualTo(2);
        }
        assertThat(hits.get()).isPositive();
    }

    private static byte[] futureArticle(String id, String body) {
        GenericRecord r = new GenericRecordBuilder(FUTURE_RAW).set("id", id).set("title", "A title")
                .set("body", body).set("priority", 3).build();
        return toBytes(encodeRecord(FUTURE_RAW, r));
    }

    private static byte[] encode(Schema schema, Schema.Field extra) {
        GenericRecord r = new GenericRecordBuilder(schema).set("id", "x-1").set("title", "Another title")
                .set("body", "Some body.").set(extra, 1).build();
        return toBytes(encodeRecord(schema, r));
    }

    private static ByteBuffer encodeRecord(Schema schema, GenericRecord record) {
        try {
            return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schema with one more int field (default 0) in front: what a later release might add. */
    private static Schema addField(Schema schema, String name) {
        return new Schema.Parser().parse(schema.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"" + name + "\",\"type\":\"int\",\"default\":0},"));
    }

    /** A subject version as the Confluent-compatible API returns it. */
    private static String version(Schema schema, String type) {
        ObjectNode node = AvroJson.mapper().createObjectNode().put("subject", "s").put("version", 1).put("id", 7);
        if (type != null) {
            node.put("schemaType", type).put("schema", "{\"type\":\"object\"}");
        } else {
            node.put("schema", schema.toString());
        }
        return node.toString();
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A clock tests move forward by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
