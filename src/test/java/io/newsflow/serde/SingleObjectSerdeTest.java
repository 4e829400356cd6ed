package io.newsflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.ProcessingMetadata;
import io.newsflow.schema.RawArticle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SingleObjectSerdeTest {

    private final SerdeFactory factory = SerdeFactory.singleObject();

    @Test
    void roundTripsARawArticleWithTheSchemaFingerprintInEveryRecord() {
        Serde<RawArticle> serde = factory.valueSerde(RawArticle.class);
        RawArticle article = RawArticle.newBuilder().setId("a1").setTitle("Héadline").setBody("Body “quoted”.")
                .setPublishedAt(Instant.parse("2026-11-20T09:30:00Z")).setAuthors(List.of("A", "B"))
                .setAttributes(Map.of("desk", "world")).build();
        byte[] bytes = serde.serializer().serialize("t", article);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = SchemaNormalization.parsingFingerprint64(RawArticle.getClassSchema());
        for (int i = 0; i < 8; i++) {
            assertThat(bytes[2 + i]).isEqualTo((byte) (fingerprint >>> (8 * i)));
        }
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(article);
    }

    @Test
    void refusesBytesOfAnotherSchemaWithAClearError() {
        EnrichedArticle enriched = EnrichedArticle.newBuilder().setId("a1").setBody("b")
                .setProcessing(ProcessingMetadata.newBuilder().setPipelineVersion("v").setStages(List.of())
                        .setProcessedAt(Instant.EPOCH).setProcessingTimeMicros(1).build()).build();
        byte[] bytes = factory.valueSerde(EnrichedArticle.class).serializer().serialize("t", enriched);
        assertThatThrownBy(() -> factory.valueSerde(RawArticle.class).deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a RawArticle");
        assertThatThrownBy(() -> factory.valueSerde(RawArticle.class).deserializer().deserialize("t", new byte[] {1, 2}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void nullsStayNull() {
        Serde<RawArticle> serde = factory.valueSerde(RawArticle.class);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
