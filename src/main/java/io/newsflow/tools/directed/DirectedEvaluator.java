package io.newsflow.tools.directed;

import io.newsflow.enrich.pairs.DirectedLabel;
import io.newsflow.enrich.pairs.DirectedPrediction;
import io.newsflow.enrich.pairs.DirectedStanceModel;
import io.newsflow.tools.eval.ConfusionMatrix;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores a {@link DirectedStanceModel} on labelled pairs (the TSV format of Park, Pan &amp; Joo, Findings of ACL-IJCNLP
 * 2021) through the runtime path ({@link DirectedStanceModel#predict(String, List)}, one encoder run per distinct
 * sentence): per-class precision / recall / F1, the confusion matrix, accuracy and the five-class macro-F1. Stateless.
 */
public final class DirectedEvaluator {

    /** The confusion matrix, the distinct sentences and the wall seconds of prediction. */
    public record Report(ConfusionMatrix matrix, int sentences, double seconds, int threads) {
    }

    private DirectedEvaluator() {
    }

    /** Predicts every example on {@code threads} threads and counts the decisions. */
    public static Report evaluate(DirectedStanceModel model, List<DirectedExample> examples, int threads) {
        Map<String, List<Integer>> bySentence = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            bySentence.computeIfAbsent(examples.get(i).sentence(), s -> new ArrayList<>()).add(i);
        }
        DirectedLabel[] predicted = new DirectedLabel[examples.size()];
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : bySentence.entrySet()) {
                futures.add(pool.submit(() -> {
                    List<DirectedStanceModel.Pair> pairs = new ArrayList<>();
                    for (int i : e.getValue()) {
                        pairs.add(examples.get(i).pair());
                    }
                    List<DirectedPrediction> out = model.predict(e.getKey(), pairs);
                    for (int k = 0; k < pairs.size(); k++) {
                        predicted[e.getValue().get(k)] = out.get(k).label();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ConfusionMatrix m = new ConfusionMatrix(DirectedLabel.values().length);
        for (int i = 0; i < examples.size(); i++) {
            m.add(examples.get(i).label().ordinal(), predicted[i].ordinal());
        }
        return new Report(m, bySentence.size(), seconds, threads);
    }

    /** Prints the report; the last two lines are {@code accuracy=0.xxx} and {@code macro_f1=0.xxx}. */
    public static void print(Report r, PrintWriter w) {
        ConfusionMatrix m = r.matrix();
        w.printf(Locale.ROOT, "pairs: %d, sentences: %d, %.1f s on %d threads (%.1f sentences/s)%n", m.total(),
                r.sentences(), r.seconds(), r.threads(), r.sentences() / Math.max(1e-9, r.seconds()));
        w.printf(Locale.ROOT, "%-14s %6s %6s %7s %7s %7s%n", "class", "gold", "pred", "P", "R", "F1");
        for (DirectedLabel l : DirectedLabel.values()) {
            int c = l.ordinal();
            w.printf(Locale.ROOT, "%-14s %6d %6d %7.2f %7.2f %7.2f%n", l.name(), m.gold(c), m.predicted(c),
                    m.precision(c), m.recall(c), m.f1(c));
        }
        w.println("confusion (rows gold, columns predicted, in label order 0..4):");
        for (int g = 0; g < m.classes(); g++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", DirectedLabel.ofIndex(g).name()));
            for (int p = 0; p < m.classes(); p++) {
                row.append(String.format(Locale.ROOT, " %6d", m.count(g, p)));
            }
            w.println(row);
        }
        w.printf(Locale.ROOT, "accuracy=%.3f%n", m.accuracy() / 100);
        w.printf(Locale.ROOT, "macro_f1=%.3f%n", m.macroF1() / 100);
        w.flush();
    }
}
