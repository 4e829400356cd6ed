package io.newsflow.enrich.stance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explicit stances from stance verbs: "X warned against a capitulation", "X backed a ceasefire", "X rejected Y".
 * The holder is the person or organisation the clause is about (the name right before the cue, else the first
 * name of the clause, else the person a leading pronoun refers to); the target is the first entity or topic from
 * the {@link #DEFAULT_TOPICS topic lexicon} after the cue in the same clause. Negation ("did not back") flips the
 * polarity at lower confidence; hedging ("may support") lowers confidence. The evidence runs from the cue to the
 * end of the target.
 *
 * <p>This is a first, rule-based stance stage: it does not read stance inside quotes, author stance, or learned
 * sentiment. Stateless and thread-safe.
 */
public final class StanceStage implements Stage {

    public static final String NAME = "stances";

    /** Topic key → aliases (lower case). */
    public static final Map<String, List<String>> DEFAULT_TOPICS = defaultTopics();

    private static final Map<String, Polarity> CUES = cues();
    private static final Pattern CUE = Pattern.compile("\\b(" + String.join("|", CUES.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).map(c -> c.replace(" ", "\\s+")).toList()) + ")\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile("\\b(?:not|never|no longer|refused to|declined to|"
            + "did not|does not|do not|didn't|doesn't|won't|would not)\\s+(?:\\w+\\s+)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEDGE = Pattern.compile("\\b(?:may|might|could|would|appeared to|seemed to)\\s+"
            + "(?:\\w+\\s+)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE_END = Pattern.compile("[.;!?\\n]|,\\s+(?:but|while|and)\\s|\\s+while\\s");
    private static final Pattern PRONOUN = Pattern.compile("(?:^|\\s)(?:he|she|He|She)\\s+(?:(?:has|had|have|also|"
            + "then|later|again|previously|once|already|repeatedly|publicly)\\s+)*$|(?:^|\\s)(?:he|she|He|She)\\s*$");
    /** A pronoun subject anywhere in a clause. */
    private static final Pattern PRONOUN_WORD = Pattern.compile("\\b(?:he|she|He|She)\\b");
    /** The text right before a clause that shares the sentence's subject: "X said …, and thanked Y". */
    private static final Pattern COORDINATED = Pattern.compile(",\\s+(?:and|but)\\s+$");
    private static final int WINDOW = 90;
    private static final int ENTITY_REACH = 40;
    /**
     * Words between a cue and an entity showing the entity is not what the stance is about: "rejected a call by the
     * UN", "criticised the plan as an adventure that France …", a quotation.
     */
    private static final Pattern NOT_THE_OBJECT = Pattern.compile("[“”\",;:]|\\b(?:as|that|which|who|by|from|to|a|an|"
            + "with|for|in|on|over|between|into|under|against|"
            + "and|or|him|her|them|it|saying|"
            + "adding|arguing|calling|because|\\p{L}{3,}ing)\\b");

    /**
     * A possessive name before an initiative ("welcomed Indonesia's coal pledge", "dismissed NATO's spending drive"):
     * the stance is on the initiative, a topic.
     */
    private static final Pattern INITIATIVE_AFTER_POSSESSIVE = Pattern.compile("^[’']s?\\s+(?:[\\p{Ll}-]+\\s+){0,2}"
            + "(?:pledges?|reforms?|plans?|proposals?|drive|commitments?|polic(?:y|ies)|budget|bills?|deal|decision|"
            + "initiatives?|strategy|programme|program|offer|bid|agenda|declaration|framework|package|measures|"
            + "targets?|law|legislation|calls?|requests?|demands?|appeals?)\\b");
    /** "accused of", "backed by" (passive: the agent follows), "backed up" (a phrasal verb, not a stance). */
    private static final Pattern PASSIVE_OF = Pattern.compile("^\\s+(?:of|by|up|to)\\b");
    /** A name modifying a noun after it ("welcomed the Senate bill"): the stance is about the bill. */
    private static final Pattern MODIFIER_OF = Pattern.compile("^\\s+(?:bill|bills|plan|proposal|resolution|package|"
            + "deal|decision|report|initiative|budget|law|legislation|vote|measure|motion|mandate|move|ruling|"
            + "policy|policies|summit|programme|program|agreement|draft)\\b");
    /** Cues whose object is a person or body ("thanked X", "accused X of"): no topic phrase is read after them. */
    private static final Set<String> PERSON_CUES = Set.of("thanked", "thanks", "congratulated", "lauded",
            "commended", "blamed", "blames", "mocked", "accused", "rebuked", "ridiculed", "attacked", "hit out at",
            "lashed out at", "took aim at", "warned", "warns", "blasted", "slammed");
    /** Calls whose named object is asked to act ("called for NATO to station …"): a stance on the act. */
    private static final Set<String> CALLS = Set.of("called for", "calls for", "demanded", "demands", "urged",
            "pushed for", "lobbied for", "argued for");
    private static final Pattern TO_ACT = Pattern.compile("^\\s+to\\s+\\p{L}");
    private static final String REMOVED = "(?:to\\s+be\\s+(?:sacked|scrapped|dropped|withdrawn|abandoned|removed|fired|"
            + "dismissed|suspended|banned|halted|cancelled|canceled|repealed|reversed|stopped|ended|expelled|"
            + "prosecuted|arrested|jailed|impeached|ousted|shelved|axed|overturned)|to\\s+(?:resign|step\\s+down|quit))\\b";
    private static final Pattern TO_BE_REMOVED = Pattern.compile("^\\s+" + REMOVED);
    private static final Pattern TO_BE_REMOVED_IN = Pattern.compile("\\s" + REMOVED);
    /** Cues that are stances only with a named object right after them: "warned Putin against …". */
    private static final Set<String> OBJECT_CUES = Set.of("warned", "warns");
    private static final Pattern TITLE_GAP = Pattern.compile("^\\s+(?:the\\s+)?(?:\\p{Lu}[\\p{L}-]*\\s+){0,3}$");
    private static final Pattern WARNED_ABOUT = Pattern.compile("^[’']?s?\\s+(?:against|not to|over)\\b");
    /** Base forms that are stance cues only after a modal or a negation ("did not back", "may support"). */
    private static final Set<String> BARE_VERBS = Set.of("support", "back");
    /** Participles that open a sentence whose subject, after the comma, holds the stance. */
    private static final Set<String> PARTICIPLES = Set.of("praising", "backing", "welcoming", "hailing", "endorsing",
            "applauding", "criticising", "criticizing", "condemning", "rejecting", "dismissing", "denouncing",
            "slamming");

    private final Map<String, List<String>> topics;
    private final Pattern topicPattern;

    public StanceStage() {
        this(DEFAULT_TOPICS);
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

    /** A stage with its own topic lexicon (topic key → aliases). */
    public StanceStage(Map<String, List<String>> topics) {
        this.topics = Map.copyOf(topics);
        List<String> aliases = new ArrayList<>();
        topics.values().forEach(aliases::addAll);
        aliases.sort((a, b) -> b.length() - a.length());
        this.topicPattern = Pattern.compile("\\b(" + String.join("|", aliases.stream().map(Pattern::quote).toList())
                + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT, Capability.ENTITIES);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.STANCES);
    }

    @Override
    public Document apply(Document document) {
        String text = document.body();
        List<Located> mentions = BodyMentions.of(document,
                Set.of(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION));
        List<Document.Stance> stances = new ArrayList<>();
        Matcher cue = CUE.matcher(text);
        int previousCueEnd = -10;
        while (cue.find()) {
            boolean nounUse = cue.start() - previousCueEnd <= 3;
            previousCueEnd = cue.end();
            if (nounUse || insideQuote(text, cue.start()) || startsAt(PASSIVE_OF, text, cue.end())) {
                continue;
            }
            int clauseStart = clauseStart(text, cue.start());
            int windowEnd = clauseEnd(text, cue.end());
            Located holder;
            if (PARTICIPLES.contains(cue.group(1).toLowerCase(Locale.ROOT))) {
                // "Praising the conduct of the Russian President, Trump said …": the holder follows the comma
                int comma = text.indexOf(',', cue.end());
                if (!text.substring(clauseStart, cue.start()).isBlank() || comma < 0 || comma >= windowEnd) {
                    continue;
                }
                holder = subjectAfter(mentions, comma, clauseEnd(text, comma + 1));
                windowEnd = comma;
            } else {
                holder = holder(text, mentions, clauseStart, cue.start());
                if (holder == null && COORDINATED.matcher(text.substring(Math.max(0, clauseStart - 8), clauseStart))
                        .find()) {
                    holder = sentenceSubject(text, mentions, Sentences.start(text, clauseStart), clauseStart);
                }
            }
            if (holder == null) {
                continue;
            }
            String cueKey = cue.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            Target target = target(text, mentions, cue.end(), windowEnd, holder.entity(), cueKey);
            if (target == null) {
                continue;
            }
            // "called for the Chancellor to be sacked", "urged the levy to be scrapped": against what is to go
            boolean removal = false;
            int removalEnd = -1;
            if (CALLS.contains(cueKey)) {
                Matcher toGo = TO_BE_REMOVED.matcher(text).region(target.end(), text.length());
                if (target.type() == TargetType.ENTITY && toGo.lookingAt()) {
                    removal = true;
                    removalEnd = toGo.end();
                } else if (target.type() == TargetType.TOPIC) {
                    Matcher inPhrase = TO_BE_REMOVED_IN.matcher(target.name());
                    if (inPhrase.find() && inPhrase.start() > 0) {
                        String name = target.name().substring(0, inPhrase.start()).strip();
                        target = new Target(target.free() ? "topic:" + ObjectPhrase.slug(name) : target.id(), name,
                                TargetType.TOPIC, target.start(), target.end(), target.free());
                        removal = true;
                    }
                }
            }
            if (target.type() == TargetType.ENTITY && !removal && (startsAt(MODIFIER_OF, text, target.end())
                    || CALLS.contains(cueKey) && startsAt(TO_ACT, text, target.end()))) {
                continue;
            }
            if (OBJECT_CUES.contains(cue.group(1).toLowerCase(Locale.ROOT)) && (target.type() != TargetType.ENTITY
                    || !TITLE_GAP.matcher(text.substring(cue.end(), target.start())).matches()
                    || !startsAt(WARNED_ABOUT, text, target.end()))) {
                continue;
            }
            Polarity polarity = removal ? Polarity.AGAINST
                    : CUES.get(cue.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
            String before = text.substring(Math.max(clauseStart, cue.start() - 30), cue.start());
            double confidence = 0.8;
            boolean bareVerb = BARE_VERBS.contains(cue.group(1).toLowerCase(Locale.ROOT));
            if (bareVerb && !NEGATION.matcher(before).find() && !HEDGE.matcher(before).find()) {
                continue;
            }
            if (NEGATION.matcher(before).find()) {
                polarity = polarity == Polarity.FAVOR ? Polarity.AGAINST : Polarity.FAVOR;
                confidence = 0.5;
            } else if (HEDGE.matcher(before).find()) {
                confidence = 0.5;
            }
            if (target.free()) {
                confidence = Math.min(confidence, 0.6);
            }
            int evidenceStart = cue.start();
            int evidenceEnd = Math.max(target.end(), removalEnd);
            stances.add(new Document.Stance(holder.entity().id(), holder.entity().name(), target.id(), target.name(),
                    target.type(), polarity, confidence, Field.BODY, evidenceStart, evidenceEnd,
                    text.substring(evidenceStart, evidenceEnd), cue.group(1), "stance.surface-cue"));
        }
        return document.withStances(stances);
    }

    /** A stance target; {@code free} when it is an object phrase outside the topic lexicon. */
    private record Target(String id, String name, TargetType type, int start, int end, boolean free) {
    }

    private static Located holder(String text, List<Located> mentions, int clauseStart, int cueStart) {
        Located last = null;
        Located first = null;
        for (Located m : mentions) {
            if (m.start() >= clauseStart && m.end() <= cueStart && m.entity().type() != EntityType.LOCATION
                    && !BodyMentions.possessive(text, m)) {
                if (first == null) {
                    first = m;
                }
                last = m;
            }
        }
        if (last != null && text.substring(last.end(), cueStart).strip().matches("(?i)(has|had|have|also|on \\w+)?")) {
            return last;
        }
        if (first != null) {
            return titledPerson(text, mentions, first, cueStart);
        }
        if (PRONOUN.matcher(text.substring(clauseStart, cueStart)).find()) {
            return pronounReferent(text, mentions, clauseStart);
        }
        return null;
    }

    /**
     * The subject of a sentence whose later clause has none ("Lavrov said …, and accused Mr Macron"): the first
     * person or organisation of the sentence, or the person a pronoun before it refers to.
     */
    private static Located sentenceSubject(String text, List<Located> mentions, int sentenceStart, int until) {
        Located first = null;
        for (Located m : mentions) {
            if (m.start() >= sentenceStart && m.end() <= until && m.entity().type() != EntityType.LOCATION
                    && !BodyMentions.possessive(text, m)) {
                first = m;
                break;
            }
        }
        Matcher pronoun = PRONOUN_WORD.matcher(text).region(sentenceStart, until);
        if (pronoun.find() && (first == null || pronoun.start() < first.start())) {
            return pronounReferent(text, mentions, sentenceStart);
        }
        return first == null ? null : titledPerson(text, mentions, first, until);
    }

    /** "House Speaker Mike Johnson …": a body named right before a titled person stands for that person. */
    private static Located titledPerson(String text, List<Located> mentions, Located first, int until) {
        if (first.entity().type() != EntityType.PERSON) {
            for (Located m : mentions) {
                if (m.start() > first.end() && m.end() <= until && m.entity().type() == EntityType.PERSON
                        && TITLE_GAP.matcher(text.substring(first.end(), m.start())).matches()) {
                    return m;
                }
            }
        }
        return first;
    }

    /** The first person or organisation named within a few words after {@code from}, up to {@code to}. */
    private static Located subjectAfter(List<Located> mentions, int from, int to) {
        for (Located m : mentions) {
            if (m.start() > from && m.end() <= to && m.start() - from <= ENTITY_REACH
                    && m.entity().type() != EntityType.LOCATION) {
                return m;
            }
        }
        return null;
    }

    private Target target(String text, List<Located> mentions, int from, int to, Entity holder, String cueKey) {
        Located entity = null;
        for (Located m : mentions) {
            if (m.start() >= from && m.end() <= to && m.start() - from <= ENTITY_REACH
                    && !m.entity().id().equals(holder.id())) {
                if (!NOT_THE_OBJECT.matcher(text.substring(from, m.start())).find()
                        && !(BodyMentions.possessive(text, m) && (CALLS.contains(cueKey)
                        || INITIATIVE_AFTER_POSSESSIVE.matcher(text).region(m.end(), to).lookingAt()))) {
                    entity = m;
                }
                break;
            }
        }
        Matcher topic = topicPattern.matcher(text.substring(from, to));
        int topicStart = topic.find() ? from + topic.start() : Integer.MAX_VALUE;
        if (PERSON_CUES.contains(cueKey)) {
            // "accused the government of sabotaging the talks": a stance on whom it names, never on a topic
            topicStart = Integer.MAX_VALUE;
        }
        if (entity == null && topicStart == Integer.MAX_VALUE) {
            if (PERSON_CUES.contains(cueKey)) {
                return null;
            }
            int[] phrase = ObjectPhrase.find(text, from, to, CALLS.contains(cueKey));
            if (phrase == null) {
                return null;
            }
            String name = ObjectPhrase.core(text.substring(phrase[0], phrase[1]).replaceAll("[“”\"]", "").strip());
            return new Target("topic:" + ObjectPhrase.slug(name), name, TargetType.TOPIC, phrase[0], phrase[1], true);
        }
        if (topicStart < (entity == null ? Integer.MAX_VALUE : entity.start())) {
            String alias = topic.group(1).toLowerCase(Locale.ROOT);
            String key = topics.entrySet().stream().filter(e -> e.getValue().contains(alias)).map(Map.Entry::getKey)
                    .findFirst().orElse(alias);
            int topicEnd = from + topic.end();
            int[] phrase = ObjectPhrase.find(text, from, to, CALLS.contains(cueKey));
            if (phrase != null && phrase[0] <= topicStart && phrase[1] >= topicEnd) {
                String name = text.substring(phrase[0], phrase[1]).replaceAll("[“”\"]", "").strip();
                return new Target("topic:" + key.replace(' ', '-'), name, TargetType.TOPIC, phrase[0], phrase[1],
                        false);
            }
            return new Target("topic:" + key.replace(' ', '-'), key, TargetType.TOPIC, topicStart, topicEnd, false);
        }
        Entity e = entity.entity();
        int end = entity.end();
        if (end < text.length() && text.charAt(end) == '’' || end < text.length() && text.charAt(end) == '\'') {
            end = Math.min(text.length(), end + 2);
        }
        return new Target(e.id(), e.name(), TargetType.ENTITY, entity.start(), end, false);
    }

    /** True when {@code pattern} (anchored with ^) matches the text right after {@code offset}. */
    private static boolean startsAt(Pattern pattern, String text, int offset) {
        return pattern.matcher(text).region(offset, Math.min(text.length(), offset + 60)).find();
    }

    /** True when {@code offset} is inside a direct quotation on its line. */
    static boolean insideQuote(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int open = 0;
        for (int i = lineStart; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '“') {
                open++;
            } else if (c == '”' && open > 0) {
                open--;
            } else if (c == '"') {
                open = open == 0 ? 1 : 0;
            }
        }
        return open > 0;
    }

    private static int clauseStart(String text, int offset) {
        int start = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
        Matcher m = CLAUSE_END.matcher(text.substring(start, offset));
        int last = start;
        while (m.find()) {
            last = start + m.end();
        }
        return last;
    }

    private static int clauseEnd(String text, int from) {
        int limit = Math.min(text.length(), from + WINDOW);
        Matcher m = CLAUSE_END.matcher(text.substring(from, limit));
        return m.find() ? from + m.start() : limit;
    }

    private static Map<String, Polarity> cues() {
        Map<String, Polarity> c = new LinkedHashMap<>();
        for (String s : List.of("warned against", "warns against", "dismissed", "dismisses", "rejected", "rejects",
                "condemned", "condemns", "criticised", "criticized", "criticises", "criticizes", "opposed", "opposes",
                "denounced", "slammed", "ruled out", "rules out", "vetoed", "blasted", "attacked", "accused",
                "warned", "warns", "will not accept", "would not accept", "refused to accept", "voiced opposition to",
                "expressed opposition to", "objected to", "pushed back against", "blamed", "blames", "mocked",
                "hit out at", "lashed out at", "took aim at", "rebuked", "ridiculed")) {
            c.put(s, Polarity.AGAINST);
        }
        for (String s : List.of("backed", "backs", "praised", "praises", "welcomed", "welcomes", "supported",
                "supports", "endorsed", "endorses", "called for", "calls for", "demanded", "demands", "urged",
                "pushed for", "hailed", "applauded", "championed", "defended", "support", "back",
                "expressed readiness for", "expressed support for", "expressed interest in",
                "expressed a strong interest in", "voiced support for", "signalled support for",
                "signaled support for", "expressed hope for", "lobbied for", "argued for", "thanked", "thanks",
                "congratulated", "lauded", "commended")) {
            c.put(s, Polarity.FAVOR);
        }
        for (String s : List.of("praising", "backing", "welcoming", "hailing", "endorsing", "applauding")) {
            c.put(s, Polarity.FAVOR);
        }
        for (String s : List.of("criticising", "criticizing", "condemning", "rejecting", "dismissing", "denouncing",
                "slamming")) {
            c.put(s, Polarity.AGAINST);
        }
        return Map.copyOf(c);
    }

    private static Map<String, List<String>> defaultTopics() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("ceasefire", List.of("ceasefire", "cease-fire", "truce"));
        t.put("peace deal", List.of("peace deal", "peace agreement", "peace plan", "peace settlement", "peace talks"));
        t.put("nato membership", List.of("nato membership", "joining nato", "join nato", "nato accession"));
        t.put("sanctions", List.of("sanctions", "sanction"));
        t.put("security guarantee", List.of("security guarantee", "security guarantees", "backstop"));
        t.put("tariffs", List.of("tariffs", "tariff", "duties", "levies"));
        t.put("climate finance", List.of("climate finance", "climate funding"));
        t.put("arms deliveries", List.of("arms deliveries", "weapons deliveries", "military aid", "arms supplies"));
        t.put("capitulation", List.of("capitulation"));
        t.put("negotiations", List.of("negotiations", "talks"));
        t.put("defence spending", List.of("defence spending", "defense spending", "military spending"));
        return t;
    }

    private static Located pronounReferent(String text, List<Located> mentions, int offset) {
        return BodyMentions.pronounReferent(text, mentions, offset, o -> Sentences.start(text, o));
    }
}
