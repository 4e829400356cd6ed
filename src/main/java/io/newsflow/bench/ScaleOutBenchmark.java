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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale-out of the pipeline through a real broker: the same backlog drained by one instance with one stream thread,
 * one instance with two threads, and two instances (two Kafka Streams clients of one application id in this JVM,
 * one thread each) sharing the partitions. Each case gets its own topics and application id. Throughput is the
 * steady rate between the 10th and the 90th percentile of the backlog's outputs (read_committed), so start-up,
 * rebalancing and the last commit do not count. Not thread-safe; one run at a time.
 */
public final class ScaleOutBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutBenchmark.class);

    /**
     * @param articles backlog per case
     * @param partitions input partitions (at least 4, so two instances with two threads each could all work)
     * @param maxPhaseSeconds cap on each case
     * @param guarantee processing guarantee
     * @param stateDir state directory for the run
     */
    public record Options(int articles, int partitions, int maxPhaseSeconds, String guarantee, Path stateDir) {
        public Options {
            if (partitions < 2) {
                throw new IllegalArgumentException("scale-out needs at least 2 partitions, got " + partitions);
            }
        }
    }

    /** One case: {@code instances} × {@code threads}, what came out and the steady rate. */
    public record Case(String name, int instances, int threads, int processed, double articlesPerSecond) {
    }

    /** The three cases. */
    public record Result(Case oneThread, Case twoThreads, Case twoInstances) {
        /** Ratio of {@code c}'s throughput to one thread's. */
        public double ratio(Case c) {
            return oneThread.articlesPerSecond() > 0 ? c.articlesPerSecond() / oneThread.articlesPerSecond() : 0;
        }
    }

    private final String bootstrapServers;
    private final PipelineStages stages;
    private final SerdeFactory serdes;

    public ScaleOutBenchmark(String bootstrapServers, PipelineStages stages, SerdeFactory serdes) {
        this.bootstrapServers = bootstrapServers;
        this.stages = stages;
        this.serdes = serdes;
    }

    public Result run(Options options) throws InterruptedException {
        String run = "scale-" + Long.toString(System.currentTimeMillis(), 36);
        Case one = measure(run + "-t1", "1 instance, 1 thread", 1, 1, options);
        Case two = measure(run + "-t2", "1 instance, 2 threads", 1, 2, options);
        Case instances = measure(run + "-i2", "2 instances, 1 thread each", 2, 1, options);
        return new Result(one, two, instances);
    }

    private Case measure(String run, String name, int instances, int threads, Options options)
            throws InterruptedException {
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        Map<String, Map<String, String>> configs = new HashMap<>();
        topics.all().forEach(t -> configs.put(t, Map.of("retention.ms", "600000", "segment.bytes", "16777216")));
        TopicCreator.ensure(bootstrapServers, topics.all(), options.partitions(), (short) -1, configs);
        preload(topics.articles(), run, options.articles());

        List<PipelineRunner> runners = new ArrayList<>();
        int seen = 0;
        long[] at = new long[options.articles()];
        try (KafkaConsumer<String, byte[]> consumer = consumer(topics.enriched(), options.partitions())) {
            for (int i = 0; i < instances; i++) {
                RuntimeConfig runtime = new RuntimeConfig(bootstrapServers, run + "-app",
                        options.stateDir().resolve(run + "-" + i), options.guarantee(), null, threads,
                        options.partitions(), (short) -1, Map.of());
                runners.add(new PipelineRunner(NewsflowTopology.build(pipelineConfig(topics, options.partitions()),
                        stages, serdes), runtime));
            }
            // start the instances together, so that the group forms once
            List<CompletableFuture<PipelineRunner>> starting = runners.stream()
                    .map(r -> CompletableFuture.supplyAsync(() -> r.start(Duration.ofMinutes(2)))).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.maxPhaseSeconds());
            while (seen < options.articles() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> ignored : consumer.poll(Duration.ofMillis(100))) {
                    if (seen < at.length) {
                        at[seen++] = System.nanoTime();
                    }
                }
            }
            starting.forEach(CompletableFuture::join);
        } finally {
            for (PipelineRunner r : runners) {
                r.close(PipelineBenchmark.PHASE_CLOSE_TIMEOUT);
            }
        }
        double perSecond = steadyRate(at, seen);
        LOG.info("scale-out {}: {} of {} articles, {} articles/s", name, seen, options.articles(),
                String.format(Locale.ROOT, "%.1f", perSecond));
        return new Case(name, instances, threads, seen, perSecond);
    }

    /**
     * The pipeline settings of every case: the defaults with the enrichment spread over as many partitions as the
     * input has, as {@code newsflow run --partitions N} does. With the default three enrichment partitions under a
     * four-partition input, two stream threads (or two instances) would split the enrichment, nearly all of the
     * work, two tasks to one: the faster one idles once its task is drained, capping the steady ratio near 1.5×.
     */
    static PipelineConfig pipelineConfig(Topics topics, int partitions) {
        return PipelineConfig.defaults(topics).withEnrichmentPartitions(partitions);
    }

    /** Outputs per second between the 10th and the 90th percentile of those seen; 0 with too few. */
    static double steadyRate(long[] nanos, int seen) {
        if (seen < 10) {
            return 0;
        }
        int from = seen / 10;
        int to = seen - 1 - seen / 10;
        long span = nanos[to] - nanos[from];
        return span > 0 ? (to - from) * 1e9 / span : 0;
    }

    private void preload(String topic, String run, int articles) {
        RecordCodec<RawArticle> codec = new RecordCodec<>(serdes, RawArticle.class);
        CorpusGenerator corpus = new CorpusGenerator(run.hashCode());
        try (KafkaProducer<String, byte[]> producer = BenchClients.producer(bootstrapServers, 0)) {
            for (int i = 0; i < articles; i++) {
                RawArticle a = corpus.next(run);
                a.setIngestedAt(Instant.now());
                producer.send(new ProducerRecord<>(topic, a.getId(), codec.encode(topic, a)));
            }
            producer.flush();
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String topic, int partitions) {
        return BenchClients.consumer(bootstrapServers, topic, partitions);
    }
}
