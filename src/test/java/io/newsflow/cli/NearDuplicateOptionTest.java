package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.config.PipelineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --near-duplicate-threshold} / {@code NEWSFLOW_NEAR_DUPLICATE_THRESHOLD} and {@code --partitions} reach the
 * pipeline settings.
 */
class NearDuplicateOptionTest {

    private static RunCommand parse(Map<String, String> env, String... args) {
        CommandLine cli = NewsflowCli.commandLine(env);
        return (RunCommand) cli.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void defaultVariableAndFlag() {
        assertThat(parse(Map.of(), "run").kafka.pipelineConfig().nearDuplicateThreshold())
                .isEqualTo(PipelineConfig.DEFAULT_NEAR_DUPLICATE_THRESHOLD);
        Map<String, String> env = Map.of("NEWSFLOW_NEAR_DUPLICATE_THRESHOLD", "0.7");
        assertThat(parse(env, "run").kafka.pipelineConfig().nearDuplicateThreshold()).isEqualTo(0.7);
        assertThat(parse(env, "run", "--near-duplicate-threshold", "0.35").kafka.pipelineConfig()
                .nearDuplicateThreshold()).isEqualTo(0.35);
    }

    @Test
    void partitionsAlsoSizeTheRepartitionTopicThatFeedsTheEnrichment() {
        assertThat(parse(Map.of(), "run").kafka.pipelineConfig().enrichmentPartitions())
                .isEqualTo(PipelineConfig.DEFAULT_ENRICHMENT_PARTITIONS);
        assertThat(parse(Map.of(), "run", "--partitions", "6").kafka.pipelineConfig().enrichmentPartitions())
                .isEqualTo(6);
    }

    @Test
    void aThresholdOutsideZeroToOneIsRejectedWithItsValue() {
        RunCommand run = parse(Map.of(), "run", "--near-duplicate-threshold", "1.5");
        assertThatThrownBy(() -> run.kafka.pipelineConfig()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("near-duplicate threshold").hasMessageContaining("1.5");
    }
}
