package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.config.PipelineConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --story-window} / {@code NEWSFLOW_STORY_WINDOW} and {@code --story-similarity} reach the pipeline settings. */
class StoryOptionTest {

    private static RunCommand parse(Map<String, String> env, String... args) {
        CommandLine cli = NewsflowCli.commandLine(env);
        return (RunCommand) cli.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsVariablesAndFlags() {
        PipelineConfig defaults = parse(Map.of(), "run").kafka.pipelineConfig();
        assertThat(defaults.storyWindow()).isEqualTo(PipelineConfig.DEFAULT_STORY_WINDOW).isEqualTo(Duration.ofHours(48));
        assertThat(defaults.storySimilarity()).isEqualTo(PipelineConfig.DEFAULT_STORY_SIMILARITY);
        Map<String, String> env = Map.of("NEWSFLOW_STORY_WINDOW", "PT12H", "NEWSFLOW_STORY_SIMILARITY", "0.4");
        assertThat(parse(env, "run").kafka.pipelineConfig().storyWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(parse(env, "run").kafka.pipelineConfig().storySimilarity()).isEqualTo(0.4);
        PipelineConfig flags = parse(env, "run", "--story-window", "P3D", "--story-similarity", "0.25").kafka
                .pipelineConfig();
        assertThat(flags.storyWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(flags.storySimilarity()).isEqualTo(0.25);
    }

    @Test
    void badValuesAreRejectedWithTheirValue() {
        RunCommand zero = parse(Map.of(), "run", "--story-window", "PT0S");
        assertThatThrownBy(() -> zero.kafka.pipelineConfig()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("story window").hasMessageContaining("PT0S");
        RunCommand high = parse(Map.of(), "run", "--story-similarity", "1.5");
        assertThatThrownBy(() -> high.kafka.pipelineConfig()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("story similarity").hasMessageContaining("1.5");
    }
}
