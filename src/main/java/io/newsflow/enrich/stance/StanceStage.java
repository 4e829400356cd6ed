package io.newsflow.enrich.stance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Deadline;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.lexicon.Lexicons;
import io.newsflow.enrich.stance.StanceLexicon.HolderSlot;
import io.newsflow.enrich.stance.StanceLexicon.Pos;
import io.newsflow.enrich.stance.StanceLexicon.Predicate;
import io.newsflow.enrich.text.DependencyParse;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.QuoteRegion;
import io.newsflow.enrich.text.TextLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stated stances read from the dependency parse: a stance predicate from {@code lexicon/stance-predicates.tsv}
 * (verb, noun or adjective, by lemma), its holder (the clause's subject, climbing through control and coordination;
 * a noun's possessor or its light verb's subject; "I"/"we" inside a quote are the quote's speaker; "he"/"she" the
 * person before; a capital standing for its government is the country) and its target in the slot the predicate's
 * frame names (object, to-infinitive act, someone asked to act, that-clause, a prepositional argument, or, for
 * evaluative words, the subject of "X is unacceptable" with the speaker as holder). A target that is one entity is an
 * entity target; otherwise its head phrase, trimmed of relative clauses, appositions and time modifiers, is a topic.
 * Negation ("did not back", "no need for", "refused to support") flips the polarity; hedges ("may support") lower
 * the confidence; asking for a reversal ("urged X to abandon Y", "called for the levy to be scrapped") is being
 * against its object; coordinated holders and targets give one stance each.
 *
 * <p>Only sentences holding a predicate lemma are parsed. Every tag records its rule in {@code method}
 * ({@code stance.<pos>.<frame>}). Thread-safe: the lexicon and the knowledge base are read-only.
 */
public final class StanceStage implements Stage {

    public static final String NAME = "stances";
    /** The bundled topic lexicon ({@code lexicon/topics.tsv}): topic key → aliases. */
    public static final Map<String, List<String>> DEFAULT_TOPICS =
            StanceLexicon.of(Lexicons.bundled()).topics();

    private static final int MAX_TARGET_TOKENS = 8;
    /** Longest mention looked back for when finding the mention that covers a token. */
    private static final int MAX_MENTION_CHARS = 300;
    private static final double CONFIDENCE_ENTITY = 0.8;
    private static final double CONFIDENCE_TOPIC = 0.7;
    private static final double CONFIDENCE_WEAK = 0.5;
    /** UD relations whose subtrees never belong to a target phrase (grammar, not vocabulary). */
    /** Penn tags a target phrase may not end with: prepositions, conjunctions, determiners, "to", possessives. */
    private static final Set<String> FUNCTION_TAGS = Set.of("IN", "CC", "DT", "TO", "POS", "PRP$", "WDT");
    /** The criticism an excess of some quality states ("too slow"): see {@code Analysis.excessive}. */
    private static final Predicate EXCESS = new Predicate("too", Pos.ADJ, Polarity.AGAINST, List.of("excess"),
            HolderSlot.SPEAKER, 0);
    /** What a speaker says should be done ("X said the council should scrap the fee"): see {@code Analysis.obligation}. */
    private static final Predicate OBLIGATION = new Predicate("should", Pos.VERB, Polarity.FAVOR, List.of("obligation"),
            HolderSlot.SPEAKER, 0);
    /** The longest quotation read as scare quotes around a phrase, in characters. */
    private static final int SCARE_QUOTE_CHARS = 40;
    /** Penn tags of verb forms that do not continue a to-infinitive ("to stay calm and called for …"). */
    private static final Set<String> NOT_INFINITIVE = Set.of("VBD", "VBZ", "VBP", "VBN");
    private static final Set<String> EXCLUDED_IN_PHRASE = Set.of("acl:relcl", "appos", "parataxis", "advcl", "dep",
            "discourse", "obl:tmod", "nmod:tmod", "conj", "cc", "vocative", "list", "orphan");

    private final StanceLexicon lexicon;
    private final Set<String> determiners;
    private final Set<String> firstPerson;
    private final Set<String> thirdPerson;
    private final Set<String> emptyTargets;
    private final Set<String> stanceContainers;
    private final Set<String> lightActs;
    private final Set<String> circumstances;
    private final Set<String> media;
    private final Set<String> governments;
    private final Set<String> receiving;
    private final Set<String> pairPersons;
    private final Set<String> agents;
    private final Set<String> subjectControl;
    private final Set<String> pairCountries;
    private final Map<String, KbCountry> demonyms;
    private final Map<String, List<String>> topics;
    private final Pattern topicPattern;
    private final Map<String, KbCountry> capitals;
    private final Map<String, String> metonyms;
    private final Set<String> countries;

    /** The stage with the bundled lexicons, topics and knowledge base. */
    public StanceStage() {
        this(DEFAULT_TOPICS);
    }

    /** A stage with its own topic lexicon (topic key → aliases). */
    public StanceStage(Map<String, List<String>> topics) {
        this(StanceLexicon.of(Lexicons.bundled()), topics, KnowledgeBase.bundled());
    }

    /** A stage over the given lexicon, topics and knowledge base (capitals standing for their governments). */
    public StanceStage(StanceLexicon lexicon, Map<String, List<String>> topics, KnowledgeBase kb) {
        this.lexicon = lexicon;
        this.determiners = lexicon.wordClass("determiner");
        this.firstPerson = lexicon.wordClass("first-person");
        this.thirdPerson = lexicon.wordClass("third-person");
        this.emptyTargets = lexicon.wordClass("empty-target");
        this.stanceContainers = lexicon.wordClass("stance-container");
        this.lightActs = lexicon.wordClass("light-act");
        this.circumstances = lexicon.wordClass("circumstance");
        this.media = lexicon.wordClass("medium");
        this.governments = lexicon.wordClass("government");
        this.receiving = lexicon.wordClass("receiving");
        this.pairPersons = lexicon.wordClass("pair-person");
        this.agents = lexicon.wordClass("agent");
        this.subjectControl = lexicon.wordClass("subject-control");
        this.pairCountries = lexicon.wordClass("pair-country");
        this.topics = Map.copyOf(topics);
        List<String> aliases = new ArrayList<>();
        topics.values().forEach(aliases::addAll);
        aliases.sort((a, b) -> b.length() - a.length());
        this.topicPattern = Pattern.compile("\\b(" + String.join("|", aliases.stream().map(Pattern::quote).toList())
                + ")\\b", Pattern.CASE_INSENSITIVE);
        Map<String, KbCountry> caps = new HashMap<>();
        Set<String> countries = new HashSet<>();
        Map<String, KbCountry> dems = new HashMap<>();
        for (KbCountry c : kb.countries()) {
            for (String capital : c.capitals()) {
                caps.putIfAbsent(capital.toLowerCase(Locale.ROOT), c);
                int comma = capital.indexOf(',');
                if (comma > 0) {
                    caps.putIfAbsent(capital.substring(0, comma).strip().toLowerCase(Locale.ROOT), c);
                }
            }
            for (String demonym : c.demonyms()) {
                dems.putIfAbsent(demonym.toLowerCase(Locale.ROOT), c);
            }
            countries.add(c.name().toLowerCase(Locale.ROOT));
            if (c.qid() != null) {
                countries.add(c.qid());
            }
        }
        for (String place : lexicon.metonyms().keySet()) {
            caps.remove(place);
        }
        this.capitals = Map.copyOf(caps);
        this.metonyms = lexicon.metonyms();
        this.countries = Set.copyOf(countries);
        this.demonyms = Map.copyOf(dems);
    }

    /**
     * Reads a topic lexicon from a YAML ({@code .yaml}/{@code .yml}) or JSON file: a map from topic key to its
     * aliases, e.g. {@code ceasefire: [ceasefire, cease-fire, truce]}. Aliases match case-insensitively at word
     * boundaries; the key is reported as the target ({@code topic:<key>}).
     */
    public static Map<String, List<String>> loadTopics(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        Map<String, List<String>> topics;
        try {
            topics = mapper.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, List<String>>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid stance topic lexicon " + file + ": " + e.getMessage(), e);
        }
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("stance topic lexicon " + file + " is empty");
        }
        Map<String, List<String>> clean = new LinkedHashMap<>();
        topics.forEach((key, aliases) -> {
            if (aliases == null || aliases.isEmpty() || aliases.stream().anyMatch(a -> a == null || a.isBlank())) {
                throw new IllegalArgumentException("topic '" + key + "' in " + file + " needs non-blank aliases");
            }
            clean.put(key.strip().toLowerCase(Locale.ROOT),
                    aliases.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList());
        });
        return clean;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT, Capability.ENTITIES, Capability.QUOTES);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.STANCES);
    }

    @Override
    public Document apply(Document document) {
        TextLayer layer = document.layer(Field.BODY);
        List<Located> mentions = BodyMentions.of(document,
                Set.of(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION));
        Analysis a = new Analysis(document, layer, mentions);
        StanceBudget budget = new StanceBudget(lexicon, layer);
        for (Sentence s : layer.sentences()) {
            Deadline.check();
            if (budget.admit(s)) {
                a.sentence(s);
            }
        }
        budget.report(document.id());
        List<Document.Stance> all = new ArrayList<>(document.stances());
        all.addAll(a.out.values());
        return document.withStances(all);
    }

    /** A holder or an entity target: the entity, or a country standing in for its capital. */
    private record Ref(String id, String name, Entity entity) {
    }

    /** A target found in a frame slot. */
    private record Target(Ref entity, String phrase, int firstToken, int lastToken, boolean flip) {
    }

    /** The work on one document. Not thread-safe; one per call. */
    private final class Analysis {
        private final Document doc;
        private final TextLayer layer;
        private final String text;
        private final List<Located> mentions;
        private final List<Located> persons;
        private final Map<String, Document.Stance> out = new LinkedHashMap<>();
        private Sentence s;
        private DependencyParse p;
        /** Per sentence: a noun and the phrase the parser made a sibling though it is the noun's apposition. */
        private final Map<Integer, Integer> looseAppositions = new HashMap<>();

        Analysis(Document doc, TextLayer layer, List<Located> mentions) {
            this.doc = doc;
            this.layer = layer;
            this.text = layer.text();
            this.mentions = mentions;
            this.persons = mentions.stream().filter(m -> m.entity().type() == EntityType.PERSON).toList();
        }

        void sentence(Sentence sentence) {
            this.s = sentence;
            this.p = null;
            this.looseAppositions.clear();
            if (question(sentence)) {
                // "Do you trust the president?": a question states no stance
                return;
            }
            for (int i = 0; i < sentence.size(); i++) {
                if (predicate(i, false) != null || lexicon.obligation(lower(i))) {
                    p = layer.parse(sentence);
                    break;
                }
            }
            if (p == null) {
                return;
            }
            Set<String> before = new HashSet<>(out.keySet());
            for (int i = 0; i < sentence.size(); i++) {
                Predicate pr = predicate(i, true);
                if (pr != null) {
                    apply(i, pr);
                } else if (verb(i)) {
                    obligation(i);
                }
            }
            // a contrast inside one sentence ("I respect her, but she is wrong") leaves the view open
            Map<String, List<String>> byPair = new HashMap<>();
            for (String key : out.keySet()) {
                if (!before.contains(key)) {
                    byPair.computeIfAbsent(key.substring(0, key.lastIndexOf('|')), k -> new ArrayList<>()).add(key);
                }
            }
            byPair.values().stream().filter(keys -> keys.size() > 1).forEach(keys -> keys.forEach(out::remove));
        }

        private boolean question(Sentence sentence) {
            for (int i = sentence.size() - 1; i >= 0; i--) {
                String w = layer.tokens().get(sentence.firstToken() + i).text();
                if (!w.isEmpty() && Character.isLetterOrDigit(w.charAt(0))) {
                    return false;
                }
                if (w.equals("?")) {
                    return true;
                }
            }
            return false;
        }

        // ---- token access

        private int g(int i) {
            return s.firstToken() + i;
        }

        private String word(int i) {
            return layer.tokens().get(g(i)).text();
        }

        private String lower(int i) {
            return word(i).toLowerCase(Locale.ROOT);
        }

        private String lemma(int i) {
            return layer.lemma(g(i));
        }

        private String tag(int i) {
            return layer.pos(g(i));
        }

        private boolean verb(int i) {
            return tag(i).startsWith("VB");
        }

        private int startOf(int i) {
            return layer.tokens().get(g(i)).start();
        }

        private int endOf(int i) {
            return layer.tokens().get(g(i)).end();
        }

        private boolean rel(int i, String r) {
            String x = p.relation(i);
            return x.equals(r) || x.startsWith(r + ":");
        }

        private List<Integer> kids(int i, String... rels) {
            List<Integer> outKids = new ArrayList<>();
            for (int j = 0; j < p.size(); j++) {
                if (p.head(j) == i) {
                    for (String r : rels) {
                        if (p.relation(j).equals(r)) {
                            outKids.add(j);
                            break;
                        }
                    }
                }
            }
            return outKids;
        }

        private String caseOf(int i) {
            for (int c : kids(i, "case", "mark")) {
                return lower(c);
            }
            return "";
        }

        // ---- predicates

        /** The predicate at word i, or null; {@code withParse} also finds verb-particle predicates. */
        private Predicate predicate(int i, boolean withParse) {
            String t = tag(i);
            if (t.startsWith("VB")) {
                if (withParse) {
                    for (int c : kids(i, "compound:prt", "advmod")) {
                        if (rel(c, "advmod") && c != i + 1) {
                            continue; // a particle the parser took for an adverb sits right after its verb ("hit back at")
                        }
                        Predicate phrasal = lexicon.predicate(lemma(i) + " " + lower(c), Pos.VERB);
                        if (phrasal != null) {
                            return phrasal;
                        }
                    }
                }
                if (!withParse && lexicon.phrasalHead(lemma(i))) {
                    return lexicon.predicate(lexicon.phrasalOf(lemma(i)), Pos.VERB);
                }
                Predicate v = lexicon.predicate(lemma(i), Pos.VERB);
                if (withParse && t.equals("VBN") && (!kids(i, "aux:pass").isEmpty() || !kids(i, "cop").isEmpty())) {
                    Predicate adjective = lexicon.predicate(lower(i), Pos.ADJ);
                    if (adjective != null) {
                        return adjective;
                    }
                }
                if (v != null && (!withParse || !rel(i, "amod"))) {
                    return v;
                }
                if (t.equals("VBN") || t.equals("VBD")) {
                    return lexicon.predicate(lower(i), Pos.ADJ);
                }
                return null;
            }
            if (t.startsWith("NN") && !t.startsWith("NNP")) {
                return lexicon.predicate(lemma(i), Pos.NOUN);
            }
            if (t.startsWith("JJ")) {
                Predicate adjective = lexicon.predicate(lower(i), Pos.ADJ);
                if (adjective == null && excessive(i, withParse)) {
                    return EXCESS;
                }
                return adjective;
            }
            return null;
        }

        /**
         * "X has been too slow", "overly cautious": an adjective under a word of class {@code excess} criticises its
         * subject; not when a clause follows ("too early to say", "too close to call").
         */
        private boolean excessive(int i, boolean withParse) {
            if (!withParse) {
                return i > 0 && lexicon.excessDegree(lower(i - 1));
            }
            boolean degree = false;
            for (int c : kids(i, "advmod")) {
                degree |= lexicon.excessDegree(lower(c));
            }
            return degree && kids(i, "xcomp", "ccomp", "advcl").isEmpty();
        }

        /**
         * "X said the council should scrap the fee", "“We must reopen the border,” X said", "X said Chile needs to
         * act": an act the speaker of a quote or of the reporting verb says someone should do is FAVOR that act
         * (with its doer unless that is the speaker's own "we"), or AGAINST what it would scrap; "should not" flips
         * it. Only in reported speech or a quote, and not for a stance verb, which states its own stance ("should
         * back the plan").
         */
        private void obligation(int v) {
            int modal = obligationModal(v);
            int clause = modal >= 0 && rel(v, "xcomp") && p.head(v) == modal ? modal : v;
            if (modal < 0 || tag(v).equals("VBG") || kids(v, "obj", "obl", "xcomp", "ccomp").isEmpty()
                    || kids(v, "aux").stream().anyMatch(a -> lemma(a).equals("have"))) {
                // "should be saying", a bare "must act" or a past "should have been raised" names no act to back
                return;
            }
            List<Ref> holders = speaker(clause);
            if (holders.isEmpty()) {
                return;
            }
            List<Target> found = new ArrayList<>();
            List<Integer> subjects = kids(clause, "nsubj");
            if (subjects.isEmpty() && rel(clause, "conj") && p.head(clause) >= 0) {
                subjects = kids(p.head(clause), "nsubj"); // "X is a criminal and must face justice": X must
            }
            if (lexicon.reversalVerb(lemma(v)) || subjects.isEmpty() || firstPerson.contains(lower(subjects.get(0)))
                    || thirdPerson.contains(lower(subjects.get(0)))) {
                act(v, found);
                found.removeIf(t -> t.entity() == null && t.phrase().split(" ").length < 2);
            } else {
                Set<Integer> skip = actSkips(v);
                skip.addAll(subjects);
                List<Integer> deedWords = kept(v, skip);
                String subject = phraseText(subjects.get(0), Set.of());
                String deed = deedWords.size() < 2 ? null : render(deedWords, v);
                if (subject != null && deed != null) {
                    found.add(new Target(null, subject + " " + deed, Math.min(subjects.get(0), v),
                            deedWords.get(deedWords.size() - 1), false));
                }
            }
            boolean negated = negated(v);
            for (Target t : found) {
                Polarity pol = negated ^ t.flip() ? Polarity.AGAINST : Polarity.FAVOR;
                for (Ref h : holders) {
                    emit(h, t, pol, modal, negated, "stance.modal.obligation" + (t.flip() ? ".reversal" : ""),
                            OBLIGATION);
                }
            }
        }

        /**
         * The modal of class {@code obligation} governing verb v ("should scrap", "must reopen"), or the verb "need"
         * v is the to-infinitive of ("needs to act": its subject and speech are the modal's); -1 when there is none or
         * it is negated "need" ("does not need to act" says nothing against acting).
         */
        private int obligationModal(int v) {
            for (int a : kids(v, "aux")) {
                if (lexicon.obligation(lower(a))) {
                    return a;
                }
            }
            if (rel(v, "xcomp") && p.head(v) >= 0 && lexicon.obligation(lower(p.head(v)))
                    && kids(v, "mark").stream().anyMatch(m -> lower(m).equals("to")) && !negated(p.head(v))) {
                return p.head(v);
            }
            return -1;
        }

        private void apply(int i, Predicate pr) {
            if (received(i, pr)) {
                return;
            }
            boolean adjectival = pr.pos() == Pos.ADJ;
            List<String> frames = adjectival && pr.holder() == HolderSlot.SPEAKER && pr.frames().contains("nsubj")
                    ? append(pr.frames(), "amod") : pr.frames();
            for (String frame : frames) {
                List<Target> targets = targets(i, pr, frame);
                if (targets.isEmpty()) {
                    continue;
                }
                // "X said the council should scrap the fee": the one who says what should be done holds it
                int modal = pr.pos() == Pos.VERB && pr.holder() == HolderSlot.SUBJECT ? obligationModal(i) : -1;
                List<Ref> obliging = modal < 0 ? List.of() : speaker(modal == p.head(i) ? modal : i);
                List<Ref> holders = !obliging.isEmpty() ? obliging
                        : pr.holder() == HolderSlot.SUBJECT ? holders(i, pr, adjectival)
                        : smallClause(i) >= 0 ? resolveSubject(smallClause(i)) : List.of();
                if (holders.isEmpty() && pr.holder() == HolderSlot.SPEAKER) {
                    // "X said the ruling held Y accountable": no named subject, so the one who says it
                    holders = speaker(i);
                }
                if (holders.isEmpty() && pr.pos() != Pos.VERB && pr.holder() == HolderSlot.SUBJECT
                        && !hasSubject(i)) {
                    holders = speaker(i);
                }
                if (holders.isEmpty()) {
                    return;
                }
                // "withdrew its support for X", "dropped its objection to X": undoing the stance noun reverses it
                boolean undone = pr.pos() == Pos.NOUN && rel(i, "obj") && p.head(i) >= 0
                        && lexicon.reversalVerb(lemma(p.head(i)));
                // "rejected calls for a ceasefire", "backed demands for elections": the verb's stance on the noun
                Predicate outer = undone ? null : outerStance(i, pr);
                boolean opposed = outer != null && (outer.polarity() == Polarity.AGAINST ^ negated(p.head(i)));
                if (outer != null && opposesHostileNoun(outer, p.head(i), pr)) {
                    return;  // the verb holds a stance on the whole phrase instead (objectTargets)
                }
                boolean negated = negated(i) ^ undone ^ opposed;
                boolean hedged = hedged(i) || outer != null && hedged(p.head(i));
                String method = "stance." + pr.pos().name().toLowerCase(Locale.ROOT) + "." + frame
                        + (undone ? ".undone" : "") + (outer != null ? ".in-object" : "")
                        + (!obliging.isEmpty() ? ".obligation" : "");
                for (Target t : targets) {
                    Polarity pol = pr.polarity();
                    if (negated ^ t.flip()) {
                        pol = opposite(pol);
                    }
                    for (Ref h : holders) {
                        emit(h, t, pol, i, hedged || negated,
                                method + (t.flip() && !frame.equals("label") ? ".reversal" : ""), pr);
                    }
                }
                return;
            }
        }

        /**
         * The stance verb (not a light verb) whose object is the stance noun at i, when that noun has an argument of
         * its own ("rejected [calls for a ceasefire]"), else null.
         */
        private Predicate outerStance(int i, Predicate pr) {
            if (pr.pos() != Pos.NOUN || !rel(i, "obj") || p.head(i) < 0 || !verb(p.head(i))
                    || lexicon.lightVerb(lemma(p.head(i)))) {
                return null;
            }
            Predicate v = lexicon.predicate(lemma(p.head(i)), Pos.VERB);
            return v != null && v.frames().contains("obj") && hasArgument(i, pr) ? v : null;
        }

        /**
         * True when the stance noun at i has a target in one of its frames other than "of" and no possessor of its own
         * ("rejected Ukraine's proposal for a summit" is a stance on the proposal; the proposal is Ukraine's).
         */
        private boolean hasArgument(int i, Predicate pr) {
            if (!kids(i, "nmod:poss").isEmpty()) {
                return false;
            }
            for (String frame : pr.frames()) {
                if (!frame.equals("obj") && !frame.equals("prep:of") && !targets(i, pr, frame).isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * "X won the backing of Y", "the plan drew criticism from Y": a stance noun that is the object of a verb of
         * class {@code receiving} is held by its of/from phrase and aims at the verb's subject. True when it applied.
         */
        private boolean received(int i, Predicate pr) {
            if (pr.pos() != Pos.NOUN || !rel(i, "obj") || p.head(i) < 0 || !receiving.contains(lemma(p.head(i)))) {
                return false;
            }
            List<Ref> holders = new ArrayList<>();
            for (int c : kids(i, "nmod")) {
                if (caseOf(c).equals("of") || caseOf(c).equals("from")) {
                    holders.addAll(resolve(c));
                }
            }
            for (int c : kids(p.head(i), "obl")) {
                // "drew criticism | from X": the parser may hang the source on the verb
                if (c > i && caseOf(c).equals("from")) {
                    holders.addAll(resolve(c));
                }
            }
            int subject = subjectOf(p.head(i));
            if (holders.isEmpty() || subject < 0) {
                return false;
            }
            List<Target> targets = new ArrayList<>();
            addPhrase(subject, false, targets);
            Polarity pol = negated(i) || negated(p.head(i)) ? opposite(pr.polarity()) : pr.polarity();
            for (Target t : targets) {
                for (Ref h : holders) {
                    emit(h, t, pol, i, hedged(p.head(i)), "stance.noun.received", pr);
                }
            }
            return !targets.isEmpty();
        }

        /** The subject word of verb v, climbing through control and coordination ("continues to receive"), or -1. */
        private int subjectOf(int v) {
            for (int steps = 0; steps < 4 && v >= 0; steps++) {
                List<Integer> subj = kids(v, "nsubj");
                if (!subj.isEmpty()) {
                    return subj.get(0);
                }
                if (!(rel(v, "xcomp") || rel(v, "conj"))) {
                    return -1;
                }
                v = p.head(v);
            }
            return -1;
        }

        /**
         * The verb that makes the adjective or noun at i a small clause it does not report: "held X accountable",
         * "found the minister guilty" (the verb's subject holds the evaluation); -1 otherwise.
         */
        private int smallClause(int i) {
            int h = p.head(i);
            return rel(i, "xcomp") && h >= 0 && verb(h) && !lexicon.speechVerb(lemma(h))
                    && lexicon.predicate(lemma(h), Pos.VERB) == null
                    && (!kids(i, "nsubj").isEmpty() || !smallClauseSubjects(i).isEmpty()) ? h : -1;
        }

        /** What a small clause's predicate at i is said of, hung by the parser on the verb ("held [X] accountable"). */
        private List<Integer> smallClauseSubjects(int i) {
            List<Integer> subjects = new ArrayList<>();
            for (int o : kids(p.head(i), "obj", "iobj", "obl:npmod", "nsubj:pass")) {
                if (o < i) {
                    subjects.add(o);
                }
            }
            return subjects;
        }

        private List<Ref> resolveSubject(int v) {
            int subject = subjectOf(v);
            return subject < 0 ? List.of() : resolve(subject);
        }

        private void emit(Ref holder, Target t, Polarity pol, int pred, boolean weak, String method, Predicate pr) {
            if (t.entity() != null && t.entity().id().equals(holder.id())) {
                return;
            }
            String targetId;
            String targetName;
            TargetType type;
            double confidence;
            if (t.entity() != null) {
                targetId = t.entity().id();
                targetName = t.entity().name();
                type = TargetType.ENTITY;
                confidence = CONFIDENCE_ENTITY;
            } else {
                Matcher m = topicPattern.matcher(t.phrase());
                targetName = t.phrase();
                targetId = m.find() ? "topic:" + topicKey(m.group(1)) : "topic:" + slug(t.phrase());
                type = TargetType.TOPIC;
                confidence = CONFIDENCE_TOPIC;
            }
            if (weak) {
                confidence = CONFIDENCE_WEAK;
            }
            int from = Math.min(startOf(pred), startOf(t.firstToken()));
            int to = Math.max(endOf(pred), endOf(t.lastToken()));
            String key = holder.id() + "|" + targetId + "|" + pol;
            out.putIfAbsent(key, new Document.Stance(holder.id(), holder.name(), targetId, targetName, type, pol,
                    confidence, Field.BODY, from, to, text.substring(from, to), pr.lemma(), method));
        }

        // ---- targets

        private List<Target> targets(int i, Predicate pr, String frame) {
            List<Target> found = new ArrayList<>();
            switch (frame) {
                case "obj" -> objectTargets(i, pr, found);
                case "xcomp" -> {
                    List<Integer> acts = new ArrayList<>(kids(i, "xcomp"));
                    if (pr.pos() == Pos.NOUN) {
                        // "a pledge to destroy X": the noun's infinitive, or one the parser hung on its light verb
                        for (int a : kids(i, "acl")) {
                            if (kids(a, "mark").stream().anyMatch(m -> lower(m).equals("to"))) {
                                acts.add(a);
                            }
                        }
                        if (rel(i, "obj") && p.head(i) >= 0 && lexicon.lightVerb(lemma(p.head(i)))) {
                            kids(p.head(i), "xcomp").stream().filter(x -> x > i).forEach(acts::add);
                        }
                    }
                    for (int x : acts) {
                        if (verb(x)) {
                            act(x, found);
                        }
                    }
                }
                case "obj-xcomp" -> askedToAct(i, found);
                case "ccomp" -> {
                    for (int c : kids(i, "ccomp")) {
                        if (verb(c) && lexicon.reversalVerb(lemma(c))
                                && !kids(c, "obj", "aux:pass").isEmpty()) {
                            // "demanded that the levy be scrapped": against the levy
                            act(c, found);
                        } else {
                            addPhrase(c, false, found);
                        }
                    }
                }
                case "nsubj", "excess" -> {
                    boolean passiveAdjective = pr.pos() == Pos.ADJ && tag(i).equals("VBN") && kids(i, "cop").isEmpty()
                            && !kids(i, "aux:pass").isEmpty();
                    if (!kids(i, "cop").isEmpty() || rel(i, "xcomp") || passiveAdjective) {
                        // "X is necessary", "X seems reckless", "X is no longer needed"
                        List<Integer> subjects = passiveAdjective ? kids(i, "nsubj:pass") : kids(i, "nsubj");
                        if (subjects.isEmpty() && smallClause(i) >= 0) {
                            // "held [X] accountable": the parser may hang X on the verb
                            subjects = smallClauseSubjects(i);
                        } else if (subjects.isEmpty() && rel(i, "xcomp") && verb(p.head(i))
                                && lexicon.predicate(lemma(p.head(i)), Pos.VERB) == null) {
                            // "[X] remains the greatest threat", "[X] seems reckless": the verb's subject
                            subjects = kids(p.head(i), "nsubj");
                        }
                        for (int n : subjects) {
                            addPhrase(n, false, found);
                        }
                    }
                    if (frame.equals("excess")) {
                        found.removeIf(t -> t.entity() == null);
                    }
                }
                case "label" -> label(i, pr, found);
                case "amod" -> {
                    // "the “unconstitutional” martial law", an evaluation in scare quotes: the noun it describes
                    boolean marked = i > 0 && isQuoteMark(i - 1) || i + 1 < s.size() && isQuoteMark(i + 1);
                    // inside a short quoted phrase ("made “multiple inappropriate statements”"): entity targets only
                    boolean quoted = marked || scareQuoted(i);
                    // "the “wrongful and dangerous” remarks": a coordinated adjective describes the same noun
                    int a = rel(i, "conj") && p.head(i) >= 0 && rel(p.head(i), "amod") ? p.head(i) : i;
                    int n = p.head(a);
                    if (rel(a, "amod") && quoted && n >= 0 && tag(n).startsWith("NN")
                            && kids(n, "cop", "nsubj").isEmpty()) {
                        Set<Integer> skip = new HashSet<>(kids(a, "conj"));
                        skip.add(a);
                        addPhrase(n, false, found, skip);
                        if (!marked) {
                            found.removeIf(t -> t.entity() == null);
                        }
                    }
                }
                default -> {
                    String prep = frame.substring("prep:".length());
                    // a noun's argument may hang on its light verb ("took a swipe | at the party")
                    int lightVerb = pr.pos() == Pos.NOUN && rel(i, "obj") && p.head(i) >= 0
                            && lexicon.lightVerb(lemma(p.head(i))) ? p.head(i) : -2;
                    for (int c = 0; c < p.size(); c++) {
                        if ((p.head(c) == i || p.head(c) == lightVerb && c > i) && (rel(c, "obl") || rel(c, "nmod") || rel(c, "advcl")
                                || p.relation(c).equals("acl"))
                                && caseOf(c).equals(prep)) {
                            String ct = tag(c);
                            if (!(ct.startsWith("NN") || ct.startsWith("PRP") || ct.equals("CD") || ct.equals("VBG"))) {
                                continue;
                            }
                            if (ct.startsWith("NN") && lexicon.reversalVerb(lemma(c))
                                    && lexicon.predicate(lemma(c), Pos.NOUN) != null) {
                                // "called for an end to X": the reversal noun states the stance on X itself
                                break;
                            }
                            addPhrase(c, false, found);
                            break;
                        }
                    }
                }
            }
            return found;
        }

        private void objectTargets(int i, Predicate pr, List<Target> found) {
            if (pr.pos() == Pos.NOUN) {
                for (int c : kids(i, "nmod")) {
                    if (caseOf(c).equals("of")) {
                        addPhrase(c, false, found);
                    }
                }
                return;
            }
            boolean passive = !kids(i, "aux:pass").isEmpty() || !kids(i, "nsubj:pass").isEmpty();
            if (passive) {
                for (int n : kids(i, "nsubj:pass")) {
                    addPhrase(n, false, found);
                }
                return;
            }
            if (rel(i, "acl") && tag(i).equals("VBN") && kids(i, "aux", "nsubj").isEmpty()) {
                addPhrase(p.head(i), false, found, Set.of(i));
                return;
            }
            List<Integer> objects = kids(i, "obj");
            if (objects.isEmpty()) {
                // "defended [the former dictator] [X]": the parser's iobj for a lone object
                objects = kids(i, "iobj");
            }
            for (int k = 1; k < objects.size(); k++) {
                // "demanded an end to the group, the X": a second object after a comma names the noun before it
                int o = objects.get(k);
                int first = p.subtree(o)[0];
                if (first > 1 && word(first - 1).equals(",") && tag(first - 2).startsWith("NN")) {
                    looseAppositions.put(first - 2, o);
                    objects.remove(k--);
                }
            }
            for (int o : objects) {
                Predicate noun = tag(o).startsWith("NN") ? lexicon.predicate(lemma(o), Pos.NOUN) : null;
                boolean carried = noun != null && (lexicon.lightVerb(lemma(i)) || lexicon.reversalVerb(lemma(o))
                        || pr.pos() == Pos.VERB && hasArgument(o, noun) && !opposesHostileNoun(pr, i, noun));
                if (carried || stanceContainers.contains(lemma(o))) {
                    continue;
                }
                addPhrase(o, false, found);
            }
            if (found.isEmpty()) {
                for (int c : kids(i, "ccomp", "xcomp")) {
                    if (tag(c).equals("VBG")) {
                        act(c, found);
                    }
                }
            }
        }

        /**
         * "would not support new sanctions against X", "opposed the ban on X": opposing a hostile measure is a stance
         * on the measure, not one for X, so the verb's object phrase is the target and the noun's own target is left
         * alone. (Backing or rejecting a call for X still composes: "rejected calls for X" is against X.)
         */
        private boolean opposesHostileNoun(Predicate verbPr, int verbAt, Predicate noun) {
            return noun.polarity() == Polarity.AGAINST && (verbPr.polarity() == Polarity.AGAINST ^ negated(verbAt));
        }

        /** "to raise taxes": the act, or, for a reversal verb with an object, that object (flipped). */
        private void act(int x, List<Target> found) {
            if (lexicon.reversalVerb(lemma(x))) {
                List<Integer> objs = kids(x, "obj");
                if (!objs.isEmpty()) {
                    for (int o : objs) {
                        addPhrase(o, true, found);
                    }
                    return;
                }
                if (!kids(x, "aux:pass").isEmpty()) {
                    for (int n : kids(x, "nsubj:pass")) {
                        addPhrase(n, true, found);
                    }
                    return;
                }
            }
            Set<Integer> skip = actSkips(x);
            skip.addAll(kids(x, "nsubj"));
            if (lightActs.contains(lemma(x)) && kept(x, skip).size() <= 2) {
                return;
            }
            List<Integer> kept = kept(x, skip);
            String phrase = kept.isEmpty() ? null : render(kept, x);
            if (phrase != null) {
                found.add(new Target(null, phrase, kept.get(0), kept.get(kept.size() - 1), false));
            }
        }

        /** Words an act phrase leaves out: its "to", auxiliaries and circumstances ("during a visit"). */
        private Set<Integer> actSkips(int x) {
            Set<Integer> skip = new HashSet<>(kids(x, "mark", "aux", "aux:pass", "advmod"));
            for (int c : kids(x, "obl", "advcl")) {
                if (circumstances.contains(caseOf(c))) {
                    skip.add(c);
                }
            }
            return skip;
        }

        /** "urged Japan to reflect", "called on the government to act", "X to be scrapped". */
        private void askedToAct(int i, List<Target> found) {
            List<Integer> who = new ArrayList<>(kids(i, "obj"));
            for (int c : kids(i, "obl")) {
                if (caseOf(c).equals("on") || caseOf(c).equals("upon")) {
                    who.add(c);
                }
            }
            List<Integer> acts = new ArrayList<>(kids(i, "xcomp"));
            for (int c : kids(i, "advcl", "ccomp", "acl")) {
                if (caseOf(c).equals("to") || caseOf(c).equals("for")) {
                    acts.add(c);
                }
            }
            for (int x : acts) {
                if (!verb(x)) {
                    continue;
                }
                boolean passive = !kids(x, "aux:pass").isEmpty();
                if (lexicon.reversalVerb(lemma(x))) {
                    if (passive) {
                        List<Integer> subj = kids(x, "nsubj:pass");
                        for (int n : subj.isEmpty() ? who : subj) {
                            addPhrase(n, true, found);
                        }
                        return;
                    }
                    act(x, found);
                    return;
                }
                if (who.isEmpty()) {
                    act(x, found);
                    continue;
                }
                Set<Integer> skip = actSkips(x);
                int first = Math.min(p.subtree(who.get(0))[0], x);
                int last = Math.max(p.subtree(x)[1], who.get(0));
                String subject = phraseText(who.get(0), Set.of());
                List<Integer> deedWords = kept(x, skip);
                String deed = deedWords.isEmpty() ? null : render(deedWords, x);
                if (subject != null && deed != null) {
                    found.add(new Target(null, subject + " " + deed, first, last, false));
                }
            }
        }

        /** "called Maduro a dictator", "described the plan as reckless": polarity from the label's words. */
        private void label(int i, Predicate pr, List<Target> found) {
            List<Integer> labels = new ArrayList<>(kids(i, "xcomp"));
            List<Integer> objs = new ArrayList<>(kids(i, "obj"));
            if (!kids(i, "iobj").isEmpty() && !objs.isEmpty()) {
                // "calling [him] [a sociopath]" parsed as two objects: the first is named, the second names it
                labels.addAll(objs);
                objs = new ArrayList<>(kids(i, "iobj"));
            }
            if (objs.isEmpty()) {
                // a small clause: "called [X a liar]" parses X as the subject of the label
                for (int l : labels) {
                    objs.addAll(kids(l, "nsubj"));
                }
            }
            if (objs.isEmpty()) {
                return;
            }
            for (int k = 0; k < objs.size(); k++) {
                // "rejected the offer, calling it “delusional”": "it" is what the clause's verb acted on
                if (lower(objs.get(k)).equals("it") && tag(i).equals("VBG") && i > 0 && word(i - 1).equals(",")) {
                    int up = verbAtOrAbove(p.head(i));
                    List<Integer> acted = up < 0 ? List.of() : kids(up, "obj");
                    if (acted.size() == 1 && acted.get(0) < i) {
                        objs.set(k, acted.get(0));
                    }
                }
            }
            for (int c : kids(i, "obl", "advcl")) {
                if (caseOf(c).equals("as")) {
                    labels.add(c);
                }
            }
            if (labels.isEmpty()) {
                // "calling X “rude and ignorant”": the parser may leave the label loose after the object
                for (int o : objs) {
                    int[] span = p.subtree(o);
                    for (int d = o + 1; d <= span[1]; d++) {
                        if (rel(d, "dep") && (tag(d).startsWith("JJ") || tag(d).startsWith("NN"))) {
                            labels.add(d);
                        }
                    }
                }
            }
            for (int l : labels) {
                Polarity pol = labelPolarity(l);
                if (pol == null) {
                    continue;
                }
                for (int o : objs) {
                    List<Target> t = new ArrayList<>();
                    addPhrase(o, false, t);
                    for (Target x : t) {
                        found.add(new Target(x.entity(), x.phrase(), Math.min(x.firstToken(), l),
                                Math.max(x.lastToken(), p.subtree(l)[1]), pol != pr.polarity()));
                    }
                }
                return;
            }
        }

        private Polarity labelPolarity(int l) {
            int[] span = p.subtree(l);
            int favor = 0;
            int against = 0;
            for (int k = span[0]; k <= span[1]; k++) {
                Predicate e = lexicon.predicate(lemma(k), Pos.ADJ);
                if (e == null) {
                    e = lexicon.predicate(lower(k), Pos.ADJ);
                }
                if (e == null && tag(k).startsWith("NN")) {
                    e = lexicon.predicate(lemma(k), Pos.NOUN);
                }
                if (e == null || !e.frames().contains("nsubj")) {
                    continue;
                }
                if (e.polarity() == Polarity.FAVOR) {
                    favor++;
                } else {
                    against++;
                }
            }
            if (favor == against) {
                return null;
            }
            return favor > against ? Polarity.FAVOR : Polarity.AGAINST;
        }

        private void addPhrase(int head, boolean flip, List<Target> found) {
            addPhrase(head, flip, found, Set.of());
        }

        /** One target per conjunct of {@code head}: the entity it names, or its trimmed phrase. */
        private void addPhrase(int head, boolean flip, List<Target> found, Set<Integer> skip) {
            List<Integer> conjuncts = new ArrayList<>();
            conjuncts.add(head);
            if (!verb(head)) {
                conjuncts.addAll(kids(head, "conj"));
            }
            for (int h0 : conjuncts) {
                int h = h0;
                String w = lower(h);
                if ((tag(h).equals("WP") || tag(h).equals("WDT")) && relativeHead(h) >= 0) {
                    h = relativeHead(h);
                    w = lower(h);
                }
                if (w.equals("you") || w.equals("yourself") || lexicon.timeWord(lemma(h)) || tag(h).equals("CD")) {
                    continue;  // nor an amount ("fined X £105 million" parsed with the amount as object)
                }
                if (thirdPerson.contains(w)) {
                    Ref r = rel(h, "obj") || rel(h, "iobj") ? objectPronoun(h) : pronoun(h);
                    if (r != null) {
                        found.add(new Target(r, null, h, h, flip));
                    }
                    continue;
                }
                Ref entity = entityPhrase(h);
                if (entity == null && lexicon.attributeNoun(lemma(h))) {
                    entity = attributeOwner(h);
                }
                if (entity == null && tag(h).startsWith("NN") && !tag(h).startsWith("NNP")) {
                    entity = apposition(h);
                }
                if (entity != null) {
                    int[] span = p.subtree(h);
                    found.add(new Target(entity, null, span[0], span[1], flip));
                    continue;
                }
                if (emptyTargets.contains(lemma(h)) && kids(h, "nmod", "acl", "amod", "compound", "nmod:poss")
                        .isEmpty()) {
                    continue;
                }
                List<Integer> kept = kept(h, skip);
                if (kept.isEmpty()) {
                    continue;
                }
                String phrase = render(kept);
                if (phrase != null) {
                    found.add(new Target(null, phrase, kept.get(0), kept.get(kept.size() - 1), flip));
                }
            }
        }

        /**
         * Whose attribute an attribute noun names, when that is one person or organisation: "the remarks of the
         * minister", "remarks by the minister", "the minister's remarks" (a place's "role" or "leadership" stays a
         * topic), else null.
         */
        private Ref attributeOwner(int h) {
            for (int of : kids(h, "nmod")) {
                if (caseOf(of).equals("of") || caseOf(of).equals("by")) {
                    Ref r = entityPhrase(of);
                    if (r != null) {
                        return r;
                    }
                }
            }
            for (int poss : kids(h, "nmod:poss")) {
                Located m = mentionAt(poss);
                if (m != null && m.entity().type() != EntityType.LOCATION && kids(poss, "conj").isEmpty()) {
                    return ref(m);
                }
            }
            if (rel(h, "obj") && p.head(h) >= 0 && lexicon.lightVerb(lemma(p.head(h)))) {
                // "X had made “inappropriate statements”": the one who made them
                for (int n : kids(p.head(h), "nsubj")) {
                    Located m = mentionAt(n);
                    if (m != null && m.entity().type() != EntityType.LOCATION) {
                        return ref(m);
                    }
                }
            }
            return null;
        }

        /** True when word i lies in a short closed quotation around a phrase (scare quotes: "“multiple false claims”"). */
        private boolean scareQuoted(int i) {
            QuoteRegion q = layer.quoteAt(startOf(i));
            return q != null && q.closed() && q.close() - q.open() <= SCARE_QUOTE_CHARS;
        }

        /**
         * The entity a common noun is put in apposition with ("another armed group, the X", "the former dictator X",
         * "the mayor, Tom Reed"), or null.
         */
        private Ref apposition(int h) {
            List<Integer> candidates = new ArrayList<>(kids(h, "appos", "dep"));
            Integer loose = looseAppositions.get(h);
            if (loose != null) {
                candidates.add(loose);
            }
            for (int c : candidates) {
                if (c > h && tag(c).startsWith("NN") && !word(p.subtree(c)[0] - 1).equals("(")) {
                    Ref r = entityPhrase(c);
                    if (r != null) {
                        return r;
                    }
                }
            }
            return namedAfterComma(p.subtree(h)[1]);
        }

        /**
         * ", the X." right after a phrase ending at token {@code end}, whatever the parse: the entity X when its
         * mention closes the sentence or a parenthesis or comma follows it, else null.
         */
        private Ref namedAfterComma(int end) {
            int k = end + 1;
            if (k >= s.size() || !word(k).equals(",")) {
                return null;
            }
            k++;
            if (k < s.size() && determiners.contains(lower(k))) {
                k++;
            }
            if (k >= s.size()) {
                return null;
            }
            Located m = mentionAt(k);
            if (m == null || m.start() != startOf(k)) {
                return null;
            }
            int after = k;
            while (after < s.size() && startOf(after) < m.end()) {
                after++;
            }
            String next = after < s.size() ? word(after) : ".";
            return next.equals(".") || next.equals(",") || next.equals("(") || next.equals(";") ? ref(m) : null;
        }

        /** The noun a relative pronoun stands for ("the leader who was backed"), or -1. */
        private int relativeHead(int pronoun) {
            int clause = p.head(pronoun);
            return clause >= 0 && rel(clause, "acl:relcl") ? p.head(clause) : -1;
        }

        private String phraseText(int head, Set<Integer> skip) {
            Ref r = entityPhrase(head);
            if (r != null) {
                return r.name();
            }
            List<Integer> kept = kept(head, skip);
            return kept.isEmpty() ? null : render(kept);
        }

        /** The words of head's phrase: its subtree less clauses, appositions, conjuncts and time modifiers. */
        private List<Integer> kept(int head, Set<Integer> skip) {
            Set<Integer> dropped = new HashSet<>(skip);
            for (int j = 0; j < p.size(); j++) {
                if (!p.dominates(head, j) || j == head) {
                    continue;
                }
                boolean cut = EXCLUDED_IN_PHRASE.contains(p.relation(j)) && !betweenPair(j)
                        || ((rel(j, "obl") || rel(j, "advmod") || rel(j, "nmod") && !caseOf(j).equals("of"))
                        && lexicon.timeWord(lemma(j)))
                        || (rel(j, "obl") || rel(j, "nmod") && !caseOf(j).equals("of")) && media.contains(lemma(j))
                        || (p.head(j) == head && rel(j, "punct"));
                if (cut) {
                    dropped.add(j);
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int j = 0; j < p.size(); j++) {
                if (!p.dominates(head, j)) {
                    continue;
                }
                boolean inDropped = false;
                for (int d : dropped) {
                    if (p.dominates(d, j)) {
                        inDropped = true;
                        break;
                    }
                }
                if (!inDropped) {
                    kept.add(j);
                }
            }
            while (!kept.isEmpty() && (determiners.contains(lower(kept.get(0))) || isPunct(kept.get(0))
                    || kept.get(0) != head && (rel(kept.get(0), "case") || rel(kept.get(0), "mark"))
                    && p.head(kept.get(0)) == head)) {
                kept.remove(0);
            }
            // the phrase ends at the first comma after its head ("intervention, saying …")
            for (int k = 0; k < kept.size(); k++) {
                if (kept.get(k) > head && word(kept.get(k)).equals(",")) {
                    kept = new ArrayList<>(kept.subList(0, k));
                    break;
                }
            }
            // nor with a word that needs what was cut after it ("offer for a ceasefire of", "plans and")
            trimEnd(kept, head);
            // too long: drop trailing modifiers whole ("… in his coalition government"), then cut if still too long
            while (kept.size() > MAX_TARGET_TOKENS) {
                int last = -1;
                for (int k : kept) {
                    if (k > head && p.head(k) != head && (rel(k, "nmod") || rel(k, "obl") || rel(k, "acl"))
                            && kept.contains(p.head(k))) {
                        last = k;
                    }
                }
                if (last < 0) {
                    break;
                }
                int[] span = p.subtree(last);
                List<Integer> shorter = new ArrayList<>();
                for (int k : kept) {
                    if (k < span[0] || k > span[1]) {
                        shorter.add(k);
                    }
                }
                kept = shorter;
            }
            if (kept.size() > MAX_TARGET_TOKENS) {
                int at = Math.max(0, kept.indexOf(head));
                int from = Math.max(0, Math.min(at - 3, kept.size() - MAX_TARGET_TOKENS));
                kept = new ArrayList<>(kept.subList(from, Math.min(kept.size(), from + MAX_TARGET_TOKENS)));
            }
            trimEnd(kept, head);
            return kept;
        }

        /** The second member of "between X and Y", or its "and": kept in a phrase, which needs both. */
        private boolean betweenPair(int j) {
            int conj = rel(j, "cc") ? p.head(j) : j;
            return conj >= 0 && rel(conj, "conj") && p.head(conj) >= 0 && caseOf(p.head(conj)).equals("between");
        }

        /**
         * Drops trailing punctuation, function words and a participle left without its own words ("… a ceasefire
         * held", once "in the Gaza Strip" was cut) from {@code kept}, in place; never the head.
         */
        private void trimEnd(List<Integer> kept, int head) {
            while (!kept.isEmpty() && kept.get(kept.size() - 1) != head) {
                int last = kept.get(kept.size() - 1);
                boolean bareParticiple = rel(last, "acl") && tag(last).equals("VBN")
                        && kids(last, "aux", "aux:pass", "mark").isEmpty()
                        && kids(last, "obj", "obl", "xcomp", "advmod").stream().noneMatch(kept::contains);
                if (!(isPunct(last) || FUNCTION_TAGS.contains(tag(last)) || bareParticiple)) {
                    break;
                }
                kept.remove(kept.size() - 1);
            }
        }

        private boolean isQuoteMark(int j) {
            String w = word(j);
            return w.equals("\"") || w.equals("“") || w.equals("”") || w.equals("``") || w.equals("''");
        }

        private boolean isPunct(int j) {
            String w = word(j);
            return !w.isEmpty() && !Character.isLetterOrDigit(w.charAt(0)) && w.length() <= 2;
        }

        private String render(List<Integer> kept) {
            return render(kept, -1);
        }

        /** The words in order, as written between adjacent ones; the verb {@code act} in its -ing form. */
        private String render(List<Integer> kept, int act) {
            StringBuilder b = new StringBuilder();
            int prev = -2;
            for (int j : kept) {
                if (b.length() > 0) {
                    b.append(j == prev + 1 ? text.substring(endOf(prev), startOf(j)) : " ");
                }
                if (j == act && verb(j) && !kids(j, "aux:pass").isEmpty()) {
                    // "for the prisoners to be released" → "the prisoners being released", never "releasing"
                    b.append("being ").append(word(j));
                } else {
                    b.append(j == act && verb(j) ? (lexicon.gerund(lemma(j)) != null ? lexicon.gerund(lemma(j))
                            : gerund(lemma(j))) : word(j));
                }
                prev = j;
            }
            String phrase = b.toString().replaceAll("[“”\"]", "").replaceAll("[(\\[]\\s*[)\\]]", "")
                    .replaceAll("\\s+", " ").strip();
            boolean content = false;
            for (int j : kept) {
                if (Character.isLetterOrDigit(word(j).charAt(0)) && !determiners.contains(lower(j))) {
                    content = true;
                    break;
                }
            }
            return content && !phrase.isEmpty() ? phrase : null;
        }

        // ---- entities, holders

        /**
         * The mention that covers token {@code i} (the earliest-starting one when several do). Mentions are sorted by
         * start and short, so a binary search and a bounded look back keep this logarithmic per token.
         */
        private Located mentionAt(int i) {
            int start = startOf(i);
            int end = endOf(i);
            Located found = null;
            for (int j = lastStartingAtOrBefore(start); j >= 0; j--) {
                Located m = mentions.get(j);
                if (m.start() < start - MAX_MENTION_CHARS) {
                    break;
                }
                if (m.end() >= end) {
                    found = m;
                }
            }
            return found;
        }

        /** Index of the last mention starting at or before {@code offset}, or -1. */
        private int lastStartingAtOrBefore(int offset) {
            int lo = 0;
            int hi = mentions.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (mentions.get(mid).start() <= offset) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo - 1;
        }

        private Ref ref(Located m) {
            if (m.entity().type() == EntityType.LOCATION) {
                String surface = text.substring(m.start(), m.end()).toLowerCase(Locale.ROOT);
                KbCountry c = capitals.get(surface);
                if (c != null) {
                    return country(c);
                }
                String body = metonyms.get(surface);
                if (body != null) {
                    for (Entity other : doc.entities()) {
                        if (other.name().equalsIgnoreCase(body)) {
                            return new Ref(other.id(), other.name(), other);
                        }
                    }
                    return new Ref("local:" + slug(body), body, null);
                }
            }
            return ref(m.entity());
        }

        private Ref country(KbCountry c) {
            for (Entity other : doc.entities()) {
                if (other.name().equals(c.name()) || c.qid() != null && c.qid().equals(other.qid())) {
                    return new Ref(other.id(), other.name(), other);
                }
            }
            return new Ref(c.qid() != null ? c.qid() : "country:" + c.code(), c.name(), null);
        }

        private Ref ref(Entity e) {
            if (e.type() == EntityType.LOCATION) {
                KbCountry c = capitals.get(e.name().toLowerCase(Locale.ROOT));
                if (c != null) {
                    for (Entity other : doc.entities()) {
                        if (other.name().equals(c.name()) || c.qid() != null && c.qid().equals(other.qid())) {
                            return new Ref(other.id(), other.name(), other);
                        }
                    }
                    return new Ref(c.qid() != null ? c.qid() : "country:" + c.code(), c.name(), null);
                }
            }
            return new Ref(e.id(), e.name(), e);
        }

        /**
         * The entity a phrase names as a whole ("President Lin", "the Kremlin", "Chinese company Huawei"), or null:
         * the head is in a mention and nothing but modifiers before the mention remains of the trimmed phrase.
         */
        private Ref entityPhrase(int head) {
            Located m = mentionAt(head);
            if (m == null) {
                return null;
            }
            for (int k : kept(head, Set.of())) {
                Located other = mentionAt(k);
                if (other != null && other.entity() == m.entity()) {
                    continue;
                }
                String w = lower(k);
                boolean modifierBefore = startOf(k) < m.start() && (rel(k, "compound") || rel(k, "amod")
                        || rel(k, "det") || rel(k, "flat") || rel(k, "nmod:poss") || rel(k, "case"));
                if (modifierBefore || isPunct(k) || w.equals("'s") || w.equals("’s") || w.equals("'")) {
                    continue;
                }
                return null;
            }
            return ref(m);
        }

        /** A place holds a stance only as a country, or as a capital or seat standing for one ("Geneva said" is no actor). */
        private boolean canHold(Located m, Ref r) {
            if (m.entity().type() != EntityType.LOCATION || r.entity() != m.entity()) {
                return true;
            }
            Entity e = m.entity();
            return countries.contains(e.name().toLowerCase(Locale.ROOT))
                    || e.qid() != null && countries.contains(e.qid());
        }

        /**
         * "X called her a coward": an object pronoun is not its own clause's subject, so the referent is looked for
         * among the persons other than the ones that subject names.
         */
        private Ref objectPronoun(int i) {
            int subject = subjectOf(p.head(i));
            if (subject < 0 || subject > i) {
                return pronoun(i);
            }
            Set<String> excluded = new HashSet<>();
            resolve(subject).forEach(r -> excluded.add(r.id()));
            List<Located> others = persons.stream().filter(m -> !excluded.contains(ref(m).id())).toList();
            return pronoun(i, others);
        }

        private Ref pronoun(int i) {
            return pronoun(i, persons);
        }

        private Ref pronoun(int i, List<Located> candidates) {
            Located r = BodyMentions.pronounReferent(text, candidates, startOf(i),
                    o -> {
                        Sentence at = layer.sentenceAt(o);
                        return at == null ? 0 : at.start();
                    });
            return r == null ? null : ref(r);
        }

        /**
         * The organisation or country "it"/"they" stands for: the subject of the speech verb reporting the clause
         * ("the ministry said it was ready"), else the last organisation or country named before it in the sentence.
         */
        private Ref body(int w) {
            int v = p.head(w);
            for (int steps = 0; steps < 4 && v >= 0; steps++) {
                int h = p.head(v);
                if (h >= 0 && rel(v, "ccomp") && lexicon.speechVerb(lemma(h))) {
                    for (int n : kids(h, "nsubj")) {
                        Located m = mentionAt(n);
                        if (m != null && m.entity().type() != EntityType.PERSON) {
                            return ref(m);
                        }
                    }
                    break;
                }
                v = h;
            }
            Located last = null;
            for (int j = lastStartingAtOrBefore(startOf(w)); j >= 0 && mentions.get(j).start() >= s.start(); j--) {
                Located m = mentions.get(j);
                if (m.end() <= startOf(w) && m.entity().type() != EntityType.PERSON) {
                    last = m;
                    break;
                }
            }
            return last == null ? null : ref(last);
        }

        private Ref quoteSpeaker(int i) {
            int at = startOf(i);
            for (Document.Quote q : doc.quotes()) {
                if (q.field() == Field.BODY && q.speakerEntityId() != null && q.start() <= at && q.end() >= at) {
                    for (Entity e : doc.entities()) {
                        if (e.id().equals(q.speakerEntityId())) {
                            return ref(e);
                        }
                    }
                }
            }
            return null;
        }

        /** Entities a subject word names: its mention, its conjuncts', a pronoun's referent, a speaker for "we". */
        private List<Ref> resolve(int subj) {
            List<Ref> refs = new ArrayList<>();
            List<Integer> words = new ArrayList<>();
            words.add(subj);
            words.addAll(kids(subj, "conj"));
            for (int w : words) {
                String lw = lower(w);
                if (firstPerson.contains(lw)) {
                    Ref r = quoteSpeaker(w);
                    if (r != null) {
                        refs.add(r);
                    }
                    continue;
                }
                if (thirdPerson.contains(lw)) {
                    Ref r = layer.quoteAt(startOf(w)) == null ? pronoun(w) : null;
                    if (r != null) {
                        refs.add(r);
                    }
                    continue;
                }
                if (lw.equals("it") || lw.equals("they")) {
                    Ref r = layer.quoteAt(startOf(w)) == null ? body(w) : null;
                    if (r != null) {
                        refs.add(r);
                    }
                    continue;
                }
                Located m = mentionAt(w);
                if (m == null) {
                    List<Ref> pair = pairNamedBefore(w);
                    if (!pair.isEmpty()) {
                        pair.stream().filter(r -> refs.stream().noneMatch(x -> x.id().equals(r.id())))
                                .forEach(refs::add);
                        continue;
                    }
                }
                if (m == null && governments.contains(lemma(w))) {
                    // "his administration", "her government": the leader the pronoun names
                    for (int poss : kids(w, "nmod:poss")) {
                        Ref r = thirdPerson.contains(lower(poss)) && layer.quoteAt(startOf(poss)) == null
                                ? pronoun(poss) : null;
                        if (r != null && refs.stream().noneMatch(x -> x.id().equals(r.id()))) {
                            refs.add(r);
                        }
                    }
                    if (!kids(w, "nmod:poss").isEmpty() && !refs.isEmpty()) {
                        continue;
                    }
                }
                if (m == null) {
                    // "Norland's President, Ana Ruiz": the apposition before the name's parts, the possessor last;
                    // "Norland's President Ana Ruiz" parsed with the name as a loose dependent of the title
                    for (String r : List.of("appos", "compound", "dep", "nmod:poss")) {
                        if (r.equals("nmod:poss") && !agentive(w)) {
                            // "Israel's actions will not deter …": a thing's owner does not act through it
                            continue;
                        }
                        for (int c : kids(w, r)) {
                            Located k = mentionAt(c);
                            if (r.equals("dep") && (k == null || k.entity().type() != EntityType.PERSON)) {
                                continue;
                            }
                            m = m != null ? m : k;
                        }
                    }
                }
                if (m == null && rel(w, "appos") && p.head(w) >= 0) {
                    // "Boric, a former student leader who vowed …": the apposition names the person
                    m = mentionAt(p.head(w));
                }
                if (m == null && governments.contains(lemma(w))) {
                    Ref government = governmentOf(w);
                    if (government != null) {
                        if (refs.stream().noneMatch(x -> x.id().equals(government.id()))) {
                            refs.add(government);
                        }
                        continue;
                    }
                }
                if (m != null) {
                    Ref r = ref(m);
                    if (!canHold(m, r)) {
                        continue;
                    }
                    if (refs.stream().noneMatch(x -> x.id().equals(r.id()))) {
                        refs.add(r);
                    }
                }
            }
            return refs;
        }

        /**
         * "the two leaders", "both countries": the last two distinct persons (for a noun of class {@code pair-person})
         * or countries (class {@code pair-country}) named before word w in its sentence or the one before; else empty.
         */
        private List<Ref> pairNamedBefore(int w) {
            boolean people = pairPersons.contains(lemma(w));
            boolean places = pairCountries.contains(lemma(w));
            if (!people && !places || !tag(w).equals("NNS")) {
                return List.of();
            }
            boolean two = false;
            for (int c : kids(w, "nummod", "det", "det:predet", "cc:preconj")) {
                two |= lower(c).equals("two") || lower(c).equals("both");
            }
            if (!two) {
                return List.of();
            }
            Sentence previous = s.index() > 0 ? layer.sentences().get(s.index() - 1) : s;
            List<Ref> found = new ArrayList<>();
            for (int j = lastStartingAtOrBefore(startOf(w) - 1); j >= 0 && found.size() < 2; j--) {
                Located m = mentions.get(j);
                if (m.start() < previous.start()) {
                    break;
                }
                Ref r = ref(m);
                boolean fits = people ? m.entity().type() == EntityType.PERSON : isCountry(r);
                if (fits && m.end() <= startOf(w) && found.stream().noneMatch(x -> x.id().equals(r.id()))) {
                    found.add(r);
                }
            }
            return found.size() == 2 ? List.of(found.get(1), found.get(0)) : List.of();
        }

        /**
         * True when a subject noun names someone who acts or speaks for its possessor: a capitalised title ("Norland's
         * President"), a government noun, a noun of class {@code agent} ("the ministry's spokesman"), an attribute
         * noun or a stance container ("Norland's position").
         */
        private boolean agentive(int w) {
            if (tag(w).startsWith("NNP") || governments.contains(lemma(w)) || agents.contains(lemma(w))
                    || lexicon.attributeNoun(lemma(w)) || stanceContainers.contains(lemma(w))) {
                return true;
            }
            for (int c : kids(w, "compound")) {
                if (tag(c).startsWith("NNP") || agents.contains(lemma(c))) {
                    return true;
                }
            }
            return false;
        }

        /** Holders of the predicate at i: a noun's possessor or light verb's subject, else its clause's subject. */
        private List<Ref> holders(int i, Predicate pr, boolean adjectival) {
            int v = i;
            if (pr.pos() == Pos.NOUN) {
                for (int poss : kids(i, "nmod:poss")) {
                    List<Ref> r = resolve(poss);
                    if (!r.isEmpty()) {
                        return ownSpeaker(i, r);
                    }
                }
                if (!kids(i, "cop").isEmpty()) {
                    // "X has long been a critic of the war": the copula's subject is the one described
                    for (int n : kids(i, "nsubj")) {
                        return ownSpeaker(i, resolve(n));
                    }
                }
                int h = p.head(i);
                if (h < 0 || !verb(h)) {
                    return List.of();
                }
                v = h;
            }
            for (int steps = 0; steps < 5 && v >= 0; steps++) {
                for (int n : adjectival && v == i ? kids(v, "nsubj", "nsubj:pass") : kids(v, "nsubj")) {
                    if ((tag(n).equals("WP") || tag(n).equals("WDT")) && relativeHead(n) >= 0) {
                        return resolve(relativeHead(n));
                    }
                    return n == i ? List.of() : ownSpeaker(v, resolve(n));
                }
                if (!kids(v, "aux:pass").isEmpty() || rel(v, "acl") && tag(v).equals("VBN")) {
                    for (int c : kids(v, "obl:agent", "obl")) {
                        if (caseOf(c).equals("by")) {
                            return resolve(c);
                        }
                    }
                    return List.of();
                }
                if (rel(v, "acl:relcl")) {
                    return resolve(p.head(v));
                }
                if ((rel(v, "acl") || rel(v, "dep")) && tag(v).equals("VBG") && p.head(v) >= 0
                        && tag(p.head(v)).startsWith("NN") && !(v > 0 && word(v - 1).equals(","))) {
                    // "the EU statement condemning the raid": the noun the participle describes does it
                    return resolve(p.head(v));
                }
                int up = p.head(v);
                if (up >= 0 && (tag(up).equals("WP") || tag(up).equals("WDT")) && up < v && p.head(up) >= 0
                        && tag(p.head(up)).startsWith("NN")) {
                    // "X, an ally of Y, who offered …": the parser may hang the clause loosely on the pronoun
                    return resolve(p.head(up));
                }
                if (rel(v, "conj") && verb(v) && up >= 0 && !verb(up)) {
                    // "responded on social media, rejecting … and defending …" hung on a noun: climb to its verb
                    v = verbAtOrAbove(up);
                    continue;
                }
                if (rel(v, "conj") && NOT_INFINITIVE.contains(tag(v)) && kids(v, "aux", "aux:pass").isEmpty()
                        && up >= 0 && rel(up, "xcomp") && p.head(up) >= 0) {
                    // "urged X to stay calm and called for …": a finite verb joined to an infinitive belongs to the
                    // clause above it, not to the one asked to act
                    v = p.head(up);
                    continue;
                }
                if (tag(v).equals("VBG") && v > 0 && word(v - 1).equals(",") && p.head(v) >= 0
                        && (rel(v, "conj") || rel(v, "acl") || rel(v, "advcl") || rel(v, "dep"))) {
                    // ", rejecting the charges", hung by the parser on a noun or loosely on the verb: an adjunct of
                    // the clause's verb, whose subject it shares
                    v = verbAtOrAbove(p.head(v));
                    continue;
                }
                if (rel(v, "xcomp") && p.head(v) >= 0 && !kids(p.head(v), "obj").isEmpty()
                        && !subjectControl.contains(lemma(p.head(v)))) {
                    // object control: in "prompted the minister to resign" the minister resigns (but in "used the
                    // visit to praise X" the subject praises)
                    return resolve(kids(p.head(v), "obj").get(0));
                }
                if (rel(v, "xcomp") || rel(v, "conj") || rel(v, "advcl") && kids(v, "mark").isEmpty()
                        || rel(v, "advcl") && tag(v).equals("VBG")
                        || rel(v, "ccomp") && adjectival) {
                    v = p.head(v);
                    continue;
                }
                break;
            }
            return List.of();
        }

        /** Word w if it is a verb, else its nearest verb ancestor; -1 when there is none. */
        private int verbAtOrAbove(int w) {
            while (w >= 0 && !verb(w)) {
                w = p.head(w);
            }
            return w;
        }

        /**
         * A country that is the subject of reported speech stands for the speaker who holds office in it: in
         * "the president said Egypt supported …" the stance is the president's. Other holders are kept.
         */
        private List<Ref> ownSpeaker(int clause, List<Ref> holders) {
            if (holders.size() != 1 || !isCountry(holders.get(0))) {
                return holders;
            }
            String country = holders.get(0).name().toLowerCase(Locale.ROOT);
            Ref speaker = quoteSpeaker(clause);
            boolean titledInIt = false;
            if (speaker == null) {
                int verb = reportingVerb(clause);
                for (int n : verb < 0 ? List.<Integer>of() : reporterSubjects(verb)) {
                    List<Ref> r = resolve(n);
                    speaker = r.size() == 1 ? r.get(0) : null;
                    // "Thailand's Prime Minister, X, said Thailand …": the title names the country itself
                    for (int poss : kids(n, "nmod:poss")) {
                        Located m = mentionAt(poss);
                        titledInIt |= m != null && ref(m).id().equals(holders.get(0).id());
                    }
                }
            }
            if (speaker != null && speaker.entity() != null && speaker.entity().type() == EntityType.PERSON
                    && speaker.entity().role() != null
                    && (titledInIt || speaker.entity().role().toLowerCase(Locale.ROOT).endsWith(" of " + country))) {
                return List.of(speaker);
            }
            return holders;
        }

        /** "the Lebanese government", "the French authorities": the country a demonym before the noun names. */
        private Ref governmentOf(int w) {
            for (int a : kids(w, "amod", "compound")) {
                KbCountry c = demonyms.get(lower(a));
                if (c != null) {
                    return country(c);
                }
            }
            return null;
        }

        private boolean isCountry(Ref r) {
            return r.entity() == null ? r.id().startsWith("country:") || countries.contains(r.id())
                    : r.entity().type() == EntityType.LOCATION && (countries.contains(r.name().toLowerCase(Locale.ROOT))
                    || r.entity().qid() != null && countries.contains(r.entity().qid()));
        }

        /**
         * True when clause {@code v} is what speech verb {@code h} reports: its complement, or a clause before it
         * that the parser hung on it otherwise ("The plan is fair, the minister said").
         */
        private boolean reported(int v, int h) {
            return lexicon.speechVerb(lemma(h)) && (rel(v, "ccomp") || rel(v, "parataxis")
                    || v < h && rel(v, "advcl") && kids(v, "mark").isEmpty());
        }

        /** True when the predicate's own clause names someone ("the union's support", "X was open to"). */
        private boolean hasSubject(int i) {
            return !kids(i, "nmod:poss", "nsubj", "nsubj:pass").isEmpty();
        }

        /** Who says an evaluation: the quote's speaker, or the subject of the speech verb reporting it. */
        private List<Ref> speaker(int i) {
            Ref q = quoteSpeaker(i);
            if (q != null) {
                return List.of(q);
            }
            int verb = reportingVerb(i);
            for (int n : verb < 0 ? List.<Integer>of() : reporterSubjects(verb)) {
                return resolve(n);
            }
            return List.of();
        }

        /**
         * The subject of a speech verb; for a participle without one ("X spoke briefly, saying that …"), the subject
         * of the verb it is hung on.
         */
        private List<Integer> reporterSubjects(int verb) {
            List<Integer> own = kids(verb, "nsubj");
            if (own.isEmpty() && tag(verb).equals("VBG") && p.head(verb) >= 0 && verb(p.head(verb))
                    && (rel(verb, "dep") || rel(verb, "advcl") || rel(verb, "xcomp") || rel(verb, "conj"))) {
                return kids(p.head(verb), "nsubj");
            }
            return own;
        }

        /**
         * The speech verb that reports the clause of word {@code i}, climbing at most four heads: the verb the
         * clause is the complement of, or one hung on the clause after it ("…, the minister said"); else -1.
         */
        private int reportingVerb(int i) {
            int v = i;
            for (int steps = 0; steps < 4 && v >= 0; steps++) {
                for (int c : kids(v, "parataxis", "advcl")) {
                    if (c > v && lexicon.speechVerb(lemma(c)) && kids(c, "mark").isEmpty()
                            && !kids(c, "nsubj").isEmpty()) {
                        return c;
                    }
                }
                int h = p.head(v);
                if (h < 0) {
                    break;
                }
                if (reported(v, h)) {
                    return h;
                }
                v = h;
            }
            return -1;
        }

        // ---- modifiers

        private boolean negated(int i) {
            int v = i;
            for (int steps = 0; steps < 3 && v >= 0; steps++) {
                for (int c : kids(v, "advmod", "neg", "det", "cc:preconj")) {
                    if ((lexicon.negatorWord(lower(c)) || lexicon.negatorWord(lemma(c)))
                            && !(c + 1 < v && lexicon.negationScope(lower(c + 1)))) {
                        // "did not just blame X" still blames X
                        return true;
                    }
                    if (c > 0 && p.head(c - 1) == c && lexicon.negatorWord(lower(c - 1) + " " + lower(c))) {
                        // a two-word negator parsed as a modified adverb: "no longer needed"
                        return true;
                    }
                }
                int h = p.head(v);
                if (h >= 0 && rel(v, "xcomp") && lexicon.negatorVerb(lemma(h))) {
                    return true;
                }
                if (!rel(v, "xcomp")) {
                    break;
                }
                v = h;
            }
            return false;
        }

        private boolean hedged(int i) {
            for (int c : kids(i, "aux")) {
                if (lexicon.hedge(lemma(c))) {
                    return true;
                }
            }
            int h = p.head(i);
            return h >= 0 && rel(i, "xcomp") && lexicon.hedge(lemma(h));
        }
    }

    private static List<String> append(List<String> list, String last) {
        List<String> out = new ArrayList<>(list);
        out.add(last);
        return out;
    }

    private static Polarity opposite(Polarity p) {
        return p == Polarity.FAVOR ? Polarity.AGAINST : Polarity.FAVOR;
    }

    /** The -ing form of a verb lemma ("raise" → "raising", "stop" → "stopping", "lift" → "lifting"). */
    static String gerund(String lemma) {
        String l = lemma.toLowerCase(Locale.ROOT);
        if (l.isEmpty() || l.contains(" ")) {
            return l;
        }
        if (l.endsWith("ie")) {
            return l.substring(0, l.length() - 2) + "ying";
        }
        if (l.endsWith("e") && !l.endsWith("ee") && !l.endsWith("ye") && !l.endsWith("oe") && l.length() > 2) {
            return l.substring(0, l.length() - 1) + "ing";
        }
        int n = l.length();
        if (n >= 3 && n <= 4 && isConsonant(l.charAt(n - 1)) && "wxy".indexOf(l.charAt(n - 1)) < 0
                && !isConsonant(l.charAt(n - 2)) && isConsonant(l.charAt(n - 3))) {
            return l + l.charAt(n - 1) + "ing";
        }
        return l + "ing";
    }

    private static boolean isConsonant(char c) {
        return "aeiou".indexOf(c) < 0;
    }

    private String topicKey(String alias) {
        String a = alias.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> e : topics.entrySet()) {
            if (e.getValue().contains(a)) {
                return e.getKey();
            }
        }
        return a;
    }

    private static String slug(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
    }
}
