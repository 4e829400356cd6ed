package io.newsflow.bench;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.broker.TopicCreator;
import io.newsflow.cli.NewsflowCli;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish-to-alert latency through a real broker with the whole application running (enrichment pipeline with the
 * full tier, and the fast tier). Three phases on generated ~700-token articles that each name leaders:
 * <ol>
 *   <li>throughput: a backlog is published at once; the rate at which full-tier alerts come out is the maximum;</li>
 *   <li>full alerts: fixed rate at a fraction (default half) of that maximum; publish → first FULL alert;</li>
 *   <li>fast alerts: fixed rate (default 100/s, far above what enrichment sustains, so the enrichment thread is
 *       saturated meanwhile); publish → first FAST alert.</li>
 * </ol>
 * Alerts are read by two consumers: read_uncommitted (what a latency-sensitive consumer uses; alert ids make
 * repeats harmless) and read_committed (which waits for the exactly-once pipeline's open transactions on the same
 * partition). Not thread-safe; run once.
 */
public final class AlertBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(AlertBenchmark.class);
    private static final String RULES = """
            rules:
              - {name: bench-fast-mention, type: MENTION}
              - {name: bench-full-leader, type: MENTION, minSalience: 0.0}
            """;

    /**
     * Benchmark settings. {@code fullRate} 0 = {@code fullFraction} of the measured maximum. With
     * {@code fastInOwnProcess} the fast tier runs in a child JVM ({@code run --role FAST_ALERTS}) and this JVM runs
     * the {@code PIPELINE} role, as in the recommended deployment; otherwise everything runs in this JVM.
     */
    public record Options(int backlog, int fastRate, int fastSeconds, int fullRate, double fullFraction,
                          int fullSeconds, int partitions, Path stateDir, boolean fastInOwnProcess) {
    }

    /** Latencies in milliseconds. */
    public record Latency(int samples, long p50, long p99, long max) {
        static Latency of(LatencyStats s) {
            return new Latency(s.count(), s.percentile(50), s.percentile(99), s.percentile(100));
        }
    }

    /** Everything measured. */
    public record Result(double maxArticlesPerSecond, int fastRate, Latency fastUncommitted, Latency fastCommitted,
                         int fullRate, Latency fullUncommitted, Latency fullCommitted, int missingFast,
                         int missingFull, int duplicateAlerts) {
    }

    private final String bootstrapServers;
    private final PipelineStages stages;
    private final KnowledgeBase kb;
    private final SerdeFactory serdes;

    public AlertBenchmark(String bootstrapServers, PipelineStages stages, KnowledgeBase kb, SerdeFactory serdes) {
        this.bootstrapServers = bootstrapServers;
        this.stages = stages;
        this.kb = kb;
        this.serdes = serdes;
    }

    /** First arrival of each (article, tier), in nanoTime, as seen by one consumer. */
    private static final class AlertWatcher implements Runnable {
        final Map<String, Long> fast = new ConcurrentHashMap<>();
        final Map<String, Long> full = new ConcurrentHashMap<>();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        final AtomicInteger duplicates = new AtomicInteger();
        private final KafkaConsumer<String, byte[]> consumer;
        private final RecordCodec<LeaderAlert> codec;
        private final String topic;
        private final AtomicBoolean running = new AtomicBoolean(true);

        AlertWatcher(String bootstrap, String topic, String isolation, SerdeFactory serdes) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
            this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            this.codec = new RecordCodec<>(serdes, LeaderAlert.class);
            this.topic = topic;
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        @Override
        public void run() {
            try {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        LeaderAlert a = codec.decode(topic, r.value());
                        if (!ids.add(a.getAlertId())) {
                            duplicates.incrementAndGet();
                        }
                        (a.getTier() == AlertTier.FAST ? fast : full).putIfAbsent(a.getArticleId(), now);
                    }
                }
            } finally {
                consumer.close();
            }
        }

        void stop() {
            running.set(false);
        }
    }

    public Result run(Options o) throws InterruptedException {
        String run = "alertbench-" + Long.toString(System.currentTimeMillis(), 36);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        Map<String, Map<String, String>> configs = new HashMap<>();
        topics.all().forEach(t -> configs.put(t, Map.of("retention.ms", "600000")));
        TopicCreator.ensure(bootstrapServers, topics.all(), o.partitions(), (short) -1, configs);
        RuntimeConfig runtime = new RuntimeConfig(bootstrapServers, run, o.stateDir(), StreamsConfig.EXACTLY_ONCE_V2,
                null, 1, o.partitions(), (short) -1, Map.of());
        Alerting alerting = Alerting.of(new AlertEvaluator(kb),
                WatchlistSource.fixed(Watchlist.parse(RULES, true, kb, "bench")));
        Map<String, Long> sent = new ConcurrentHashMap<>();
        AlertWatcher uncommitted = new AlertWatcher(bootstrapServers, topics.alerts(), "read_uncommitted", serdes);
        AlertWatcher committed = new AlertWatcher(bootstrapServers, topics.alerts(), "read_committed", serdes);
        Thread t1 = new Thread(uncommitted, "bench-alerts-uncommitted");
        Thread t2 = new Thread(committed, "bench-alerts-committed");
        t1.start();
        t2.start();
        CorpusGenerator corpus = new CorpusGenerator(7);
        RecordCodec<RawArticle> codec = new RecordCodec<>(serdes, RawArticle.class);
        Process fastProcess = o.fastInOwnProcess() ? startFastProcess(topics, run, o.stateDir()) : null;
        try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics),
                stages, alerting, serdes, "127.0.0.1", -1, "localhost", Clock.systemUTC(),
                o.fastInOwnProcess() ? NewsflowApp.Role.PIPELINE : NewsflowApp.Role.ALL));
             KafkaProducer<String, byte[]> producer = producer()) {
            List<String> backlog = publish(producer, codec, corpus, topics.articles(), run + "-backlog", o.backlog(),
                    0, sent);
            long start = sent.get(backlog.get(0));
            awaitAll(committed.full, backlog, Duration.ofMinutes(5));
            long last = backlog.stream().mapToLong(id -> committed.full.getOrDefault(id, start)).max().orElse(start);
            double max = backlog.size() * 1e9 / Math.max(1, last - start);
            LOG.info("backlog of {} drained at {} articles/s", backlog.size(), String.format("%.1f", max));

            int fullRate = o.fullRate() > 0 ? o.fullRate() : (int) Math.max(1, Math.floor(max * o.fullFraction()));
            List<String> fullIds = publish(producer, codec, corpus, topics.articles(), run + "-full",
                    fullRate * o.fullSeconds(), fullRate, sent);
            awaitAll(committed.full, fullIds, Duration.ofMinutes(2));

            List<String> fastIds = publish(producer, codec, corpus, topics.articles(), run + "-fast",
                    o.fastRate() * o.fastSeconds(), o.fastRate(), sent);
            awaitAll(committed.fast, fastIds, Duration.ofSeconds(30));
            awaitAll(uncommitted.fast, fastIds, Duration.ofSeconds(5));

            return new Result(max, o.fastRate(), latency(uncommitted.fast, fastIds, sent),
                    latency(committed.fast, fastIds, sent), fullRate, latency(uncommitted.full, fullIds, sent),
                    latency(committed.full, fullIds, sent), missing(committed.fast, fastIds),
                    missing(committed.full, fullIds), committed.duplicates.get());
        } finally {
            if (fastProcess != null) {
                fastProcess.destroy();
                if (!fastProcess.waitFor(30, TimeUnit.SECONDS)) {
                    fastProcess.destroyForcibly();
                }
            }
            uncommitted.stop();
            committed.stop();
            t1.join(5_000);
            t2.join(5_000);
        }
    }

    /** Starts {@code run --role FAST_ALERTS} in a child JVM and waits until it runs. */
    private Process startFastProcess(Topics topics, String run, Path stateDir) {
        try {
            Path rules = Files.createDirectories(stateDir).resolve("bench-watchlist.yaml");
            Files.writeString(rules, RULES);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    NewsflowCli.class.getName(), "run", "--role", "FAST_ALERTS",
                    "--bootstrap-servers", bootstrapServers, "--application-id", run,
                    "--state-dir", stateDir.resolve("fast-process").toString(), "--no-create-topics",
                    "--topic-articles", topics.articles(), "--topic-enriched", topics.enriched(),
                    "--topic-dlq", topics.deadLetters(), "--topic-alerts", topics.alerts(),
                    "--topic-mentions", topics.mentions(), "--watchlist", rules.toString(), "--http-port", "-1");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<Boolean> running = new CompletableFuture<>();
            Thread drain = new Thread(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("newsflow running")) {
                            running.complete(true);
                        }
                        LOG.debug("fast process: {}", line);
                    }
                } catch (IOException e) {
                    LOG.debug("fast process output closed: {}", e.toString());
                }
                running.complete(false);
            }, "bench-fast-process-output");
            drain.setDaemon(true);
            drain.start();
            if (!running.get(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the fast-tier process exited before running");
            }
            return process;
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot start the fast-tier process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> publish(KafkaProducer<String, byte[]> producer, RecordCodec<RawArticle> codec,
                                        CorpusGenerator corpus, String topic, String prefix, int count, int rate,
                                        Map<String, Long> sent) {
        List<String> ids = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            RawArticle a = corpus.next(prefix);
            a.setIngestedAt(Instant.now());
            byte[] bytes = codec.encode(topic, a);
            sent.put(a.getId(), System.nanoTime());
            producer.send(new ProducerRecord<>(topic, a.getId(), bytes));
            ids.add(a.getId());
        }
        producer.flush();
        return ids;
    }

    private static void awaitAll(Map<String, Long> seen, List<String> ids, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !seen.keySet().containsAll(ids)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static Latency latency(Map<String, Long> seen, List<String> ids, Map<String, Long> sent) {
        LatencyStats stats = new LatencyStats();
        for (String id : ids) {
            Long at = seen.get(id);
            if (at != null) {
                stats.add(TimeUnit.NANOSECONDS.toMillis(at - sent.get(id)));
            }
        }
        return Latency.of(stats);
    }

    private static int missing(Map<String, Long> seen, List<String> ids) {
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(seen.keySet());
        return missing.size();
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
