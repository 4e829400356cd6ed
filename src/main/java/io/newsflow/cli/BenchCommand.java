package io.newsflow.cli;

import io.newsflow.bench.AlertBenchmark;
import io.newsflow.bench.NearDuplicateBenchmark;
import io.newsflow.bench.PathologicalBenchmark;
import io.newsflow.bench.PipelineBenchmark;
import io.newsflow.bench.ScaleOutBenchmark;
import io.newsflow.bench.StageBenchmark;
import io.newsflow.bench.StoryBenchmark;
import io.newsflow.config.PipelineConfig;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.entity.CrfEntityRecognizer;
import io.newsflow.enrich.quote.QuoteStage;
import io.newsflow.enrich.stance.QuoteStanceStage;
import io.newsflow.enrich.stance.StanceStage;
import io.newsflow.enrich.kb.LeaderMatcher;
import io.newsflow.story.StoryClusterer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Throughput and latency through a real broker, next to a passthrough baseline, plus per-stage throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline through a real broker (embedded unless --bootstrap-servers) against a passthrough topology; print a table and machine-readable lines.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Benchmark against this cluster instead of a fresh embedded broker.")
    String bootstrapServers;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--articles", defaultValue = "1000", description = "Backlog for the throughput phase. Default: ${DEFAULT-VALUE}.")
    int articles;

    @Option(names = "--max-phase-seconds", defaultValue = "45", description = "Cap on each throughput phase. Default: ${DEFAULT-VALUE}.")
    int maxPhaseSeconds;

    @Option(names = "--latency-seconds", defaultValue = "10", description = "Length of each fixed-rate latency phase. Default: ${DEFAULT-VALUE}.")
    int latencySeconds;

    @Option(names = "--latency-rate", defaultValue = "0",
            description = "Articles/s in the latency phase; 0 = half the measured pipeline throughput, at most 100. Default: ${DEFAULT-VALUE}.")
    int latencyRate;

    @Option(names = "--partitions", defaultValue = "3", description = "Input partitions. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2", description = "Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(names = "--commit-interval-ms", description = "Commit interval. Default: Kafka's (100 ms under exactly-once).")
    Integer commitIntervalMs;

    @Option(names = "--stage-articles", defaultValue = "300", description = "Articles for the per-stage table (no Kafka). Default: ${DEFAULT-VALUE}.")
    int stageArticles;

    @Option(names = "--alerts", description = "Run the alert latency benchmark instead: publish → fast-tier and full-tier alert through the real broker.")
    boolean alerts;

    @Option(names = "--alert-backlog", defaultValue = "120", description = "--alerts: backlog that measures the maximum throughput. Default: ${DEFAULT-VALUE}.")
    int alertBacklog;

    @Option(names = "--fast-rate", defaultValue = "100", description = "--alerts: articles/s in the fast-tier phase. Default: ${DEFAULT-VALUE}.")
    int fastRate;

    @Option(names = "--fast-seconds", defaultValue = "10", description = "--alerts: length of the fast-tier phase. Default: ${DEFAULT-VALUE}.")
    int fastSeconds;

    @Option(names = "--full-rate", defaultValue = "0", description = "--alerts: articles/s in the full-tier phase; 0 = half the measured maximum. Default: ${DEFAULT-VALUE}.")
    int fullRate;

    @Option(names = "--full-seconds", defaultValue = "20", description = "--alerts: length of the full-tier phase. Default: ${DEFAULT-VALUE}.")
    int fullSeconds;

    @Option(names = "--near-duplicates", description = "Run the near-duplicate detection benchmark instead (single thread, no Kafka): time per article and state bytes per remembered article.")
    boolean nearDuplicates;

    @Option(names = "--stories", description = "Run the story clustering benchmark instead (single thread, no Kafka): time per article and state bytes per remembered article.")
    boolean stories;

    @Option(names = "--story-articles", defaultValue = "5000", description = "--stories: articles timed, one every 30 s of publication time, cycling over 200 enriched generated articles. Default: ${DEFAULT-VALUE}.")
    int storyArticles;

    @Option(names = "--near-duplicate-articles", defaultValue = "5000", description = "--near-duplicates: articles timed, one in 10 an edited copy. Default: ${DEFAULT-VALUE}.")
    int nearDuplicateArticles;

    @Option(names = "--fast-in-process", description = "--alerts: run the fast tier in this JVM next to the enrichment instead of in its own process (run --role FAST_ALERTS).")
    boolean fastInProcess;

    @Option(names = "--scale-out", defaultValue = "true", negatable = true,
            description = "Also measure scale-out: 1 and 2 stream threads and 2 instances on --scale-partitions. Default: ${DEFAULT-VALUE}.")
    boolean scaleOut;

    @Option(names = "--scale-articles", defaultValue = "300", description = "Backlog of each scale-out case. Default: ${DEFAULT-VALUE}.")
    int scaleArticles;

    @Option(names = "--scale-partitions", defaultValue = "4", description = "Input partitions of the scale-out cases (at least 4). Default: ${DEFAULT-VALUE}.")
    int scalePartitions;

    @Mixin
    EnrichmentOptions enrichment;

    @Option(names = "--pathological", paramLabel = "CHARS",
            description = "Run the hostile-input table instead: every PathologicalCorpus case of at most CHARS characters through every stage, no Kafka.")
    Integer pathological;

    @Option(names = "--pathological-deadline", defaultValue = "PT60S",
            description = "--pathological: per-stage deadline. Default: ${DEFAULT-VALUE}.")
    Duration pathologicalDeadline;

    @Option(names = "--work-dir", description = "Directory for broker data and state (deleted afterwards). Default: a temporary directory.")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineStages stages = enrichment.pipelineStages();
        if (pathological != null) {
            PathologicalBenchmark.run(stages, pathological, pathologicalDeadline, out);
            return 0;
        }
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("newsflow-bench-");
        try {
            if (alerts) {
                return alertBench(out, work);
            }
            if (nearDuplicates) {
                return nearDuplicateBench(out);
            }
            if (stories) {
                return storyBench(out);
            }
            StageBenchmark.Result stageResult = StageBenchmark.run(stages, stageArticles, Math.min(50, stageArticles));
            double matcher = StageBenchmark.leaderMatcher(new LeaderMatcher(enrichment.knowledgeBase()),
                    Math.max(2_000, stageArticles), 500);
            if (scaleOut && scalePartitions < 4) {
                throw new ParameterException(spec.commandLine(),
                        "--scale-partitions must be at least 4, got " + scalePartitions);
            }
            PipelineBenchmark.Result result;
            ScaleOutBenchmark.Result scale = null;
            try (Cluster cluster = Cluster.open(bootstrapServers, work.resolve("broker"), 0)) {
                result = new PipelineBenchmark(cluster.bootstrapServers(), stages, registry.serdes())
                        .run(new PipelineBenchmark.Options(articles, maxPhaseSeconds, latencySeconds, latencyRate,
                                partitions, guarantee, commitIntervalMs, work.resolve("state")));
                if (scaleOut) {
                    scale = new ScaleOutBenchmark(cluster.bootstrapServers(), stages, registry.serdes())
                            .run(new ScaleOutBenchmark.Options(scaleArticles, scalePartitions,
                                    Math.max(maxPhaseSeconds, 120), guarantee, work.resolve("scale-state")));
                }
            }
            print(out, stageResult, matcher, result);
            if (scale != null) {
                printScale(out, stageResult, scale);
            }
            return result.pipeline().processed() > 0 ? 0 : 1;
        } finally {
            deleteRecursively(work);
        }
    }

    private void print(PrintWriter out, StageBenchmark.Result stagesResult, double matcher, PipelineBenchmark.Result r) {
        out.printf("JVM: %s %s, %s; huge methods JIT-compiled (%s): %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), maxHeap(), CrfEntityRecognizer.JIT_FLAG,
                CrfEntityRecognizer.compilesHugeMethods().map(on -> on ? "yes" : "no").orElse("unknown"));
        out.printf("Stages, single thread, no Kafka (%d generated ~700-token articles)%n", stagesResult.articles());
        out.printf("| %-24s | %14s |%n", "stage", "articles/s");
        out.printf("|%s|%s|%n", "-".repeat(26), "-".repeat(16));
        for (Map.Entry<String, Double> e : stagesResult.perStage().entrySet()) {
            out.printf("| %-24s | %14.1f |%n", e.getKey(), e.getValue());
        }
        Double quotes = stagesResult.perStage().get(QuoteStage.NAME);
        Double stances = stagesResult.perStage().get(StanceStage.NAME);
        if (quotes != null && stances != null) {
            Double fromQuotes = stagesResult.perStage().get(QuoteStanceStage.NAME);
            double seconds = 1.0 / quotes + 1.0 / stances + (fromQuotes == null ? 0 : 1.0 / fromQuotes);
            out.printf("| %-24s | %14.1f |%n", fromQuotes == null ? "quotes + stances" : "quotes + all stances",
                    1.0 / seconds);
        }
        out.printf("| %-24s | %14.1f |%n", "whole chain", stagesResult.chain());
        out.printf("| %-24s | %14.1f |%n%n", "leader matcher (fast)", matcher);

        out.printf("End to end through Kafka (%s, %d partitions, 1 stream thread)%n", guarantee, partitions);
        out.printf("| %-36s | %12s | %12s |%n", "figure", "pipeline", "passthrough");
        out.printf("|%s|%s|%s|%n", "-".repeat(38), "-".repeat(14), "-".repeat(14));
        row(out, "articles processed (backlog)", r.pipeline().processed(), r.passthrough().processed());
        out.printf("| %-36s | %12.1f | %12.1f |%n", "throughput (articles/s)", r.pipeline().articlesPerSecond(),
                r.passthrough().articlesPerSecond());
        row(out, "latency phase rate (articles/s)", r.pipeline().latencyRate(), r.passthrough().latencyRate());
        row(out, "latency samples", r.pipeline().latencySamples(), r.passthrough().latencySamples());
        row(out, "latency p50 (ms, publish to output)", r.pipeline().p50Ms(), r.passthrough().p50Ms());
        row(out, "latency p99 (ms)", r.pipeline().p99Ms(), r.passthrough().p99Ms());
        row(out, "latency max (ms)", r.pipeline().maxMs(), r.passthrough().maxMs());
        out.println();
        out.println(String.format(Locale.ROOT, "pipeline_articles_per_s=%.1f", r.pipeline().articlesPerSecond()));
        out.println(String.format(Locale.ROOT, "passthrough_articles_per_s=%.1f", r.passthrough().articlesPerSecond()));
        out.println("enriched_p50_ms=" + r.pipeline().p50Ms());
        out.println("enriched_p99_ms=" + r.pipeline().p99Ms());
        out.println(String.format(Locale.ROOT, "leader_matcher_articles_per_s=%.1f", matcher));
        out.flush();
    }

    private void printScale(PrintWriter out, StageBenchmark.Result stagesResult, ScaleOutBenchmark.Result s) {
        out.printf("%nScale-out through Kafka (%s, %d partitions, backlog of %d per case, steady rate between the "
                + "10th and 90th percentile of the outputs; %d CPUs)%n", guarantee, scalePartitions, scaleArticles,
                Runtime.getRuntime().availableProcessors());
        out.printf("| %-30s | %9s | %12s | %17s |%n", "case", "processed", "articles/s", "ratio to 1 thread");
        out.printf("|%s|%s|%s|%s|%n", "-".repeat(32), "-".repeat(11), "-".repeat(14), "-".repeat(19));
        for (ScaleOutBenchmark.Case c : List.of(s.oneThread(), s.twoThreads(), s.twoInstances())) {
            out.printf(Locale.ROOT, "| %-30s | %9d | %12.1f | %16.2fx |%n", c.name(), c.processed(),
                    c.articlesPerSecond(), s.ratio(c));
        }
        out.printf(Locale.ROOT, "pipeline (1 thread) over the bare chain: %.0f %% of its throughput%n%n",
                stagesResult.chain() > 0 ? 100 * s.oneThread().articlesPerSecond() / stagesResult.chain() : 0);
        out.println(String.format(Locale.ROOT, "chain_articles_per_s=%.1f", stagesResult.chain()));
        out.println(String.format(Locale.ROOT, "pipeline_threads_1_articles_per_s=%.1f",
                s.oneThread().articlesPerSecond()));
        out.println(String.format(Locale.ROOT, "pipeline_threads_2_articles_per_s=%.1f",
                s.twoThreads().articlesPerSecond()));
        out.println(String.format(Locale.ROOT, "pipeline_instances_2_articles_per_s=%.1f",
                s.twoInstances().articlesPerSecond()));
        out.flush();
    }

    private static String maxHeap() {
        return String.format(Locale.ROOT, "max heap %d MiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private int alertBench(PrintWriter out, Path work) throws Exception {
        PipelineStages stages = enrichment.pipelineStages();
        AlertBenchmark.Result r;
        try (Cluster cluster = Cluster.open(bootstrapServers, work.resolve("broker"), 0)) {
            r = new AlertBenchmark(cluster.bootstrapServers(), stages, enrichment.knowledgeBase(),
                    registry.serdes()).run(new AlertBenchmark.Options(alertBacklog, fastRate, fastSeconds,
                    fullRate, 0.5, fullSeconds, partitions, work.resolve("state"), !fastInProcess));
        }
        out.printf("Alert latency through Kafka (stages %s; full tier exactly_once_v2, fast tier at_least_once %s; %d partitions)%n",
                String.join(",", stages.stageNames()), fastInProcess ? "in the same JVM as the enrichment"
                        : "in its own JVM (run --role FAST_ALERTS)", partitions);
        out.printf("maximum throughput (backlog of %d, full alerts out): %.1f articles/s%n%n", alertBacklog,
                r.maxArticlesPerSecond());
        out.printf("| %-34s | %9s | %8s | %8s | %8s | %8s |%n", "publish → alert", "rate/s", "samples", "p50 ms",
                "p99 ms", "max ms");
        out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(36), "-".repeat(11), "-".repeat(10), "-".repeat(10),
                "-".repeat(10), "-".repeat(10));
        latencyRow(out, "fast tier, read_uncommitted", r.fastRate(), r.fastUncommitted());
        latencyRow(out, "fast tier, read_committed", r.fastRate(), r.fastCommitted());
        latencyRow(out, "full tier, read_uncommitted", r.fullRate(), r.fullUncommitted());
        latencyRow(out, "full tier, read_committed", r.fullRate(), r.fullCommitted());
        out.printf("%narticles without a fast alert: %d, without a full alert: %d, duplicate alert ids: %d%n%n",
                r.missingFast(), r.missingFull(), r.duplicateAlerts());
        out.println(String.format(Locale.ROOT, "max_articles_per_s=%.1f", r.maxArticlesPerSecond()));
        out.println("fast_alert_p99_ms_read_committed=" + r.fastCommitted().p99());
        out.println("full_alert_p99_ms_read_uncommitted=" + r.fullUncommitted().p99());
        out.println("fast_alert_p99_ms=" + r.fastUncommitted().p99());
        out.println("full_alert_p99_ms=" + r.fullCommitted().p99());
        out.flush();
        return r.fastUncommitted().samples() > 0 && r.fullCommitted().samples() > 0 ? 0 : 1;
    }

    private int nearDuplicateBench(PrintWriter out) {
        NearDuplicateBenchmark.Result r = NearDuplicateBenchmark.run(nearDuplicateArticles,
                Math.min(2_000, nearDuplicateArticles), 10, PipelineConfig.DEFAULT_NEAR_DUPLICATE_THRESHOLD);
        out.printf("Near-duplicate detection, single thread, no Kafka (%d generated ~700-token articles, %d of them "
                + "edited copies; threshold %.2f, 5-word shingles, MinHash 128, LSH 32x4)%n", r.articles(),
                r.plantedCopies(), PipelineConfig.DEFAULT_NEAR_DUPLICATE_THRESHOLD);
        out.printf("| %-52s | %12s |%n", "figure", "value");
        out.printf("|%s|%s|%n", "-".repeat(54), "-".repeat(14));
        out.printf("| %-52s | %12.1f |%n", "detector per article, mean (µs)", r.meanMicros());
        out.printf("| %-52s | %12.1f |%n", "detector per article, p99 (µs)", r.p99Micros());
        out.printf("| %-52s | %12.1f |%n", "shingles + MinHash signature alone, mean (µs)", r.minHashOnlyMicros());
        out.printf("| %-52s | %12.1f |%n", "shingles + SimHash fingerprint, mean (µs)", r.simHashMicros());
        out.printf("| %-52s | %12.0f |%n", "state bytes per remembered article (serialised)", r.storeBytesPerOriginal());
        out.printf("| %-52s | %12.1f |%n", "LSH buckets per remembered article", r.bucketsPerOriginal());
        out.printf("| %-52s | %5d of %4d |%n", "edited copies found", r.foundCopies(), r.plantedCopies());
        out.printf("| %-52s | %12d |%n", "false copies", r.falseCopies());
        out.println();
        out.println(String.format(Locale.ROOT, "near_duplicate_us_per_article=%.1f", r.meanMicros()));
        out.println(String.format(Locale.ROOT, "near_duplicate_state_bytes_per_article=%.0f", r.storeBytesPerOriginal()));
        out.flush();
        return r.foundCopies() == r.plantedCopies() && r.falseCopies() == 0 ? 0 : 1;
    }

    private int storyBench(PrintWriter out) {
        StoryClusterer clusterer = new StoryClusterer(PipelineConfig.DEFAULT_STORY_WINDOW,
                PipelineConfig.DEFAULT_STORY_SIMILARITY);
        StoryBenchmark.Result r = StoryBenchmark.run(storyArticles, 200, Math.min(2_000, storyArticles),
                Duration.ofSeconds(30), clusterer);
        out.printf("Story clustering, single thread, no Kafka (%d articles cycling over %d enriched generated "
                + "~700-token articles, one every 30 s; window %s, cosine %.2f, %d articles kept per person)%n",
                r.articles(), r.distinct(), clusterer.window(), clusterer.threshold(), StoryClusterer.BUCKET_CAPACITY);
        out.printf("| %-52s | %12s |%n", "figure", "value");
        out.printf("|%s|%s|%n", "-".repeat(54), "-".repeat(14));
        out.printf("| %-52s | %12.1f |%n", "story step per article, mean (µs)", r.meanMicros());
        out.printf("| %-52s | %12.1f |%n", "story step per article, p99 (µs)", r.p99Micros());
        out.printf("| %-52s | %12.1f |%n", "features alone (content words, entities), mean (µs)", r.featuresMicros());
        out.printf("| %-52s | %12.1f |%n", "remembered articles compared per article", r.candidatesPerArticle());
        out.printf("| %-52s | %12.0f |%n", "state bytes per remembered article (serialised)", r.stateBytesPerArticle());
        out.printf("| %-52s | %12d |%n", "stories formed", r.stories());
        out.println();
        out.println(String.format(Locale.ROOT, "story_us_per_article=%.1f", r.meanMicros()));
        out.println(String.format(Locale.ROOT, "story_state_bytes_per_article=%.0f", r.stateBytesPerArticle()));
        out.flush();
        return r.stories() > 0 ? 0 : 1;
    }

    private static void latencyRow(PrintWriter out, String name, int rate, AlertBenchmark.Latency l) {
        out.printf("| %-34s | %9d | %8d | %8d | %8d | %8d |%n", name, rate, l.samples(), l.p50(), l.p99(), l.max());
    }

    private static void row(PrintWriter out, String name, long pipeline, long passthrough) {
        out.printf("| %-36s | %12d | %12d |%n", name, pipeline, passthrough);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
