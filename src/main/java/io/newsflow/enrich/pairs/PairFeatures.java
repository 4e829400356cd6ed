package io.newsflow.enrich.pairs;

import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.enrich.sentiment.WordPieceTokenizer;
import java.util.List;

/**
 * Features of one entity pair {@code (p, q)} in a sentence, pooled from the frozen {@link SentenceEncoder}'s word-piece
 * vectors and concatenated in the order a {@link #parts() part list} names them. Immutable and thread-safe.
 *
 * <p>Parts (each {@value SentenceEncoder#DIM} wide unless said otherwise): {@code sent} (mean of all word pieces),
 * {@code cls}, {@code p} / {@code q} (mean of the word pieces overlapping each mention; contextual, so they carry what
 * the sentence says about the mention), {@code between} / {@code betweenMax} (mean / element-wise max of the word
 * pieces strictly between the two mentions, zero when none), {@code left} (before the first mention), {@code right}
 * (after the second), {@code pL4} / {@code pR4} / {@code qL4} / {@code qR4} (the four word pieces before / after each
 * mention), {@code max} (element-wise max over the sentence), {@code p*q} and {@code p-q} (element-wise product and
 * difference) and {@code geom} ({@value #GEOM} numbers: p first, word pieces between / 20, log(1 + that), nothing
 * between, sentence length / 64, mention lengths / 8, mentions overlap).
 */
public record PairFeatures(List<String> parts) {

    /** Width of the {@code geom} part. */
    public static final int GEOM = 8;

    static final int P_SENT = 0;
    static final int P_CLS = 1;
    static final int P_P = 2;
    static final int P_Q = 3;
    static final int P_BETWEEN = 4;
    static final int P_BETWEEN_MAX = 5;
    static final int P_LEFT = 6;
    static final int P_RIGHT = 7;
    static final int P_PL4 = 8;
    static final int P_PR4 = 9;
    static final int P_QL4 = 10;
    static final int P_QR4 = 11;
    static final int P_MAX = 12;
    /** Number of pooled {@value SentenceEncoder#DIM}-wide vectors. */
    public static final int POOLED = 13;

    /** Pooled vectors of one pair ({@code vectors[POOLED][DIM]}) and its {@code geom} numbers. */
    public record Pooled(float[][] vectors, float[] geom) {
    }

    public PairFeatures {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no feature parts");
        }
        for (String p : parts) {
            width(p);
        }
    }

    /** Length of the feature vector. */
    public int dimension() {
        int d = 0;
        for (String p : parts) {
            d += width(p);
        }
        return d;
    }

    /** Token range {@code [first, last]} of word pieces overlapping characters {@code [from, to)}, or null. */
    static int[] tokenRange(WordPieceTokenizer.Tokens tokens, int from, int to) {
        int first = -1;
        int last = -1;
        for (int i = 1; i < tokens.size() - 1; i++) {
            if (tokens.starts()[i] < to && tokens.ends()[i] > from) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /**
     * Pools the encoder output for mentions {@code p} at characters {@code [pFrom, pTo)} and {@code q} at
     * {@code [qFrom, qTo)}. A mention cut off by truncation falls back to the last word piece before {@code [SEP]}.
     */
    public static Pooled pool(SentenceEncoder.Encoding encoding, int pFrom, int pTo, int qFrom, int qTo) {
        WordPieceTokenizer.Tokens tokens = encoding.tokens();
        float[][] h = encoding.hidden();
        int n = tokens.size();
        int[] fallback = {Math.max(1, n - 2), Math.max(1, n - 2)};
        int[] p = tokenRange(tokens, pFrom, pTo);
        int[] q = tokenRange(tokens, qFrom, qTo);
        if (p == null) {
            p = fallback;
        }
        if (q == null) {
            q = fallback;
        }
        boolean pFirst = p[0] <= q[0];
        int[] a = pFirst ? p : q;
        int[] b = pFirst ? q : p;
        float[][] v = new float[POOLED][];
        v[P_SENT] = mean(h, 0, n);
        v[P_CLS] = h[0].clone();
        v[P_P] = mean(h, p[0], p[1] + 1);
        v[P_Q] = mean(h, q[0], q[1] + 1);
        int gapFrom = a[1] + 1;
        int gapTo = b[0];
        v[P_BETWEEN] = mean(h, gapFrom, gapTo);
        v[P_BETWEEN_MAX] = max(h, gapFrom, gapTo);
        v[P_LEFT] = mean(h, 1, a[0]);
        v[P_RIGHT] = mean(h, Math.max(a[1], b[1]) + 1, n - 1);
        v[P_PL4] = mean(h, Math.max(1, p[0] - 4), p[0]);
        v[P_PR4] = mean(h, p[1] + 1, Math.min(n - 1, p[1] + 5));
        v[P_QL4] = mean(h, Math.max(1, q[0] - 4), q[0]);
        v[P_QR4] = mean(h, q[1] + 1, Math.min(n - 1, q[1] + 5));
        v[P_MAX] = max(h, 0, n);
        int gap = Math.max(0, gapTo - gapFrom);
        float[] geom = {
            pFirst ? 1f : 0f,
            gap / 20f,
            (float) Math.log1p(gap),
            gap == 0 ? 1f : 0f,
            n / 64f,
            (p[1] - p[0] + 1) / 8f,
            (q[1] - q[0] + 1) / 8f,
            a[1] >= b[0] ? 1f : 0f,
        };
        return new Pooled(v, geom);
    }

    /** Concatenates the configured parts. */
    public float[] vector(Pooled pooled) {
        int d = SentenceEncoder.DIM;
        float[] out = new float[dimension()];
        int at = 0;
        for (String part : parts) {
            float[] src;
            switch (part) {
                case "geom" -> src = pooled.geom();
                case "p*q", "p-q" -> {
                    float[] p = pooled.vectors()[P_P];
                    float[] q = pooled.vectors()[P_Q];
                    src = new float[d];
                    boolean product = part.equals("p*q");
                    for (int i = 0; i < d; i++) {
                        src[i] = product ? p[i] * q[i] : p[i] - q[i];
                    }
                }
                default -> src = pooled.vectors()[index(part)];
            }
            System.arraycopy(src, 0, out, at, src.length);
            at += src.length;
        }
        return out;
    }

    private static int width(String part) {
        if (part.equals("geom")) {
            return GEOM;
        }
        if (part.equals("p*q") || part.equals("p-q")) {
            return SentenceEncoder.DIM;
        }
        index(part);
        return SentenceEncoder.DIM;
    }

    private static int index(String part) {
        return switch (part) {
            case "sent" -> P_SENT;
            case "cls" -> P_CLS;
            case "p" -> P_P;
            case "q" -> P_Q;
            case "between" -> P_BETWEEN;
            case "betweenMax" -> P_BETWEEN_MAX;
            case "left" -> P_LEFT;
            case "right" -> P_RIGHT;
            case "pL4" -> P_PL4;
            case "pR4" -> P_PR4;
            case "qL4" -> P_QL4;
            case "qR4" -> P_QR4;
            case "max" -> P_MAX;
            default -> throw new IllegalArgumentException("unknown feature part " + part);
        };
    }

    static float[] mean(float[][] h, int from, int to) {
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

    static float[] max(float[][] h, int from, int to) {
        float[] m = new float[SentenceEncoder.DIM];
        if (to <= from) {
            return m;
        }
        System.arraycopy(h[from], 0, m, 0, m.length);
        for (int i = from + 1; i < to; i++) {
            for (int j = 0; j < m.length; j++) {
                m[j] = Math.max(m[j], h[i][j]);
            }
        }
        return m;
    }
}
