package io.newsflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {

    @TempDir
    Path state;

    private RuntimeConfig runtime(Map<String, String> overrides) {
        return new RuntimeConfig("127.0.0.1:1", "runner-test", state, RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 1,
                (short) 1, overrides);
    }

    private PipelineRunner runner() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("read"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("write"));
        return new PipelineRunner(b.build(), runtime(Map.of()));
    }

    @Test
    void aFailingThreadIsReplacedAFewTimesThenTheInstanceStopsInsteadOfLooping() {
        try (PipelineRunner r = runner()) {
            for (int i = 0; i < PipelineRunner.MAX_REPLACEMENTS; i++) {
                assertThat(r.onThreadFailure(new StreamsException("boom " + i)))
                        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            }
            assertThat(r.onThreadFailure(new StreamsException("boom again")))
                    .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            assertThat(r.ready()).isFalse();
        }
    }

    @Test
    void aJvmErrorOutsideAnyStageStopsTheInstanceAtOnce() {
        try (PipelineRunner r = runner()) {
            assertThat(r.onThreadFailure(new StreamsException(new OutOfMemoryError("Java heap space"))))
                    .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        }
    }

    @Test
    void timeoutsFollowTheStageDeadlineUnlessSetExplicitly() {
        PipelineConfig config = PipelineConfig.defaults(Topics.defaults()).withStageDeadline(Duration.ofSeconds(20));
        Map<String, String> t = PipelineRunner.timeouts(runtime(Map.of()), config, 6);
        assertThat(t).containsEntry(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                Long.toString(6 * 20_000 + 10_000));
        assertThat(t).containsEntry(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
                "300000");
        Map<String, String> own = PipelineRunner.timeouts(runtime(Map.of(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "5000")), config, 6);
        assertThat(own).doesNotContainKey(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
    }

    @Test
    void oversizedProductionGoesToTheDeadLetterTopicNamedInConfiguration() {
        Topics topics = new Topics("a", "b", "dead-ones", "c", "d");
        Map<String, String> l = PipelineRunner.limits(runtime(Map.of()), PipelineConfig.defaults(topics));
        assertThat(l).containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionHandler.class.getName());
        assertThat(l).containsEntry(DeadLetterProductionHandler.DEAD_LETTER_TOPIC, "dead-ones");
        assertThat(Integer.parseInt(l.get(StreamsConfig.topicPrefix("max.message.bytes"))))
                .isGreaterThanOrEqualTo(2 * PipelineConfig.DEFAULT_MAX_RECORD_BYTES);
    }
}
