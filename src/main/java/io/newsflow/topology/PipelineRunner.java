package io.newsflow.topology;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.serde.SerdeFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the newsflow topology in a {@link KafkaStreams} instance: start, wait until running, close. Records that fail
 * processing are already routed to the dead-letter topic by the topology itself. A stream thread that fails anyway
 * is replaced, at most {@value #MAX_REPLACEMENTS} times within {@link #REPLACEMENT_WINDOW}; after that, or at once
 * on a {@link VirtualMachineError} (heap, stack or JVM failure outside a stage), the instance stops with one clear
 * error in the log instead of looping on the same record. {@link #ready()} is false while the instance is not
 * RUNNING and for {@link #READY_GRACE} after a thread failure. Thread-safe.
 */
public final class PipelineRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final KafkaStreams streams;
    private final Topology topology;
    /** Thread replacements allowed within {@link #REPLACEMENT_WINDOW} before the instance stops. */
    public static final int MAX_REPLACEMENTS = 3;
    /** Window over which thread replacements are counted. */
    public static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);
    /** How long the instance reports not ready after a stream thread failed. */
    public static final Duration READY_GRACE = Duration.ofSeconds(60);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong lastFailure = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger failuresInWindow = new AtomicInteger();

    public PipelineRunner(RuntimeConfig runtime, PipelineConfig pipeline, PipelineStages stages, SerdeFactory serdes) {
        this(NewsflowTopology.build(pipeline, stages, serdes), hardened(runtime, pipeline, stages));
    }

    /**
     * The runtime settings every enrichment pipeline runs with: {@link #timeouts} for the chain's stage deadlines
     * and {@link #limits} (record sizes, dead-lettering a record the broker refuses), each unless set explicitly.
     */
    public static RuntimeConfig hardened(RuntimeConfig runtime, PipelineConfig pipeline, PipelineStages stages) {
        return runtime.withOverrides(timeouts(runtime, pipeline, stages.enrichment().stages().size() + 1))
                .withOverrides(limits(runtime, pipeline));
    }

    /** Largest record on the internal (repartition, changelog) topics: an envelope holds the input twice. */
    public static final int INTERNAL_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /**
     * Size limits and their failure path, unless set explicitly: internal topics and the producer accept
     * {@link #INTERNAL_MAX_MESSAGE_BYTES} (an envelope carries the original record and its normalised text, so up to
     * about twice {@code maxRecordBytes}), and a record the broker still refuses goes to the dead-letter topic
     * through {@link DeadLetterProductionHandler} instead of failing the thread.
     */
    public static Map<String, String> limits(RuntimeConfig runtime, PipelineConfig pipeline) {
        Map<String, String> out = new LinkedHashMap<>();
        String topicMax = StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        String requestMax = StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        int internal = Math.max(INTERNAL_MAX_MESSAGE_BYTES, 2 * pipeline.maxRecordBytes() + 64 * 1024);
        if (!runtime.overrides().containsKey(topicMax)) {
            out.put(topicMax, Integer.toString(internal));
        }
        if (!runtime.overrides().containsKey(requestMax)
                && !runtime.overrides().containsKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            out.put(requestMax, Integer.toString(internal));
        }
        if (!runtime.overrides().containsKey(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)) {
            out.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetterProductionHandler.class.getName());
            out.put(DeadLetterProductionHandler.DEAD_LETTER_TOPIC, pipeline.topics().deadLetters());
        }
        return out;
    }

    /**
     * Transaction and poll timeouts consistent with the stage deadline, unless set explicitly: an article may take
     * up to {@code stages × deadline} before it is dead-lettered, so a transaction must outlive that (plus a
     * margin of 10 s for the commit; no shorter than Kafka Streams' 10 s) and the consumer must not be thought dead
     * meanwhile (twice as long plus 30 s, at least Kafka's 5 minutes). The transaction timeout is also how long
     * read-committed readers wait on the partitions of an instance killed mid-transaction, so it is kept no longer.
     */
    public static Map<String, String> timeouts(RuntimeConfig runtime, PipelineConfig pipeline, int stages) {
        long perRecordMs = pipeline.stageDeadline().toMillis() * stages;
        Map<String, String> out = new LinkedHashMap<>();
        String transaction = StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        String poll = StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        if (!runtime.overrides().containsKey(transaction)
                && !runtime.overrides().containsKey(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)) {
            out.put(transaction, Long.toString(Math.max(10_000, perRecordMs + 10_000)));
        }
        if (!runtime.overrides().containsKey(poll)
                && !runtime.overrides().containsKey(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)) {
            out.put(poll, Long.toString(Math.max(300_000, 2 * perRecordMs + 30_000)));
        }
        return out;
    }

    /** Runs any topology with the runtime settings (used by benchmarks for the passthrough baseline). */
    public PipelineRunner(Topology topology, RuntimeConfig runtime) {
        this.topology = topology;
        Properties props = runtime.streamsProperties();
        this.streams = new KafkaStreams(topology, props);
        this.streams.setUncaughtExceptionHandler(this::onThreadFailure);
        this.streams.setStateListener((now, before) -> {
            LOG.info("pipeline state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onThreadFailure(Throwable e) {
        long now = System.nanoTime();
        lastFailure.set(now);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VirtualMachineError) {
                LOG.error("FATAL: a stream thread hit {} outside any stage; stopping this instance instead of "
                        + "retrying the same record. Restart it with more heap or stack, or remove the record.",
                        t.getClass().getSimpleName(), e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        long start = windowStart.get();
        if (start == Long.MIN_VALUE || now - start > REPLACEMENT_WINDOW.toNanos()) {
            windowStart.set(now);
            failuresInWindow.set(0);
        }
        int failures = failuresInWindow.incrementAndGet();
        if (failures > MAX_REPLACEMENTS) {
            LOG.error("FATAL: stream threads failed {} times within {}; stopping this instance instead of looping "
                    + "(see the earlier errors for the record)", failures, REPLACEMENT_WINDOW, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread failed ({} of {} replacements allowed within {}); replacing it", failures,
                MAX_REPLACEMENTS, REPLACEMENT_WINDOW, e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /**
     * True while the instance is RUNNING and no stream thread has failed within {@link #READY_GRACE}: what
     * {@code /ready} reports.
     */
    public boolean ready() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        long failed = lastFailure.get();
        return failed == Long.MIN_VALUE || System.nanoTime() - failed > READY_GRACE.toNanos();
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
