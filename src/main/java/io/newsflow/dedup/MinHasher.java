package io.newsflow.dedup;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * MinHash signatures of shingle sets by one-permutation hashing with rotation densification (Shrivastava and Li,
 * 2014): each shingle is hashed once with a fixed seed, the hash's top bits choose one of {@code size} bins and the
 * smallest remaining value per bin is kept; an empty bin borrows from the next non-empty bin to its right, offset by
 * the distance. The fraction of equal positions of two signatures estimates the Jaccard similarity of the shingle
 * sets, as with {@code size} independent permutations, at one hash per shingle instead of {@code size}. The seed is
 * fixed, so signatures stay comparable across restarts and instances. Immutable and thread-safe.
 */
public final class MinHasher {

    /** Default number of slots (bins). */
    public static final int DEFAULT_SIZE = 128;
    private static final long SEED = 0x6e657773666c6f77L;
    private static final long OFFSET = 0x9e3779b97f4a7c15L;

    private final int size;

    public MinHasher(int size) {
        if (size < 1 || Integer.bitCount(size) != 1 || size > 1 << 16) {
            throw new IllegalArgumentException("signature size must be a power of two up to 65536: " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The signature of a shingle set (hashes from {@link Shingles#hashes}); all slots are -1 for an empty set. */
    public int[] signature(long[] shingles) {
        int shift = 64 - Integer.numberOfTrailingZeros(size);
        long[] min = new long[size];
        Arrays.fill(min, Long.MAX_VALUE);
        for (long x : shingles) {
            long h = Shingles.mix(x ^ SEED);
            int bin = size == 1 ? 0 : (int) (h >>> shift);
            long value = h & ((1L << shift) - 1) | (size == 1 ? h : 0);
            if (value < min[bin]) {
                min[bin] = value;
            }
        }
        int[] out = new int[size];
        if (shingles.length == 0) {
            Arrays.fill(out, -1);
            return out;
        }
        for (int b = 0; b < size; b++) {
            int from = b;
            int distance = 0;
            while (min[from] == Long.MAX_VALUE) {
                from = (from + 1) % size;
                distance++;
            }
            long v = distance == 0 ? min[from] : Shingles.mix(min[from] + distance * OFFSET);
            out[b] = (int) (v ^ (v >>> 32));
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
