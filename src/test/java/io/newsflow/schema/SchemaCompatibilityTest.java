package io.newsflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every public contract in {@code schemas/} must stay backward compatible with its previous released version (kept
 * in {@code src/main/resources/schemas/released/VERSION/}): consumers upgraded to the current schema must still read
 * records written with the released one.
 */
class SchemaCompatibilityTest {

    private static final Path RELEASED = Path.of("src/main/resources/schemas/released");

    static Stream<String> contracts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("schemas"))) {
            return files.filter(p -> p.toString().endsWith(".avsc")).map(p -> p.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void currentSchemaReadsEveryReleasedVersion(String file) throws IOException {
        Schema current = new Schema.Parser().parse(Path.of("schemas", file).toFile());
        List<Path> released = releasedVersionsOf(file);
        assertThat(released).as("a released version of %s is kept under %s", file, RELEASED).isNotEmpty();
        for (Path old : released) {
            Schema writer = new Schema.Parser().parse(old.toFile());
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
            assertThat(result.getType()).as("%s reading %s: %s", file, old, result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theCheckCatchesABreakingChange() throws IOException {
        Schema released = new Schema.Parser().parse(releasedVersionsOf("RawArticle.avsc").get(0).toFile());
        String breaking;
        try (InputStream in = Files.newInputStream(Path.of("schemas", "RawArticle.avsc"))) {
            breaking = new String(in.readAllBytes()).replace(
                    "{\"name\": \"id\", \"type\": \"string\",",
                    "{\"name\": \"priority\", \"type\": \"int\", \"doc\": \"new field without default\"},\n"
                            + "    {\"name\": \"id\", \"type\": \"string\",");
        }
        Schema reader = new Schema.Parser().parse(breaking);
        assertThat(reader.getField("priority")).isNotNull();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void nearDuplicateFieldsAreOptionalAndReadableByReleasedConsumers() throws IOException {
        Schema current = new Schema.Parser().parse(Path.of("schemas", "EnrichedArticle.avsc").toFile());
        for (String field : List.of("duplicateOf", "similarity")) {
            assertThat(current.getField(field)).as(field).isNotNull();
            assertThat(current.getField(field).hasDefaultValue()).as("%s has a default", field).isTrue();
            assertThat(current.getField(field).defaultVal()).as(field).isEqualTo(JsonProperties.NULL_VALUE);
        }
        for (Path old : releasedVersionsOf("EnrichedArticle.avsc")) {
            Schema released = new Schema.Parser().parse(old.toFile());
            assertThat(released.getField("duplicateOf")).isNull();
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(released, current).getType())
                    .as("a consumer on %s reads records with the near-duplicate fields", old)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    private static List<Path> releasedVersionsOf(String file) throws IOException {
        try (Stream<Path> versions = Files.list(RELEASED)) {
            return versions.filter(Files::isDirectory).map(v -> v.resolve(file)).filter(Files::exists).sorted()
                    .toList();
        }
    }
}
