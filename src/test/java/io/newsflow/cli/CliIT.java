package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.schema.RawArticle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI commands end to end on the embedded broker, as a user runs them. */
class CliIT {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demoEnrichesTheSamplesThroughARealBrokerAndExitsZero() throws Exception {
        List<RawArticle> samples = DemoCommand.loadSamples();
        RawArticle first = samples.get(0);
        Run demo = run("demo", "--http-port", "0");
        assertThat(demo.exitCode()).as(demo.out()).isZero();
        assertThat(demo.out()).containsPattern("Live page: http://localhost:\\d+/")
                .containsPattern("ALERT FAST MENTION +\\S")
                .containsPattern("ALERTS: \\d+ \\(\\d+ fast tier, \\d+ full tier\\); MENTION [1-9]\\d*, QUOTED [1-9]\\d*, "
                        + "STANCE [1-9]\\d*, SPIKE [1-9]\\d*, CO_MENTION [1-9]\\d*; 0 duplicates");
        assertThat(demo.out()).contains("embedded single-node KRaft broker")
                .contains("■ " + first.getId() + " — ")
                .contains("DEAD LETTER broken-1: stage=parse")
                .contains("DEAD LETTER empty-1: stage=validate")
                .contains("TOTALS: " + (samples.size() + 4) + " published, " + (samples.size() + 1)
                        + " enriched, 1 duplicate dropped, 2 dead-lettered")
                .doesNotContain(first.getId() + "-syndicated —")
                .contains("■ " + DemoCommand.editedCopyId(first) + " — ")
                .containsPattern("NEAR-COPY " + DemoCommand.editedCopyId(first) + ": duplicateOf=" + first.getId()
                        + " similarity=0\\.\\d\\d; alerts on the copy: 0 \\(on the original: [1-9]\\d*\\)");
    }

    @Test
    void demoAgainstAnExistingClusterThenTailDecodesAlertsAndMentions() throws Exception {
        Run demo = run("demo", "--bootstrap-servers", broker.bootstrapServers(), "--http-port", "-1",
                "--partitions", "1");
        assertThat(demo.exitCode()).as(demo.out()).isZero();
        assertThat(demo.out()).doesNotContain("Live page");
        ObjectMapper json = new ObjectMapper();
        Run alerts = run("tail", "news-alerts", "--bootstrap-servers", broker.bootstrapServers(), "--max-records",
                "5", "--idle-timeout", "PT20S");
        assertThat(alerts.exitCode()).isZero();
        List<String> alertLines = alerts.out().lines().toList();
        assertThat(alertLines).hasSize(5);
        for (String line : alertLines) {
            JsonNode value = json.readTree(line).get("value");
            assertThat(value.get("alertId").asText()).hasSize(32);
            assertThat(json.readTree(line).get("key").asText()).isEqualTo(value.get("leaderId").asText());
        }
        Run mentions = run("tail", "news-mentions", "--bootstrap-servers", broker.bootstrapServers(),
                "--max-records", "3", "--idle-timeout", "PT20S");
        assertThat(mentions.out().lines().toList()).hasSize(3).allSatisfy(line -> {
            JsonNode node = json.readTree(line);
            assertThat(node.get("key").asText()).isEqualTo(node.get("value").get("entityId").asText());
            assertThat(node.get("value").get("articleId").asText()).startsWith("nf-2026-");
        });
    }

    @Test
    void publishReportsBadItemsAndTailPrintsWhatWasPublished() throws Exception {
        String topic = "cli-it-articles";
        broker.createTopics(Map.of(topic, 2));
        Run publish = run("publish", "--quiet", "--bootstrap-servers", broker.bootstrapServers(),
                "--topic-articles", topic, "src/test/resources/readers");
        assertThat(publish.exitCode()).isZero();
        assertThat(publish.out()).contains("published 8 articles to " + topic + " (6 bad items skipped)");
        assertThat(publish.err()).contains("mixed.jsonl:2", "broken-rss.xml", "#item 3");

        Run tail = run("tail", topic, "--bootstrap-servers", broker.bootstrapServers(), "--max-records", "8",
                "--idle-timeout", "PT20S");
        assertThat(tail.exitCode()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).hasSize(8);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.get("topic").asText()).isEqualTo(topic);
            assertThat(node.get("value").get("id").asText()).isEqualTo(node.get("key").asText());
            assertThat(node.get("value").get("ingestedAt").asText()).startsWith("20");
        }
    }

    @Test
    void tailOfAMissingTopicFailsClearly() {
        Run tail = run("tail", "no-such-topic", "--bootstrap-servers", broker.bootstrapServers(),
                "--idle-timeout", "PT2S");
        assertThat(tail.exitCode()).isEqualTo(1);
        assertThat(tail.err()).contains("topic no-such-topic does not exist");
    }
}
