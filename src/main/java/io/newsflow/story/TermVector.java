package io.newsflow.story;

import io.newsflow.dedup.Shingles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content words of an article as a small weighted vector: words of three letters or more that are not stop
 * words, weighted by sublinear term frequency ({@code 1 + ln tf}; a headline word counts {@link #TITLE_WEIGHT}
 * times), the {@link #MAX_TERMS} heaviest kept, hashed to 32 bits and L2-normalised. Compared by cosine similarity
 * (or by the Jaccard similarity of the kept word sets, measured as an alternative). Immutable and thread-safe.
 *
 * @param hashes term hashes, ascending
 * @param weights the weight of each term, same order, L2 norm 1 (all zero when the text has no content word)
 */
public record TermVector(int[] hashes, float[] weights) {

    /** Terms kept per article. */
    public static final int MAX_TERMS = 64;
    /** How many times a headline occurrence counts. */
    public static final int TITLE_WEIGHT = 2;

    public TermVector {
        if (hashes.length != weights.length) {
            throw new IllegalArgumentException("hashes and weights differ in length");
        }
    }

    /** The vector of a title (nullable) and body, without the words in {@code stopWords} (lower case). */
    public static TermVector of(String title, String body, Set<String> stopWords) {
        Map<String, Integer> counts = new HashMap<>();
        if (title != null) {
            count(title, stopWords, TITLE_WEIGHT, counts);
        }
        count(body, stopWords, 1, counts);
        List<Map.Entry<String, Integer>> terms = new ArrayList<>(counts.entrySet());
        terms.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        int n = Math.min(MAX_TERMS, terms.size());
        long[] packed = new long[n];
        double norm = 0;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + Math.log(terms.get(i).getValue());
            norm += w[i] * w[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            int hash = hash(terms.get(i).getKey());
            packed[i] = ((long) hash << 32) | (Float.floatToRawIntBits((float) (w[i] / norm)) & 0xffffffffL);
        }
        Arrays.sort(packed);
        int[] hashes = new int[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = (int) (packed[i] >> 32);
            weights[i] = Float.intBitsToFloat((int) packed[i]);
        }
        return new TermVector(hashes, weights);
    }

    /** Cosine similarity in [0, 1]; 0 when either has no term. Two terms with one hash count as one term. */
    public double cosine(TermVector other) {
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < hashes.length && j < other.hashes.length) {
            if (hashes[i] == other.hashes[j]) {
                dot += (double) weights[i++] * other.weights[j++];
            } else if (hashes[i] < other.hashes[j]) {
                i++;
            } else {
                j++;
            }
        }
        return Math.min(1.0, dot);
    }

    /** Jaccard similarity of the kept term sets, in [0, 1]; 0 when both are empty. */
    public double jaccard(TermVector other) {
        int shared = 0;
        int i = 0;
        int j = 0;
        while (i < hashes.length && j < other.hashes.length) {
            if (hashes[i] == other.hashes[j]) {
                shared++;
                i++;
                j++;
            } else if (hashes[i] < other.hashes[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = hashes.length + other.hashes.length - shared;
        return union == 0 ? 0 : (double) shared / union;
    }

    private static void count(String text, Set<String> stopWords, int weight, Map<String, Integer> counts) {
        for (String word : Shingles.words(text)) {
            if (word.length() < 3 || !Character.isLetter(word.codePointAt(0)) || stopWords.contains(word)) {
                continue;
            }
            counts.merge(word, weight, Integer::sum);
        }
    }

    private static int hash(String term) {
        int h = 0x811c9dc5;
        for (byte b : term.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }
}
