package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.Topics;
import org.junit.jupiter.api.Test;

/** The scale-out cases run the pipeline as {@code newsflow run --partitions N} would. */
class ScaleOutBenchmarkTest {

    private static final Topics TOPICS = new Topics("a", "e", "d", "al", "m");

    @Test
    void enrichmentIsSpreadOverAsManyPartitionsAsTheInputHas() {
        assertThat(PipelineConfig.DEFAULT_ENRICHMENT_PARTITIONS).isEqualTo(3);
        assertThat(ScaleOutBenchmark.pipelineConfig(TOPICS, 4).enrichmentPartitions()).isEqualTo(4);
        assertThat(ScaleOutBenchmark.pipelineConfig(TOPICS, 6).enrichmentPartitions()).isEqualTo(6);
    }

    @Test
    void everyOtherSettingIsTheDefault() {
        assertThat(ScaleOutBenchmark.pipelineConfig(TOPICS, 3)).isEqualTo(PipelineConfig.defaults(TOPICS));
    }
}
