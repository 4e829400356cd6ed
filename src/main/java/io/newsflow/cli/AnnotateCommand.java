package io.newsflow.cli;

import io.newsflow.enrich.PipelineStages;
import io.newsflow.tools.eval.Annotator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--explain", description = "Also print the rules behind every entity, and for every quote and stance the cue and the named rule (or model) that produced it.")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineStages stages = enrichment.pipelineStages();
        int failed = Annotator.annotate(paths, stages, explain, article -> out.println(article.toString()),
                err::println);
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
