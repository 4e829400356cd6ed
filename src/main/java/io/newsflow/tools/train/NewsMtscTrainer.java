package io.newsflow.tools.train;

import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.enrich.sentiment.Sentiment;
import io.newsflow.enrich.sentiment.TargetExample;
import io.newsflow.enrich.sentiment.TargetFeatures;
import io.newsflow.enrich.sentiment.TargetSentimentModel;
import io.newsflow.tools.eval.ConfusionMatrix;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link TargetSentimentModel} on NewsMTSC: encodes every training sentence once (optionally cached on
 * disk), holds out a deterministic part of the training sentences (by a hash of the sentence, so all targets of a
 * sentence fall on the same side), trains each candidate (features x classifier) on the rest with early stopping on
 * the held-out part, picks the best held-out macro-F1 and retrains it on all training data for the epochs found.
 * Stateless apart from the cache files it writes.
 */
public final class NewsMtscTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(NewsMtscTrainer.class);
    private static final int CACHE_MAGIC = 0x4E4D5453;

    /** One candidate: a feature set and classifier hyper-parameters. */
    public record Variant(String name, TargetFeatures features, SoftmaxTrainer.Config config) {
    }

    /** Held-out scores of one candidate (percent) and the epoch early stopping kept. */
    public record VariantScore(Variant variant, double macroF1, double accuracy, int bestEpoch, double seconds) {
    }

    /** The final model and the table of candidates. */
    public record Outcome(TargetSentimentModel model, List<VariantScore> scores, VariantScore chosen,
                          int trainTargets, int heldOutTargets, double encodeSeconds, double totalSeconds) {
    }

    private NewsMtscTrainer() {
    }

    /** The candidates compared by {@code newsflow train newsmtsc}. */
    public static List<Variant> defaultVariants(long seed) {
        SoftmaxTrainer.Config lr = new SoftmaxTrainer.Config(0, 3e-2, 1e-4, 60, 64, 6, 0, seed);
        SoftmaxTrainer.Config mlp = new SoftmaxTrainer.Config(64, 1e-2, 2e-4, 40, 64, 5, 0.5, seed);
        List<String> all = List.of("sent", "cls", "tgt", "left", "right", "left4", "right4", "tgt*sent");
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("lr sent", new TargetFeatures(List.of("sent")), lr));
        v.add(new Variant("lr tgt", new TargetFeatures(List.of("tgt")), lr));
        v.add(new Variant("lr sent+tgt", new TargetFeatures(List.of("sent", "tgt")), lr));
        v.add(new Variant("lr sent+tgt+left+right", new TargetFeatures(List.of("sent", "tgt", "left", "right")), lr));
        v.add(new Variant("lr sent+tgt+left4+right4", new TargetFeatures(List.of("sent", "tgt", "left4", "right4")), lr));
        v.add(new Variant("lr all", new TargetFeatures(all), lr));
        v.add(new Variant("lr sent+tgt+near3", new TargetFeatures(List.of("sent", "tgt", "near3")), lr));
        List<String> windows = List.of("sent", "tgt", "left4", "right4", "near3", "near8", "max");
        v.add(new Variant("lr sent+tgt+left4+right4+near3+near8+max", new TargetFeatures(windows), lr));
        v.add(new Variant("mlp64 sent+tgt+left4+right4", new TargetFeatures(List.of("sent", "tgt", "left4", "right4")), mlp));
        v.add(new Variant("mlp64 sent+tgt+left4+right4+near3+near8+max", new TargetFeatures(windows), mlp));
        return v;
    }

    /** Whether a sentence belongs to the held-out part ({@code percent} of sentences, by FNV-1a hash). */
    static boolean heldOut(String sentence, int percent) {
        int h = 0x811C9DC5;
        for (byte b : sentence.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return Integer.remainderUnsigned(h, 100) < percent;
    }

    /** Runs the comparison and the final retraining. */
    public static Outcome train(List<TargetExample> examples, List<Variant> variants, int heldOutPercent,
                                SentenceEncoder encoder, Path cacheFile, int threads) throws IOException {
        long started = System.nanoTime();
        TargetFeatures.Pooled[] pooled = pooledCached(examples, encoder, cacheFile, threads);
        double encodeSeconds = (System.nanoTime() - started) / 1e9;
        List<Integer> fit = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            (heldOut(examples.get(i).sentence(), heldOutPercent) ? held : fit).add(i);
        }
        if (fit.isEmpty() || held.isEmpty()) {
            throw new IllegalArgumentException("need targets on both sides of the held-out split, got " + fit.size()
                    + " for fitting and " + held.size() + " held out");
        }
        LOG.info("{} targets: {} for fitting, {} held out", examples.size(), fit.size(), held.size());
        int classes = Sentiment.values().length;
        int[] yFit = labels(examples, fit);
        int[] yHeld = labels(examples, held);
        List<VariantScore> scores = new ArrayList<>();
        VariantScore best = null;
        for (Variant variant : variants) {
            long t0 = System.nanoTime();
            float[][] xFit = vectors(variant.features(), pooled, fit);
            float[][] xHeld = vectors(variant.features(), pooled, held);
            SoftmaxTrainer.Result r = SoftmaxTrainer.train(variant.config(), xFit, yFit, classes, xHeld, yHeld);
            ConfusionMatrix m = new ConfusionMatrix(classes);
            for (int k = 0; k < xHeld.length; k++) {
                m.add(yHeld[k], SoftmaxTrainer.argmax(r.net().probabilities(xHeld[k])));
            }
            VariantScore score = new VariantScore(variant, m.macroF1(), m.accuracy(), r.bestEpoch(),
                    (System.nanoTime() - t0) / 1e9);
            LOG.info("{}: held-out macro-F1 {} accuracy {} (epoch {}, {} s)", variant.name(),
                    String.format(Locale.ROOT, "%.2f", score.macroF1()), String.format(Locale.ROOT, "%.2f", score.accuracy()),
                    score.bestEpoch(), String.format(Locale.ROOT, "%.1f", score.seconds()));
            scores.add(score);
            if (best == null || score.macroF1() > best.macroF1()) {
                best = score;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no variants");
        }
        List<Integer> all = new ArrayList<>(fit);
        all.addAll(held);
        Variant chosen = best.variant();
        SoftmaxTrainer.Config c = chosen.config();
        SoftmaxTrainer.Config fixed = new SoftmaxTrainer.Config(c.hidden(), c.l2(), c.learningRate(), best.bestEpoch(),
                c.batchSize(), c.patience(), c.dropout(), c.seed());
        SoftmaxTrainer.Result finalNet = SoftmaxTrainer.train(fixed, vectors(chosen.features(), pooled, all),
                labels(examples, all), classes, null, null);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("data", "NewsMTSC official train.jsonl (MIT, (c) 2020 Felix Hamborg); see sentiment/ATTRIBUTION.md");
        meta.put("variant", chosen.name());
        meta.put("config", chosen.config().toString());
        meta.put("heldOut", heldOutPercent + "% of train sentences (FNV-1a hash), " + held.size() + " targets");
        meta.put("heldOutMacroF1", String.format(Locale.ROOT, "%.2f", best.macroF1()));
        meta.put("heldOutAccuracy", String.format(Locale.ROOT, "%.2f", best.accuracy()));
        meta.put("finalTraining", "all " + all.size() + " train targets, " + best.bestEpoch() + " epochs");
        TargetSentimentModel model = new TargetSentimentModel(encoder.name(), chosen.features(), finalNet.net(), meta);
        return new Outcome(model, scores, best, fit.size(), held.size(), encodeSeconds,
                (System.nanoTime() - started) / 1e9);
    }

    static int[] labels(List<TargetExample> examples, List<Integer> idx) {
        int[] y = new int[idx.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = examples.get(idx.get(k)).gold().ordinal();
        }
        return y;
    }

    static float[][] vectors(TargetFeatures features, TargetFeatures.Pooled[] pooled, List<Integer> idx) {
        float[][] x = new float[idx.size()][];
        for (int k = 0; k < x.length; k++) {
            x[k] = features.vector(pooled[idx.get(k)]);
        }
        return x;
    }

    /** Pooled vectors of every example, read from {@code cacheFile} when it matches, else computed and written. */
    static TargetFeatures.Pooled[] pooledCached(List<TargetExample> examples, SentenceEncoder encoder, Path cacheFile,
                                                int threads) throws IOException {
        long key = cacheKey(examples) * 31 + encoder.name().hashCode();
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            TargetFeatures.Pooled[] cached = readCache(cacheFile, key, examples.size());
            if (cached != null) {
                LOG.info("Read encoder outputs for {} targets from {}", examples.size(), cacheFile);
                return cached;
            }
        }
        TargetFeatures.Pooled[] pooled = TargetFeatures.poolAll(examples, encoder, threads);
        if (cacheFile != null) {
            writeCache(cacheFile, key, pooled);
        }
        return pooled;
    }

    private static long cacheKey(List<TargetExample> examples) {
        long h = 1125899906842597L;
        for (TargetExample e : examples) {
            h = 31 * h + e.sentence().hashCode();
            h = 31 * h + e.from();
            h = 31 * h + e.to();
        }
        return h;
    }

    private static TargetFeatures.Pooled[] readCache(Path file, long key, int size) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != CACHE_MAGIC || in.readLong() != key || in.readInt() != size
                    || in.readInt() != TargetFeatures.POOLED || in.readInt() != SentenceEncoder.DIM) {
                return null;
            }
            TargetFeatures.Pooled[] out = new TargetFeatures.Pooled[size];
            for (int i = 0; i < size; i++) {
                float[][] v = new float[TargetFeatures.POOLED][SentenceEncoder.DIM];
                for (float[] row : v) {
                    for (int d = 0; d < row.length; d++) {
                        row[d] = in.readFloat();
                    }
                }
                out[i] = new TargetFeatures.Pooled(v);
            }
            return out;
        }
    }

    private static void writeCache(Path file, long key, TargetFeatures.Pooled[] pooled) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.writeInt(CACHE_MAGIC);
            out.writeLong(key);
            out.writeInt(pooled.length);
            out.writeInt(TargetFeatures.POOLED);
            out.writeInt(SentenceEncoder.DIM);
            for (TargetFeatures.Pooled p : pooled) {
                for (float[] row : p.vectors()) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
        }
        LOG.info("Cached encoder outputs in {}", file);
    }
}
