package io.newsflow.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of copy detection on the hand-written set in {@code src/test/resources/near-duplicates}
 * (3 stories, 7 edited copies each, 1 different story on the same topic each). Prints the table the README quotes.
 */
class NearDuplicateEvaluationTest {

    private static final EvalCorpus CORPUS = EvalCorpus.load();
    private static final double[] THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    @Test
    void corpusHasEveryEditAndANegativePerStory() {
        List<String> ids = CORPUS.articles().stream().map(EvalCorpus.Article::id).toList();
        for (String story : List.of("port", "flood", "rates")) {
            for (String edit : List.of("original", "distinct", "new-headline", "trimmed-end", "caption", "reordered",
                    "agency-credit", "no-dateline", "combined")) {
                assertThat(ids).contains(story + "/" + edit);
            }
        }
        assertThat(CORPUS.pairs()).filteredOn(EvalCorpus.Pair::copy).hasSize(21);
    }

    @Test
    void minHashSeparatesCopiesFromOtherStoriesAtTheDefaultThreshold() {
        MinHasher hasher = new MinHasher(MinHasher.DEFAULT_SIZE);
        Map<String, Double> scores = score(p -> MinHasher.similarity(
                hasher.signature(Shingles.hashes(p.a().body(), Shingles.DEFAULT_SIZE)),
                hasher.signature(Shingles.hashes(p.b().body(), Shingles.DEFAULT_SIZE))));
        Map<String, Double> simHash = score(p -> SimHasher.similarity(
                SimHasher.fingerprint(Shingles.hashes(p.a().body(), Shingles.DEFAULT_SIZE)),
                SimHasher.fingerprint(Shingles.hashes(p.b().body(), Shingles.DEFAULT_SIZE))));
        System.out.println(table("MinHash 128 (estimated Jaccard of 5-word shingles)", scores));
        System.out.println(table("SimHash 64 (1 - Hamming/64 over 5-word shingles)", simHash));

        double[] pr = precisionRecall(scores, NearDuplicateDetector.DEFAULT_THRESHOLD);
        assertThat(pr[0]).as("precision at the default threshold").isEqualTo(1.0);
        assertThat(pr[1]).as("recall at the default threshold").isEqualTo(1.0);
        assertThat(maxNegative(scores)).as("margin below the threshold").isLessThan(0.25);
    }

    @Test
    void detectorInStreamOrderMarksEachCopyWithItsOriginalAndNothingElse() {
        NearDuplicateDetector detector = NearDuplicateDetector.withThreshold(NearDuplicateDetector.DEFAULT_THRESHOLD);
        InMemoryIndex index = new InMemoryIndex(16);
        List<EvalCorpus.Article> order = new ArrayList<>(CORPUS.originals());
        CORPUS.articles().stream().filter(a -> !a.kind().equals("original")).forEach(order::add);
        int truePositives = 0;
        int falsePositives = 0;
        int copies = 0;
        for (EvalCorpus.Article a : order) {
            int[] signature = detector.sign(a.body());
            Optional<NearDuplicateDetector.Match> match = detector.find(a.id(), signature, index);
            if (a.isCopy()) {
                copies++;
            }
            if (match.isPresent()) {
                if (a.isCopy() && match.get().originalId().equals(a.of())) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            } else {
                detector.remember(a.id(), signature, index);
            }
        }
        System.out.printf(Locale.ROOT, "stream order, LSH 32x4, threshold %.2f: %d of %d copies found, %d false%n",
                detector.threshold(), truePositives, copies, falsePositives);
        assertThat(copies).isEqualTo(21);
        assertThat(falsePositives).isZero();
        assertThat(truePositives).isEqualTo(copies);
        assertThat(index.size()).as("originals and distinct stories are remembered, copies not").isEqualTo(6);
    }

    private static Map<String, Double> score(ToDoubleFunction<EvalCorpus.Pair> similarity) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (EvalCorpus.Pair p : CORPUS.pairs()) {
            out.put((p.copy() ? "+ " : "- ") + p.a().id() + " ~ " + p.b().id(), similarity.applyAsDouble(p));
        }
        return out;
    }

    private static double[] precisionRecall(Map<String, Double> scores, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            boolean copy = e.getKey().startsWith("+");
            boolean predicted = e.getValue() >= threshold;
            if (copy && predicted) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (copy) {
                fn++;
            }
        }
        return new double[] {tp + fp == 0 ? 1.0 : (double) tp / (tp + fp), (double) tp / (tp + fn)};
    }

    private static double maxNegative(Map<String, Double> scores) {
        return scores.entrySet().stream().filter(e -> e.getKey().startsWith("-"))
                .mapToDouble(Map.Entry::getValue).max().orElse(0);
    }

    private static String table(String title, Map<String, Double> scores) {
        double minPositive = scores.entrySet().stream().filter(e -> e.getKey().startsWith("+"))
                .mapToDouble(Map.Entry::getValue).min().orElse(0);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d pairs (%d copies); lowest copy %.3f, highest non-copy %.3f%n  threshold precision recall%n",
                title, scores.size(), scores.keySet().stream().filter(k -> k.startsWith("+")).count(), minPositive,
                maxNegative(scores)));
        for (double t : THRESHOLDS) {
            double[] pr = precisionRecall(scores, t);
            out.append(String.format(Locale.ROOT, "  %9.2f %9.3f %6.3f%n", t, pr[0], pr[1]));
        }
        return out.toString();
    }
}
