package io.newsflow.serde;

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
}
