package io.newsflow.tools.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV reading of {@code kb build}, on a hand-written file (RFC 4180 quoting, ragged rows). */
class KbBuilderCsvTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsAndRaggedRowsByHeader() throws Exception {
        Path file = dir.resolve("sample.csv");
        Files.writeString(file, String.join("\n",
                "qid,name,note",
                "Q1,\"Doe, Jane\",\"said \"\"no\"\"\"",
                "Q2,\"Two",
                "lines\"",
                "",
                "Q3,Extra,x,ignored",
                ""), StandardCharsets.UTF_8);

        List<Map<String, String>> rows = KbBuilder.csv(file);

        assertThat(rows).containsExactly(
                Map.of("qid", "Q1", "name", "Doe, Jane", "note", "said \"no\""),
                Map.of("qid", "Q2", "name", "Two\nlines", "note", ""),
                Map.of("qid", "Q3", "name", "Extra", "note", "x"));
    }
}
