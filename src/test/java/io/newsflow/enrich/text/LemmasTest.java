package io.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.process.Morphology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The per-thread lemmatiser gives what CoreNLP's shared static one gives, from any number of threads. */
class LemmasTest {

    private static final List<String> WORDS = List.of("rejected", "Rejects", "calls", "went", "was", "is", "being",
            "children", "mice", "criticised", "criticized", "better", "running", "ran", "Putin", "U.S.", "don't",
            "talks", "ceasefire", "leaves", "studies", "saw", "seen", "geese", "données", "", "9", "re-elected");
    private static final List<String> TAGS = List.of("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS", "NNP",
            "JJ", "JJR", "RB", "IN", "CD");

    @Test
    void sameLemmasAsLemmaStatic() {
        for (String w : WORDS) {
            for (String t : TAGS) {
                for (boolean lower : new boolean[] {true, false}) {
                    assertThat(Lemmas.lemma(w, t, lower)).as("%s/%s lowercase=%s", w, t, lower)
                            .isEqualTo(Morphology.lemmaStatic(w, t, lower));
                }
            }
        }
    }

    @Test
    void sameLemmasFromSeveralThreadsAtOnce() throws Exception {
        List<String> expected = all(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        out = all(false);
                    }
                    return out;
                }));
            }
            for (Future<List<String>> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> all(boolean viaStatic) {
        List<String> out = new ArrayList<>();
        for (String w : WORDS) {
            for (String t : TAGS) {
                out.add(viaStatic ? Morphology.lemmaStatic(w, t, true) : Lemmas.lemma(w, t, true));
            }
        }
        return out;
    }
}
