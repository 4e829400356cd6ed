package io.newsflow.enrich.stance;

import io.newsflow.enrich.lexicon.LexiconException;
import io.newsflow.enrich.lexicon.LexiconTable;
import io.newsflow.enrich.lexicon.Lexicons;
import io.newsflow.enrich.Document.Polarity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stance stage's typed view of the lexicons: stance predicates by lemma and coarse part of speech, light verbs,
 * reversal verbs, speech verbs, negators, hedges, time words and the topic keys. Built once from {@link Lexicons};
 * immutable and thread-safe.
 */
public final class StanceLexicon {

    /** Coarse part of speech of a predicate. */
    public enum Pos { VERB, NOUN, ADJ }

    /** Who holds a stance stated by a predicate. */
    public enum HolderSlot { SUBJECT, SPEAKER }

    /**
     * One stance predicate.
     *
     * @param lemma the lemma ("rule out" for a verb with its particle)
     * @param pos coarse part of speech
     * @param polarity the holder's polarity towards the target
     * @param frames where the target is, tried in order ({@code obj}, {@code xcomp}, {@code obj-xcomp}, {@code ccomp},
     *     {@code prep:P}, {@code nsubj}, {@code label})
     * @param holder whose stance it is
     * @param line line of the lexicon file, for messages
     */
    public record Predicate(String lemma, Pos pos, Polarity polarity, List<String> frames, HolderSlot holder,
                            int line) {
        public Predicate {
            frames = List.copyOf(frames);
        }
    }

    private static final Set<String> FRAMES = Set.of("obj", "xcomp", "obj-xcomp", "ccomp", "nsubj", "label");

    private final Map<String, Predicate> predicates;
    private final Map<String, String> phrasalHeads;
    private final Map<String, Set<String>> wordClasses;
    private final Set<String> lightVerbs;
    private final Set<String> attributeNouns;
    private final Set<String> reversalVerbs;
    private final Set<String> speechVerbs;
    private final Set<String> negatorWords;
    private final Set<String> negatorVerbs;
    private final Set<String> negationScopes;
    private final Set<String> hedges;
    private final Set<String> timeWords;
    private final Map<String, List<String>> topics;
    private final Map<String, String> metonyms;
    private final Map<String, String> gerunds;

    private StanceLexicon(Lexicons lex) {
        Map<String, Predicate> preds = new HashMap<>();
        LexiconTable table = lex.table("stance-predicates");
        for (LexiconTable.Row r : table.rows()) {
            Pos pos = Pos.valueOf(r.get("pos"));
            List<String> frames = new ArrayList<>();
            for (String f : r.get("frame").split(",")) {
                String frame = f.strip();
                if (!FRAMES.contains(frame) && !(frame.startsWith("prep:") && frame.length() > 5)) {
                    throw new LexiconException("lexicon/stance-predicates.tsv:" + r.line() + ": unknown frame '"
                            + frame + "', expected one of " + FRAMES + " or prep:P");
                }
                frames.add(frame);
            }
            String h = r.get("holder");
            HolderSlot holder = h.isEmpty() || h.equals("subj") ? HolderSlot.SUBJECT
                    : h.equals("speaker") ? HolderSlot.SPEAKER : null;
            if (holder == null) {
                throw new LexiconException("lexicon/stance-predicates.tsv:" + r.line() + ": holder must be subj or "
                        + "speaker, not '" + h + "'");
            }
            String lemma = r.get("lemma").toLowerCase(Locale.ROOT);
            Predicate p = new Predicate(lemma, pos, Polarity.valueOf(r.get("polarity")), frames, holder, r.line());
            if (preds.putIfAbsent(key(lemma, pos), p) != null) {
                throw new LexiconException("lexicon/stance-predicates.tsv:" + r.line() + ": '" + lemma + "' as "
                        + pos + " is listed twice");
            }
        }
        this.predicates = Map.copyOf(preds);
        Map<String, String> phrasal = new HashMap<>();
        for (Predicate p : preds.values()) {
            if (p.pos() == Pos.VERB && p.lemma().contains(" ")) {
                phrasal.putIfAbsent(p.lemma().substring(0, p.lemma().indexOf(' ')), p.lemma());
            }
        }
        this.phrasalHeads = Map.copyOf(phrasal);
        this.lightVerbs = lex.words("light-verbs", "lemma");
        Map<String, Set<String>> classes = new HashMap<>();
        for (LexiconTable.Row r : lex.table("stance-words").rows()) {
            classes.computeIfAbsent(r.get("class"), k -> new java.util.HashSet<>())
                    .add(r.get("word").toLowerCase(Locale.ROOT));
        }
        Map<String, Set<String>> frozenClasses = new HashMap<>();
        classes.forEach((k, v) -> frozenClasses.put(k, Set.copyOf(v)));
        this.wordClasses = Map.copyOf(frozenClasses);
        this.attributeNouns = lex.words("attribute-nouns", "lemma");
        this.reversalVerbs = lex.words("reversal-verbs", "lemma");
        this.speechVerbs = Set.copyOf(lex.table("speech-verbs").where("class", "speech").stream()
                .map(r -> r.get("lemma").toLowerCase(Locale.ROOT)).toList());
        this.negatorWords = Set.copyOf(lex.table("negators").where("kind", "word").stream()
                .map(r -> r.get("lemma").toLowerCase(Locale.ROOT)).toList());
        this.negatorVerbs = Set.copyOf(lex.table("negators").where("kind", "verb").stream()
                .map(r -> r.get("lemma").toLowerCase(Locale.ROOT)).toList());
        this.negationScopes = Set.copyOf(lex.table("negators").where("kind", "scope").stream()
                .map(r -> r.get("lemma").toLowerCase(Locale.ROOT)).toList());
        this.hedges = lex.words("hedges", "lemma");
        this.timeWords = lex.words("time-words", "lemma");
        Map<String, List<String>> t = new LinkedHashMap<>();
        for (LexiconTable.Row r : lex.table("topics").rows()) {
            t.computeIfAbsent(r.get("key").toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(r.get("alias").toLowerCase(Locale.ROOT));
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        t.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.topics = java.util.Collections.unmodifiableMap(frozen);
        Map<String, String> met = new HashMap<>();
        for (LexiconTable.Row r : lex.table("metonyms").rows()) {
            met.put(r.get("place").toLowerCase(Locale.ROOT), r.get("stands_for"));
        }
        this.metonyms = Map.copyOf(met);
        Map<String, String> ger = new HashMap<>();
        for (LexiconTable.Row r : lex.table("gerunds").rows()) {
            ger.put(r.get("lemma").toLowerCase(Locale.ROOT), r.get("gerund").toLowerCase(Locale.ROOT));
        }
        this.gerunds = Map.copyOf(ger);
    }

    /** The typed view of {@code lexicons}; fails with a {@link LexiconException} on a malformed entry. */
    public static StanceLexicon of(Lexicons lexicons) {
        return new StanceLexicon(lexicons);
    }

    private static String key(String lemma, Pos pos) {
        return pos + " " + lemma;
    }

    /** The predicate with this lemma and part of speech, or null. */
    public Predicate predicate(String lemma, Pos pos) {
        return predicates.get(key(lemma, pos));
    }

    /** Number of predicates. */
    public int size() {
        return predicates.size();
    }

    /** True when some verb-particle predicate starts with this verb ("rule" of "rule out"). */
    public boolean phrasalHead(String lemma) {
        return phrasalHeads.containsKey(lemma);
    }

    /** One verb-particle predicate lemma starting with this verb, or null. */
    public String phrasalOf(String lemma) {
        return phrasalHeads.get(lemma);
    }

    /** True for nouns whose "of X" makes a stance on them a stance on X ("the leadership of X"). */
    public boolean attributeNoun(String lemma) {
        return attributeNouns.contains(lemma);
    }

    /**
     * True for a degree word of class {@code excess} ("too", "overly") that makes the adjective after it a criticism;
     * the stance stage and its budget both ask here, so they agree on what may hold a predicate.
     */
    public boolean excessDegree(String lowerCaseWord) {
        return wordClass("excess").contains(lowerCaseWord);
    }

    /**
     * True for a modal of class {@code obligation} ("should", "must", "needs"); the stance stage and its budget both
     * ask here, so they agree on what may hold a stance.
     */
    public boolean obligation(String lowerCaseWord) {
        return wordClass("obligation").contains(lowerCaseWord);
    }

    /** The words of one class of {@code lexicon/stance-words.tsv} (empty for a class with no entry). */
    public Set<String> wordClass(String name) {
        return wordClasses.getOrDefault(name, Set.of());
    }

    public boolean lightVerb(String lemma) {
        return lightVerbs.contains(lemma);
    }

    public boolean reversalVerb(String lemma) {
        return reversalVerbs.contains(lemma);
    }

    public boolean speechVerb(String lemma) {
        return speechVerbs.contains(lemma);
    }

    public boolean negatorWord(String lemma) {
        return negatorWords.contains(lemma);
    }

    public boolean negatorVerb(String lemma) {
        return negatorVerbs.contains(lemma);
    }

    /** True for a word that, right after a negator, keeps the polarity ("not just", "not only"). */
    public boolean negationScope(String lemma) {
        return negationScopes.contains(lemma);
    }

    public boolean hedge(String lemma) {
        return hedges.contains(lemma);
    }

    public boolean timeWord(String lemma) {
        return timeWords.contains(lemma);
    }

    /** The listed -ing form of a verb lemma, or null when the spelling rule applies. */
    public String gerund(String lemma) {
        return gerunds.get(lemma);
    }

    /** Place (lower case) → the organisation it stands for, from {@code lexicon/metonyms.tsv}. */
    public Map<String, String> metonyms() {
        return metonyms;
    }

    /** Topic key → aliases from {@code lexicon/topics.tsv}. */
    public Map<String, List<String>> topics() {
        return topics;
    }
}
