package io.newsflow.enrich.quote;

import io.newsflow.enrich.lexicon.LexiconTable;
import io.newsflow.enrich.lexicon.Lexicons;
import io.newsflow.enrich.text.Lemmas;
import io.newsflow.enrich.text.TextLayer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The speech-verb lexicon ({@code lexicon/speech-verbs.tsv}) as a token test: a token is a speech verb when its lemma
 * is listed and it is used as a verb (tagged VB*, or a noun-tagged form such as "says" not led by a determiner or
 * possessive); and the nouns that describe an already named speaker ({@code lexicon/person-nouns.tsv}). Immutable
 * and thread-safe.
 */
public final class SpeechVerbs {

    /** Name of the lexicon table. */
    public static final String TABLE = "speech-verbs";
    private static final Set<String> NOUN_LEADERS = Set.of("DT", "PRP$", "POS", "JJ", "IN", "CD");

    /** Name of the table of nouns that describe an already named speaker. */
    public static final String PERSON_NOUNS = "person-nouns";

    /** Name of the table of nouns that name someone by a tie to another person ("a lawyer for X"). */
    public static final String RELATIONAL_NOUNS = "relational-nouns";

    private final Set<String> speech;
    private final Set<String> reporting;
    private final Set<String> addressee;
    private final Set<String> personNouns;
    private final Set<String> relationalNouns;

    private SpeechVerbs(Set<String> speech, Set<String> reporting, Set<String> addressee, Set<String> personNouns,
                        Set<String> relationalNouns) {
        this.speech = Set.copyOf(speech);
        this.reporting = Set.copyOf(reporting);
        this.addressee = Set.copyOf(addressee);
        this.personNouns = Set.copyOf(personNouns);
        this.relationalNouns = Set.copyOf(relationalNouns);
    }

    /** Reads the table {@value #TABLE} of {@code lexicons}. */
    public static SpeechVerbs from(Lexicons lexicons) {
        Set<String> speech = new HashSet<>();
        Set<String> reporting = new HashSet<>();
        Set<String> addressee = new HashSet<>();
        for (LexiconTable.Row r : lexicons.table(TABLE).rows()) {
            String lemma = r.get("lemma").toLowerCase(Locale.ROOT);
            reporting.add(lemma);
            if (r.get("class").equals("speech")) {
                speech.add(lemma);
            }
            if (r.get("object").equals("addressee")) {
                addressee.add(lemma);
            }
        }
        return new SpeechVerbs(speech, reporting, addressee, words(lexicons, PERSON_NOUNS),
                words(lexicons, RELATIONAL_NOUNS));
    }

    private static Set<String> words(Lexicons lexicons, String table) {
        Set<String> out = new HashSet<>();
        for (LexiconTable.Row r : lexicons.table(table).rows()) {
            out.add(r.get("word").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Whether {@code word} names someone by a tie to another person ("lawyer" in "a lawyer for X", "widow" in "the
     * widow of X"): that other person is not the speaker.
     */
    public boolean isRelationalNoun(String word) {
        return relationalNouns.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether token {@code i} is a speech verb whose object is the listener ("told", "assured"): it never precedes
     * its speaker, and a name right after it is who was spoken to.
     */
    public boolean takesAddressee(TextLayer layer, int i) {
        return test(layer, i, addressee);
    }

    /** Whether {@code word} describes an already named person ("politician" in "the French politician said"). */
    public boolean isPersonNoun(String word) {
        return personNouns.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Whether token {@code i} of {@code layer} is a verb of class speech ("said", "stressing", "insists"). */
    public boolean isSpeech(TextLayer layer, int i) {
        return test(layer, i, speech);
    }

    /** Whether token {@code i} is a speech or evaluation verb ("said", "praised", "called"). */
    public boolean isReporting(TextLayer layer, int i) {
        return test(layer, i, reporting);
    }

    /** Whether {@code lemma} is listed as a speech verb. */
    public boolean isSpeechLemma(String lemma) {
        return speech.contains(lemma);
    }

    /** The lemma of a word read as a verb ("writing" tagged as a noun is still "write"). */
    private static String verbLemma(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String tag = w.endsWith("ing") ? "VBG" : w.endsWith("s") ? "VBZ" : w.endsWith("ed") ? "VBD" : "VB";
        return Lemmas.lemma(w, tag, true).toLowerCase(Locale.ROOT);
    }

    private static boolean test(TextLayer layer, int i, Set<String> set) {
        String word = layer.tokens().get(i).text();
        if (word.isEmpty() || !Character.isLetter(word.charAt(0))) {
            return false;
        }
        String pos = layer.pos(i);
        if (pos.startsWith("VB")) {
            return set.contains(layer.lemma(i));
        }
        if (pos.startsWith("NN") && Character.isLowerCase(word.charAt(0)) && set.contains(verbLemma(word))) {
            int first = layer.sentences().get(layer.tokens().get(i).sentence()).firstToken();
            return i == first || !NOUN_LEADERS.contains(layer.pos(i - 1));
        }
        return false;
    }
}
