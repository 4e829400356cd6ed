package io.newsflow.story;

import io.newsflow.config.PipelineConfig;
import io.newsflow.enrich.lexicon.Lexicons;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether two enriched articles report the same event (one story) without being copies: they were
 * published within the story window of each other, share at least one person and {@link #MIN_SHARED_ENTITIES}
 * people and places in all, and their content-word vectors reach the similarity threshold (cosine). An article joins
 * the story of its most similar such article, provided it also reports the same event as the story's first article.
 * Candidates are found through an {@link Index} of remembered articles by person id. Immutable and thread-safe; the
 * index is the caller's.
 */
public final class StoryClusterer {

    /**
     * Default window, 48 h: follow-ups on one event (reactions, the next day's analysis, other time zones) mostly
     * come within two days; later coverage of the same people is usually a new event.
     */
    public static final Duration DEFAULT_WINDOW = PipelineConfig.DEFAULT_STORY_WINDOW;
    /** Default cosine threshold; see the README's story section for the measurement behind it. */
    public static final double DEFAULT_SIMILARITY = PipelineConfig.DEFAULT_STORY_SIMILARITY;
    /**
     * Remembered articles kept per person (the newest): bounds the candidates of an article naming a person in the
     * news every hour.
     */
    public static final int BUCKET_CAPACITY = 64;
    /** Fewest shared people and places (at least one of them a person). */
    public static final int MIN_SHARED_ENTITIES = 2;

    /** The outcome of comparing two articles, with the figures it rests on. */
    public record Decision(boolean sameStory, String reason, int sharedPersons, int sharedPlaces, double similarity) {
    }

    /** A remembered article and the story it was put in. */
    public record Member(StoryFeatures features, String storyId) {
    }

    /** The story an article joins, through its most similar member. */
    public record Match(String storyId, String memberId, double similarity) {
    }

    /** Where remembered articles are kept: state stores in the topology, maps in tests and bench. */
    public interface Index {

        /** The remembered article {@code articleId}, or null. */
        Member member(String articleId);

        /** Ids of remembered articles that name the person {@code personId}, oldest first; empty when none. */
        List<String> bucket(String personId);

        /** Remembers an article in its story, under each of its people. */
        void remember(Member member);
    }

    private final Duration window;
    private final double threshold;

    public StoryClusterer(Duration window, double threshold) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("story window must be positive: " + window);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("story similarity must be in (0, 1]: " + threshold);
        }
        this.window = window;
        this.threshold = threshold;
    }

    public Duration window() {
        return window;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * The words left out of the content-word vectors: the bundled {@code stopwords} lexicon and the {@code time-words}
     * lexicon (weekdays and the like say nothing about which event it is).
     */
    public static Set<String> stopWords() {
        Set<String> words = new HashSet<>(Lexicons.bundled().words("stopwords", "word"));
        words.addAll(Lexicons.bundled().words("time-words", "lemma"));
        return Set.copyOf(words);
    }

    /** Whether {@code a} and {@code b} report the same event. Symmetric. */
    public Decision decide(StoryFeatures a, StoryFeatures b) {
        int persons = shared(a.persons(), b.persons());
        int places = shared(a.places(), b.places());
        double similarity = a.terms().cosine(b.terms());
        String reason;
        if (Math.abs(a.time() - b.time()) > window.toMillis()) {
            reason = "outside-window";
        } else if (persons == 0 || persons + places < MIN_SHARED_ENTITIES) {
            reason = "too-few-shared-entities";
        } else if (similarity < threshold) {
            reason = "text-not-similar";
        } else {
            reason = "same-story";
        }
        return new Decision(reason.equals("same-story"), reason, persons, places, similarity);
    }

    /**
     * The story of the most similar remembered article that reports the same event as {@code article}, or empty.
     * The article must also report the same event as the story's first article (when that is still remembered): a
     * story then spans at most the window and cannot drift from event to event through a chain of articles that
     * each resemble the one before. Remembers nothing.
     */
    public Optional<Match> find(StoryFeatures article, Index index) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String person : article.persons()) {
            candidates.addAll(index.bucket(person));
        }
        candidates.remove(article.articleId());
        Map<String, Boolean> seedAgrees = new HashMap<>();
        Match best = null;
        for (String id : candidates) {
            Member member = index.member(id);
            if (member == null) {
                continue;
            }
            Decision d = decide(article, member.features());
            if (!d.sameStory() || (best != null && d.similarity() <= best.similarity())) {
                continue;
            }
            boolean agrees = member.storyId().equals(id) || seedAgrees.computeIfAbsent(member.storyId(), story -> {
                Member seed = index.member(story);
                return seed == null || decide(article, seed.features()).sameStory();
            });
            if (agrees) {
                best = new Match(member.storyId(), id, d.similarity());
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Puts {@code article} in a story: the story of its best match, or a new story named by the article's own id;
     * then remembers it there. Returns the match, or empty for a new story.
     */
    public Optional<Match> assign(StoryFeatures article, Index index) {
        Optional<Match> match = find(article, index);
        index.remember(new Member(article, match.map(Match::storyId).orElse(article.articleId())));
        return match;
    }

    private static int shared(Set<String> a, Set<String> b) {
        int n = 0;
        for (String x : a) {
            if (b.contains(x)) {
                n++;
            }
        }
        return n;
    }
}
