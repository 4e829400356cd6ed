package io.newsflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientsTest {

    @TempDir
    Path dir;

    @Test
    void singlePropertiesWinOverTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n", StandardCharsets.UTF_8);
        Map<String, String> shared = KafkaClients.load(file, Map.of("sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(shared).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void eachClientGetsTheSharedKeysItKnowsOverItsDefaults() {
        KafkaClients clients = KafkaClients.of("broker:9093", Map.of("security.protocol", "SSL",
                "isolation.level", "read_uncommitted", "acks", "1"));
        Properties consumer = clients.consumerProperties("c", Map.of("isolation.level", "read_committed"));
        Properties producer = clients.producerProperties("p", Map.of("acks", "all"));
        Properties admin = clients.adminProperties("a", Map.of());
        assertThat(consumer).containsEntry("security.protocol", "SSL").containsEntry("isolation.level", "read_uncommitted")
                .containsEntry("bootstrap.servers", "broker:9093").containsEntry("client.id", "c").doesNotContainKey("acks");
        assertThat(producer).containsEntry("security.protocol", "SSL").containsEntry("acks", "1")
                .doesNotContainKey("isolation.level");
        assertThat(admin).containsEntry("security.protocol", "SSL").doesNotContainKey("acks");
    }

    @Test
    void unknownAndReservedKeysAreRefused() {
        assertThatThrownBy(() -> KafkaClients.of("b:1", Map.of("security.protcol", "SSL")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown Kafka client property security.protcol");
        assertThatThrownBy(() -> KafkaClients.load(null, Map.of("bootstrap.servers", "elsewhere:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> KafkaClients.load(dir.resolve("missing.properties"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.properties");
    }

    @Test
    void theStreamApplicationsClientConfigurationReachesTheClientsBesideIt() {
        RuntimeConfig runtime = new RuntimeConfig("b:1", "app", Path.of("state"), RuntimeConfig.DEFAULT_GUARANTEE, null,
                1, 1, (short) -1, Map.of("security.protocol", "SSL", "ssl.truststore.location", "/t.p12",
                "num.standby.replicas", "1", "producer.linger.ms", "0"));
        assertThat(runtime.streamsProperties()).containsEntry("security.protocol", "SSL");
        KafkaClients clients = KafkaClients.of(runtime);
        assertThat(clients.shared()).containsOnlyKeys("security.protocol", "ssl.truststore.location");
        assertThat(clients.toString()).doesNotContain("/t.p12");
    }
}
