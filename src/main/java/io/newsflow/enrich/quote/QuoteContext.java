package io.newsflow.enrich.quote;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import io.newsflow.enrich.text.Token;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an {@link AttributionRule} may read about one quote: the body's text layer, the quote, the person and
 * organisation mentions outside quotes, the speech-verb lexicon, and the speaker of the quote before it. The
 * attribution window after the quote (up to the end of its sentence and paragraph) and the sentence before it come
 * from the text layer's sentences. Immutable; safe to share between threads once built.
 */
public final class QuoteContext {

    /** A preposition right before a place: "police in Leeds", "officials from Chile". */
    private static final Pattern PLACE_PREPOSITION = Pattern.compile(
            "(?i)\\b(?:in|from|near|at|across|outside|inside)\\s+(?:the\\s+)?$");

    /** "a lawyer for ", "the widow of pilot ": a noun, then "of"/"for", right before a name (group 1: the noun). */
    private static final Pattern TIE_BEFORE = Pattern.compile(
            "\\b(\\p{L}+)\\s+(?:of|for)\\s+(?:the\\s+)?(?:\\p{Ll}+\\s+)?$");

    private static final String OPENING_PUNCT = ",.!?…:;";
    private static final Pattern SENTENCE_CLOSED = Pattern.compile("^\\s*[.!?]");

    private final TextLayer layer;
    private final String text;
    private final QuoteSpan span;
    private final List<Located> mentions;
    private final List<Located> places;
    private final SpeechVerbs verbs;
    private final Entity previousSpeaker;
    private final boolean sameParagraph;
    private final boolean nextParagraph;
    private final int afterStart;
    private final String after;

    QuoteContext(TextLayer layer, QuoteSpan span, List<Located> mentions, List<Located> places, SpeechVerbs verbs,
                 Entity previousSpeaker, boolean sameParagraph, boolean nextParagraph) {
        this.places = places;
        this.layer = layer;
        this.text = layer.text();
        this.span = span;
        this.mentions = mentions;
        this.verbs = verbs;
        this.previousSpeaker = previousSpeaker;
        this.sameParagraph = sameParagraph;
        this.nextParagraph = nextParagraph;
        int firstClose = span.parts().get(0)[1];
        boolean splitInLine = span.parts().size() > 1 && (text.indexOf('\n', firstClose) > span.parts().get(1)[0]
                || text.indexOf('\n', firstClose) < 0);
        this.afterStart = Math.min(text.length(), (splitInLine ? firstClose : span.close()) + 1);
        this.after = closedAfterColon() ? "" : window(afterStart);
    }

    /** The text after a quote that may hold its attribution: to the end of its sentence, never past a line break. */
    private String window(int from) {
        int lineEnd = text.indexOf('\n', from);
        int end = lineEnd < 0 ? text.length() : lineEnd;
        String w = text.substring(from, end);
        if (SENTENCE_CLOSED.matcher(w).find()) {
            return "";
        }
        int t = layer.tokenAt(from);
        if (t < layer.tokens().size()) {
            Sentence s = layer.sentences().get(layer.tokens().get(t).sentence());
            end = Math.min(end, Math.max(from, s.end()));
        }
        return text.substring(from, end);
    }

    /**
     * A quote introduced by a colon that ends its own sentence ("X said after the meeting: “… one.” Y told …"): what
     * follows is the next sentence, not an attribution.
     */
    private boolean closedAfterColon() {
        String quoted = text.substring(span.start(), span.end()).strip();
        return !quoted.isEmpty() && ".!?".indexOf(quoted.charAt(quoted.length() - 1)) >= 0
                && text.substring(sentenceStart(span.open()), span.open()).strip().endsWith(":");
    }

    public TextLayer layer() {
        return layer;
    }

    public String text() {
        return text;
    }

    public QuoteSpan span() {
        return span;
    }

    /** Person and organisation mentions outside every quote, in text order. */
    public List<Located> mentions() {
        return mentions;
    }

    /** Location mentions (countries, capitals) outside every quote, in text order: speakers only as subjects. */
    public List<Located> places() {
        return places;
    }

    /** The place mentioned last in [from, to) and ending right before {@code to} (blanks only between), or null. */
    public Located placeRightBefore(int from, int to) {
        Located last = null;
        for (Located m : places) {
            if (m.start() >= from && m.end() <= to && text.substring(m.end(), to).isBlank() && !modifyingPlace(m)) {
                last = m;
            }
        }
        return last;
    }

    public SpeechVerbs verbs() {
        return verbs;
    }

    /** Speaker of the quote before this one, or null. */
    public Entity previousSpeaker() {
        return previousSpeaker;
    }

    /** Whether the previous quote ended in this quote's paragraph. */
    public boolean sameParagraph() {
        return sameParagraph;
    }

    /** Whether this quote opens the paragraph right after the previous quote's. */
    public boolean nextParagraph() {
        return nextParagraph;
    }

    /** Offset where the attribution window after the quote starts. */
    public int afterStart() {
        return afterStart;
    }

    /** The attribution window after the quote (empty when the sentence closes with the quote). */
    public String after() {
        return after;
    }

    /** Start of the text-layer sentence holding the token at {@code offset}. */
    public int sentenceStart(int offset) {
        Sentence s = sentenceOf(offset);
        return s == null ? 0 : Math.min(s.start(), offset);
    }

    /** Start of the sentence before the one holding {@code offset} (or of that one when it is the first). */
    public int previousSentenceStart(int offset) {
        Sentence s = sentenceOf(offset);
        if (s == null) {
            return 0;
        }
        return s.index() == 0 ? s.start() : layer.sentences().get(s.index() - 1).start();
    }

    /** The sentence holding the token at or right after {@code offset}, or null. */
    public Sentence sentenceOf(int offset) {
        if (layer.sentences().isEmpty()) {
            return null;
        }
        int t = Math.min(layer.tokenAt(offset), layer.tokens().size() - 1);
        return layer.sentences().get(layer.tokens().get(t).sentence());
    }

    /** Index of the first token starting at or after {@code offset}. */
    public int tokenFrom(int offset) {
        int t = layer.tokenAt(offset);
        while (t < layer.tokens().size() && layer.tokens().get(t).start() < offset) {
            t++;
        }
        return t;
    }

    /** Whether token {@code i} is a punctuation mark that may sit between a quote and its attribution. */
    public boolean isLeadingPunct(int i) {
        String w = layer.tokens().get(i).text();
        return w.length() == 1 && OPENING_PUNCT.indexOf(w.charAt(0)) >= 0 || w.equals("...");
    }

    /** Index of the first speech-verb token starting in [from, to), or -1. */
    public int speechVerbIn(int from, int to) {
        for (int i = tokenFrom(from); i < layer.tokens().size(); i++) {
            Token t = layer.tokens().get(i);
            if (t.end() > to) {
                break;
            }
            if (verbs.isSpeech(layer, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first speech or evaluation verb starting in [from, to), or -1. */
    public int reportingVerbIn(int from, int to) {
        for (int i = tokenFrom(from); i < layer.tokens().size(); i++) {
            Token t = layer.tokens().get(i);
            if (t.end() > to) {
                break;
            }
            if (verbs.isReporting(layer, i)) {
                return i;
            }
        }
        return -1;
    }

    public Token token(int i) {
        return layer.tokens().get(i);
    }

    /**
     * The first person mentioned in [from, to), else the first organisation ("NATO chief Mark Rutte" is Rutte);
     * names that only qualify someone else are skipped ({@link #qualifiesAnother}).
     */
    public Located firstMentionIn(int from, int to) {
        Located firstOrg = null;
        for (Located m : mentions) {
            if (m.start() >= from && m.end() <= to && !qualifiesAnother(m)) {
                if (m.entity().type() == EntityType.PERSON) {
                    return m;
                }
                if (firstOrg == null) {
                    firstOrg = m;
                }
            }
        }
        return firstOrg;
    }

    /** The last person mentioned in [from, to), else the last organisation; qualifying names skipped. */
    public Located lastMentionIn(int from, int to) {
        Located lastPerson = null;
        Located lastOrg = null;
        for (Located m : mentions) {
            if (m.start() >= from && m.end() <= to && !qualifiesAnother(m)) {
                if (m.entity().type() == EntityType.PERSON) {
                    lastPerson = m;
                } else {
                    lastOrg = m;
                }
            }
        }
        return lastPerson != null ? lastPerson : lastOrg;
    }

    /** The person and organisation mentions in [from, to), in text order. */
    public List<Located> mentionsIn(int from, int to) {
        return mentions.stream().filter(m -> m.start() >= from && m.end() <= to).toList();
    }

    /**
     * Whether a mention only qualifies the one who speaks: a possessor ("Keller's spokeswoman, Nadia Brun, said",
     * "Keller's lawyer said") or a person tied to a relational noun ("a lawyer for Keller", "the widow of pilot
     * Berg"; lexicon {@code relational-nouns}).
     */
    public boolean qualifiesAnother(Located m) {
        if (BodyMentions.possessive(text, m)) {
            return true;
        }
        if (m.entity().type() != EntityType.PERSON) {
            return false;
        }
        Matcher tie = TIE_BEFORE.matcher(text.substring(Math.max(0, m.start() - 40), m.start()));
        return tie.find() && verbs.isRelationalNoun(tie.group(1));
    }

    /** "Police in Leeds said": a place after a preposition only modifies the subject and never speaks. */
    public boolean modifyingPlace(Located m) {
        return m.entity().type() == EntityType.LOCATION
                && PLACE_PREPOSITION.matcher(text.substring(Math.max(0, m.start() - 12), m.start())).find();
    }

    /**
     * The subject-like mention of [from, to): the first mention that qualifies no one else, except that an
     * organisation immediately followed by a titled person ("NATO Secretary General Mark Rutte") yields the person.
     */
    public Located subjectIn(int from, int to) {
        Located first = null;
        for (Located m : mentions) {
            if (m.start() >= from && m.end() <= to && !qualifiesAnother(m) && !modifyingPlace(m)) {
                if (first == null) {
                    first = m;
                } else if (first.entity().type() != EntityType.PERSON && m.entity().type() == EntityType.PERSON
                        && m.start() - first.end() < 40) {
                    return m;
                } else {
                    break;
                }
            }
        }
        return first;
    }

    /** The person a pronoun at {@code offset} most likely means, or null. */
    public Located pronounReferent(int offset) {
        return BodyMentions.pronounReferent(text, mentions, offset, this::sentenceStart);
    }

    /** The organisation named last before {@code offset}, in its sentence or the one before, or null. */
    public Located lastOrganisationBefore(int offset) {
        int from = previousSentenceStart(offset);
        Located last = null;
        for (Located m : mentions) {
            if (m.entity().type() == EntityType.ORGANIZATION && m.start() >= from && m.end() <= offset) {
                last = m;
            }
        }
        return last;
    }
}
