package io.newsflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.enrich.entity.CrfEntityRecognizer;
import io.newsflow.enrich.sentiment.SentimentPrediction;
import io.newsflow.enrich.sentiment.TargetSentimentModel;
import io.newsflow.tools.directed.DirectedCommands;
import io.newsflow.tools.eval.Annotator;
import io.newsflow.tools.eval.ConllEvaluator;
import io.newsflow.tools.eval.GoldScorer;
import io.newsflow.tools.eval.NewsMtscEvaluator;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Accuracy evaluation commands. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure accuracy on labelled data.",
        subcommands = {EvalCommand.Gold.class, EvalCommand.Conll.class, EvalCommand.NewsMtsc.class,
                DirectedCommands.Eval.class})
final class EvalCommand {

    /** {@code eval gold GOLD_DIR [PRED.jsonl]}: the figures of shared/eval/score.py, computed in Java. */
    @Command(name = "gold", mixinStandardHelpOptions = true,
            description = {"Score article annotations against a folder of gold labels (NN.json) exactly as shared/eval/score.py does: precision, recall, F1, gold and predicted counts for persons, leaders, organisations, locations, name variants, quotes, quote speakers and stances.",
                    "Without PRED.jsonl, first annotate the folder's .txt files with the chosen stages (default: the whole default chain)."})
    static final class Gold implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "GOLD_DIR", description = "Folder of gold files, e.g. ../shared/eval/news")
        Path goldDir;

        @Parameters(index = "1", arity = "0..1", paramLabel = "PRED.jsonl",
                description = "Predictions, one gold-format JSON object per line (the output of annotate). Default: annotate GOLD_DIR/*.txt now.")
        Path predictions;

        @Option(names = "--json", description = "Print score.py's --json line instead of the table.")
        boolean json;

        @Option(names = "--ids", split = ",", paramLabel = "ID",
                description = "Score only these gold ids (and annotate only their .txt files), e.g. a split: --ids 105,110,205.")
        Set<String> ids;

        @Option(names = "--save-predictions", paramLabel = "FILE",
                description = "When annotating, also write the predictions (JSON lines) to FILE.")
        Path savePredictions;

        @Mixin
        EnrichmentOptions enrichment;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<JsonNode> golds = GoldScorer.readGold(goldDir).stream()
                    .filter(g -> ids == null || ids.contains(g.path("id").asText()))
                    .toList();
            if (ids != null && golds.size() != ids.size()) {
                err.printf("warning: %d of %d ids have a gold file in %s%n", golds.size(), ids.size(), goldDir);
            }
            List<JsonNode> preds = new ArrayList<>();
            int failed = 0;
            if (predictions != null) {
                preds.addAll(GoldScorer.readPredictions(predictions));
            } else {
                List<Path> texts = Annotator.texts(goldDir, ids);
                failed = Annotator.annotate(texts, enrichment.pipelineStages(), false, preds::add, err::println);
                if (savePredictions != null) {
                    Files.write(savePredictions, preds.stream().map(JsonNode::toString).toList(),
                            StandardCharsets.UTF_8);
                }
            }
            GoldScorer.Report report = GoldScorer.score(golds, preds);
            if (json) {
                out.println(report.json());
            } else {
                out.print(report.table());
            }
            out.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    /** {@code eval conll FILE}. */
    @Command(name = "conll", mixinStandardHelpOptions = true,
            description = "Phrase-level precision/recall/F1 per type and overall of the statistical NER on a CoNLL-2003 file (conlleval rules); ends with overall_f1=NN.NN.")
    static final class Conll implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "CoNLL-2003 file, e.g. ../shared/data/conll2003/eng.testb")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CrfEntityRecognizer ner = CrfEntityRecognizer.shared();
            ConllEvaluator.Result result = ConllEvaluator.evaluate(file, ner::label);
            spec.commandLine().getOut().print(result.report());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code eval newsmtsc FILE}. */
    @Command(name = "newsmtsc", mixinStandardHelpOptions = true,
            description = "Accuracy and per-class precision/recall/F1 of the target-dependent sentiment model on a NewsMTSC JSONL file; ends with macro_f1=NN.NN and accuracy=NN.NN.")
    static final class NewsMtsc implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "NewsMTSC file, e.g. ../shared/data/newsmtsc/official/devtest_rw.jsonl")
        Path file;

        @Option(names = "--model", description = "Model file written by 'train newsmtsc'. Default: the bundled one.")
        Path model;

        @Option(names = "--threads", defaultValue = "1", description = "Encoder threads. Default: ${DEFAULT-VALUE}.")
        int threads;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TargetSentimentModel m = model == null ? TargetSentimentModel.shared() : TargetSentimentModel.load(model);
            NewsMtscEvaluator.Result result = NewsMtscEvaluator.evaluate(file,
                    targets -> m.predictAll(targets, threads).stream().map(SentimentPrediction::label).toList());
            spec.commandLine().getOut().print(result.report());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
