package io.newsflow.enrich.stance;

import io.newsflow.enrich.stance.StanceLexicon.Pos;
import io.newsflow.enrich.text.Lemmas;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the stance stage's work on one article, for one {@code StanceStage.apply} call (not thread-safe).
 *
 * <p>First, a sentence is tagged only when one of its words could be a stance predicate under some part of speech:
 * its lower-case form is an adjective predicate or a degree word of class {@code excess} ("too"), or its lemma
 * for some verb or common-noun tag is a verb predicate, a phrasal head or a noun predicate. This is exactly the test the stage applies after tagging (lemmas come from the
 * same {@link Lemmas}), so it changes no result; it only spares tagging sentences without such a word, which on
 * text the tagger has never seen (one surname repeated, emoji) cost up to a second per 100 words. Words are judged
 * once per article.
 *
 * <p>Second, at most {@link #MAX_ANALYSED_SENTENCES} sentences per article are tagged and parsed for stances; the
 * rest are skipped and counted in one log line. The longest article of the real-news corpus has far fewer
 * candidate sentences; text made of nothing but stance sentences ("X warned against Y." repeated) is where the
 * bound applies, keeping the stage near 2 s at 200,000 characters instead of one parse per sentence.
 */
final class StanceBudget {

    /** Sentences with a possible predicate that are tagged and parsed per article, at most. */
    static final int MAX_ANALYSED_SENTENCES = 500;

    private static final Logger LOG = LoggerFactory.getLogger(StanceBudget.class);
    private static final List<String> VERB_TAGS = List.of("VB", "VBD", "VBG", "VBN", "VBP", "VBZ");
    private static final List<String> NOUN_TAGS = List.of("NN", "NNS");

    private final StanceLexicon lexicon;
    private final TextLayer layer;
    private final Map<String, Boolean> judged = new HashMap<>();
    private int analysed;
    private int skipped;

    StanceBudget(StanceLexicon lexicon, TextLayer layer) {
        this.lexicon = lexicon;
        this.layer = layer;
    }

    /** Whether {@code s} is to be analysed: it may hold a predicate and the budget is not spent. */
    boolean admit(Sentence s) {
        if (!mayHoldPredicate(s)) {
            return false;
        }
        if (analysed >= MAX_ANALYSED_SENTENCES) {
            skipped++;
            return false;
        }
        analysed++;
        return true;
    }

    /** Logs the sentences skipped for the budget, if any. */
    void report(String documentId) {
        if (skipped > 0) {
            LOG.warn("stances of {}: {} sentences with a possible stance predicate analysed, {} more skipped "
                    + "(budget {} per article)", documentId, analysed, skipped, MAX_ANALYSED_SENTENCES);
        }
    }

    /** Sentences skipped for the budget so far. */
    int skipped() {
        return skipped;
    }

    private boolean mayHoldPredicate(Sentence s) {
        for (int t = s.firstToken(); t < s.endToken(); t++) {
            String word = layer.tokens().get(t).text();
            if (judged.computeIfAbsent(word, this::couldBePredicate)) {
                return true;
            }
        }
        return false;
    }

    private boolean couldBePredicate(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lexicon.predicate(lower, Pos.ADJ) != null || lexicon.predicate(lower, Pos.NOUN) != null
                || lexicon.excessDegree(lower) || lexicon.obligation(lower)) {
            return true;
        }
        for (String tag : VERB_TAGS) {
            String lemma = Lemmas.lemma(word, tag, true).toLowerCase(Locale.ROOT);
            if (lexicon.predicate(lemma, Pos.VERB) != null || lexicon.phrasalHead(lemma)) {
                return true;
            }
        }
        for (String tag : NOUN_TAGS) {
            String lemma = Lemmas.lemma(word, tag, true).toLowerCase(Locale.ROOT);
            if (lexicon.predicate(lemma, Pos.NOUN) != null) {
                return true;
            }
        }
        return false;
    }
}
