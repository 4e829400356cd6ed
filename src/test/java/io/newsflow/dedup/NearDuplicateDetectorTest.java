package io.newsflow.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NearDuplicateDetectorTest {

    private static final String TEXT = "The regional council voted on Monday to close the old coal power station by "
            + "the end of next year, two years earlier than planned, after a long debate about jobs in the valley "
            + "and the cost of heating for the poorest households. Workers will be offered places in a training "
            + "scheme paid for by the national energy fund, the council said.";

    @Test
    void shinglesIgnoreCasePunctuationAndSpacing() {
        assertThat(Shingles.words("Hello, WORLD -- it's  2026!")).containsExactly("hello", "world", "it", "s", "2026");
        assertThat(Shingles.hashes("A b c d e f", 5)).hasSize(2)
                .isEqualTo(Shingles.hashes("a  B, c; d. E f", 5));
        assertThat(Shingles.hashes("only three words", 5)).hasSize(1);
        assertThat(Shingles.hashes(" ... ", 5)).isEmpty();
        assertThat(Shingles.hashes("a b c d e f", 5)[0]).isNotEqualTo(Shingles.hashes("b c d e f", 5)[0]);
    }

    @Test
    void minHashEstimatesJaccardSimilarity() {
        MinHasher hasher = new MinHasher(256);
        long[] a = new long[1000];
        long[] b = new long[1000];
        for (int i = 0; i < 1000; i++) {
            a[i] = Shingles.mix(i + 1);
            b[i] = Shingles.mix(i + 1 + 500); // overlap 500 of 1500 distinct: Jaccard 1/3
        }
        assertThat(MinHasher.similarity(hasher.signature(a), hasher.signature(a))).isEqualTo(1.0);
        assertThat(MinHasher.similarity(hasher.signature(a), hasher.signature(b))).isBetween(0.25, 0.42);
        int[] sig = hasher.signature(a);
        assertThat(MinHasher.fromBytes(ByteBuffer.wrap(MinHasher.toBytes(sig)))).isEqualTo(sig);
        assertThat(new MinHasher(256).signature(a)).as("fixed seed: comparable across restarts").isEqualTo(sig);
    }

    @Test
    void lshBandsGiveOneKeyPerBandAndTheTextbookCandidateCurve() {
        LshBands bands = LshBands.DEFAULT;
        int[] sig = new MinHasher(bands.signatureSize()).signature(Shingles.hashes(TEXT, 5));
        String[] keys = bands.keys(sig);
        assertThat(keys).hasSize(32).doesNotHaveDuplicates();
        assertThat(keys[0]).startsWith("00:");
        assertThat(keys[31]).startsWith("31:");
        assertThat(bands.candidateProbability(0.5)).isBetween(0.86, 0.88);
        assertThat(bands.candidateProbability(0.2)).isLessThan(0.05);
        assertThatThrownBy(() -> bands.keys(new int[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void simHashIsCloseForSimilarTextsAndEqualForEqualOnes() {
        long a = SimHasher.fingerprint(Shingles.hashes(TEXT, 5));
        long b = SimHasher.fingerprint(Shingles.hashes("(NWA) — " + TEXT, 5));
        assertThat(SimHasher.similarity(a, a)).isEqualTo(1.0);
        assertThat(SimHasher.similarity(a, b)).isGreaterThan(0.8);
    }

    @Test
    void findsTheOriginalNeverItselfAndSkipsShortTexts() {
        NearDuplicateDetector detector = NearDuplicateDetector.withThreshold(0.5);
        InMemoryIndex index = new InMemoryIndex(16);
        int[] original = detector.sign(TEXT);
        assertThat(detector.find("o", original, index)).isEmpty();
        detector.remember("o", original, index);
        assertThat(detector.find("o", original, index)).as("a revision of the same id is no copy").isEmpty();

        int[] copy = detector.sign("(NWA) — " + TEXT + " Reporting by the wire desk.");
        NearDuplicateDetector.Match match = detector.find("c", copy, index).orElseThrow();
        assertThat(match.originalId()).isEqualTo("o");
        assertThat(match.similarity()).isBetween(0.5, 1.0);

        assertThat(detector.sign("Sergey Lavrov spoke in Moscow about round 2 of the talks.")).isNull();
        assertThat(detector.find("short", null, index)).isEmpty();
        assertThatThrownBy(() -> NearDuplicateDetector.withThreshold(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void picksTheMostSimilarOfSeveralCandidates() {
        NearDuplicateDetector detector = NearDuplicateDetector.withThreshold(0.3);
        InMemoryIndex index = new InMemoryIndex(16);
        List<String> sentences = List.of(TEXT.split("(?<=\\.) "));
        String trimmed = sentences.get(0);
        detector.remember("far", detector.sign(trimmed + " An unrelated closing paragraph follows here, about the "
                + "weather in the valley, the rain on Sunday and the football results of the weekend."), index);
        detector.remember("near", detector.sign(TEXT), index);
        NearDuplicateDetector.Match match = detector.find("x", detector.sign(TEXT + " Photo: the station."), index)
                .orElseThrow();
        assertThat(match.originalId()).isEqualTo("near");
        Set<String> seen = new HashSet<>(index.bucket(LshBands.DEFAULT.keys(detector.sign(TEXT))[0]));
        assertThat(seen).contains("near");
    }
}
