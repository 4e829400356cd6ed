package io.newsflow.serde;

import java.util.Objects;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Creates the serdes the pipeline writes and reads. Keys are UTF-8 strings (article ids, entity ids); values are
 * Avro records in a framing chosen by the implementation. Implementations are thread-safe.
 */
public interface SerdeFactory {

    /** Value serde for a generated Avro record class. */
    <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);

    /** Key serde: UTF-8 strings. */
    default Serde<String> keySerde() {
        return Serdes.String();
    }

    /** Short name of the framing, for logs and the README ("single-object", "registry"). */
    String framing();

    /** The default: Avro binary with Avro single-object encoding (2-byte marker, 8-byte schema fingerprint). */
    static SerdeFactory singleObject() {
        return SingleObjectSerdeFactory.INSTANCE;
    }

    /**
     * Single-object encoding whose readers also ask {@code resolver} for writer schemas they do not know (neither
     * compiled nor released), e.g. the schemas of a newer release.
     */
    static SerdeFactory singleObject(SchemaStore resolver) {
        return new SingleObjectSerdeFactory(Objects.requireNonNull(resolver, "resolver"));
    }
}
