package io.newsflow.enrich.sentiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target-dependent features from the frozen encoder's token vectors: pooled views of the sentence around one target
 * mention, concatenated in the order a {@link #parts() part list} names them. Immutable and thread-safe.
 *
 * <p>Parts: {@code sent} (mean of all tokens), {@code cls}, {@code tgt} (mean of the mention's word pieces, which
 * are contextual, so they carry what the sentence says about the mention), {@code left} / {@code right} (mean of all
 * word pieces before / after the mention, zero when none), {@code left4} / {@code right4} (the four nearest word
 * pieces on each side), {@code near3} / {@code near8} (the other word pieces weighted by {@code exp(-distance / 3)}
 * or {@code exp(-distance / 8)} from the mention), {@code max} (element-wise maximum over all tokens),
 * {@code tgt*sent} and {@code tgt-sent} (element-wise product and difference).
 */
public record TargetFeatures(List<String> parts) {

    private static final Logger LOG = LoggerFactory.getLogger(TargetFeatures.class);

    /** Pooled vectors of one target, indexed by the {@code P_*} constants. */
    public record Pooled(float[][] vectors) {
    }

    static final int P_SENT = 0;
    static final int P_CLS = 1;
    public static final int P_TGT = 2;
    static final int P_LEFT = 3;
    static final int P_RIGHT = 4;
    static final int P_LEFT4 = 5;
    static final int P_RIGHT4 = 6;
    static final int P_NEAR3 = 7;
    static final int P_NEAR8 = 8;
    static final int P_MAX = 9;
    public static final int POOLED = 10;

    public TargetFeatures {
        parts = List.copyOf(parts);
        for (String p : parts) {
            index(p);
        }
    }

    /** Length of the feature vector. */
    public int dimension() {
        return parts.size() * SentenceEncoder.DIM;
    }

    /** Pools the encoder output for the mention at characters {@code [from, to)}. */
    public static Pooled pool(SentenceEncoder.Encoding encoding, int from, int to) {
        WordPieceTokenizer.Tokens tokens = encoding.tokens();
        float[][] h = encoding.hidden();
        int n = tokens.size();
        int first = -1;
        int last = -1;
        for (int i = 1; i < n - 1; i++) {
            if (tokens.starts()[i] < to && tokens.ends()[i] > from) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        float[][] v = new float[POOLED][];
        v[P_SENT] = mean(h, 0, n);
        v[P_CLS] = h[0].clone();
        if (first < 0) {
            // mention cut off by truncation (or an empty span): fall back to the whole sentence
            v[P_TGT] = v[P_SENT].clone();
            v[P_LEFT] = v[P_SENT].clone();
            v[P_RIGHT] = new float[SentenceEncoder.DIM];
            v[P_LEFT4] = mean(h, Math.max(1, n - 5), n - 1);
            v[P_RIGHT4] = new float[SentenceEncoder.DIM];
            v[P_NEAR3] = near(h, n - 1, n - 1, 3);
            v[P_NEAR8] = near(h, n - 1, n - 1, 8);
        } else {
            v[P_TGT] = mean(h, first, last + 1);
            v[P_LEFT] = mean(h, 1, first);
            v[P_RIGHT] = mean(h, last + 1, n - 1);
            v[P_LEFT4] = mean(h, Math.max(1, first - 4), first);
            v[P_RIGHT4] = mean(h, last + 1, Math.min(n - 1, last + 5));
            v[P_NEAR3] = near(h, first, last, 3);
            v[P_NEAR8] = near(h, first, last, 8);
        }
        float[] max = h[0].clone();
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < max.length; j++) {
                max[j] = Math.max(max[j], h[i][j]);
            }
        }
        v[P_MAX] = max;
        return new Pooled(v);
    }

    /** Concatenates the configured parts. */
    public float[] vector(Pooled pooled) {
        int d = SentenceEncoder.DIM;
        float[] out = new float[dimension()];
        for (int k = 0; k < parts.size(); k++) {
            String part = parts.get(k);
            float[] src;
            if (part.equals("tgt*sent") || part.equals("tgt-sent")) {
                float[] a = pooled.vectors()[P_TGT];
                float[] b = pooled.vectors()[P_SENT];
                src = new float[d];
                boolean product = part.equals("tgt*sent");
                for (int i = 0; i < d; i++) {
                    src[i] = product ? a[i] * b[i] : a[i] - b[i];
                }
            } else {
                src = pooled.vectors()[index(part)];
            }
            System.arraycopy(src, 0, out, k * d, d);
        }
        return out;
    }

    private static int index(String part) {
        return switch (part) {
            case "sent" -> P_SENT;
            case "cls" -> P_CLS;
            case "tgt" -> P_TGT;
            case "left" -> P_LEFT;
            case "right" -> P_RIGHT;
            case "left4" -> P_LEFT4;
            case "right4" -> P_RIGHT4;
            case "near3" -> P_NEAR3;
            case "near8" -> P_NEAR8;
            case "max" -> P_MAX;
            case "tgt*sent", "tgt-sent" -> -1;
            default -> throw new IllegalArgumentException("unknown feature part " + part);
        };
    }

    /** Mean of the word pieces outside {@code [first, last]}, weighted by {@code exp(-distance / tau)}. */
    private static float[] near(float[][] h, int first, int last, double tau) {
        float[] m = new float[SentenceEncoder.DIM];
        double total = 0;
        for (int i = 1; i < h.length - 1; i++) {
            if (i >= first && i <= last) {
                continue;
            }
            int distance = i < first ? first - i : i - last;
            float w = (float) Math.exp(-distance / tau);
            total += w;
            for (int j = 0; j < m.length; j++) {
                m[j] += w * h[i][j];
            }
        }
        if (total > 0) {
            for (int j = 0; j < m.length; j++) {
                m[j] /= (float) total;
            }
        }
        return m;
    }

    private static float[] mean(float[][] h, int from, int to) {
        float[] m = new float[SentenceEncoder.DIM];
        if (to <= from) {
            return m;
        }
        for (int i = from; i < to; i++) {
            for (int j = 0; j < m.length; j++) {
                m[j] += h[i][j];
            }
        }
        float inv = 1f / (to - from);
        for (int j = 0; j < m.length; j++) {
            m[j] *= inv;
        }
        return m;
    }

    /** Encodes each distinct sentence once, on {@code threads} threads, and pools every target. */
    public static Pooled[] poolAll(List<TargetExample> examples, SentenceEncoder encoder, int threads) {
        Map<String, List<Integer>> bySentence = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            bySentence.computeIfAbsent(examples.get(i).sentence(), s -> new ArrayList<>()).add(i);
        }
        Pooled[] out = new Pooled[examples.size()];
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : bySentence.entrySet()) {
                futures.add(pool.submit(() -> {
                    SentenceEncoder.Encoding enc = encoder.encode(e.getKey());
                    for (int i : e.getValue()) {
                        TargetExample ex = examples.get(i);
                        out[i] = pool(enc, ex.from(), ex.to());
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
        LOG.info("Encoded {} sentences ({} targets) in {} s on {} threads", bySentence.size(), examples.size(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), threads);
        return out;
    }
}
