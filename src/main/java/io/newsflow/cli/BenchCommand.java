package io.newsflow.cli;

import io.newsflow.bench.PipelineBenchmark;
import io.newsflow.bench.StageBenchmark;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.LeaderMatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Throughput and latency through a real broker, next to a passthrough baseline, plus per-stage throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline through a real broker (embedded unless --bootstrap-servers) against a passthrough topology; print a table and machine-readable lines.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Benchmark against this cluster instead of a fresh embedded broker.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Apicurio Registry base URL: the pipeline reads and writes values in Confluent-compatible registry framing. Empty: Avro single-object encoding. Env: NEWSFLOW_SCHEMA_REGISTRY_URL.")
    String schemaRegistryUrl;

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

    @Option(names = "--work-dir", description = "Directory for broker data and state (deleted afterwards). Default: a temporary directory.")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineStages stages = PipelineStages.standard();
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("newsflow-bench-");
        try {
            StageBenchmark.Result stageResult = StageBenchmark.run(stages, stageArticles, Math.min(50, stageArticles));
            double matcher = StageBenchmark.leaderMatcher(new LeaderMatcher(KnowledgeBase.bundled()),
                    Math.max(2_000, stageArticles), 500);
            PipelineBenchmark.Result result;
            try (Cluster cluster = Cluster.open(bootstrapServers, work.resolve("broker"), 0)) {
                result = new PipelineBenchmark(cluster.bootstrapServers(), stages, KafkaOptions.serdes(schemaRegistryUrl))
                        .run(new PipelineBenchmark.Options(articles, maxPhaseSeconds, latencySeconds, latencyRate,
                                partitions, guarantee, commitIntervalMs, work.resolve("state")));
            }
            print(out, stageResult, matcher, result);
            return result.pipeline().processed() > 0 ? 0 : 1;
        } finally {
            deleteRecursively(work);
        }
    }

    private void print(PrintWriter out, StageBenchmark.Result stagesResult, double matcher, PipelineBenchmark.Result r) {
        out.printf("Stages, single thread, no Kafka (%d generated ~700-token articles)%n", stagesResult.articles());
        out.printf("| %-24s | %14s |%n", "stage", "articles/s");
        out.printf("|%s|%s|%n", "-".repeat(26), "-".repeat(16));
        for (Map.Entry<String, Double> e : stagesResult.perStage().entrySet()) {
            out.printf("| %-24s | %14.1f |%n", e.getKey(), e.getValue());
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
