package io.newsflow.enrich.entity;

import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.MentionKind;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.kb.AliasMatcher;
import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KbOrganization;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Names;
import io.newsflow.enrich.kb.Office;
import io.newsflow.enrich.kb.OfficeKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the people, organisations and places an article names, each once, with every mention: statistical NER
 * ({@link EntityRecognizer}) merged with a knowledge-base gazetteer, name variants clustered per document (full
 * name, surname, "Mr X", possessive, title + name, transliterations), title-only references ("the French
 * President", "the PM") resolved by role, country and article date, clusters linked to the knowledge base (QID,
 * leader flag, role), unknown people kept as document-local entities, one type per entity, and salience from
 * headline, lead and mention count.
 *
 * <p>Thread-safe: all state is built in the constructor and read-only afterwards.
 */
public final class EntityStage implements Stage {

    public static final String NAME = "entities";

    private static final Pattern POSSESSIVE = Pattern.compile("(?:['’]s|['’])$");
    private static final Pattern HONORIFIC_BEFORE = Pattern.compile("(?:^|[^\\p{L}])((?:" + Titles.HONORIFICS + "|"
            + Titles.alternation() + ")\\s+)$");

    private final KnowledgeBase kb;
    private final EntityRecognizer recognizer;
    private final AliasMatcher<Object> gazetteer;
    private final Pattern titleOnly;
    /** "the Russian leader", "the UN chief": a qualifier and a generic head-of word, lower case. */
    private final Pattern leaderOnly;
    /** "Egypt's foreign minister, " right before a name. */
    private final Pattern titleCommaBefore;
    /** ", the Israeli foreign minister" right after a name. */
    private final Pattern commaTitleAfter;

    public EntityStage(KnowledgeBase kb, EntityRecognizer recognizer) {
        this.kb = kb;
        this.recognizer = recognizer;
        Map<String, List<Object>> names = new LinkedHashMap<>();
        for (KbPerson p : kb.persons()) {
            add(names, p.name(), p);
            p.aliases().forEach(a -> add(names, a, p));
        }
        for (KbOrganization o : kb.organizations()) {
            add(names, o.name(), o);
            o.aliases().forEach(a -> add(names, a, o));
        }
        for (KbCountry c : kb.countries()) {
            add(names, c.name(), c);
            c.aliases().stream().filter(a -> a.length() > 3 || a.equals(a.toUpperCase(Locale.ROOT)))
                    .forEach(a -> add(names, a, c));
        }
        for (KbCountry c : kb.countries()) {
            for (String capital : c.capitals()) {
                City city = new City(capital.replace(" D.C.", ", D.C."), c.code());
                add(names, capital, city);
                if (capital.endsWith(" D.C.")) {
                    add(names, capital.substring(0, capital.length() - 5), city);
                }
            }
        }
        this.gazetteer = new AliasMatcher<>(names);
        StringBuilder qualifiers = new StringBuilder();
        for (KbCountry c : kb.countries()) {
            for (String d : c.demonyms()) {
                qualifiers.append(Pattern.quote(d)).append('|');
            }
            qualifiers.append(Pattern.quote(c.name())).append('|');
        }
        for (KbOrganization o : kb.organizations()) {
            qualifiers.append(Pattern.quote(o.name())).append('|');
            o.aliases().stream().filter(a -> a.equals(a.toUpperCase(Locale.ROOT)) || a.matches("\\p{Lu}\\p{Ll}{1,3}"))
                    .forEach(a -> qualifiers.append(Pattern.quote(a)).append('|'));
        }
        qualifiers.setLength(qualifiers.length() - 1);
        this.titleOnly = Pattern.compile("(?<![\\p{L}])((?:[Tt]he\\s+)?(?:(" + qualifiers + ")(?:['’]s)?\\s+)?("
                + Titles.alternationAnyCase() + "))(?![\\p{L}-])(?!\\s+(?:of\\s+)?\\p{Lu})");
        String title = "((?:[Tt]he\\s+)?(?:(" + qualifiers + ")(?:['’]s)?\\s+)?(" + Titles.alternationAnyCase() + "))";
        this.titleCommaBefore = Pattern.compile("(?<![\\p{L}])" + title + ",\\s+(?:" + APPOSITIVE_HONORIFICS
                + "\\s+)?$");
        this.commaTitleAfter = Pattern.compile("^,\\s+" + title + "(?=\\s*[,.;:])");
        this.leaderOnly = Pattern.compile("(?<![\\p{L}])([Tt]he\\s+(" + qualifiers + ")(?:['’]s)?\\s+"
                + "(leader|chief|head|chair|chairman|chairwoman|governor|director|director-general))(?![\\p{L}])"
                + "(?!\\s+(?:of\\s+)?\\p{Lu})");
    }

    /** The stage with the bundled knowledge base and CoreNLP's CRF. */
    public static EntityStage standard() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final EntityStage INSTANCE = new EntityStage(KnowledgeBase.bundled(), CrfEntityRecognizer.shared());
    }

    private static void add(Map<String, List<Object>> names, String name, Object value) {
        if (name != null && name.strip().length() > 1) {
            names.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.ENTITIES);
    }

    @Override
    public Document apply(Document document) {
        LocalDate date = document.publishedAt() == null ? null
                : document.publishedAt().atZone(ZoneOffset.UTC).toLocalDate();
        List<Candidate> candidates = candidates(document);
        Clusters clusters = new Clusters(date);
        for (Candidate c : candidates) {
            clusters.add(c);
        }
        clusters.resolveTitles(document, date);
        clusters.resolveDescriptors(document);
        return document.withEntities(clusters.entities(document));
    }

    /** A capital city from the knowledge base's country data. */
    private record City(String name, String country) {
    }

    /** A mention before clustering, with what the knowledge base says it is (null when unknown). */
    private record Candidate(Field field, int start, int end, String text, EntityType type, Object kb,
                             MentionKind kind, List<Object> kbOptions, String roleTitle) {

        Candidate(Field field, int start, int end, String text, EntityType type, Object kb, MentionKind kind,
                  List<Object> kbOptions) {
            this(field, start, end, text, type, kb, kind, kbOptions, null);
        }

        Candidate withRole(String role) {
            return new Candidate(field, start, end, text, type, kb, kind, kbOptions, role);
        }
    }

    private List<Candidate> candidates(Document doc) {
        List<Candidate> out = new ArrayList<>();
        for (Field field : Field.values()) {
            String text = doc.text(field);
            List<Candidate> gaz = new ArrayList<>();
            for (AliasMatcher.Match<Object> m : gazetteer.find(text)) {
                if (!acceptable(m)) {
                    continue;
                }
                Object first = m.values().get(0);
                EntityType type = first instanceof KbPerson ? EntityType.PERSON
                        : first instanceof KbOrganization ? EntityType.ORGANIZATION : EntityType.LOCATION;
                int start = m.start();
                if (m.name().length() > 4 && m.name().substring(0, 4).equalsIgnoreCase("the ")) {
                    start += 4;
                }
                gaz.add(new Candidate(field, start, m.end(), text.substring(start, m.end()), type,
                        m.values().size() == 1 ? first : null, MentionKind.NAME, m.values()));
            }
            List<Candidate> merged = new ArrayList<>(gaz);
            for (NamedSpan raw : recognizer.recognize(doc)) {
                NamedSpan s = placeByItsHead(withFirstName(withParticles(trim(raw, text), text), text));
                if (s == null || s.field() != field || Titles.kindOf(s.text()).isPresent() || partOfTitle(s, text)
                        || s.text().chars().noneMatch(Character::isUpperCase)
                        || s.type() == EntityType.PERSON && NOT_PEOPLE.contains(s.text())) {
                    continue;
                }
                boolean covered = false;
                for (int i = 0; i < merged.size(); i++) {
                    Candidate g = merged.get(i);
                    if (g.start() < s.end() && s.start() < g.end()) {
                        covered = true;
                        boolean longerPerson = s.type() == EntityType.PERSON && g.type() == EntityType.PERSON
                                && s.start() <= g.start() && s.end() >= g.end() && s.end() - s.start() > g.end() - g.start();
                        boolean strongerName = longerPerson && core(s.text()).contains(" ")
                                && !core(g.text()).contains(" ") && !(g.kb() instanceof KbPerson p
                                && (Names.fold(p.name()).equals(Names.fold(core(s.text())))
                                || p.aliases().stream().anyMatch(a -> Names.fold(a).equals(Names.fold(core(s.text()))))));
                        // "Jordan Bardella": a place or body that only starts a longer person name
                        boolean placeStartsName = s.type() == EntityType.PERSON && g.type() != EntityType.PERSON
                                && g.type() != EntityType.MISC && s.start() == g.start() && s.end() > g.end()
                                && Character.isUpperCase(text.charAt(skipSpaces(text, g.end())));
                        // "Gulf of Guinea", "Latin America", "Bank of England": a longer name around a known one
                        boolean longerName = s.type() != EntityType.PERSON && s.type() != EntityType.MISC
                                && g.type() != EntityType.PERSON && s.start() <= g.start() && s.end() >= g.end()
                                && s.end() - s.start() > g.end() - g.start()
                                && (s.text().contains(" of ") || s.type() == EntityType.LOCATION
                                && LONGER_NAME_WORD.matcher(text.substring(s.start(), g.start()) + " "
                                + text.substring(g.end(), s.end())).find());
                        if (longerPerson && (g.kb() == null || strongerName) || placeStartsName || longerName) {
                            merged.set(i, new Candidate(field, s.start(), s.end(), s.text(), s.type(), null,
                                    MentionKind.NAME, List.of()));
                        }
                    }
                }
                if (!covered) {
                    merged.add(new Candidate(field, s.start(), s.end(), s.text(), s.type(), null, MentionKind.NAME,
                            List.of()));
                }
            }
            merged.sort(Comparator.comparingInt(Candidate::start));
            for (Candidate c : merged) {
                out.add(c.type() == EntityType.PERSON ? withTitle(c, text).withRole(roleBefore(c, text)) : c);
            }
        }
        return out;
    }

    private static final Pattern TITLE_HEAD = Pattern.compile("^\\s+(?:Secretary|Minister|Chief|Spokesman|"
            + "Spokeswoman|Spokesperson)\\b");

    private static int skipSpaces(String text, int i) {
        while (i < text.length() - 1 && text.charAt(i) == ' ') {
            i++;
        }
        return Math.min(i, text.length() - 1);
    }

    /** "US Defence" in "US Defence Secretary": an organisation-looking span that is the start of a role title. */
    private static boolean partOfTitle(NamedSpan s, String text) {
        return s.type() == EntityType.ORGANIZATION && TITLE_HEAD.matcher(text.substring(s.end())).find();
    }

    /** Capitalised words before an office that start a sentence rather than qualify the office. */
    private static final Set<String> NOT_QUALIFIERS = Set.of("But", "And", "Or", "So", "Yet", "The", "Then", "When",
            "While", "Meanwhile", "However", "Also", "Now", "Later", "Earlier", "As", "After", "Before", "If", "Since",
            "On", "In", "At", "By", "With", "For", "From", "To", "Only", "Even", "Both", "Its", "His", "Her", "Their");

    private static final String APPOSITIVE_HONORIFICS = "(?:Prince|Princess|Sheikh|Sheikha|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?)";
    /** A word that makes a longer place name ("Latin" America), unlike an abbreviation ("Washington DC"). */
    private static final Pattern LONGER_NAME_WORD = Pattern.compile("\\p{Lu}\\p{Ll}{2,}");
    /** A non-office title right before a name, or at the start of a mention ("Governor Gavin Newsom"). */
    private static final Pattern DESCRIPTOR_BEFORE = Pattern.compile("(?<![\\p{L}.])(Governor|Gov\\.|Senator|Sen\\.|"
            + "Mayor|Speaker|Ambassador|Judge|General|Gen\\.|Admiral|Cardinal|Archbishop)\\s+(?:\\p{Lu}[\\p{L}.'’-]*\\s+)*"
            + "\\p{Lu}[\\p{L}'’-]*$");

    private static String descriptor(String written) {
        return switch (written) {
            case "Gov." -> "governor";
            case "Sen." -> "senator";
            case "Gen." -> "general";
            default -> written.toLowerCase(Locale.ROOT);
        };
    }

    /** Last words that make a name a place (not "Hill" or "Bay": surnames too). */
    private static final Pattern PLACE_HEAD = Pattern.compile("\\S\\s+(?:Palace|Square|Street|Avenue|Boulevard|Bridge|"
            + "Airport|Valley|Mountains|River|Sea|Ocean|Gulf|Island|Islands|Peninsula|Strait|Canal|Desert|Province|"
            + "Region|District|County)$");

    /** Feasts and seasons the CRF takes for people ("before Christmas"). */
    private static final Set<String> NOT_PEOPLE = Set.of("Christmas", "Easter", "Ramadan", "Eid", "Eid al-Fitr",
            "Eid al-Adha", "Thanksgiving", "Hanukkah", "Diwali", "Passover", "Lent", "Advent", "Halloween", "Nowruz");
    /** Nouns that make "the Russian leader" a country's head; "the Fed chair" and the like name organisations' heads. */
    private static final Set<String> LEADER_NOUNS = Set.of("leader", "chief", "head");
    private static final Pattern OF_PLACE = Pattern.compile("\\s+of\\s+.*$");
    private static final Pattern CLOSING_PUNCTUATION = Pattern.compile("\\s*[,.;:]");
    private static final Pattern COMMA_GAP = Pattern.compile(",\\s+");
    private static final Pattern COMMA_HONORIFIC_GAP = Pattern.compile(",\\s+(?:" + APPOSITIVE_HONORIFICS + "\\s+)?");
    private static final Pattern OF_AFTER = Pattern.compile("\\s+of\\b");
    private static final Pattern FORMER = Pattern.compile("(?i)\\b(?:former|ex-)");

    /** A lower-case name particle and the capitalised name after it: "al Alban", "von der Leyen", "bin Salman". */
    private static final Pattern PARTICLE_AFTER = Pattern.compile("^\\s(?:al|el|bin|bint|ibn|van|von|de|da|di|del|"
            + "della|dos|das|du|ter|ten)(?:\\s(?:der|den|de|la))?[\\s-]\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}]+)?");

    /** A person span the recogniser cut at a lower-case particle ("Musaed" of "Musaed al Alban"), extended. */
    /**
     * "Sen. Rand Paul" where the recogniser tagged only "Paul": a capitalised word between a title and a person's
     * name is the first name.
     */
    private static NamedSpan withFirstName(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.PERSON || s.field() == null || s.end() > text.length()
                || s.text().contains(" ")) {
            return s;
        }
        Matcher m = FIRST_NAME_AFTER_TITLE.matcher(text.substring(Math.max(0, s.start() - 40), s.start()));
        if (!m.find()) {
            return s;
        }
        int start = s.start() - (m.end() - m.start(1));
        return new NamedSpan(s.field(), start, s.end(), text.substring(start, s.end()), s.type());
    }

    private static final Pattern FIRST_NAME_AFTER_TITLE = Pattern.compile("(?:^|[^\\p{L}])(?:" + Titles.HONORIFICS
            + "|Sen\\.|Senator|Rep\\.|Representative|Gov\\.|Governor|Speaker|Mayor|Judge|General|Gen\\.|President|"
            + "Chancellor|Minister|Secretary|Chair|Chairman|Chairwoman)\\s+(\\p{Lu}[\\p{Ll}]+\\s+)$");

    private static NamedSpan withParticles(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.PERSON || s.field() == null || s.end() > text.length()) {
            return s;
        }
        Matcher m = PARTICLE_AFTER.matcher(text.substring(s.end(), Math.min(text.length(), s.end() + 40)));
        if (!m.find()) {
            return s;
        }
        int end = s.end() + m.end();
        return new NamedSpan(s.field(), s.start(), end, text.substring(s.start(), end), s.type());
    }

    /** Drops punctuation that a recogniser left at the edges of a span. */
    private static NamedSpan trim(NamedSpan s, String text) {
        if (s.field() == null || s.end() > text.length()) {
            return s;
        }
        int start = s.start();
        int end = s.end();
        while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1)) && text.charAt(end - 1) != '.') {
            end--;
        }
        if (start >= end) {
            return null;
        }
        return start == s.start() && end == s.end() ? s
                : new NamedSpan(s.field(), start, end, text.substring(start, end), s.type());
    }

    private static boolean acceptable(AliasMatcher.Match<Object> m) {
        String name = m.name();
        boolean acronym = name.length() <= 5 && name.equals(name.toUpperCase(Locale.ROOT));
        if (!Character.isUpperCase(name.charAt(0)) && !name.toLowerCase(Locale.ROOT).startsWith("the ")) {
            return false;
        }
        if (acronym) {
            return m.values().stream().anyMatch(v -> v instanceof KbOrganization o && o.aliases().contains(name)
                    || v instanceof KbCountry c && c.aliases().contains(name) || v instanceof KbOrganization o2
                    && o2.name().equals(name));
        }
        return true;
    }

    /** Per-document clusters of mentions. */
    private final class Clusters {
        private final LocalDate date;
        private final List<Cluster> all = new ArrayList<>();

        Clusters(LocalDate date) {
            this.date = date;
        }

        void add(Candidate c) {
            String core = c.type() == EntityType.PERSON
                    ? PERSON_TITLE.matcher(core(c.text())).replaceFirst("").strip() : core(c.text());
            if (core.isEmpty()) {
                return;
            }
            Object kbEntry = c.kb() != null ? c.kb() : pick(c.kbOptions());
            if (kbEntry == null && c.type() != EntityType.PERSON) {
                kbEntry = kb.countryNamed(core).map(x -> (Object) x).orElse(null);
            }
            boolean place = kbEntry instanceof KbCountry || kbEntry instanceof City || kbEntry instanceof KbOrganization;
            if (!place && (c.type() == EntityType.PERSON || kbEntry instanceof KbPerson || personCluster(core) != null)) {
                addPerson(c, core, kbEntry instanceof KbPerson p ? p : null);
                return;
            }
            if (kbEntry == null) {
                kbEntry = c.type() == EntityType.LOCATION ? kb.countryNamed(core).orElse(null)
                        : kb.organizationNamed(core).map(o -> (Object) o).or(() -> kb.countryNamed(core)
                        .map(x -> (Object) x)).orElse(null);
            }
            EntityType type = kbEntry instanceof KbOrganization ? EntityType.ORGANIZATION
                    : kbEntry instanceof KbCountry || kbEntry instanceof City ? EntityType.LOCATION : c.type();
            String key = kbEntry != null ? keyOf(kbEntry) : type + "|" + Names.fold(core.replaceFirst("(?i)^the ", ""));
            Cluster cluster = find(key);
            if (cluster == null) {
                cluster = new Cluster(key, type, kbEntry);
                all.add(cluster);
            }
            cluster.mentions.add(new Document.Mention(c.field(), c.start(), c.end(), c.text(), MentionKind.NAME));
            cluster.names.add(core);
        }

        private Object pick(List<Object> options) {
            if (options.isEmpty()) {
                return null;
            }
            List<KbPerson> serving = options.stream().filter(o -> o instanceof KbPerson p
                    && p.officeOn(date).isPresent()).map(o -> (KbPerson) o).toList();
            if (serving.size() == 1) {
                return serving.get(0);
            }
            for (Cluster c : all) {
                if (c.kb != null && options.contains(c.kb)) {
                    return c.kb;
                }
            }
            return null;
        }

        private void addPerson(Candidate c, String core, KbPerson linked) {
            Cluster cluster = null;
            if (linked != null && !core.contains(" ")) {
                // a bare surname means the person this article has already named in full, not a namesake in the KB
                Cluster named = personCluster(core);
                if (named != null && named.kb != linked) {
                    cluster = named;
                    linked = null;
                }
            }
            if (cluster == null && linked != null) {
                cluster = find(linked.id());
            }
            if (cluster == null && linked == null) {
                cluster = personCluster(core);
            }
            if (cluster == null && linked == null) {
                List<KbPerson> known = kb.personsNamed(core);
                if (known.size() == 1 && core.contains(" ")) {
                    linked = known.get(0);
                    cluster = find(linked.id());
                }
            }
            if (cluster == null) {
                String key = linked != null ? linked.id() : "PERSON|" + Names.fold(core);
                cluster = new Cluster(key, EntityType.PERSON, linked);
                all.add(cluster);
                if (linked == null) {
                    absorbSurnameClusters(cluster, core);
                }
            }
            cluster.type = EntityType.PERSON;
            if (cluster.roleTitle == null) {
                cluster.roleTitle = c.roleTitle();
            }
            cluster.mentions.add(new Document.Mention(c.field(), c.start(), c.end(), c.text(), MentionKind.NAME));
            cluster.names.add(core);
        }

        /** A person cluster one of whose names has {@code core} as a word, or equals it. */
        private Cluster personCluster(String core) {
            String folded = Names.fold(core);
            for (Cluster c : all) {
                if (c.type != EntityType.PERSON) {
                    continue;
                }
                for (String n : c.names) {
                    String fn = Names.fold(n);
                    // "Putin" in "Vladimir Putin"; a surname with a particle ("van Rensburg") ends the full name
                    if (fn.equals(folded) || !folded.contains(" ") && (" " + fn + " ").contains(" " + folded + " ")
                            || Character.isLowerCase(core.charAt(0)) && fn.endsWith(" " + folded)) {
                        return c;
                    }
                }
                if (c.kb instanceof KbPerson p && p.aliases().stream().anyMatch(a -> Names.fold(a).equals(folded)
                        || !folded.contains(" ") && !a.contains(" ") && nearMiss(Names.fold(a), folded))) {
                    return c;
                }
            }
            return null;
        }

        /** A new full-name person takes over earlier single-word clusters of its surname. */
        private void absorbSurnameClusters(Cluster full, String fullName) {
            if (!fullName.contains(" ")) {
                return;
            }
            String[] parts = Names.fold(fullName).split(" ");
            String surname = parts[parts.length - 1];
            for (int i = all.size() - 1; i >= 0; i--) {
                Cluster c = all.get(i);
                if (c != full && c.kb == null && c.names.stream().allMatch(n -> Names.fold(n).equals(surname))) {
                    full.mentions.addAll(c.mentions);
                    full.names.addAll(c.names);
                    all.remove(i);
                }
            }
        }

        private Cluster find(String key) {
            for (Cluster c : all) {
                if (c.key.equals(key)) {
                    return c;
                }
            }
            return null;
        }

        /** Title-only references: resolved to a mentioned or knowledge-base office-holder. */
        void resolveTitles(Document doc, LocalDate on) {
            for (Field field : Field.values()) {
                String text = doc.text(field);
                Matcher m = titleOnly.matcher(text);
                while (m.find()) {
                    String qualifier = m.group(2);
                    String written = m.group(3).replaceAll("\\s+", " ");
                    boolean lowerCase = Character.isLowerCase(written.charAt(0));
                    if (lowerCase && !qualifiedOrDefinite(text, m, qualifier)) {
                        continue;
                    }
                    String title = Titles.canonical(written).orElse(written);
                    Optional<OfficeKind> kind = Titles.kindOf(title);
                    if (kind.isEmpty()) {
                        continue;
                    }
                    if (overlapsMention(field, m.start(1), m.end(1))
                            || appositive(this, field, text, m.start(1), m.end(1))) {
                        continue;
                    }
                    KbPerson holder = resolve(kind.get(), title, qualifier, on, lowerCase);
                    Cluster cluster = holder == null ? introducedWith(title, qualifier) : find(holder.id());
                    if (holder == null && cluster == null) {
                        continue;
                    }
                    if (cluster == null) {
                        cluster = new Cluster(holder.id(), EntityType.PERSON, holder);
                        all.add(cluster);
                    }
                    cluster.mentions.add(new Document.Mention(field, m.start(1), m.end(1), m.group(1),
                            MentionKind.TITLE));
                    dropMiscInside(field, m.start(1), m.end(1));
                }
                Matcher l = leaderOnly.matcher(text);
                while (l.find()) {
                    if (overlapsMention(field, l.start(1), l.end(1))) {
                        continue;
                    }
                    KbPerson holder = resolveLeader(l.group(2), l.group(3), on);
                    Cluster cluster = holder == null ? null : find(holder.id());
                    if (cluster == null && holder != null) {
                        cluster = new Cluster(holder.id(), EntityType.PERSON, holder);
                        all.add(cluster);
                    }
                    if (cluster != null) {
                        cluster.mentions.add(new Document.Mention(field, l.start(1), l.end(1), l.group(1),
                                MentionKind.TITLE));
                        dropMiscInside(field, l.start(1), l.end(1));
                    }
                }
            }
        }

        /**
         * "the Russian leader": the one person named in the article who heads that state or government; "the UN
         * chief": who heads that organisation on the article's date.
         */
        private KbPerson resolveLeader(String qualifier, String noun, LocalDate on) {
            Optional<String> country = kb.countryByDemonym(qualifier).or(() -> kb.countryNamed(qualifier))
                    .map(KbCountry::code);
            if (country.isPresent()) {
                if (!LEADER_NOUNS.contains(noun.toLowerCase(Locale.ROOT))) {
                    return null;
                }
                String j = country.get();
                List<KbPerson> named = new ArrayList<>();
                for (Cluster c : all) {
                    if (c.kb instanceof KbPerson p && p.offices().stream().anyMatch(o -> o.jurisdiction().equals(j)
                            && (o.kind() == OfficeKind.HEAD_OF_STATE || o.kind() == OfficeKind.HEAD_OF_GOVERNMENT)
                            && (on == null || o.heldOn(on)))) {
                        named.add(p);
                    }
                }
                return named.size() == 1 ? named.get(0) : null;
            }
            Optional<KbOrganization> org = kb.organizationNamed(qualifier);
            if (org.isEmpty()) {
                return null;
            }
            String j = org.get().name().equals("NATO") ? "NATO" : org.get().key().toUpperCase(Locale.ROOT);
            List<KbPerson> heads = kb.holders(OfficeKind.ORG_HEAD, j, on);
            return heads.size() == 1 ? heads.get(0) : null;
        }

        private boolean overlapsMention(Field field, int start, int end) {
            for (Cluster c : all) {
                if (c.type != EntityType.PERSON) {
                    continue;
                }
                for (Document.Mention mention : c.mentions) {
                    if (mention.field() == field && mention.start() < end && start < mention.end()) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Demonyms inside a resolved title ("French" in "the French President") are not entities of their own. */
        private void dropMiscInside(Field field, int start, int end) {
            for (Cluster c : all) {
                if (c.type == EntityType.MISC) {
                    c.mentions.removeIf(m -> m.field() == field && m.start() >= start && m.end() <= end);
                }
            }
            all.removeIf(c -> c.mentions.isEmpty());
        }

        /**
         * "the governor", "the senator": the one person the article introduced with that non-office title ("Governor
         * Gavin Newsom", "Sen. Rand Paul"); nothing when several were.
         */
        void resolveDescriptors(Document doc) {
            Map<String, Set<Cluster>> byDescriptor = new HashMap<>();
            for (Cluster c : all) {
                if (c.type != EntityType.PERSON) {
                    continue;
                }
                for (Document.Mention m : c.mentions) {
                    if (m.kind() != MentionKind.NAME) {
                        continue;
                    }
                    String text = doc.text(m.field());
                    Matcher d = DESCRIPTOR_BEFORE.matcher(text.substring(Math.max(0, m.start() - 30), m.end()));
                    if (d.find()) {
                        byDescriptor.computeIfAbsent(descriptor(d.group(1)), k -> new HashSet<>()).add(c);
                    }
                }
            }
            for (Map.Entry<String, Set<Cluster>> e : byDescriptor.entrySet()) {
                if (e.getValue().size() != 1) {
                    continue;
                }
                Cluster person = e.getValue().iterator().next();
                Pattern reference = Pattern.compile("(?<![\\p{L}])[Tt]he\\s+(?i:" + e.getKey() + ")(?![\\p{L}-])"
                        + "(?!\\s+of\\b)(?!\\s+\\p{Lu})");
                for (Field field : Field.values()) {
                    String text = doc.text(field);
                    Matcher m = reference.matcher(text);
                    while (m.find()) {
                        if (!overlapsMention(field, m.start(), m.end())
                                && !appositive(this, field, text, m.start(), m.end())) {
                            person.mentions.add(new Document.Mention(field, m.start(), m.end(), m.group(),
                                    MentionKind.TITLE));
                        }
                    }
                }
            }
        }

        /**
         * The one person outside the knowledge base the article introduced with this title ("Home Secretary Shabana
         * Mahmood", "Shabana Mahmood, the Home Secretary,"; with a qualifier, for that country: "Germany's finance
         * minister, Lars Klingbeil," for "the German finance minister"), or null.
         */
        private Cluster introducedWith(String title, String qualifier) {
            String where = qualifier == null ? null : kb.countryByDemonym(qualifier).or(() -> kb.countryNamed(qualifier))
                    .map(KbCountry::name).orElse(null);
            if (qualifier != null && where == null) {
                return null;
            }
            List<Cluster> found = new ArrayList<>();
            for (Cluster c : all) {
                if (c.type == EntityType.PERSON && c.kb == null && c.roleTitle != null
                        && (where == null ? OF_PLACE.matcher(c.roleTitle).replaceFirst("").equalsIgnoreCase(title)
                        : c.roleTitle.equalsIgnoreCase(title + " of " + where))) {
                    found.add(c);
                }
            }
            return found.size() == 1 ? found.get(0) : null;
        }

        /**
         * A title in lower case refers to a person only as "the [qualifier] title" or "[qualifier]'s title", and not
         * when "of" follows ("the president of the club").
         */
        private boolean qualifiedOrDefinite(String text, Matcher m, String qualifier) {
            boolean definite = m.group(1).regionMatches(true, 0, "the", 0, 3)
                    && Character.isWhitespace(m.group(1).charAt(3));
            return (definite || qualifier != null) && !OF_AFTER.matcher(text).region(m.end(1), text.length()).lookingAt();
        }

        private KbPerson resolve(OfficeKind kind, String title, String qualifier, LocalDate on, boolean lowerCase) {
            String jurisdiction = null;
            if (qualifier != null) {
                jurisdiction = kb.countryByDemonym(qualifier).or(() -> kb.countryNamed(qualifier))
                        .map(KbCountry::code).orElse(null);
                if (jurisdiction == null) {
                    Optional<KbOrganization> org = kb.organizationNamed(qualifier);
                    if (org.isPresent()) {
                        jurisdiction = org.get().name().equals("NATO") ? "NATO" : org.get().key().toUpperCase(Locale.ROOT);
                        // "the ECB president", "the UN secretary-general": whoever heads the body
                        String j = jurisdiction;
                        List<KbPerson> heads = kb.holders(OfficeKind.ORG_HEAD, j, on);
                        List<KbPerson> fitting = heads.stream().filter(p -> p.offices().stream().anyMatch(o ->
                                o.kind() == OfficeKind.ORG_HEAD && o.jurisdiction().equals(j) && titleFits(o, title)))
                                .toList();
                        if (fitting.size() == 1 || heads.size() == 1) {
                            return fitting.size() == 1 ? fitting.get(0) : heads.get(0);
                        }
                    }
                }
                if (jurisdiction == null) {
                    return null;
                }
            }
            List<KbPerson> mentioned = new ArrayList<>();
            List<KbPerson> holding = new ArrayList<>();
            for (Cluster c : all) {
                if (c.kb instanceof KbPerson p && p.offices().stream().anyMatch(o -> o.kind() == kind
                        && (on == null || o.heldOn(on)) && titleFits(o, title))) {
                    mentioned.add(p);
                    if (p.offices().stream().anyMatch(o -> o.kind() == kind && o.heldOn(on) && titleFits(o, title))) {
                        holding.add(p);
                    }
                }
            }
            if (jurisdiction != null) {
                String j = jurisdiction;
                List<KbPerson> holders = kb.holders(kind, j, on).stream()
                        .filter(p -> p.offices().stream().anyMatch(o -> o.jurisdiction().equals(j) && titleFits(o, title)))
                        .toList();
                return holders.isEmpty() ? null : holders.get(0);
            }
            if (mentioned.size() > 1) {
                // of the people named, the one the article introduced with this very title
                List<KbPerson> introduced = new ArrayList<>();
                for (Cluster c : all) {
                    // a bare title ("Prime Minister X"), not a qualified one ("Chinese President X")
                    if (c.kb instanceof KbPerson p && mentioned.contains(p) && c.roleTitle != null
                            && Titles.kindOf(c.roleTitle).orElse(null) == kind) {
                        introduced.add(p);
                    }
                }
                if (introduced.size() == 1) {
                    return introduced.get(0);
                }
            }
            if (on == null && holding.size() == 1 && mentioned.size() > 1) {
                // undated: of the people named, the one holding the office in the knowledge base's snapshot
                return holding.get(0);
            }
            if (mentioned.size() == 1) {
                return mentioned.get(0);
            }
            if (mentioned.isEmpty()) {
                // "the Chancellor" for the Chancellor of the Exchequer: a named person whose office starts with the title
                List<KbPerson> byTitle = new ArrayList<>();
                for (Cluster c : all) {
                    if (c.kb instanceof KbPerson p && p.officeOn(on).map(Office::title)
                            .filter(t -> t.equalsIgnoreCase(title) || t.regionMatches(true, 0, title + " ", 0,
                                    title.length() + 1)).isPresent()) {
                        byTitle.add(p);
                    }
                }
                if (byTitle.size() == 1) {
                    return byTitle.get(0);
                }
            }
            if (mentioned.isEmpty() && !lowerCase && (title.equals("PM") || title.equals("Prime Minister"))) {
                List<KbPerson> uk = kb.holders(OfficeKind.HEAD_OF_GOVERNMENT, "GB", on);
                return uk.isEmpty() ? null : uk.get(0);
            }
            return null;
        }

        private boolean titleFits(Office office, String title) {
            String t = title.toLowerCase(Locale.ROOT);
            String o = office.title().toLowerCase(Locale.ROOT);
            boolean ministerial = office.kind() == OfficeKind.FOREIGN_MINISTER || office.kind() == OfficeKind.DEFENCE_MINISTER
                    || office.kind() == OfficeKind.FINANCE_MINISTER || office.kind() == OfficeKind.ORG_HEAD;
            return o.contains(t) || t.equals("pm") && o.contains("prime minister") || t.contains("secretary")
                    && o.contains("secretary") || ministerial && Titles.kindOf(title).orElse(null) == office.kind();
        }

        List<Document.Entity> entities(Document doc) {
            int leadEnd = doc.body().indexOf('\n');
            leadEnd = leadEnd < 0 ? doc.body().length() : leadEnd;
            double max = 0;
            List<double[]> scores = new ArrayList<>();
            for (Cluster c : all) {
                double score = c.mentions.size();
                boolean inTitle = c.mentions.stream().anyMatch(m -> m.field() == Field.TITLE);
                int finalLeadEnd = leadEnd;
                boolean inLead = c.mentions.stream().anyMatch(m -> m.field() == Field.BODY && m.start() < finalLeadEnd);
                score += (inTitle ? 3 : 0) + (inLead ? 1.5 : 0);
                max = Math.max(max, score);
                scores.add(new double[] {score});
            }
            List<Document.Entity> entities = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Cluster c = all.get(i);
                if (c.type == EntityType.MISC && c.names.stream().allMatch(n -> kb.countryByDemonym(n).isPresent())) {
                    continue;
                }
                List<Document.Mention> mentions = new ArrayList<>();
                for (int k = 0; k < c.mentions.size(); k++) {
                    Document.Mention m = c.mentions.get(k);
                    String text = doc.text(m.field()).substring(m.start(), m.end());
                    mentions.add(new Document.Mention(m.field(), m.start(), m.end(), text, m.kind()));
                }
                mentions.sort(Comparator.comparing(Document.Mention::field).thenComparingInt(Document.Mention::start));
                double salience = max == 0 ? 0 : Math.round(scores.get(i)[0] / max * 1000) / 1000.0;
                entities.add(entity(c, mentions, salience));
            }
            entities.sort(Comparator.comparingDouble(Document.Entity::salience).reversed()
                    .thenComparing(Document.Entity::name));
            return entities;
        }

        private Document.Entity entity(Cluster c, List<Document.Mention> mentions, double salience) {
            if (c.kb instanceof KbPerson p) {
                Optional<Office> office = p.officeOn(date);
                boolean leader = p.leader() && (office.isPresent() || date == null);
                return new Document.Entity(p.id(), p.name(), EntityType.PERSON, p.qid(), leader,
                        office.map(this::role).orElse(null), salience, mentions);
            }
            if (c.kb instanceof KbOrganization o) {
                return new Document.Entity(o.id(), o.name(), EntityType.ORGANIZATION, o.qid(), false, null, salience,
                        mentions);
            }
            if (c.kb instanceof KbCountry k) {
                return new Document.Entity(k.qid() != null ? k.qid() : "kb:country:" + k.code(), k.name(),
                        EntityType.LOCATION, k.qid(), false, null, salience, mentions);
            }
            if (c.kb instanceof City city) {
                return new Document.Entity("kb:city:" + Names.slug(city.name()), city.name(), EntityType.LOCATION, null,
                        false, null, salience, mentions);
            }
            String name = c.names.stream().max(Comparator.comparingInt(String::length)).orElse("");
            boolean titled = c.type == EntityType.PERSON && c.roleTitle != null;
            return new Document.Entity(localId(c.type, name), name, c.type, null, titled, titled ? c.roleTitle : null,
                    salience, mentions);
        }

        private String role(Office o) {
            return kb.describe(o);
        }
    }

    /** One entity being assembled. */
    private static final class Cluster {
        final String key;
        EntityType type;
        final Object kb;
        final List<Document.Mention> mentions = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        String roleTitle;

        Cluster(String key, EntityType type, Object kb) {
            this.key = key;
            this.type = type;
            this.kb = kb;
        }
    }

    private static final Pattern LEADING_TITLE = Pattern.compile("^(?:(?:" + Titles.HONORIFICS + "|"
            + Titles.alternation() + ")\\s+)+");

    /** The name without possessive and without leading honorifics or titles. */
    /** Titles that are not offices newsflow resolves but may open a person's name ("Chair Jerome Powell"). */
    private static final Pattern PERSON_TITLE = Pattern.compile("^(?:(?:Chair|Chairman|Chairwoman|Senator|Sen\\.|"
            + "Rep\\.|Representative|Governor|Gov\\.|Speaker|Mayor|Judge|Justice|Commissioner|Ambassador|Cardinal|"
            + "Archbishop|Bishop|Rabbi|Sheikh|Imam|General|Gen\\.|Admiral|Colonel|Col\\.|Captain|Lieutenant|"
            + "Sergeant|Chief)\\s+)+(?=\\p{Lu})");

    static String core(String mention) {
        String s = POSSESSIVE.matcher(mention.strip()).replaceAll("");
        return LEADING_TITLE.matcher(s).replaceFirst("").strip();
    }

    private static final Pattern OFFICE_BEFORE = Pattern.compile("(?:^|[^\\p{L}])(?:([\\p{Lu}][\\p{L}.]+)\\s+)?"
            + "((?:[\\p{Lu}][\\p{Ll}]+\\s+){0,3}?(?:Minister|Secretary|Commissioner|Representative|President|"
            + "Chancellor|Premier|Envoy|National\\s+Security\\s+Adviser|[Nn]ational\\s+security\\s+adviser))\\s+$");

    /**
     * The office a person is introduced with ("Spanish Defence Minister Margarita Robles"), as "Defence Minister of
     * Spain", or null. Press secretaries and spokespeople are not offices of state.
     */
    private String roleBefore(Candidate c, String text) {
        String before = text.substring(Math.max(0, c.start() - 80), c.start());
        Matcher m = OFFICE_BEFORE.matcher(before);
        if (!m.find()) {
            return appositiveRole(c, text);
        }
        if (m.group().contains("Press")
                || FORMER.matcher(before.substring(Math.max(0, m.start() - 12), m.start() + 1)).find()) {
            return null;
        }
        String title = m.group(2).replaceAll("\\s+", " ");
        String qualifier = m.group(1);
        if (qualifier == null) {
            return title;
        }
        Optional<KbCountry> country = kb.countryByDemonym(qualifier).or(() -> kb.countryNamed(qualifier));
        return country.map(k -> title + " of " + k.name())
                .orElse(NOT_QUALIFIERS.contains(qualifier) ? title : qualifier + " " + title);
    }

    /**
     * The office set beside a name with a comma ("Egypt's foreign minister, Badr Abdelatty"; "Gideon Saar, the Israeli
     * foreign minister,"), as "Foreign Minister of Egypt", or null.
     */
    private String appositiveRole(Candidate c, String text) {
        Matcher before = titleCommaBefore.matcher(text.substring(Math.max(0, c.start() - 80), c.start()));
        if (before.find() && text.startsWith(",", c.end())) {
            return roleOf(before.group(3), before.group(2));
        }
        Matcher after = commaTitleAfter.matcher(text.substring(c.end(), Math.min(text.length(), c.end() + 80)));
        return after.find() ? roleOf(after.group(3), after.group(2)) : null;
    }

    private String roleOf(String written, String qualifier) {
        String title = Titles.canonical(written).orElse(null);
        if (title == null || title.equals("PM")) {
            return title == null ? null : "Prime Minister";
        }
        if (qualifier == null) {
            return title;
        }
        return kb.countryByDemonym(qualifier).or(() -> kb.countryNamed(qualifier)).map(k -> title + " of " + k.name())
                .or(() -> kb.organizationNamed(qualifier).map(o -> title + " of " + o.name()))
                .orElse(title);
    }

    /** Whether a title-only match is only a description set beside a person's name with a comma. */
    private boolean appositive(Clusters clusters, Field field, String text, int start, int end) {
        for (Cluster c : clusters.all) {
            if (c.type != EntityType.PERSON) {
                continue;
            }
            for (Document.Mention m : c.mentions) {
                if (m.field() != field) {
                    continue;
                }
                if (m.end() <= start && COMMA_GAP.matcher(text.substring(m.end(), start)).matches()
                        && CLOSING_PUNCTUATION.matcher(text).region(end, text.length()).lookingAt()) {
                    return true;
                }
                if (m.start() >= end && COMMA_HONORIFIC_GAP.matcher(text.substring(end, m.start())).matches()
                        && text.startsWith(",", m.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A name the CRF calls a person or body but whose last word makes it a place ("Dolmabahçe Palace"). */
    private static NamedSpan placeByItsHead(NamedSpan s) {
        if (s == null || s.type() == EntityType.LOCATION || s.type() == EntityType.MISC
                || !PLACE_HEAD.matcher(s.text()).find()) {
            return s;
        }
        return new NamedSpan(s.field(), s.start(), s.end(), s.text(), EntityType.LOCATION);
    }

    /**
     * Extends a surname mention (one word, or one with a particle: "van Rensburg") to include an honorific or title
     * right before it ("Mr Starmer", "Ms van Rensburg").
     */
    private static Candidate withTitle(Candidate c, String text) {
        String core = core(c.text());
        if (core.isEmpty() || core.contains(" ") && !Character.isLowerCase(core.charAt(0))) {
            return c;
        }
        Matcher m = HONORIFIC_BEFORE.matcher(text.substring(Math.max(0, c.start() - 40), c.start()));
        if (!m.find()) {
            return c;
        }
        int start = c.start() - m.group(1).length();
        return new Candidate(c.field(), start, c.end(), text.substring(start, c.end()), c.type(), c.kb(), c.kind(),
                c.kbOptions());
    }

    private static String keyOf(Object kbEntry) {
        if (kbEntry instanceof KbPerson p) {
            return p.id();
        }
        if (kbEntry instanceof KbOrganization o) {
            return o.id();
        }
        if (kbEntry instanceof City city) {
            return "city:" + Names.slug(city.name());
        }
        KbCountry c = (KbCountry) kbEntry;
        return "country:" + c.code();
    }

    /** Same first four letters and at most two edits apart: a transliteration or typo of the same surname. */
    static boolean nearMiss(String a, String b) {
        if (a.length() < 5 || b.length() < 5 || !a.regionMatches(0, b, 0, 4) || Math.abs(a.length() - b.length()) > 2) {
            return false;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= 2;
    }

    static String localId(EntityType type, String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((type + "|" + Names.fold(name))
                    .getBytes(StandardCharsets.UTF_8));
            return "local:" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
