package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.language.LanguageStage;
import io.newsflow.enrich.normalize.NormalizeStage;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.DeadLetterProductionHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings the running application gives its enrichment pipeline (what {@code newsflow run} uses). */
class NewsflowAppRuntimeTest {

    @TempDir
    Path state;

    private NewsflowApp.Settings settings(Map<String, String> overrides) {
        RuntimeConfig runtime = new RuntimeConfig("127.0.0.1:1", "app-test", state, RuntimeConfig.DEFAULT_GUARANTEE,
                null, 1, 1, (short) 1, overrides);
        return new NewsflowApp.Settings(runtime, PipelineConfig.defaults(new Topics("in", "out", "dead", "a", "b")),
                PipelineStages.of(new NormalizeStage(), List.of(LanguageStage.shared())), null,
                SerdeFactory.singleObject(), "127.0.0.1", -1, "127.0.0.1", Clock.systemUTC());
    }

    @Test
    void theRunningPipelineDeadLettersRefusedRecordsAndSizesItsTimeoutsToTheStageDeadline() {
        NewsflowApp.Settings s = settings(Map.of());
        Map<String, String> o = NewsflowApp.pipelineRuntime(s, s.runtime()).overrides();
        assertThat(o).containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionHandler.class.getName());
        assertThat(o).containsEntry(DeadLetterProductionHandler.DEAD_LETTER_TOPIC, "dead");
        assertThat(o).containsKey(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
        assertThat(o).containsKey(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    }

    @Test
    void anOperatorsOwnSettingWins() {
        NewsflowApp.Settings s = settings(Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "45000"));
        Map<String, String> o = NewsflowApp.pipelineRuntime(s, s.runtime()).overrides();
        assertThat(o).containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "45000")
                .doesNotContainKey(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
    }
}
