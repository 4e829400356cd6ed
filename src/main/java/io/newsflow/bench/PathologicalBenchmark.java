package io.newsflow.bench;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.StageException;
import io.newsflow.enrich.StageRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of every stage on every {@link PathologicalCorpus} case, single thread, without Kafka: each stage runs
 * under {@code deadline} on the output of the stages before it; a stage that passes it is shown as
 * {@code >deadline} and ends that case (as the topology dead-letters it). Not thread-safe.
 */
public final class PathologicalBenchmark {

    private PathologicalBenchmark() {
    }

    /** Prints one row per case (milliseconds per stage) to {@code out}. */
    public static void run(PipelineStages stages, int chars, Duration deadline, PrintWriter out) {
        List<Stage> chain = new ArrayList<>();
        chain.add(stages.normalizer());
        chain.addAll(stages.enrichment().stages());
        stages.warmUp();
        out.printf(Locale.ROOT, "%-22s %8s", "case", "chars");
        for (Stage s : chain) {
            out.printf(Locale.ROOT, " %13s", s.name());
        }
        out.println();
        for (PathologicalCorpus.Case c : PathologicalCorpus.all(chars)) {
            out.printf(Locale.ROOT, "%-22s %8d", c.name(), c.body().length());
            Document d = Document.of("pathological-" + c.name(), "Hostile " + c.name(), c.body(), c.html(), null,
                    null);
            for (Stage s : chain) {
                long started = System.nanoTime();
                try {
                    d = StageRunner.run(s, d, deadline);
                    out.printf(Locale.ROOT, " %13d", (System.nanoTime() - started) / 1_000_000);
                } catch (StageException e) {
                    out.printf(Locale.ROOT, " %13s", e.reason().equals("deadline-exceeded")
                            ? ">" + deadline.toMillis() : "failed");
                    break;
                }
            }
            out.println();
            out.flush();
        }
    }
}
