package io.newsflow.cli;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.stance.StanceStage;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs the enrichment stages without Kafka and prints one gold-format JSON object per article. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = "Enrich plain-text articles without Kafka and print one JSON object per article in the gold format of shared/eval (id = file name without extension).")
final class AnnotateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Articles (.txt, .jsonl, RSS/Atom) or folders.")
    List<Path> paths;

    @Option(names = "--kb-dir", description = "Knowledge-base directory overriding the bundled one.")
    Path kbDir;

    @Option(names = "--stages", split = ",", description = "Stages to run after normalisation. Default: every standard stage (language, entities, quotes, stances, quote-stances); add author-stance for the article's own view of the people it names.")
    List<String> stageNames;

    @Option(names = "--stance-topics", paramLabel = "FILE", description = "Stance topic lexicon (YAML or JSON) replacing the built-in one.")
    Path stanceTopics;

    @Option(names = "--explain", description = "Also print, for every quote and stance, the cue and the named rule (or model) that produced it.")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineStages stages = PipelineStages.named(stageNames == null ? PipelineStages.AVAILABLE : stageNames,
                kbDir == null ? null : KnowledgeBase.load(kbDir),
                stanceTopics == null ? null : StanceStage.loadTopics(stanceTopics));
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
                    out.println(GoldFormat.toJson(doc, explain));
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
