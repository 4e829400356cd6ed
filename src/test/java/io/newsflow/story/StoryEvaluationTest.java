package io.newsflow.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of story clustering on the hand-written set in {@code src/test/resources/stories} (6 events
 * with 2–3 independently written articles each, and hard negatives: the same people at another event, the same
 * topic elsewhere, the same people on the same topic weeks later), enriched by the real entity stage. Prints the
 * tables the README quotes.
 */
class StoryEvaluationTest {

    private static final double[] THRESHOLDS = {0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5};
    private static StoryCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = StoryCorpus.load();
    }

    @Test
    void corpusHasSameEventPairsAndHardNegatives() {
        List<StoryCorpus.Pair> pairs = corpus.pairs();
        assertThat(corpus.items()).hasSize(21);
        assertThat(pairs).filteredOn(StoryCorpus.Pair::sameStory).hasSize(10);
        assertThat(corpus.items()).as("the entity stage finds the people the rule needs")
                .filteredOn(i -> !i.features().persons().isEmpty()).hasSize(21);
    }

    @Test
    void pairwiseDecisionsAtEachThreshold() {
        StringBuilder out = new StringBuilder("story decision over ")
                .append(corpus.pairs().size()).append(" pairs (")
                .append(corpus.pairs().stream().filter(StoryCorpus.Pair::sameStory).count())
                .append(" same-event), window 48 h, >= 1 shared person and >= 2 shared people/places\n")
                .append("  threshold  cosine P   cosine R   jaccard P  jaccard R  text-only cosine P/R\n");
        for (double t : THRESHOLDS) {
            StoryClusterer clusterer = new StoryClusterer(StoryClusterer.DEFAULT_WINDOW, t);
            double[] cosine = pr(p -> clusterer.decide(p.a().features(), p.b().features()).sameStory());
            double[] jaccard = pr(p -> {
                StoryClusterer.Decision d = clusterer.decide(p.a().features(), p.b().features());
                return !d.reason().equals("outside-window") && !d.reason().equals("too-few-shared-entities")
                        && p.a().features().terms().jaccard(p.b().features().terms()) >= t;
            });
            double[] textOnly = pr(p -> p.a().features().terms().cosine(p.b().features().terms()) >= t);
            out.append(String.format(Locale.ROOT, "  %9.2f  %9.3f  %9.3f  %9.3f  %9.3f  %.3f/%.3f%n", t,
                    cosine[0], cosine[1], jaccard[0], jaccard[1], textOnly[0], textOnly[1]));
        }
        StoryClusterer standard = new StoryClusterer(StoryClusterer.DEFAULT_WINDOW, StoryClusterer.DEFAULT_SIMILARITY);
        for (StoryCorpus.Pair p : corpus.pairs()) {
            StoryClusterer.Decision d = standard.decide(p.a().features(), p.b().features());
            if (d.sameStory() != p.sameStory() || d.similarity() >= 0.15) {
                out.append(String.format(Locale.ROOT, "  %s %-14s ~ %-14s %-24s persons %d places %d cosine %.3f%n",
                        p.sameStory() ? "+" : "-", p.a().id(), p.b().id(), d.reason(), d.sharedPersons(),
                        d.sharedPlaces(), d.similarity()));
            }
        }
        System.out.println(out);

        double[] atDefault = pr(p -> standard.decide(p.a().features(), p.b().features()).sameStory());
        assertThat(atDefault[0]).as("pairwise precision at the default threshold").isEqualTo(1.0);
        assertThat(atDefault[1]).as("pairwise recall at the default threshold").isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void streamedInTimeOrderEachEventEndsInOneStoryAndNegativesStayApart() {
        StoryClusterer clusterer = new StoryClusterer(StoryClusterer.DEFAULT_WINDOW, StoryClusterer.DEFAULT_SIMILARITY);
        InMemoryStoryIndex index = new InMemoryStoryIndex();
        List<StoryCorpus.Item> order = new ArrayList<>(corpus.items());
        order.sort(Comparator.comparingLong(i -> i.features().time()));
        Map<String, String> storyOf = new HashMap<>();
        for (StoryCorpus.Item item : order) {
            storyOf.put(item.id(), clusterer.assign(item.features(), index)
                    .map(StoryClusterer.Match::storyId).orElse(item.id()));
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (StoryCorpus.Pair p : corpus.pairs()) {
            boolean together = storyOf.get(p.a().id()).equals(storyOf.get(p.b().id()));
            tp += together && p.sameStory() ? 1 : 0;
            fp += together && !p.sameStory() ? 1 : 0;
            fn += !together && p.sameStory() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "streamed clustering, threshold %.2f, window %s: pairwise precision %.3f, "
                + "recall %.3f (tp %d, fp %d, fn %d); stories %s%n", clusterer.threshold(), clusterer.window(),
                tp + fp == 0 ? 1.0 : (double) tp / (tp + fp), (double) tp / (tp + fn), tp, fp, fn, storyOf);
        assertThat(fp).as("articles of different events put in one story").isZero();
        assertThat(storyOf.get("grain/later")).as("same people, same topic, three weeks later")
                .isEqualTo("grain/later");
        assertThat(storyOf.get("grain/syria")).isEqualTo("grain/syria");
        assertThat(storyOf.get("grain/b")).as("the story is named by its first article").isEqualTo("grain/a");
        assertThat((double) tp / (tp + fn)).isGreaterThanOrEqualTo(0.8);
        assertThat(index.size()).isEqualTo(corpus.items().size());
    }

    private double[] pr(Predicate<StoryCorpus.Pair> predicted) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (StoryCorpus.Pair p : corpus.pairs()) {
            boolean yes = predicted.test(p);
            tp += yes && p.sameStory() ? 1 : 0;
            fp += yes && !p.sameStory() ? 1 : 0;
            fn += !yes && p.sameStory() ? 1 : 0;
        }
        return new double[] {tp + fp == 0 ? 1.0 : (double) tp / (tp + fp), (double) tp / (tp + fn)};
    }
}
