package io.newsflow.cli;

import io.newsflow.enrich.entity.CrfEntityRecognizer;
import io.newsflow.enrich.sentiment.SentimentPrediction;
import io.newsflow.enrich.sentiment.TargetSentimentModel;
import io.newsflow.eval.ConllEvaluator;
import io.newsflow.eval.NewsMtscEvaluator;
import io.newsflow.tools.directed.DirectedCommands;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Accuracy evaluation commands. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure accuracy on labelled data.",
        subcommands = {EvalCommand.Conll.class, EvalCommand.NewsMtsc.class, DirectedCommands.Eval.class})
final class EvalCommand {

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
