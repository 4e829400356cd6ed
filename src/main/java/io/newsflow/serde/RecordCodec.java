package io.newsflow.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Encodes and decodes one record type with a {@link SerdeFactory}'s framing, outside Kafka Streams (publishers,
 * tail, tests). Thread-safe.
 */
public final class RecordCodec<T extends SpecificRecord> {

    private final Serde<T> serde;

    public RecordCodec(SerdeFactory factory, Class<T> type) {
        this.serde = factory.valueSerde(type);
    }

    public byte[] encode(String topic, T value) {
        return serde.serializer().serialize(topic, value);
    }

    public T decode(String topic, byte[] bytes) {
        return serde.deserializer().deserialize(topic, bytes);
    }
}
