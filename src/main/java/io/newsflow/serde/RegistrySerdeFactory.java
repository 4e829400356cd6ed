package io.newsflow.serde;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent-compatible schema-registry framing through an Apicurio Registry: each value is the magic byte
 * {@code 0}, the 4-byte big-endian id of the writer schema and the Avro binary datum, with no Kafka headers. The id is
 * Apicurio's {@code contentId}, which is what Apicurio's Confluent-compatible API serves as the schema id under
 * {@code /apis/ccompat/v7/schemas/ids/{id}} (server default {@code apicurio.ccompat.legacy-id-mode.enabled=false}),
 * so Confluent deserialisers in any language read the records. Schemas are registered on first use, self-contained
 * (nested records inlined, no schema references), under the subject {@code <topic>-value} in group {@code default};
 * deserialisation returns the generated specific-record classes.
 *
 * <p>Only the public contracts ({@code io.newsflow.schema}) go through the registry. The pipeline's internal records
 * ({@code io.newsflow.schema.internal}: state stores, changelog and repartition topics) keep single-object encoding,
 * so internal topics do not appear as registry subjects and restoring state does not need the registry.
 *
 * <p>The single-object readers of the internal records look a writer schema that is neither compiled nor released
 * up by its fingerprint among the registered schemas ({@link RegistrySchemaStore}).
 *
 * <p>A deserialisation failure caused by the registry being unreachable (I/O error or HTTP 5xx) is thrown as
 * {@link RegistryUnavailableException}, a {@link RetriableException}, and not as a {@link SerializationException}:
 * the record is not at fault and must not be dead-lettered.
 *
 * <p>Thread-safe: one configured Apicurio serializer and deserializer per record type, shared by all threads (their
 * schema caches are concurrent). {@link #close()} releases their HTTP clients.
 */
public final class RegistrySerdeFactory implements SerdeFactory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySerdeFactory.class);

    /** Path of Apicurio's native v3 REST API, appended to a bare registry URL. */
    public static final String REGISTRY_API_PATH = "/apis/registry/v3";
    /** Path of Apicurio's Confluent-compatible REST API (what Confluent clients use as their registry URL). */
    public static final String CCOMPAT_API_PATH = "/apis/ccompat/v7";
    /** Package of records that stay in single-object encoding. */
    static final String INTERNAL_PACKAGE = AvroTrust.PACKAGE + ".internal";

    private final String baseUrl;
    private final Map<String, Object> overrides;
    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SerdeFactory singleObject;

    /**
     * @param registryUrl the registry's base URL ({@code http://host:8080}); a URL that already names
     *                    {@code /apis/registry/v3} is accepted too
     */
    public RegistrySerdeFactory(String registryUrl) {
        this(registryUrl, Map.of());
    }

    /**
     * @param registryUrl the registry's base URL, see {@link #RegistrySerdeFactory(String)}
     * @param overrides   extra or replacing Apicurio serde properties (authentication, TLS, timeouts), applied last
     */
    public RegistrySerdeFactory(String registryUrl, Map<String, ?> overrides) {
        this.baseUrl = baseUrl(registryUrl);
        this.overrides = Map.copyOf(overrides);
        this.singleObject = SerdeFactory.singleObject(new RegistrySchemaStore(baseUrl));
        AvroTrust.trustGeneratedClasses();
    }

    /** The registry's base URL, e.g. {@code http://apicurio-registry:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The URL Confluent-compatible clients take as their schema-registry URL. */
    public String ccompatUrl() {
        return baseUrl + CCOMPAT_API_PATH;
    }

    @Override
    public String framing() {
        return "registry";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        if (INTERNAL_PACKAGE.equals(type.getPackageName())) {
            return singleObject.valueSerde(type);
        }
        return (Serde<T>) serdes.computeIfAbsent(type, t -> create(type));
    }

    /** The exact Apicurio serializer properties this factory uses (values are Avro records, not keys). */
    public Map<String, Object> serializerConfig() {
        Map<String, Object> config = commonConfig();
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "FIND_OR_CREATE_VERSION");
        config.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, TopicIdStrategy.class.getName());
        config.put(SerdeConfig.DEREFERENCE_SCHEMA, true);
        config.putAll(overrides);
        return config;
    }

    /** The exact Apicurio deserializer properties this factory uses. */
    public Map<String, Object> deserializerConfig() {
        Map<String, Object> config = commonConfig();
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.putAll(overrides);
        return config;
    }

    private Map<String, Object> commonConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, baseUrl + REGISTRY_API_PATH);
        config.put(SerdeConfig.HTTP_ADAPTER, "JDK");
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        config.put(AvroSerdeConfig.AVRO_ENCODING, AvroSerdeConfig.AVRO_ENCODING_BINARY);
        return config;
    }

    private <T extends SpecificRecord> Serde<T> create(Class<T> type) {
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        serializer.configure(serializerConfig(), false);
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(deserializerConfig(), false);
        synchronized (resources) {
            resources.add(serializer);
            resources.add(deserializer);
        }
        LOG.info("registry serde for {} at {}", type.getSimpleName(), baseUrl);
        String name = type.getSimpleName();
        // Kafka Streams and the codecs may close the serde they were given; the shared instances stay open.
        Serializer<T> shared = (topic, value) -> value == null ? null : serializer.serialize(topic, value);
        Deserializer<T> reader = (topic, bytes) -> decode(deserializer, name, topic, bytes);
        return Serdes.serdeFrom(shared, reader);
    }

    private static <T> T decode(AvroKafkaDeserializer<T> deserializer, String name, String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return deserializer.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            if (registryUnreachable(e)) {
                throw new RegistryUnavailableException("schema registry unreachable while reading a " + name
                        + ": " + e.getMessage(), e);
            }
            throw new SerializationException("not a " + name + " in schema-registry framing (magic byte 0, 4-byte"
                    + " schema id, Avro binary): " + e.getMessage(), e);
        }
    }

    /**
     * True when the failure comes from talking to the registry (a network I/O error, or HTTP 5xx), not from the
     * bytes. Avro's own {@link IOException}s (truncated data) do not count: only exceptions of, or thrown from, the
     * JDK's networking packages.
     */
    static boolean registryUnreachable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof IOException && fromNetworking(t)) {
                return true;
            }
            if (t instanceof ApiException api && api.getResponseStatusCode() >= 500) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromNetworking(Throwable t) {
        String type = t.getClass().getName();
        if (type.startsWith("java.net.") || type.startsWith("javax.net.ssl.")) {
            return true;
        }
        StackTraceElement[] stack = t.getStackTrace();
        if (stack.length == 0) {
            return false;
        }
        String origin = stack[0].getClassName();
        return origin.startsWith("java.net.") || origin.startsWith("jdk.internal.net.http.")
                || origin.startsWith("sun.nio.ch.") || origin.startsWith("sun.net.");
    }

    /** Closes the Apicurio serializers and deserializers (their registry clients). */
    @Override
    public void close() {
        synchronized (resources) {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("closing registry serde failed: {}", e.toString());
                }
            }
            resources.clear();
        }
        serdes.clear();
    }

    static String baseUrl(String registryUrl) {
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is empty");
        }
        String url = registryUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("schema registry URL must start with http:// or https://: "
                    + registryUrl);
        }
        if (url.endsWith(REGISTRY_API_PATH)) {
            return url.substring(0, url.length() - REGISTRY_API_PATH.length());
        }
        if (url.contains("/apis/")) {
            throw new IllegalArgumentException("give the registry's base URL (http://host:8080) or its "
                    + REGISTRY_API_PATH + " API, not " + registryUrl);
        }
        return url;
    }

    /** The schema registry could not be reached; retrying later may succeed. */
    public static final class RegistryUnavailableException extends RetriableException {

        private static final long serialVersionUID = 1L;

        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
