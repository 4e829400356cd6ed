package io.newsflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.EntityMention;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution in the single-object framing: records written with each released schema decode into the current
 * classes (every released field kept, added fields at their defaults), and records written by this build read with
 * each released schema as reader. Records are random (seeded) so every field, union branch and nested record is
 * exercised.
 */
class ReleasedSchemasTest {

    private static final List<Class<? extends SpecificRecord>> CONTRACTS =
            List.of(RawArticle.class, EnrichedArticle.class, LeaderAlert.class, EntityMention.class);
    private static final int RECORDS = 25;

    static Stream<Arguments> releasedSchemas() {
        List<Arguments> out = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : CONTRACTS) {
            ReleasedSchemas.of(type.getSimpleName()).forEach((version, schema) -> out.add(Arguments.of(type, version, schema)));
        }
        return out.stream();
    }

    @Test
    void everyReleasedFolderIsListedAndShipped() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("src/main/resources/schemas/released"))) {
            assertThat(folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(ReleasedSchemas.versions());
        }
        assertThat(ReleasedSchemas.versions()).containsExactly("0.1.0", "0.2.0");
        assertThat(ReleasedSchemas.of("RawArticle")).containsOnlyKeys("0.1.0", "0.2.0");
        assertThat(ReleasedSchemas.of("LeaderAlert")).containsOnlyKeys("0.2.0");
        // EnrichedArticle gained Quote.method and StanceTag.method after 0.2.0: a different writer schema
        assertThat(fingerprint(ReleasedSchemas.of("EnrichedArticle").get("0.2.0")))
                .isNotEqualTo(fingerprint(EnrichedArticle.getClassSchema()));
    }

    @ParameterizedTest(name = "{0} written with {1}")
    @MethodSource("releasedSchemas")
    void recordsWrittenWithAReleasedSchemaDecodeIntoTheCurrentClass(Class<? extends SpecificRecord> type, String version,
                                                                    Schema released) throws IOException {
        RecordCodec<? extends SpecificRecord> codec = new RecordCodec<>(SerdeFactory.singleObject(), type);
        BinaryMessageEncoder<GenericRecord> oldWriter = new BinaryMessageEncoder<>(GenericData.get(), released);
        for (Object random : new RandomData(released, RECORDS, 42L + version.hashCode())) {
            GenericRecord written = roundTrip((GenericRecord) random, released, released);
            byte[] bytes = toBytes(oldWriter.encode(written));

            SpecificRecord decoded = codec.decode("t", bytes);

            assertThat(decoded).isInstanceOf(type);
            // every field the old writer wrote survives: read the current record back with the released schema
            GenericRecord back = roundTrip(decoded, decoded.getSchema(), released);
            assertThat(back).isEqualTo(written);
        }
    }

    @ParameterizedTest(name = "{0} read with {1}")
    @MethodSource("releasedSchemas")
    void currentRecordsReadWithEachReleasedReaderSchema(Class<? extends SpecificRecord> type, String version,
                                                        Schema released) throws IOException {
        Schema current = SpecificData.get().getSchema(type);
        @SuppressWarnings({"unchecked", "rawtypes"})
        RecordCodec<SpecificRecord> codec = new RecordCodec(SerdeFactory.singleObject(), type);
        // a consumer still on the released schema that has been given the current writer schema
        BinaryMessageDecoder<GenericRecord> oldReader = new BinaryMessageDecoder<>(GenericData.get(), released);
        oldReader.addSchema(current);
        for (Object random : new RandomData(current, RECORDS, 7L + version.hashCode())) {
            SpecificRecord record = toSpecific((GenericRecord) random, current);
            byte[] bytes = codec.encode("t", specific(type, record));

            GenericRecord read = oldReader.decode(bytes);

            assertThat(read.getSchema()).isEqualTo(released);
            assertThat(read).isEqualTo(roundTrip(record, current, released));
        }
    }

    @Test
    void aFingerprintNobodyKnowsIsAClearErrorAndAResolverCanSupplyIt() throws IOException {
        // a future release adds a field with a default: unknown to this build
        Schema future = new Schema.Parser().parse(RawArticle.getClassSchema().toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"priority\",\"type\":\"int\",\"default\":0},"));
        GenericRecord written = roundTrip((GenericRecord) new RandomData(future, 1, 3L).iterator().next(), future, future);
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), future).encode(written));

        RecordCodec<RawArticle> plain = new RecordCodec<>(SerdeFactory.singleObject(), RawArticle.class);
        assertThatThrownBy(() -> plain.decode("t", bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a RawArticle in Avro single-object encoding: unknown writer schema")
                .hasMessageContaining(Long.toString(fingerprint(future)));

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(future);
        RawArticle decoded = new RecordCodec<>(SerdeFactory.singleObject(store), RawArticle.class).decode("t", bytes);
        assertThat(decoded.getId()).isEqualTo(written.get("id").toString());
        assertThat(decoded.getBody()).isEqualTo(written.get("body").toString());
    }

    /** The generic {@code record} as an instance of the generated class (logical types converted). */
    private static SpecificRecord toSpecific(GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<Object>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<SpecificRecord>(schema, schema, SpecificData.getForSchema(schema))
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @SuppressWarnings("unchecked")
    private static <T> T specific(Class<T> type, Object record) {
        return (T) record;
    }

    /** Writes {@code record} with {@code writer} and reads it back with {@code reader} as a generic record. */
    private static GenericRecord roundTrip(Object record, Schema writer, Schema reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData model = record instanceof SpecificRecord ? SpecificData.getForSchema(writer) : GenericData.get();
        new GenericDatumWriter<Object>(writer, model).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(writer, reader, GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

}
