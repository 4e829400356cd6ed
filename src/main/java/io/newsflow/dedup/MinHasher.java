package io.newsflow.dedup;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * MinHash signatures of shingle sets: {@code size} hash functions of the multiply-shift family, fixed by a seed so
 * that signatures stay comparable across restarts and instances. The fraction of equal positions of two signatures
 * estimates the Jaccard similarity of the shingle sets (standard error about {@code 1/(2·sqrt(size))} at 0.5).
 * Immutable and thread-safe.
 */
public final class MinHasher {

    /** Default number of hash functions. */
    public static final int DEFAULT_SIZE = 128;
    private static final long SEED = 0x6e657773666c6f77L;

    private final long[] multipliers;
    private final long[] offsets;

    public MinHasher(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("signature size must be at least 1: " + size);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        multipliers = new long[size];
        offsets = new long[size];
        for (int i = 0; i < size; i++) {
            multipliers[i] = random.nextLong() | 1L;
            offsets[i] = random.nextLong();
        }
    }

    public int size() {
        return multipliers.length;
    }

    /** The signature of a shingle set (hashes from {@link Shingles#hashes}); all slots are -1 for an empty set. */
    public int[] signature(long[] shingles) {
        int n = multipliers.length;
        long[] min = new long[n];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        for (long x : shingles) {
            for (int i = 0; i < n; i++) {
                long h = (multipliers[i] * x + offsets[i]) >>> 32;
                if (h < min[i]) {
                    min[i] = h;
                }
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = min[i] == Long.MAX_VALUE ? -1 : (int) min[i];
        }
        return out;
    }

    /** Estimated Jaccard similarity: the fraction of equal positions. Signatures must have the same size. */
    public static double similarity(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("signatures of different sizes: " + a.length + " and " + b.length);
        }
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return (double) equal / a.length;
    }

    /** Big-endian bytes of a signature (4 per slot), for state stores and records. */
    public static byte[] toBytes(int[] signature) {
        ByteBuffer buffer = ByteBuffer.allocate(signature.length * Integer.BYTES);
        for (int v : signature) {
            buffer.putInt(v);
        }
        return buffer.array();
    }

    /** The inverse of {@link #toBytes}. */
    public static int[] fromBytes(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate();
        if (b.remaining() % Integer.BYTES != 0) {
            throw new IllegalArgumentException("signature bytes not a multiple of 4: " + b.remaining());
        }
        int[] out = new int[b.remaining() / Integer.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }
}
