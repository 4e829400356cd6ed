package io.newsflow.dedup;

/**
 * 64-bit SimHash of a shingle set (Charikar): each bit is the majority vote of that bit over the shingle hashes.
 * Similar sets give fingerprints at a small Hamming distance. Kept for comparison with MinHash (see the README's
 * near-duplicate figures); the pipeline uses MinHash. Stateless and thread-safe.
 */
public final class SimHasher {

    private SimHasher() {
    }

    /** The fingerprint of a shingle set; 0 for an empty set. */
    public static long fingerprint(long[] shingles) {
        int[] votes = new int[64];
        for (long x : shingles) {
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += ((x >>> bit) & 1L) == 1L ? 1 : -1;
            }
        }
        long out = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                out |= 1L << bit;
            }
        }
        return out;
    }

    /** Similarity {@code 1 - hamming/64}: 1 for equal fingerprints, about 0.5 for unrelated ones. */
    public static double similarity(long a, long b) {
        return 1.0 - Long.bitCount(a ^ b) / 64.0;
    }
}
