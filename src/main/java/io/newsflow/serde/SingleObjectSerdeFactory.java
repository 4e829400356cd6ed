package io.newsflow.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (the Avro specification's {@code C3 01} marker followed by the writer schema's
 * CRC-64-AVRO fingerprint and the binary datum). Writers use the schema compiled into this build. Readers need no
 * registry: they know the compiled schema and every released version of it ({@link ReleasedSchemas}), look the
 * writer schema up by fingerprint and read it into the current class by Avro schema resolution (fields added since
 * get their defaults). A fingerprint they do not know is asked of the {@code resolver} when one is given (a
 * {@link SchemaStore}, e.g. the schemas of a newer release, or {@link RegistrySchemaStore} for the schema registry),
 * else decoding fails with a {@link SerializationException} naming the fingerprint, which the pipeline dead-letters;
 * a registry that cannot be reached is a retriable error instead. Thread-safe.
 */
final class SingleObjectSerdeFactory implements SerdeFactory {

    static final SingleObjectSerdeFactory INSTANCE = new SingleObjectSerdeFactory(null);

    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();
    private final SchemaStore resolver;

    /** @param resolver asked for writer schemas of unknown fingerprints; null for none */
    SingleObjectSerdeFactory(SchemaStore resolver) {
        this.resolver = resolver;
        AvroTrust.trustGeneratedClasses();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return (Serde<T>) serdes.computeIfAbsent(type, t -> create(type));
    }

    @Override
    public String framing() {
        return "single-object";
    }

    private <T extends SpecificRecord> Serde<T> create(Class<T> type) {
        SpecificData data = SpecificData.getForClass(type);
        Schema schema = data.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(data, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(data, schema, resolver);
        ReleasedSchemas.of(type.getSimpleName()).values().forEach(decoder::addSchema);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (MissingSchemaException e) {
                throw new SerializationException("not a " + type.getSimpleName()
                        + " in Avro single-object encoding: unknown writer schema (" + e.getMessage()
                        + "; neither the compiled schema nor a released one"
                        + (resolver == null ? ")" : resolver instanceof RegistrySchemaStore registry
                                ? ", nor registered in " + registry + ")" : ", nor known to the resolver)"), e);
            } catch (RegistrySerdeFactory.RegistryUnavailableException e) {
                throw e; // retriable: the record is not at fault
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not a " + type.getSimpleName()
                        + " in Avro single-object encoding: " + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
