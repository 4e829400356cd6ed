package io.newsflow.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word shingles of a text as 64-bit hashes: the text is lower-cased ({@link Locale#ROOT}), split into runs of
 * letters and digits (punctuation, markup remnants and spacing are ignored), and every window of {@code size}
 * consecutive words is hashed. A text shorter than the window yields one shingle of all its words; a text without
 * words yields none. Duplicated shingles are kept (the signatures are set-based, so they do not count twice).
 * Stateless and thread-safe.
 */
public final class Shingles {

    /** Default window, in words. */
    public static final int DEFAULT_SIZE = 5;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Shingles() {
    }

    /** The word tokens of {@code text}, lower-cased. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            boolean word = Character.isLetterOrDigit(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(lower.substring(start));
        }
        return words;
    }

    /** Hashes of the {@code size}-word shingles of {@code text}. */
    public static long[] hashes(String text, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("shingle size must be at least 1: " + size);
        }
        List<String> words = words(text);
        if (words.isEmpty()) {
            return new long[0];
        }
        long[] wordHashes = new long[words.size()];
        for (int i = 0; i < wordHashes.length; i++) {
            wordHashes[i] = fnv(words.get(i));
        }
        int count = Math.max(1, wordHashes.length - size + 1);
        long[] out = new long[count];
        for (int s = 0; s < count; s++) {
            long h = FNV_OFFSET;
            for (int w = s; w < Math.min(s + size, wordHashes.length); w++) {
                h = (h ^ wordHashes[w]) * FNV_PRIME;
                h = Long.rotateLeft(h, 29);
            }
            out[s] = mix(h);
        }
        return out;
    }

    private static long fnv(String word) {
        long h = FNV_OFFSET;
        for (int i = 0; i < word.length(); i++) {
            h = (h ^ word.charAt(i)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the output. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
