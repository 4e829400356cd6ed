package io.newsflow.dedup;

/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into {@code bands} bands of
 * {@code rows} slots, and each band is hashed into a bucket key. Two signatures share at least one bucket with
 * probability {@code 1 - (1 - s^rows)^bands} for Jaccard similarity {@code s}. Immutable and thread-safe.
 */
public record LshBands(int bands, int rows) {

    /** 32 bands of 4 rows: a pair at similarity 0.5 becomes a candidate with probability 0.87, at 0.6 with 0.99. */
    public static final LshBands DEFAULT = new LshBands(32, 4);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public LshBands {
        if (bands < 1 || bands > 100 || rows < 1) {
            throw new IllegalArgumentException("bands must be in 1..100 and rows positive");
        }
    }

    /** Slots a signature needs. */
    public int signatureSize() {
        return bands * rows;
    }

    /** Probability that a pair with Jaccard similarity {@code s} shares a bucket. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /** One bucket key per band, {@code "bb:hhhhhhhhhhhhhhhh"} (band number, 64-bit hash of its slots, hex). */
    public String[] keys(int[] signature) {
        if (signature.length != signatureSize()) {
            throw new IllegalArgumentException("signature has " + signature.length + " slots, bands need "
                    + signatureSize());
        }
        String[] keys = new String[bands];
        for (int b = 0; b < bands; b++) {
            long h = b;
            for (int r = 0; r < rows; r++) {
                h = Shingles.mix(h * 31 + signature[b * rows + r]);
            }
            char[] key = new char[19];
            key[0] = (char) ('0' + b / 10 % 10);
            key[1] = (char) ('0' + b % 10);
            key[2] = ':';
            for (int i = 0; i < 16; i++) {
                key[18 - i] = HEX[(int) (h >>> (4 * i)) & 0xf];
            }
            keys[b] = new String(key);
        }
        return keys;
    }
}
