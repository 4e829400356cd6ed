package io.newsflow.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word shingles of a text as 64-bit hashes: the text is lower-cased (code point by code point), split into runs of
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
        long[] wordHashes = wordHashes(text);
        if (wordHashes.length == 0) {
            return new long[0];
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

    /** One hash per word, lower-cased code point by code point, without building the words. */
    private static long[] wordHashes(String text) {
        long[] out = new long[Math.max(16, text.length() / 5)];
        int n = 0;
        long h = FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                h = (h ^ Character.toLowerCase(cp)) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = mix(h);
                h = FNV_OFFSET;
                inWord = false;
            }
        }
        if (inWord) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n + 1);
            }
            out[n++] = mix(h);
        }
        return Arrays.copyOf(out, n);
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
