package io.newsflow.bench;

import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.NewsflowTopology;
import io.newsflow.topology.PipelineRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end benchmark through a real broker: the full pipeline side by side with a passthrough topology on the
 * same input. For each it measures throughput (a preloaded backlog drained as fast as possible, from the moment the
 * instance is running to the last output the consumer sees) and latency
 * (articles published at a fixed rate, measured from the send timestamp to the moment the consumer of the output
 * topic sees the record, with read_committed). Not thread-safe; one run at a time.
 */
public final class PipelineBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineBenchmark.class);

    /**
     * How long a phase's instance may take to stop before the next phase starts. A stream thread asked to stop
     * first works through the records it has already fetched, and a backlog phase cut off by
     * {@code --max-phase-seconds} leaves hundreds of articles fetched, tens of seconds of enrichment: with the 30 s
     * close timeout the thread went on enriching through the latency and passthrough phases and into the first
     * scale-out case (86 s after the close in one run of 2026-12-03, seen in its per-thread CPU), taking CPU from
     * them. So each phase waits for its instance to stop.
     */
    static final Duration PHASE_CLOSE_TIMEOUT = Duration.ofMinutes(3);

    /**
     * @param articles backlog size for the throughput phase
     * @param maxPhaseSeconds cap on each throughput phase; throughput is computed on what was processed
     * @param latencySeconds length of each latency phase
     * @param latencyRate articles per second in the latency phase; 0 = half the measured pipeline throughput,
     *     capped at 100
     * @param partitions input partitions
     * @param guarantee processing guarantee
     * @param commitIntervalMs commit interval, or null for Kafka's default
     * @param stateDir Kafka Streams state directory for the run
     */
    public record Options(int articles, int maxPhaseSeconds, int latencySeconds, int latencyRate, int partitions,
                          String guarantee, Integer commitIntervalMs, Path stateDir) {
    }

    /** Measured figures of one topology. */
    public record Figures(String name, int processed, double articlesPerSecond, int latencySamples, long p50Ms,
                          long p99Ms, long maxMs, int latencyRate) {
    }

    /** Both topologies' figures. */
    public record Result(Figures pipeline, Figures passthrough) {
    }

    private final String bootstrapServers;
    private final PipelineStages stages;
    private final SerdeFactory serdes;

    public PipelineBenchmark(String bootstrapServers, PipelineStages stages, SerdeFactory serdes) {
        this.bootstrapServers = bootstrapServers;
        this.stages = stages;
        this.serdes = serdes;
    }

    public Result run(Options options) throws InterruptedException {
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        String passthroughOut = run + "-passthrough";
        List<String> all = new ArrayList<>(topics.all());
        all.add(passthroughOut);
        Map<String, String> shortLived = Map.of("retention.ms", "600000", "segment.bytes", "16777216");
        Map<String, Map<String, String>> configs = new HashMap<>();
        all.forEach(t -> configs.put(t, shortLived));
        TopicCreator.ensure(bootstrapServers, all, options.partitions(), (short) -1, configs);

        RecordCodec<RawArticle> codec = new RecordCodec<>(serdes, RawArticle.class);
        CorpusGenerator corpus = new CorpusGenerator(42);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long started = System.nanoTime();
            for (int i = 0; i < options.articles(); i++) {
                RawArticle a = corpus.next(run);
                a.setIngestedAt(Instant.now());
                producer.send(new ProducerRecord<>(topics.articles(), a.getId(), codec.encode(topics.articles(), a)));
            }
            producer.flush();
            LOG.info("preloaded {} articles in {} ms", options.articles(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

            RuntimeConfig runtime = new RuntimeConfig(bootstrapServers, run + "-pipeline",
                    options.stateDir().resolve("pipeline"), options.guarantee(), options.commitIntervalMs(), 1,
                    options.partitions(), (short) -1, Map.of());
            // enrichment spread over as many partitions as the input has, as `newsflow run --partitions N` does
            Topology pipelineTopology = NewsflowTopology.build(PipelineConfig.defaults(topics)
                    .withEnrichmentPartitions(options.partitions()), stages, serdes);
            Figures pipeline = measure("pipeline", () -> pipelineTopology, runtime, topics.enriched(),
                    topics.articles(), options, producer, codec, corpus, run, 0);

            RuntimeConfig passRuntime = new RuntimeConfig(bootstrapServers, run + "-passthrough",
                    options.stateDir().resolve("passthrough"), options.guarantee(), options.commitIntervalMs(), 1,
                    options.partitions(), (short) -1, Map.of());
            Figures passthrough = measure("passthrough", () -> PassthroughTopology.build(topics.articles(),
                    passthroughOut), passRuntime, passthroughOut, topics.articles(), options, producer, codec,
                    corpus, run, pipeline.latencyRate());
            return new Result(pipeline, passthrough);
        }
    }

    private Figures measure(String name, Supplier<Topology> topology, RuntimeConfig runtime, String output,
                            String input, Options options, KafkaProducer<String, byte[]> producer,
                            RecordCodec<RawArticle> codec, CorpusGenerator corpus, String run, int fixedRate)
            throws InterruptedException {
        int seen = 0;
        double perSecond;
        PipelineRunner runner = new PipelineRunner(topology.get(), runtime);
        try (KafkaConsumer<String, byte[]> consumer = consumer(output, options.partitions())) {
            runner.start(Duration.ofMinutes(2));
            long first = System.nanoTime();
            long last = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.maxPhaseSeconds());
            while (seen < options.articles() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    last = System.nanoTime();
                    seen++;
                }
            }
            perSecond = seen > 0 && last > first ? seen * 1e9 / (last - first) : 0.0;
            LOG.info("{}: {} articles, {} articles/s", name, seen, String.format("%.1f", perSecond));
        } finally {
            runner.close(PHASE_CLOSE_TIMEOUT);
        }
        int rate = fixedRate > 0 ? fixedRate : options.latencyRate() > 0 ? options.latencyRate()
                : (int) Math.max(1, Math.min(100, perSecond / 2));
        LatencyStats latency = latencyPhase(name, topology, runtime, input, output, options, producer, codec, corpus,
                run, rate);
        return new Figures(name, seen, perSecond, latency.count(), latency.percentile(50), latency.percentile(99),
                latency.percentile(100), rate);
    }

    /**
     * Publishes at {@code rate} into the same input topic after the instance that drained the backlog is gone: a
     * fresh application id starting at the end of the input, so the measured articles never queue behind the
     * backlog.
     */
    private LatencyStats latencyPhase(String name, Supplier<Topology> topology, RuntimeConfig runtime, String input,
                                      String output, Options options, KafkaProducer<String, byte[]> producer,
                                      RecordCodec<RawArticle> codec, CorpusGenerator corpus, String run, int rate)
            throws InterruptedException {
        RuntimeConfig fresh = new RuntimeConfig(runtime.bootstrapServers(), runtime.applicationId() + "-latency",
                runtime.stateDir().resolveSibling(runtime.stateDir().getFileName() + "-latency"),
                runtime.processingGuarantee(), runtime.commitIntervalMs(), runtime.streamThreads(),
                runtime.partitions(), runtime.replicationFactor(),
                Map.of(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest"));
        try (KafkaConsumer<String, byte[]> consumer = consumer(output, options.partitions());
             PipelineRunner runner = new PipelineRunner(topology.get(), fresh)) {
            consumer.seekToEnd(consumer.assignment());
            consumer.poll(Duration.ofMillis(1));
            runner.start(Duration.ofMinutes(2));
            return latencyPhase(consumer, producer, codec, corpus, input, run + "-" + name + "-lat", rate,
                    options.latencySeconds());
        }
    }

    private LatencyStats latencyPhase(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer,
                                      RecordCodec<RawArticle> codec, CorpusGenerator corpus, String input,
                                      String prefix, int rate, int seconds) {
        LatencyStats stats = new LatencyStats();
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int sent = 0;
        long drainDeadline = Long.MAX_VALUE;
        while (stats.count() < total && System.nanoTime() < drainDeadline) {
            long now = System.nanoTime();
            while (sent < total && now - start >= sent * intervalNanos) {
                RawArticle a = corpus.next(prefix);
                long sendMillis = System.currentTimeMillis();
                a.setIngestedAt(Instant.ofEpochMilli(sendMillis));
                producer.send(new ProducerRecord<>(input, null, sendMillis, a.getId(), codec.encode(input, a)));
                sent++;
                if (sent == total) {
                    drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                }
            }
            producer.flush();
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(1))) {
                if (r.key() != null && r.key().startsWith(prefix)) {
                    stats.add(System.currentTimeMillis() - r.timestamp());
                }
            }
        }
        return stats;
    }

    private KafkaProducer<String, byte[]> producer() {
        return BenchClients.producer(bootstrapServers, 0);
    }

    private KafkaConsumer<String, byte[]> consumer(String topic, int partitions) {
        return BenchClients.consumer(bootstrapServers, topic, partitions);
    }
}
