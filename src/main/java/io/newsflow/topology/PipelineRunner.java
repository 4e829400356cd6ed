package io.newsflow.topology;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.serde.SerdeFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the newsflow topology in a {@link KafkaStreams} instance: start, wait until running, close. A failed stream
 * thread is replaced so one bad moment does not stop the instance; records that fail processing are already
 * routed to the dead-letter topic by the topology itself. Thread-safe.
 */
public final class PipelineRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final KafkaStreams streams;
    private final Topology topology;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public PipelineRunner(RuntimeConfig runtime, PipelineConfig pipeline, PipelineStages stages, SerdeFactory serdes) {
        this(NewsflowTopology.build(pipeline, stages, serdes), runtime);
    }

    /** Runs any topology with the runtime settings (used by benchmarks for the passthrough baseline). */
    public PipelineRunner(Topology topology, RuntimeConfig runtime) {
        this.topology = topology;
        this.streams = new KafkaStreams(topology, runtime.streamsProperties());
        this.streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.streams.setStateListener((now, before) -> {
            LOG.info("pipeline state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /** Starts processing and waits up to {@code timeout} for the RUNNING state. */
    public PipelineRunner start(Duration timeout) {
        LOG.info("starting pipeline:\n{}", topology.describe());
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pipeline not running after " + timeout + " (state "
                        + streams.state() + ")");
            }
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("pipeline stopped while starting: " + streams.state());
            }
            try {
                stopped.await(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
        return this;
    }

    /** Blocks until the instance stops (after {@link #close()} or a fatal error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Topology topology() {
        return topology;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Commits and closes, waiting at most {@code timeout}. */
    public void close(Duration timeout) {
        boolean clean = streams.close(timeout);
        LOG.info("pipeline closed{}", clean ? "" : " (timed out)");
        stopped.countDown();
    }
}
