package io.newsflow.dedup;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the earlier article an article is a near-copy of: word shingles of the normalised body, a MinHash signature,
 * LSH bands to find candidates in an {@link Index}, and the signature similarity (estimated Jaccard similarity of
 * the shingle sets) to confirm them against the threshold. Immutable and thread-safe; the index is the caller's.
 *
 * <p>Bodies with fewer than {@link #MIN_SHINGLES} shingles (about 30 words) are not compared: in a brief or a feed
 * summary one changed word or number moves a large share of the shingles, and two briefs written from one template
 * ("round 2 of the talks", "round 3 of the talks") are different news, not copies.
 */
public final class NearDuplicateDetector {

    /** Default similarity threshold; see the README's near-duplicate section for the measurement behind it. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Fewest shingles a body needs to be compared. */
    public static final int MIN_SHINGLES = 25;

    /** Where signatures and LSH buckets are remembered: state stores in the topology, maps in tests and bench. */
    public interface Index {

        /** The signature remembered for {@code articleId}, or null. */
        int[] signature(String articleId);

        /** Article ids remembered in the bucket {@code bandKey}, oldest first; empty when none. */
        List<String> bucket(String bandKey);

        /** Remembers an original: its signature and its id in each of its buckets. */
        void remember(String articleId, int[] signature, String[] bandKeys);
    }

    /** The original an article copies and their estimated similarity. */
    public record Match(String originalId, double similarity) {
    }

    private final int shingleSize;
    private final MinHasher hasher;
    private final LshBands bands;
    private final double threshold;

    public NearDuplicateDetector(int shingleSize, LshBands bands, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("near-duplicate threshold must be in (0, 1]: " + threshold);
        }
        this.shingleSize = shingleSize;
        this.bands = bands;
        this.hasher = new MinHasher(bands.signatureSize());
        this.threshold = threshold;
    }

    /** Default shingles (5 words) and bands (32 × 4) with the given threshold. */
    public static NearDuplicateDetector withThreshold(double threshold) {
        return new NearDuplicateDetector(Shingles.DEFAULT_SIZE, LshBands.DEFAULT, threshold);
    }

    public double threshold() {
        return threshold;
    }

    public LshBands bands() {
        return bands;
    }

    /** The MinHash signature of a normalised body, or null when it has too few shingles to compare. */
    public int[] sign(String body) {
        long[] shingles = Shingles.hashes(body, shingleSize);
        return shingles.length < MIN_SHINGLES ? null : hasher.signature(shingles);
    }

    /**
     * The most similar remembered article other than {@code articleId} at or above the threshold, or empty.
     * Remembers nothing.
     */
    public Optional<Match> find(String articleId, int[] signature, Index index) {
        if (signature == null) {
            return Optional.empty();
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (String key : bands.keys(signature)) {
            candidates.addAll(index.bucket(key));
        }
        candidates.remove(articleId);
        Match best = null;
        for (String candidate : candidates) {
            int[] other = index.signature(candidate);
            if (other == null || other.length != signature.length) {
                continue;
            }
            double similarity = MinHasher.similarity(signature, other);
            if (similarity >= threshold && (best == null || similarity > best.similarity())) {
                best = new Match(candidate, similarity);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Remembers {@code articleId} as an original. */
    public void remember(String articleId, int[] signature, Index index) {
        if (signature != null) {
            index.remember(articleId, signature, bands.keys(signature));
        }
    }
}
