package io.newsflow.tools.directed;

import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.pairs.DirectedStanceModel;
import io.newsflow.enrich.sentiment.SentenceEncoder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code train directed} and {@code eval directed} commands (directed sentiment between entity pairs). */
public final class DirectedCommands {

    private DirectedCommands() {
    }

    /** {@code train directed}. */
    @Command(name = "directed", mixinStandardHelpOptions = true,
            description = "Train the entity-pair directed stance model on the data of Park, Pan & Joo (Findings of ACL 2021):"
                    + " compares feature sets and classifiers on valid.txt (early stopping and selection), writes the best.")
    public static final class Train implements Callable<Integer> {

        @Option(names = "--data", defaultValue = "../shared/data/directed-sentiment",
                description = "Folder with train.txt and valid.txt. Default: ${DEFAULT-VALUE}.")
        Path data;

        @Option(names = "--out", defaultValue = "src/main/resources/pairs/directed-model.json",
                description = "Model file to write. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Option(names = "--cache", defaultValue = "target/directed-cache",
                description = "Folder for cached encoder outputs. Default: ${DEFAULT-VALUE}.")
        Path cache;

        @Option(names = "--variants", description = "Only the candidates whose name contains one of these (comma-separated).",
                split = ",")
        List<String> variants;

        @Option(names = "--threads", defaultValue = "2", description = "Encoder threads. Default: ${DEFAULT-VALUE}.")
        int threads;

        @Option(names = "--seed", defaultValue = "13", description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<DirectedExample> train = DirectedSentimentData.read(data.resolve("train.txt"));
            List<DirectedExample> valid = DirectedSentimentData.read(data.resolve("valid.txt"));
            DirectedTrainer.Outcome outcome = DirectedTrainer.train(train, valid, DirectedTrainer.defaultVariants(seed),
                    name -> variants == null || variants.stream().anyMatch(name::contains), SentenceEncoder.shared(),
                    cache, threads);
            outcome.model().save(out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "pairs: %d train, %d valid; encoding %.1f s, total %.1f s%n", outcome.trainPairs(),
                    outcome.validPairs(), outcome.encodeSeconds(), outcome.totalSeconds());
            w.printf(Locale.ROOT, "%-36s %8s %8s %6s %7s%n", "variant", "macroF1", "acc", "epoch", "sec");
            for (DirectedTrainer.VariantScore s : outcome.scores()) {
                w.printf(Locale.ROOT, "%-36s %8.2f %8.2f %6d %7.1f%n", s.variant().name(), s.macroF1(), s.accuracy(),
                        s.bestEpoch(), s.seconds());
            }
            w.printf(Locale.ROOT, "chosen: %s (valid macro_f1=%.2f accuracy=%.2f)%n", outcome.chosen().variant().name(),
                    outcome.chosen().macroF1(), outcome.chosen().accuracy());
            w.printf("wrote %s%n", out);
            w.flush();
            return 0;
        }
    }

    /** {@code eval directed FILE}. */
    @Command(name = "directed", mixinStandardHelpOptions = true,
            description = "Score the directed stance model on a file in the format of Park, Pan & Joo (sentence, p, q, label):"
                    + " per-class P/R/F1, confusion matrix, accuracy, five-class macro-F1 (last line). Given a folder of"
                    + " gold-labelled news articles (NNN.txt + NNN.json) instead, runs the news check of NewsPairCheck."
                    + " With --rules, checks the stance chain's entity stances against the file's labels instead"
                    + " (DirectedRuleCheck); ends with rule_agreement= and rule_recall_non_neutral=.")
    public static final class Eval implements Callable<Integer> {

        @Parameters(index = "0", description = "TSV file (e.g. valid.txt), or a folder of NNN.txt + NNN.json articles.")
        Path file;

        @Option(names = "--model", description = "Model file (default: the shipped one).")
        Path model;

        @Option(names = "--threads", defaultValue = "1", description = "Prediction threads. Default: ${DEFAULT-VALUE}.")
        int threads;

        @Option(names = "--rules", description = "Check the stance chain (--stages) instead of the learned model.")
        boolean rules;

        @Option(names = "--stages", split = ",", defaultValue = PipelineStages.DEFAULT_CHAIN,
                description = "With --rules: the enrichment chain. Default: ${DEFAULT-VALUE}.")
        List<String> stages;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (rules) {
                DirectedRuleCheck.print(DirectedRuleCheck.run(PipelineStages.named(stages),
                        DirectedSentimentData.read(file)), spec.commandLine().getOut());
                return 0;
            }
            DirectedStanceModel m = model == null ? DirectedStanceModel.shared() : DirectedStanceModel.load(model);
            SentenceEncoder.named(m.encoderName());
            if (Files.isDirectory(file)) {
                NewsPairCheck.print(NewsPairCheck.run(m, file), spec.commandLine().getOut());
                return 0;
            }
            List<DirectedExample> examples = DirectedSentimentData.read(file);
            DirectedEvaluator.print(DirectedEvaluator.evaluate(m, examples, threads), spec.commandLine().getOut());
            return 0;
        }
    }
}
