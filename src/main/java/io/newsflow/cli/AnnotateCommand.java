package io.newsflow.cli;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.eval.GoldFormat;
import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.ReadResult;
import io.newsflow.topology.Documents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs the enrichment stages without Kafka and prints one gold-format JSON object per article. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = "Enrich plain-text articles without Kafka and print one JSON object per article in the gold format of shared/eval (id = file name without extension).")
final class AnnotateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Articles (.txt, .jsonl, RSS/Atom) or folders.")
    List<Path> paths;

    @Mixin
    EnrichmentOptions enrichment;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineStages stages = enrichment.pipelineStages();
        int failed = 0;
        try (Stream<ReadResult> items = new ArticleReader().read(paths)) {
            for (ReadResult item : (Iterable<ReadResult>) items::iterator) {
                if (!item.isOk()) {
                    err.printf("skipped %s: %s%n", item.location(), item.error());
                    failed++;
                    continue;
                }
                try {
                    Document doc = stages.process(Documents.fromRaw(item.article()));
                    out.println(GoldFormat.toJson(doc));
                } catch (RuntimeException e) {
                    err.printf("failed %s: %s%n", item.location(), e.getMessage());
                    failed++;
                }
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
