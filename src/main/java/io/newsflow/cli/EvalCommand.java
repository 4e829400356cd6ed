package io.newsflow.cli;

import io.newsflow.enrich.entity.CrfEntityRecognizer;
import io.newsflow.eval.ConllEvaluator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Accuracy evaluation commands. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure accuracy on labelled data.",
        subcommands = {EvalCommand.Conll.class})
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
}
