package io.newsflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.SeenArticle;
import io.newsflow.topology.NewsflowTopology;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry factory's settings and failure handling; no registry server (RegistrySerdeIT uses a real one). */
class RegistrySerdeFactoryTest {

    @TempDir
    Path stateDir;

    @Test
    void acceptsTheBaseUrlOrTheV3ApiUrl() {
        assertThat(new RegistrySerdeFactory("http://registry:8080/").baseUrl()).isEqualTo("http://registry:8080");
        assertThat(new RegistrySerdeFactory("http://registry:8080/apis/registry/v3").baseUrl())
                .isEqualTo("http://registry:8080");
        assertThat(new RegistrySerdeFactory("http://registry:8080").ccompatUrl())
                .isEqualTo("http://registry:8080/apis/ccompat/v7");
        assertThatThrownBy(() -> new RegistrySerdeFactory("http://registry:8080/apis/ccompat/v7"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistrySerdeFactory("registry:8080")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configuresConfluentCompatibleFramingWithoutHeaders() {
        RegistrySerdeFactory factory = new RegistrySerdeFactory("http://registry:8080");
        assertThat(factory.framing()).isEqualTo("registry");
        assertThat(factory.serializerConfig()).containsAllEntriesOf(Map.of(
                "apicurio.registry.url", "http://registry:8080/apis/registry/v3",
                "apicurio.registry.headers.enabled", false,
                "apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler",
                "apicurio.registry.use-id", "contentId",
                "apicurio.registry.auto-register", true,
                "apicurio.registry.dereference-schema", true,
                "apicurio.registry.http.adapter", "JDK"));
        assertThat(factory.deserializerConfig()).containsEntry("apicurio.registry.use-specific-avro-reader", true)
                .containsEntry("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler")
                .containsEntry("apicurio.registry.use-id", "contentId");
    }

    @Test
    void internalRecordsStayInSingleObjectEncoding() {
        RegistrySerdeFactory factory = new RegistrySerdeFactory("http://127.0.0.1:1");
        SeenArticle seen = SeenArticle.newBuilder().setArticleId("a1").setContentHash("ab").setSeenAt(42L)
                .setRevision(1).build();
        byte[] bytes = factory.valueSerde(SeenArticle.class).serializer().serialize("changelog", seen);
        assertThat(bytes).startsWith((byte) 0xC3, (byte) 0x01);
        assertThat(SerdeFactory.singleObject().valueSerde(SeenArticle.class).deserializer()
                .deserialize("changelog", bytes)).isEqualTo(seen);
    }

    @Test
    void badBytesAreASerializationErrorButAnUnreachableRegistryIsRetriable() throws IOException {
        RegistrySerdeFactory factory = new RegistrySerdeFactory("http://127.0.0.1:" + closedPort(),
                Map.of("apicurio.registry.retry-count", "1", "apicurio.registry.retry-backoff-ms", "10"));
        Deserializer<RawArticle> deserializer = factory.valueSerde(RawArticle.class).deserializer();
        assertThatThrownBy(() -> deserializer.deserialize("t", "<rss/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0, 7, 2, 'x'}))
                .isInstanceOf(RegistrySerdeFactory.RegistryUnavailableException.class);
    }

    @Test
    void theTopologyDoesNotDeadLetterRecordsWhileTheRegistryIsDown() throws IOException {
        RegistrySerdeFactory factory = new RegistrySerdeFactory("http://127.0.0.1:" + closedPort(),
                Map.of("apicurio.registry.retry-count", "1", "apicurio.registry.retry-backoff-ms", "10"));
        Topics topics = Topics.defaults();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "registry-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(NewsflowTopology.build(PipelineConfig.defaults(topics),
                PipelineStages.named(List.of("language")), factory), props)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(topics.articles(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(topics.deadLetters(),
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            input.pipeInput("garbage", "<rss/>".getBytes(StandardCharsets.UTF_8));
            assertThat(deadLetters.readKeyValuesToList()).hasSize(1);
            assertThatThrownBy(() -> input.pipeInput("a1", new byte[] {0, 0, 0, 0, 7, 2, 'x'}))
                    .hasStackTraceContaining(RegistrySerdeFactory.RegistryUnavailableException.class.getName());
            assertThat(deadLetters.isEmpty()).isTrue();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
