package io.newsflow.tools.directed;

import io.newsflow.enrich.pairs.DirectedLabel;
import io.newsflow.enrich.pairs.DirectedStanceModel;
import io.newsflow.enrich.pairs.PairFeatures;
import io.newsflow.tools.eval.ConfusionMatrix;
import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.enrich.sentiment.SoftmaxNet;
import io.newsflow.tools.train.SoftmaxTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link DirectedStanceModel} on the directed-sentiment data of Park, Pan &amp; Joo, "Who Blames or Endorses
 * Whom? Entity-to-Entity Directed Sentiment Extraction in News Text" (Findings of ACL-IJCNLP 2021): encodes the
 * sentences of {@code train.txt} and {@code valid.txt} once (cached), trains every candidate (features x classifier)
 * on train with early stopping on valid, and keeps the candidate with the best valid macro-F1 as it is (no
 * retraining). The test split is never read here. Stateless apart from the cache files it writes.
 */
public final class DirectedTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(DirectedTrainer.class);
    private static final int CLASSES = DirectedLabel.values().length;

    /** One candidate: a feature set and classifier hyper-parameters. */
    public record Variant(String name, PairFeatures features, SoftmaxTrainer.Config config) {
    }

    /** Valid scores of one candidate (percent), the epoch early stopping kept and the training seconds. */
    public record VariantScore(Variant variant, double macroF1, double accuracy, int bestEpoch, double seconds) {
    }

    /** The chosen model and the table of candidates. */
    public record Outcome(DirectedStanceModel model, List<VariantScore> scores, VariantScore chosen, int trainPairs,
                          int validPairs, double encodeSeconds, double totalSeconds) {
    }

    private DirectedTrainer() {
    }

    /** The candidates compared by {@code newsflow train directed}. */
    public static List<Variant> defaultVariants(long seed) {
        SoftmaxTrainer.Config lr = new SoftmaxTrainer.Config(0, 3e-2, 1e-4, 60, 64, 6, 0, seed);
        SoftmaxTrainer.Config mlp = new SoftmaxTrainer.Config(64, 1e-2, 2e-4, 40, 64, 5, 0.5, seed);
        List<String> core = List.of("sent", "p", "q", "between", "betweenMax", "geom");
        List<String> windows = List.of("sent", "p", "q", "between", "betweenMax", "left", "right", "pL4", "pR4",
                "qL4", "qR4", "geom");
        List<String> all = List.of("sent", "cls", "p", "q", "between", "betweenMax", "left", "right", "pL4", "pR4",
                "qL4", "qR4", "max", "p*q", "p-q", "geom");
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("lr sent", new PairFeatures(List.of("sent")), lr));
        v.add(new Variant("lr p+q", new PairFeatures(List.of("p", "q")), lr));
        v.add(new Variant("lr sent+p+q", new PairFeatures(List.of("sent", "p", "q")), lr));
        v.add(new Variant("lr sent+p+q+between+geom", new PairFeatures(List.of("sent", "p", "q", "between", "geom")), lr));
        v.add(new Variant("lr core", new PairFeatures(core), lr));
        v.add(new Variant("lr windows", new PairFeatures(windows), lr));
        v.add(new Variant("lr all", new PairFeatures(all), lr));
        SoftmaxTrainer.Config lrFast = new SoftmaxTrainer.Config(0, 1e-1, 3e-4, 60, 64, 6, 0, seed);
        SoftmaxTrainer.Config lrStrong = new SoftmaxTrainer.Config(0, 1.0, 1e-4, 60, 64, 6, 0, seed);
        SoftmaxTrainer.Config mlp128 = new SoftmaxTrainer.Config(128, 1e-2, 2e-4, 40, 64, 5, 0.5, seed);
        v.add(new Variant("lr-l2=0.1,lr=3e-4 all", new PairFeatures(all), lrFast));
        v.add(new Variant("lr-l2=1 all", new PairFeatures(all), lrStrong));
        v.add(new Variant("mlp64 all", new PairFeatures(all), mlp));
        v.add(new Variant("mlp128 all", new PairFeatures(all), mlp128));
        // also tried, after the shipped model was chosen, under a rule fixed beforehand (replace only if at least 1 point
        // better on valid): mlp128 over "windows" 60.48 and mlp256 (L2 0.01, lr 2e-4, dropout 0.5) over "all" 60.25,
        // against 60.17; neither passed, so they are not candidates here (docs/directed-stance.md)
        return v;
    }

    /** Runs the comparison over the variants whose name {@code select} accepts. */
    public static Outcome train(List<DirectedExample> train, List<DirectedExample> valid, List<Variant> variants,
                                Predicate<String> select, SentenceEncoder encoder, Path cacheDir, int threads)
            throws IOException {
        long started = System.nanoTime();
        PairEncoding.Result tr = PairEncoding.pooledCached(train, encoder,
                cacheDir == null ? null : cacheDir.resolve("train.bin"), threads);
        PairEncoding.Result va = PairEncoding.pooledCached(valid, encoder,
                cacheDir == null ? null : cacheDir.resolve("valid.bin"), threads);
        double encodeSeconds = (System.nanoTime() - started) / 1e9;
        int[] yTrain = labels(train);
        int[] yValid = labels(valid);
        List<VariantScore> scores = new ArrayList<>();
        VariantScore best = null;
        SoftmaxNet bestNet = null;
        for (Variant variant : variants) {
            if (!select.test(variant.name())) {
                continue;
            }
            long t0 = System.nanoTime();
            float[][] xTrain = vectors(variant.features(), tr.pooled());
            float[][] xValid = vectors(variant.features(), va.pooled());
            SoftmaxTrainer.Result r = SoftmaxTrainer.train(variant.config(), xTrain, yTrain, CLASSES, xValid, yValid);
            DirectedStanceModel model = new DirectedStanceModel(encoder.name(), variant.features(), r.net(), Map.of());
            ConfusionMatrix m = new ConfusionMatrix(CLASSES);
            for (int k = 0; k < xValid.length; k++) {
                m.add(yValid[k], model.classify(va.pooled()[k]).label().ordinal());
            }
            VariantScore score = new VariantScore(variant, m.macroF1(), m.accuracy(), r.bestEpoch(),
                    (System.nanoTime() - t0) / 1e9);
            LOG.info("{}: valid macro-F1 {} accuracy {} (epoch {}, {} s)", variant.name(),
                    String.format(Locale.ROOT, "%.2f", score.macroF1()), String.format(Locale.ROOT, "%.2f", score.accuracy()),
                    score.bestEpoch(), String.format(Locale.ROOT, "%.1f", score.seconds()));
            scores.add(score);
            if (best == null || score.macroF1() > best.macroF1()) {
                best = score;
                bestNet = r.net();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no variant selected");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("data", "Park, Pan & Joo, Who Blames or Endorses Whom? Entity-to-Entity Directed Sentiment Extraction"
                + " in News Text, Findings of ACL-IJCNLP 2021 (github.com/bywords/directed_sentiment_analysis); see"
                + " pairs/ATTRIBUTION.md");
        meta.put("variant", best.variant().name());
        meta.put("config", best.variant().config().toString());
        meta.put("training", "train.txt, " + train.size() + " pairs, " + best.bestEpoch()
                + " epochs (early stopping on valid.txt)");
        meta.put("validMacroF1", String.format(Locale.ROOT, "%.2f", best.macroF1()));
        meta.put("validAccuracy", String.format(Locale.ROOT, "%.2f", best.accuracy()));
        meta.put("selection", "best valid macro-F1 of " + scores.size() + " candidates; test.txt not used");
        DirectedStanceModel model = new DirectedStanceModel(encoder.name(), best.variant().features(),
                bestNet, meta);
        return new Outcome(model, scores, best, train.size(), valid.size(), encodeSeconds,
                (System.nanoTime() - started) / 1e9);
    }

    static int[] labels(List<DirectedExample> examples) {
        int[] y = new int[examples.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = examples.get(k).label().ordinal();
        }
        return y;
    }

    static float[][] vectors(PairFeatures features, PairFeatures.Pooled[] pooled) {
        float[][] x = new float[pooled.length][];
        for (int k = 0; k < x.length; k++) {
            x[k] = features.vector(pooled[k]);
        }
        return x;
    }
}
