package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnnotateCommandTest {

    @Test
    void printsOneGoldFormatObjectPerArticleNamedByFile() throws Exception {
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("annotate", "src/test/resources/readers/plain");

        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("one");
        for (String field : List.of("persons", "organizations", "locations", "quotes", "stances")) {
            assertThat(first.get(field).isArray()).as(field).isTrue();
        }
        assertThat(json.readTree(lines.get(1)).get("id").asText()).isEqualTo("two");
    }

    @Test
    void explainNamesTheRuleBehindEveryQuoteAndStance(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("harbour.txt"), "Port deal splits council\n\n"
                + "“We will not hand the harbour to a private operator,” said Marta Kovacs, the council leader.\n"
                + "Kovacs rejected the sale of the harbour on Tuesday.\n");
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("annotate", "--explain", dir.toString())).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(doc.get("quotes")).isNotEmpty();
        for (JsonNode q : doc.get("quotes")) {
            assertThat(q.get("speaker").asText()).isEqualTo("Marta Kovacs");
            assertThat(q.get("method").asText()).startsWith("quote.");
        }
        assertThat(doc.get("persons")).isNotEmpty();
        for (JsonNode person : doc.get("persons")) {
            assertThat(person.get("rules")).as("rules behind %s", person.get("name")).isNotEmpty();
        }
        assertThat(doc.get("stances")).isNotEmpty();
        for (JsonNode st : doc.get("stances")) {
            assertThat(st.get("method").asText()).isNotBlank();
            assertThat(st.has("confidence")).isTrue();
        }
    }

    @Test
    void versionAndHelpWork() {
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("newsflow ");
        assertThat(cli.execute("run", "--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--processing-guarantee", "--dedup-retention");
    }
}
