package io.newsflow.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures (does not tune on) the detector over the real articles in {@code ../shared/eval/news} (or the folder named
 * by {@code newsflow.eval.news}); skipped when the folder is absent. Those articles are wire copies of different
 * stories, one version each, so none may be marked a copy of another. Prints counts only.
 */
class SharedCorpusNearDuplicateTest {

    @Test
    void realArticlesOfDifferentStoriesAreNotMarkedAsCopies() throws IOException {
        Path corpus = Path.of(System.getProperty("newsflow.eval.news", "../shared/eval/news"));
        assumeTrue(Files.isDirectory(corpus), corpus + " is absent");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        NearDuplicateDetector detector = NearDuplicateDetector.withThreshold(NearDuplicateDetector.DEFAULT_THRESHOLD);
        InMemoryIndex index = new InMemoryIndex(16);
        MinHasher hasher = new MinHasher(MinHasher.DEFAULT_SIZE);
        int marked = 0;
        int tooShort = 0;
        double highest = 0;
        List<int[]> signatures = new ArrayList<>();
        for (Path file : files) {
            String body = Files.readString(file);
            signatures.add(hasher.signature(Shingles.hashes(body, Shingles.DEFAULT_SIZE)));
            int[] signature = detector.sign(body);
            if (signature == null) {
                tooShort++;
                continue;
            }
            if (detector.find(file.getFileName().toString(), signature, index).isPresent()) {
                marked++;
            } else {
                detector.remember(file.getFileName().toString(), signature, index);
            }
        }
        for (int i = 0; i < signatures.size(); i++) {
            for (int j = i + 1; j < signatures.size(); j++) {
                highest = Math.max(highest, MinHasher.similarity(signatures.get(i), signatures.get(j)));
            }
        }
        System.out.printf(Locale.ROOT, "shared/eval/news: %d articles, %d too short to compare, %d marked as "
                + "copies; highest pairwise similarity %.3f%n", files.size(), tooShort, marked, highest);
        assertThat(files).isNotEmpty();
        assertThat(marked).isZero();
    }
}
