package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.schema.DetectedLanguage;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.Entity;
import io.newsflow.schema.EntityType;
import io.newsflow.schema.Mention;
import io.newsflow.schema.MentionKind;
import io.newsflow.schema.ProcessingMetadata;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.TextField;
import io.newsflow.serde.AvroJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class ArticleJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RawArticle fullArticle() {
        return RawArticle.newBuilder()
                .setId("rt-1")
                .setUrl("https://wire.example.test/rt-1")
                .setSource("Example Wire")
                .setTitle("Round trip")
                .setBody("Body with \"quotes\", a tab\tand ünïcödé — and a newline\nhere.")
                .setContentType("text/plain")
                .setLanguage("en")
                .setPublishedAt(Instant.parse("2031-03-10T09:30:00.123Z"))
                .setIngestedAt(Instant.parse("2031-03-10T09:31:00Z"))
                .setAuthors(List.of("A. One", "B. Two"))
                .setKeywords(List.of("k"))
                .setAttributes(Map.of("desk", "world"))
                .build();
    }

    @Test
    void rawArticleRoundTripsThroughJson() throws IOException {
        RawArticle article = fullArticle();

        String json = AvroJson.toJson(article);
        JsonNode tree = MAPPER.readTree(json);

        assertThat(json).doesNotContain("\n");
        assertThat(tree.get("publishedAt").asText()).isEqualTo("2031-03-10T09:30:00.123Z");
        assertThat(tree.get("ingestedAt").asText()).isEqualTo("2031-03-10T09:31:00Z");
        assertThat(tree.get("authors").size()).isEqualTo(2);
        assertThat(ArticleJson.fromJson(json)).isEqualTo(article);
        assertThat(ArticleJson.fromNode(AvroJson.toTree(article), null)).isEqualTo(article);
    }

    @Test
    void minimalRawArticleRoundTripsWithNulls() throws IOException {
        RawArticle article = RawArticle.newBuilder().setId("min").setBody("Just a body.").build();

        JsonNode tree = AvroJson.toTree(article);

        assertThat(tree.get("title").isNull()).isTrue();
        assertThat(tree.get("publishedAt").isNull()).isTrue();
        assertThat(tree.get("attributes").isObject()).isTrue();
        assertThat(ArticleJson.fromJson(tree.toString())).isEqualTo(article);
    }

    @Test
    void parsedArticleSurvivesAvroBinaryRoundTrip() throws IOException {
        RawArticle parsed = ArticleJson.fromJson(
                "{\"id\":\"p\",\"body\":\"b\",\"publishedAt\":\"2031-03-10T09:30:00.123456789Z\"}");

        assertThat(parsed.getPublishedAt()).isEqualTo(Instant.parse("2031-03-10T09:30:00.123Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(RawArticle.class).write(parsed, encoder);
        encoder.flush();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        assertThat(new SpecificDatumReader<>(RawArticle.class).read(null, decoder)).isEqualTo(parsed);
    }

    @Test
    void parseArticleUsesFallbackIdAndRejectsBadInput() {
        assertThat(ArticleJson.parseArticle("{\"body\":\"b\"}", "sample-3").getId()).isEqualTo("sample-3");
        assertThat(ArticleJson.parseArticle("{\"id\":\"  \",\"body\":\"b\"}", null).getId()).startsWith("sha256:");
        assertThatThrownBy(() -> ArticleJson.fromJson("{\"body\":\"   \"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field 'body' is missing or blank");
        assertThatThrownBy(() -> ArticleJson.fromJson("{\"body\":\"b\",\"authors\":[\"a\",7]}"))
                .hasMessage("field 'authors[1]' must be a string, got a number");
        assertThatThrownBy(() -> ArticleJson.fromJson("{\"body\":\"b\",\"attributes\":{\"x\":[1]}}"))
                .hasMessage("field 'attributes.x' must be a string, got an array");
        assertThatThrownBy(() -> ArticleJson.fromJson("{\"body\":\"b\",\"id\":true}"))
                .hasMessage("field 'id' must be a string, got a boolean");
        assertThatThrownBy(() -> ArticleJson.fromJson("{\"body\":\"b\",\"publishedAt\":1.5}"))
                .hasMessageContaining("'publishedAt'");
        assertThatThrownBy(() -> ArticleJson.fromJson("{\"body\":"))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> ArticleJson.fromJson(""))
                .hasMessage("no JSON value");
    }

    @Test
    void derivedIdIsStableAndDependsOnUrlOrText() {
        String byUrl = ArticleJson.derivedId("https://x.test/a", "t", "b");
        assertThat(byUrl).matches("sha256:[0-9a-f]{16}")
                .isEqualTo(ArticleJson.derivedId(" https://x.test/a ", "other", "other"));
        assertThat(ArticleJson.derivedId(null, "t", "b")).isEqualTo(ArticleJson.derivedId("", "t", "b"))
                .isNotEqualTo(ArticleJson.derivedId(null, "t", "c"))
                .isNotEqualTo(ArticleJson.derivedId(null, null, "b"));
    }

    @Test
    void rendersEnrichedArticleWithNestedRecordsEnumsAndNulls() throws IOException {
        Mention mention = Mention.newBuilder().setField(TextField.TITLE).setStart(0).setEnd(4)
                .setText("Vera").setKind(MentionKind.NAME).build();
        Entity entity = Entity.newBuilder().setId("local:vera").setName("Vera Example")
                .setType(EntityType.PERSON).setQid(null).setLeader(true).setRole(null).setSalience(1.0)
                .setMentions(List.of(mention)).build();
        EnrichedArticle enriched = EnrichedArticle.newBuilder()
                .setId("e1").setBody("Vera spoke.").setTitle("Vera speaks")
                .setPublishedAt(Instant.parse("2031-03-10T09:30:00Z"))
                .setContentHash("abc")
                .setDetectedLanguage(null)
                .setEntities(List.of(entity))
                .setProcessing(ProcessingMetadata.newBuilder().setPipelineVersion("0.1.0")
                        .setStages(List.of("normalise", "entities"))
                        .setProcessedAt(Instant.ofEpochMilli(1930000000000L)).setProcessingTimeMicros(1234L)
                        .build())
                .build();

        JsonNode tree = MAPPER.readTree(AvroJson.toJson(enriched));

        assertThat(tree.get("id").asText()).isEqualTo("e1");
        assertThat(tree.get("url").isNull()).isTrue();
        assertThat(tree.get("detectedLanguage").isNull()).isTrue();
        assertThat(tree.get("publishedAt").asText()).isEqualTo("2031-03-10T09:30:00Z");
        assertThat(tree.get("authors").isArray()).isTrue();
        assertThat(tree.get("quotes").size()).isZero();
        JsonNode e = tree.get("entities").get(0);
        assertThat(e.get("type").asText()).isEqualTo("PERSON");
        assertThat(e.get("qid").isNull()).isTrue();
        assertThat(e.get("leader").asBoolean()).isTrue();
        assertThat(e.get("salience").asDouble()).isEqualTo(1.0);
        JsonNode m = e.get("mentions").get(0);
        assertThat(m.get("field").asText()).isEqualTo("TITLE");
        assertThat(m.get("end").asInt()).isEqualTo(4);
        assertThat(m.get("kind").asText()).isEqualTo("NAME");
        JsonNode processing = tree.get("processing");
        assertThat(processing.get("processedAt").asText()).isEqualTo("2031-02-27T23:06:40Z");
        assertThat(processing.get("processingTimeMicros").asLong()).isEqualTo(1234L);
        assertThat(processing.get("stages").toString()).isEqualTo("[\"normalise\",\"entities\"]");
        assertThat(processing.get("revision").asInt()).isEqualTo(1);

        enriched.setDetectedLanguage(DetectedLanguage.newBuilder().setCode("en").setConfidence(0.97).build());
        JsonNode withLanguage = AvroJson.toTree(enriched);
        assertThat(withLanguage.get("detectedLanguage").get("code").asText()).isEqualTo("en");
    }

    @Test
    void rendersGenericRecordsWithRawLogicalTypesBytesMapsAndUnions() throws IOException {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Sample", "namespace": "test", "fields": [
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "maybeAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "data", "type": "bytes"},
                  {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 2}},
                  {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"]}},
                  {"name": "choice", "type": ["null", "string", "long", "Colour"]},
                  {"name": "ratio", "type": "double"},
                  {"name": "counts", "type": {"type": "map", "values": {"type": "array", "items": "int"}}},
                  {"name": "nested", "type": {"type": "array", "items": {"type": "array", "items": ["null", "string"]}}}
                ]}""");
        Schema colour = schema.getField("colour").schema();
        GenericRecord record = new GenericData.Record(schema);
        record.put("at", 1930000000000L);
        record.put("maybeAt", null);
        record.put("day", 19000);
        record.put("data", ByteBuffer.wrap("hi!".getBytes(StandardCharsets.UTF_8)));
        record.put("hash", new GenericData.Fixed(schema.getField("hash").schema(), new byte[] {1, 2}));
        record.put("colour", new GenericData.EnumSymbol(colour, "GREEN"));
        record.put("choice", 42L);
        record.put("ratio", Double.NaN);
        record.put("counts", Map.of("a", List.of(1, 2)));
        record.put("nested", List.of(List.of("x"), java.util.Arrays.asList(null, "y")));

        JsonNode tree = MAPPER.readTree(AvroJson.toJson(record));

        assertThat(tree.get("at").asText()).isEqualTo("2031-02-27T23:06:40Z");
        assertThat(tree.get("maybeAt").isNull()).isTrue();
        assertThat(tree.get("day").asText()).isEqualTo("2022-01-08");
        assertThat(tree.get("data").asText()).isEqualTo("aGkh");
        assertThat(tree.get("hash").asText()).isEqualTo("AQI=");
        assertThat(tree.get("colour").asText()).isEqualTo("GREEN");
        assertThat(tree.get("choice").isNumber()).isTrue();
        assertThat(tree.get("choice").asLong()).isEqualTo(42L);
        assertThat(tree.get("ratio").asText()).isEqualTo("NaN");
        assertThat(tree.get("counts").toString()).isEqualTo("{\"a\":[1,2]}");
        assertThat(tree.get("nested").toString()).isEqualTo("[[\"x\"],[null,\"y\"]]");

        record.put("choice", new GenericData.EnumSymbol(colour, "RED"));
        assertThat(AvroJson.toTree(record).get("choice").asText()).isEqualTo("RED");
        record.put("choice", new org.apache.avro.util.Utf8("text"));
        assertThat(AvroJson.toTree(record).get("choice").asText()).isEqualTo("text");
        assertThat(AvroJson.toJson(new GenericData.EnumSymbol(colour, "RED"))).isEqualTo("\"RED\"");
    }
}
