package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.newsflow.enrich.PipelineStages;
import io.newsflow.it.EmbeddedBrokerExtension;
import io.newsflow.serde.SerdeFactory;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out benchmark on the embedded broker with a light chain: every case drains its whole backlog through
 * the exactly-once pipeline and reports a rate; the steady-rate arithmetic on known timestamps.
 */
class ScaleOutBenchmarkIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path tmp;

    @Test
    void everyCaseDrainsTheWholeBacklog() throws Exception {
        ScaleOutBenchmark.Result r = new ScaleOutBenchmark(BROKER.bootstrapServers(),
                PipelineStages.named(List.of("language")), SerdeFactory.singleObject())
                .run(new ScaleOutBenchmark.Options(60, 4, 120, StreamsConfig.EXACTLY_ONCE_V2, tmp));
        for (ScaleOutBenchmark.Case c : List.of(r.oneThread(), r.twoThreads(), r.twoInstances())) {
            assertThat(c.processed()).as(c.name()).isEqualTo(60);
            assertThat(c.articlesPerSecond()).as(c.name()).isPositive();
        }
        assertThat(r.twoThreads().threads()).isEqualTo(2);
        assertThat(r.twoInstances().instances()).isEqualTo(2);
        assertThat(r.ratio(r.oneThread())).isEqualTo(1.0);
    }

    @Test
    void steadyRateLeavesOutTheFirstAndLastTenth() {
        long[] at = new long[20];
        for (int i = 0; i < at.length; i++) {
            // a slow start (the first two outputs 5 s apart), then one output every 100 ms
            at[i] = i < 2 ? i * 5_000_000_000L : 5_000_000_000L + (i - 1) * 100_000_000L;
        }
        // outputs 2 … 17: 15 intervals of 100 ms
        assertThat(ScaleOutBenchmark.steadyRate(at, 20)).isCloseTo(10.0, offset(1e-9));
        assertThat(ScaleOutBenchmark.steadyRate(at, 5)).isZero();
        assertThatThrownBy(() -> new ScaleOutBenchmark.Options(10, 1, 10, "at_least_once", tmp))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
