package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.PipelineConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EnvironmentDefaultsTest {

    private static RunCommand parse(Map<String, String> env, String... args) {
        CommandLine cli = NewsflowCli.commandLine(env);
        CommandLine.ParseResult result = cli.parseArgs(args);
        return (RunCommand) result.subcommand().commandSpec().userObject();
    }

    @Test
    void environmentVariablesSetOptionsAndFlagsWin() {
        Map<String, String> env = Map.of("NEWSFLOW_BOOTSTRAP_SERVERS", "kafka:9092",
                "NEWSFLOW_TOPIC_ARTICLES", "wire-in", "NEWSFLOW_DEDUP_RETENTION", "PT12H",
                "NEWSFLOW_STREAMS_PROPERTY", "linger.ms=1,max.poll.records=50");
        RunCommand fromEnv = parse(env, "run");
        assertThat(fromEnv.kafka.bootstrapServers).isEqualTo("kafka:9092");
        assertThat(fromEnv.kafka.topics().articles()).isEqualTo("wire-in");
        assertThat(fromEnv.kafka.dedupRetention).isEqualTo(Duration.ofHours(12));
        assertThat(fromEnv.kafka.streamsProperties).containsEntry("linger.ms", "1").containsEntry("max.poll.records", "50");

        RunCommand flagged = parse(env, "run", "--bootstrap-servers", "other:9093");
        assertThat(flagged.kafka.bootstrapServers).isEqualTo("other:9093");
    }

    @Test
    void builtInDefaultsApplyWithoutEnvironment() {
        RunCommand run = parse(Map.of(), "run");
        assertThat(run.kafka.bootstrapServers).isNull();
        assertThat(run.kafka.topics().all()).containsExactly("news-articles", "news-articles-enriched",
                "news-articles-dlq", "news-alerts", "news-mentions");
        assertThat(run.kafka.processingGuarantee).isEqualTo("exactly_once_v2");
        assertThat(run.createTopics).isTrue();
    }

    @Test
    void variableNamesFollowTheLongOption() {
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        var option = cli.getSubcommands().get("run").getCommandSpec().findOption("--max-body-chars");
        assertThat(EnvironmentDefaults.variableFor(option)).isEqualTo("NEWSFLOW_MAX_BODY_CHARS");
    }

    @Test
    void theBodyLimitInBytesComesFromTheFlagOrTheEnvironment() {
        assertThat(parse(Map.of(), "run").kafka.pipelineConfig().maxBodyBytes())
                .isEqualTo(PipelineConfig.DEFAULT_MAX_BODY_BYTES);
        assertThat(parse(Map.of("NEWSFLOW_MAX_BODY_BYTES", "300000"), "run").kafka.pipelineConfig().maxBodyBytes())
                .isEqualTo(300_000);
        assertThat(parse(Map.of("NEWSFLOW_MAX_BODY_BYTES", "300000"), "run", "--max-body-bytes", "250000")
                .kafka.pipelineConfig().maxBodyBytes()).isEqualTo(250_000);
    }
}
