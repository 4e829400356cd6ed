package io.newsflow.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one place every plain Kafka client of newsflow is configured: the bootstrap servers plus the shared client
 * properties (typically {@code security.protocol}, {@code ssl.*}, {@code sasl.*}) from {@code --command-config} and
 * {@code --client-property}. Admin clients, producers and consumers are built here; the Kafka Streams applications
 * get the same properties through {@link RuntimeConfig#overrides()} (see {@link #streamsOverrides()}), which Kafka
 * Streams hands to each of its internal clients. A caller's defaults are applied first, the shared properties over
 * them (each client gets the keys it knows), then the bootstrap servers and client id. Immutable and thread-safe.
 */
public final class KafkaClients {

    /** Keys a shared client configuration may not set: they belong to the command's own flags. */
    private static final Set<String> MANAGED = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG, CommonClientConfigs.GROUP_ID_CONFIG, "application.id");

    private static final Set<String> CLIENT_KEYS = clientKeys();

    private final String bootstrapServers;
    private final Map<String, String> shared;

    private KafkaClients(String bootstrapServers, Map<String, String> shared) {
        this.bootstrapServers = bootstrapServers;
        this.shared = shared;
    }

    /**
     * Clients of {@code bootstrapServers} with the {@code shared} properties.
     *
     * @throws IllegalArgumentException for a key no Kafka client knows, or one set by the command's flags
     */
    public static KafkaClients of(String bootstrapServers, Map<String, String> shared) {
        return new KafkaClients(bootstrapServers, validated(shared));
    }

    /** Clients of {@code bootstrapServers} without shared properties (PLAINTEXT, no authentication). */
    public static KafkaClients plain(String bootstrapServers) {
        return new KafkaClients(bootstrapServers, Map.of());
    }

    /**
     * The clients of a stream application's settings: its bootstrap servers and the overrides that are plain client
     * properties (so the feeds and admin clients next to a pipeline talk to Kafka the way the pipeline does).
     */
    public static KafkaClients of(RuntimeConfig runtime) {
        Map<String, String> shared = new TreeMap<>();
        runtime.overrides().forEach((k, v) -> {
            if (CLIENT_KEYS.contains(k) && !MANAGED.contains(k)) {
                shared.put(k, v);
            }
        });
        return new KafkaClients(runtime.bootstrapServers(), Map.copyOf(shared));
    }

    /**
     * Reads a Kafka client properties file (as Kafka's tools take with {@code --command-config}) and lays
     * {@code properties} over it.
     *
     * @param file a properties file, or null
     * @throws IllegalArgumentException for an unreadable file, an unknown key or a key set by the command's flags
     */
    public static Map<String, String> load(Path file, Map<String, String> properties) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the Kafka client configuration " + file + ": "
                        + e.getMessage(), e);
            }
            new TreeMap<>(p).forEach((k, v) -> merged.put(String.valueOf(k).strip(), String.valueOf(v).strip()));
        }
        if (properties != null) {
            merged.putAll(properties);
        }
        return validated(merged);
    }

    private static Map<String, String> validated(Map<String, String> shared) {
        Objects.requireNonNull(shared, "shared");
        for (String key : shared.keySet()) {
            if (MANAGED.contains(key)) {
                throw new IllegalArgumentException("Kafka client property " + key
                        + " cannot be set in the client configuration; use the command's own option");
            }
            if (!CLIENT_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown Kafka client property " + key
                        + " (not a producer, consumer or admin setting)");
            }
        }
        return Map.copyOf(shared);
    }

    private static Set<String> clientKeys() {
        Set<String> keys = new HashSet<>();
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return Set.copyOf(keys);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The shared properties, e.g. {@code security.protocol=SSL}. */
    public Map<String, String> shared() {
        return shared;
    }

    /** The same shared properties for another cluster address. */
    public KafkaClients withBootstrapServers(String servers) {
        return new KafkaClients(servers, shared);
    }

    /** The shared properties as Kafka Streams overrides (unprefixed: Streams passes them to every client). */
    public Map<String, String> streamsOverrides() {
        return shared;
    }

    /** The security protocol the clients use ({@code PLAINTEXT} unless configured). */
    public String securityProtocol() {
        return shared.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }

    /** Producer properties: {@code defaults}, the shared producer keys, bootstrap servers and client id. */
    public Properties producerProperties(String clientId, Map<String, ?> defaults) {
        return properties(ProducerConfig.configNames(), clientId, defaults);
    }

    /** Consumer properties: {@code defaults}, the shared consumer keys, bootstrap servers and client id. */
    public Properties consumerProperties(String clientId, Map<String, ?> defaults) {
        return properties(ConsumerConfig.configNames(), clientId, defaults);
    }

    /** Admin properties: {@code defaults}, the shared admin keys, bootstrap servers and client id. */
    public Properties adminProperties(String clientId, Map<String, ?> defaults) {
        return properties(AdminClientConfig.configNames(), clientId, defaults);
    }

    /** A producer with {@link #producerProperties}. */
    public <K, V> KafkaProducer<K, V> producer(String clientId, Map<String, ?> defaults, Serializer<K> keys,
                                               Serializer<V> values) {
        return new KafkaProducer<>(producerProperties(clientId, defaults), keys, values);
    }

    /** A consumer with {@link #consumerProperties}. */
    public <K, V> KafkaConsumer<K, V> consumer(String clientId, Map<String, ?> defaults, Deserializer<K> keys,
                                               Deserializer<V> values) {
        return new KafkaConsumer<>(consumerProperties(clientId, defaults), keys, values);
    }

    /** An admin client with {@link #adminProperties}. */
    public Admin admin(String clientId, Map<String, ?> defaults) {
        return Admin.create(adminProperties(clientId, defaults));
    }

    private Properties properties(Set<String> known, String clientId, Map<String, ?> defaults) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalStateException("bootstrap servers not set");
        }
        Properties p = new Properties();
        p.putAll(defaults);
        shared.forEach((k, v) -> {
            if (known.contains(k)) {
                p.put(k, v);
            }
        });
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (clientId != null) {
            p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        }
        return p;
    }

    @Override
    public String toString() {
        // values may be secrets (passwords, JAAS lines): name the keys only
        return "KafkaClients[" + bootstrapServers + ", " + new TreeMap<>(shared).keySet() + "]";
    }
}
