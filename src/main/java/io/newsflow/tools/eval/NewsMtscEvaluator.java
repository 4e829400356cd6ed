package io.newsflow.tools.eval;

import io.newsflow.enrich.sentiment.Sentiment;
import io.newsflow.enrich.sentiment.TargetExample;
import io.newsflow.tools.train.NewsMtscReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Target-dependent sentiment evaluation on a NewsMTSC JSONL file: accuracy and per-class and macro-averaged
 * precision, recall and F1 over all targets (the NewsMTSC paper's measures). Stateless.
 */
public final class NewsMtscEvaluator {

    /** Result of one evaluation; percentages. */
    public record Result(int sentences, ConfusionMatrix matrix, double seconds) {

        public double macroF1() {
            return matrix.macroF1();
        }

        public double accuracy() {
            return matrix.accuracy();
        }

        /** Human-readable report ending with {@code macro_f1=NN.NN} and {@code accuracy=NN.NN}. */
        public String report() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "targets: %d in %d sentences%n", matrix.total(), sentences));
            s.append(String.format(Locale.ROOT, "%-9s %9s %9s %9s %7s %7s%n", "class", "precision", "recall", "F1",
                    "gold", "pred"));
            for (Sentiment c : Sentiment.values()) {
                int k = c.ordinal();
                s.append(String.format(Locale.ROOT, "%-9s %8.2f%% %8.2f%% %8.2f%% %7d %7d%n", c.name(),
                        matrix.precision(k), matrix.recall(k), matrix.f1(k), matrix.gold(k), matrix.predicted(k)));
            }
            s.append("confusion (rows gold, columns predicted: NEG NEU POS)").append(System.lineSeparator());
            for (Sentiment c : Sentiment.values()) {
                s.append(String.format(Locale.ROOT, "%-9s %5d %5d %5d%n", c.name(), matrix.count(c.ordinal(), 0),
                        matrix.count(c.ordinal(), 1), matrix.count(c.ordinal(), 2)));
            }
            s.append(String.format(Locale.ROOT, "%.1f s (%.1f sentences/s)%n", seconds,
                    sentences / Math.max(1e-9, seconds)));
            s.append(String.format(Locale.ROOT, "macro_f1=%.2f%n", matrix.macroF1()));
            s.append(String.format(Locale.ROOT, "accuracy=%.2f%n", matrix.accuracy()));
            return s.toString();
        }
    }

    private NewsMtscEvaluator() {
    }

    /** Reads {@code file} and scores one prediction per target. */
    public static Result evaluate(Path file, Function<List<TargetExample>, List<Sentiment>> classifier)
            throws IOException {
        return evaluate(NewsMtscReader.read(file), classifier);
    }

    /**
     * Scores {@code classifier}, which gets all targets at once (so it may batch or parallelise) and returns one label
     * per target in the same order.
     */
    public static Result evaluate(List<TargetExample> targets, Function<List<TargetExample>, List<Sentiment>> classifier) {
        long started = System.nanoTime();
        List<Sentiment> predicted = classifier.apply(targets);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (predicted.size() != targets.size()) {
            throw new IllegalStateException("expected " + targets.size() + " predictions, got " + predicted.size());
        }
        ConfusionMatrix m = new ConfusionMatrix(Sentiment.values().length);
        for (int i = 0; i < targets.size(); i++) {
            m.add(targets.get(i).gold().ordinal(), predicted.get(i).ordinal());
        }
        long sentences = targets.stream().map(TargetExample::sentence).distinct().count();
        return new Result((int) sentences, m, seconds);
    }
}
