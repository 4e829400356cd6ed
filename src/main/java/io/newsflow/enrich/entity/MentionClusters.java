package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.MentionKind;
import io.newsflow.enrich.kb.KbEntry;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Names;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entities of one document as clusters of mentions: each candidate joins the cluster of its knowledge-base entry,
 * or of the person one of whose names it is ("Putin" in "Vladimir Putin", "Mr Starmer", a near-miss transliteration),
 * or starts a new one; a full name takes over earlier clusters of its bare surname. Not thread-safe: one instance per
 * document, confined to the thread annotating it.
 */
final class MentionClusters {

    static final String KB_NAME = "kb-name";
    static final String KB_FULL_NAME = "kb-full-name";
    static final String SAME_PERSON = "surname-of-named-person";
    static final String LOCAL = "document-local";
    static final String SPELLING_VARIANT = "spelling-variant-of-named-person";
    static final String KB_SPELLING_VARIANT = "kb-spelling-variant";
    static final String ACRONYM_DEFINED = "acronym-defined-in-parentheses";
    static final String ACRONYM_INITIALS = "acronym-of-full-name";
    static final String BODY_NAME_PART = "shorter-name-of-named-body";

    private static final Pattern COMMA_GAP = Pattern.compile(",\\s+");
    private static final Pattern CLOSING_PUNCTUATION = Pattern.compile("\\s*[,.;:]");

    private final KnowledgeBase kb;
    private final CandidateFinder names;
    private final LocalDate date;
    private final Pattern commaHonorificGap;
    private final List<Cluster> all = new ArrayList<>();

    MentionClusters(KnowledgeBase kb, CandidateFinder names, RoleReader roles, LocalDate date) {
        this.kb = kb;
        this.names = names;
        this.date = date;
        this.commaHonorificGap = Pattern.compile(",\\s+(?:" + roles.appositiveHonorifics() + "\\s+)?");
    }

    /** The clusters in order of creation; live and mutable, for the resolvers of this document. */
    List<Cluster> all() {
        return all;
    }

    /** The article's date, or null when undated. */
    LocalDate date() {
        return date;
    }

    void add(Candidate c) {
        String core = c.type() == EntityType.PERSON ? names.personCore(c.text()) : names.core(c.text());
        if (core.isEmpty()) {
            return;
        }
        KbEntry kbEntry = c.kb() != null ? c.kb() : pick(c.kbOptions(), core);
        boolean linkable = !c.rule().equals(CandidateFinder.FOREIGN_BODY);
        if (kbEntry == null && c.type() != EntityType.PERSON && linkable) {
            kbEntry = kb.countryNamed(core).orElse(null);
        }
        boolean place = kbEntry != null && kbEntry.category() != KbEntry.Category.PERSON;
        if (!place && (c.type() == EntityType.PERSON || kbEntry != null || personCluster(core) != null)) {
            addPerson(c, core, (KbPerson) kbEntry);
            return;
        }
        if (kbEntry == null && linkable) {
            kbEntry = c.type() == EntityType.LOCATION ? kb.countryNamed(core).orElse(null)
                    : kb.organizationNamed(core).map(o -> (KbEntry) o).or(() -> kb.countryNamed(core)
                    .map(x -> (KbEntry) x)).orElse(null);
        }
        EntityType type = kbEntry != null ? CandidateFinder.typeOf(kbEntry) : c.type();
        String key = kbEntry != null ? kbEntry.id() : type + "|" + Names.fold(core.replaceFirst("(?i)^the ", ""));
        Cluster cluster = find(key);
        if (cluster == null) {
            cluster = new Cluster(key, type, kbEntry);
            cluster.rules.add(c.rule() + (kbEntry != null ? "+" + KB_NAME : "+" + LOCAL));
            all.add(cluster);
        }
        cluster.mentions.add(new Document.Mention(c.field(), c.start(), c.end(), c.text(), MentionKind.NAME));
        cluster.names.add(core);
    }

    private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}[\\p{Lu}\\d&]{1,7}");
    private static final Pattern OPEN_PARENTHESIS = Pattern.compile("\\s*\\(");
    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of("of", "for", "the", "and", "on", "in",
            "de", "du", "des", "la", "le", "et", "del", "y");

    /**
     * An acronym and the full name it stands for are one entity: defined in parentheses right after the name ("the
     * Organisation for Example Studies (OES)"), or spelling the name's initials ("Rapid Support Forces" … "RSF";
     * "Economic Community of West African States" … "ECOWAS"). The full name's cluster keeps both, unless only the
     * acronym is linked to the knowledge base; two clusters linked to different entries are never merged.
     */
    void mergeAcronyms(Document doc) {
        for (int i = all.size() - 1; i >= 0; i--) {
            Cluster acronym = all.get(i);
            if (acronym.type == EntityType.PERSON || acronym.names.isEmpty()
                    || !acronym.names.stream().allMatch(n -> ACRONYM.matcher(n).matches())) {
                continue;
            }
            String letters = acronym.names.get(0);
            Cluster full = definedBefore(doc, acronym);
            String rule = ACRONYM_DEFINED;
            if (full == null) {
                full = byInitials(acronym, letters);
                rule = ACRONYM_INITIALS;
            }
            if (full == null || full.kb != null && acronym.kb != null && !full.kb.equals(acronym.kb)) {
                continue;
            }
            if (rule.equals(ACRONYM_DEFINED)) {
                trimToInitials(full, letters);
            }
            Cluster keep = full.kb == null && acronym.kb != null ? acronym : full;
            Cluster drop = keep == full ? acronym : full;
            keep.mentions.addAll(drop.mentions);
            keep.names.addAll(drop.names);
            keep.rules.addAll(drop.rules);
            keep.rules.add(rule);
            all.remove(drop);
            i = Math.min(i, all.size());
        }
    }

    /** "… storage (CCS)", "… deal, known as the JCPOA": an acronym introduced after a lower-case term. */
    private static final Pattern TERM_BEFORE = Pattern.compile("(\\p{Ll}[\\p{Ll}-]*)(?:\\s*\\(|,?\\s+known\\s+as\\s+"
            + "(?:the\\s+)?)$");

    /**
     * An acronym outside the knowledge base that the article introduces after a lower-case term ("carbon capture and
     * storage (CCS)", "the 2015 nuclear deal, known as the JCPOA") abbreviates a thing, not a body: its cluster is
     * dropped, unless the term ends with a body's head word ("the ruling party (PFP)").
     */
    void dropAbbreviatedTerms(Document doc) {
        java.util.Set<String> terms = new java.util.HashSet<>();
        for (Cluster c : all) {
            if (c.kb == null && c.type != EntityType.PERSON && !c.names.isEmpty()
                    && c.names.stream().allMatch(n -> ACRONYM.matcher(n).matches())
                    && c.mentions.stream().anyMatch(m -> abbreviatesTerm(doc.text(m.field()), m))) {
                terms.addAll(c.names);
            }
        }
        // every type the recogniser gave the acronym elsewhere in the article goes too
        all.removeIf(c -> c.kb == null && c.type != EntityType.PERSON && !c.names.isEmpty()
                && terms.containsAll(c.names));
    }

    private boolean abbreviatesTerm(String text, Document.Mention m) {
        Matcher t = TERM_BEFORE.matcher(text.substring(Math.max(0, m.start() - 60), m.start()));
        if (!t.find()) {
            return false;
        }
        boolean parenthesised = t.group().endsWith("(");
        if (parenthesised && !text.startsWith(")", m.end())) {
            return false;
        }
        String word = t.group(1);
        return names.lexicon().nameHeads().keySet().stream().noneMatch(h -> h.equalsIgnoreCase(word));
    }

    /**
     * "the conservative Example Power Party (EPP)" where the recogniser took in a word before the name: a local
     * cluster's mentions and names lose the leading words that the acronym's initials do not cover.
     */
    private static void trimToInitials(Cluster full, String letters) {
        if (full.kb != null) {
            return;
        }
        for (int k = 0; k < full.mentions.size(); k++) {
            Document.Mention m = full.mentions.get(k);
            String[] words = m.text().split(" ");
            if (initials(m.text(), false).equals(letters) || initials(m.text(), true).equals(letters)) {
                continue;
            }
            int offset = 0;
            for (int w = 0; w < words.length - 1; w++) {
                offset += words[w].length() + 1;
                String rest = m.text().substring(offset);
                if (initials(rest, false).equals(letters) || initials(rest, true).equals(letters)) {
                    full.mentions.set(k, new Document.Mention(m.field(), m.start() + offset, m.end(), rest, m.kind()));
                    String cut = m.text().substring(0, offset);
                    full.names.replaceAll(n -> n.startsWith(cut) ? n.substring(cut.length()) : n);
                    break;
                }
            }
        }
    }

    /**
     * Shorter and longer names of one body are one entity: a local body name of two words or more that ends a longer
     * body name ("Judiciary Committee" in "Senate Judiciary Committee"), that the longer one continues with "of"
     * ("Example Authority" and "Example Authority of Member States"), or that is the same name spelled otherwise.
     * Longest names join first; a name that fits several longer bodies joins none.
     */
    void mergeBodyNames() {
        List<Cluster> shortestLast = new ArrayList<>(all);
        shortestLast.sort((a, b) -> longest(b) - longest(a));
        for (Cluster part : shortestLast) {
            if (part.kb != null || part.type != EntityType.ORGANIZATION && part.type != EntityType.MISC
                    || !all.contains(part)) {
                continue;
            }
            Cluster whole = null;
            for (Cluster c : all) {
                if (c == part || c.type != EntityType.ORGANIZATION || !partOfBodyName(part, c)) {
                    continue;
                }
                if (whole != null) {
                    whole = null;
                    break;
                }
                whole = c;
            }
            if (whole != null) {
                whole.mentions.addAll(part.mentions);
                whole.names.addAll(part.names);
                whole.rules.addAll(part.rules);
                whole.rules.add(BODY_NAME_PART);
                all.remove(part);
            }
        }
    }

    private static int longest(Cluster c) {
        return c.names.stream().mapToInt(String::length).max().orElse(0);
    }

    private static boolean partOfBodyName(Cluster part, Cluster whole) {
        List<String> wholeNames = new ArrayList<>(whole.names);
        if (whole.kb != null) {
            wholeNames.add(whole.kb.name());
        }
        for (String p : part.names) {
            String a = Names.fold(p).replaceFirst("^the ", "");
            if (!a.contains(" ")) {
                continue;
            }
            for (String w : wholeNames) {
                String b = Names.fold(w).replaceFirst("^the ", "");
                if (b.length() > a.length() && (b.endsWith(" " + a) || b.startsWith(a + " of ") || inverted(a, b))
                        || sameNameSpelledOtherwise(a, b) && words(a).size() == words(b).size()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * "Coastal League Assembly" and "Assembly of Mayors of the Coastal League": a body name "Q H" and a longer one
     * that starts with its head word ("H of …") and ends with its qualifier ("… of [the] Q").
     */
    private static boolean inverted(String shorter, String longer) {
        int space = shorter.lastIndexOf(' ');
        String head = shorter.substring(space + 1);
        String qualifier = shorter.substring(0, space);
        return longer.startsWith(head + " of ")
                && (longer.endsWith(" of " + qualifier) || longer.endsWith(" of the " + qualifier));
    }

    /** The non-person cluster one of whose mentions ends right before "(" and this acronym's mention. */
    private Cluster definedBefore(Document doc, Cluster acronym) {
        for (Document.Mention a : acronym.mentions) {
            String text = doc.text(a.field());
            if (a.start() < 1 || text.charAt(a.start() - 1) != '(' || !text.startsWith(")", a.end())) {
                continue;
            }
            for (Cluster c : all) {
                if (c == acronym || c.type == EntityType.PERSON) {
                    continue;
                }
                for (Document.Mention m : c.mentions) {
                    if (m.field() == a.field() && m.end() < a.start() && OPEN_PARENTHESIS.matcher(text)
                            .region(m.end(), a.start()).matches() && m.text().contains(" ")) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    /** The one non-person cluster with a multiword name whose initials spell the acronym. */
    private Cluster byInitials(Cluster acronym, String letters) {
        Cluster found = null;
        for (Cluster c : all) {
            if (c == acronym || c.type == EntityType.PERSON) {
                continue;
            }
            boolean spells = c.names.stream().anyMatch(n -> initials(n, false).equals(letters)
                    || initials(n, true).equals(letters))
                    || c.kb != null && initials(c.kb.name(), false).equals(letters);
            if (spells) {
                if (found != null) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    /** The upper-case initials of a name of two words or more, with or without its function words; "" otherwise. */
    static String initials(String name, boolean withFunctionWords) {
        String[] words = name.strip().split("[\\s-]+");
        if (words.length < 2) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            if (FUNCTION_WORDS.contains(w.toLowerCase(java.util.Locale.ROOT))) {
                if (withFunctionWords) {
                    out.append(Character.toUpperCase(w.charAt(0)));
                }
            } else if (Character.isUpperCase(w.charAt(0))) {
                out.append(w.charAt(0));
            } else {
                return "";
            }
        }
        return out.toString();
    }

    /**
     * Of several knowledge-base entries for one name: the one person serving on the date, or one already linked, or
     * else the one organisation or place among them when no person of the article bears the name ("Meta" the company,
     * not a former office-holder whose surname it is).
     */
    private KbEntry pick(List<KbEntry> options, String core) {
        if (options.isEmpty()) {
            return null;
        }
        List<KbEntry> serving = options.stream().filter(o -> o instanceof KbPerson p
                && p.officeOn(date).isPresent()).toList();
        if (serving.size() == 1) {
            return serving.get(0);
        }
        for (Cluster c : all) {
            if (c.kb != null && options.contains(c.kb)) {
                return c.kb;
            }
        }
        List<KbEntry> notPersons = options.stream().filter(o -> o.category() != KbEntry.Category.PERSON).toList();
        if (serving.isEmpty() && notPersons.size() == 1 && personCluster(core) == null) {
            return notPersons.get(0);
        }
        return null;
    }

    private void addPerson(Candidate c, String core, KbPerson linked) {
        Cluster cluster = null;
        String rule = c.rule() + "+" + (linked != null ? KB_NAME : LOCAL);
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
                rule = c.rule() + "+" + KB_FULL_NAME;
                cluster = find(linked.id());
            } else if (known.isEmpty() && core.contains(" ")) {
                linked = kbSpellingVariant(core);
                if (linked != null) {
                    rule = c.rule() + "+" + KB_SPELLING_VARIANT;
                    cluster = find(linked.id());
                }
            }
        }
        if (cluster == null) {
            String key = linked != null ? linked.id() : "PERSON|" + Names.fold(core);
            cluster = new Cluster(key, EntityType.PERSON, linked);
            cluster.rules.add(rule);
            all.add(cluster);
            absorbSurnameClusters(cluster, linked != null ? linked.name() : core);
        }
        cluster.type = EntityType.PERSON;
        if (cluster.roleTitle == null) {
            cluster.roleTitle = c.roleTitle();
        }
        cluster.mentions.add(new Document.Mention(c.field(), c.start(), c.end(), c.text(), MentionKind.NAME));
        cluster.names.add(core);
    }

    /** The one knowledge-base person whose name or a multiword alias is the full name spelled otherwise, or null. */
    private KbPerson kbSpellingVariant(String core) {
        KbPerson found = null;
        for (KbPerson p : kb.persons()) {
            if (sameNameSpelledOtherwise(p.name(), core)
                    || p.aliases().stream().anyMatch(a -> a.contains(" ") && sameNameSpelledOtherwise(a, core))) {
                if (found != null && !found.equals(p)) {
                    return null;
                }
                found = p;
            }
        }
        return found;
    }

    /** A person cluster one of whose names has {@code core} as a word, or equals it. */
    Cluster personCluster(String core) {
        String folded = Names.fold(core);
        for (Cluster c : all) {
            if (c.type != EntityType.PERSON) {
                continue;
            }
            for (String n : c.names) {
                String fn = Names.fold(n);
                // "Putin" in "Vladimir Putin", "Assad" in "Bashar al-Assad"; a surname with a particle ("van
                // Rensburg") ends the full name
                if (fn.equals(folded) || !folded.contains(" ") && ((" " + fn + " ").contains(" " + folded + " ")
                        || fn.contains(" ") && words(n).containsAll(words(core)))
                        || Character.isLowerCase(core.charAt(0)) && fn.endsWith(" " + folded)
                        || surnameWithParticle(n, core) || clippedSurname(core, n)) {
                    return c;
                }
            }
            KbPerson p = c.person();
            if (p != null && surnameWithParticle(p.name(), core)) {
                return c;
            }
            if (p != null && p.aliases().stream().anyMatch(a -> Names.fold(a).equals(folded)
                    || !folded.contains(" ") && !a.contains(" ") && nearMiss(Names.fold(a), folded))) {
                return c;
            }
        }
        if (folded.contains(" ")) {
            for (Cluster c : all) {
                if (c.type == EntityType.PERSON && (c.names.stream().anyMatch(n -> sameNameSpelledOtherwise(n, core))
                        || c.person() != null && sameNameSpelledOtherwise(c.person().name(), core))) {
                    c.rules.add(SPELLING_VARIANT);
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code core} is the end of full name {@code name} from a lower-case particle on, written in any case and
     * with a space or a hyphen: "Al Sudani" and "Al-Sudani" for "Mohammed Shia al-Sudani".
     */
    static boolean surnameWithParticle(String name, String core) {
        String[] original = name.strip().split("[\\s-]+");
        List<String> full = words(name);
        List<String> end = words(core);
        if (end.size() < 2 || full.size() <= end.size() || original.length != full.size()) {
            return false;
        }
        int from = full.size() - end.size();
        return full.subList(from, full.size()).equals(end) && !original[from].isEmpty()
                && Character.isLowerCase(original[from].charAt(0));
    }

    /**
     * A one-word nickname clipped from the surname of a full name: "Zuck" for "Mark Zuckerberg" (four letters or more,
     * the surname at least three letters longer).
     */
    static boolean clippedSurname(String word, String fullName) {
        if (word.contains(" ") || word.length() < 4 || !fullName.contains(" ")) {
            return false;
        }
        List<String> full = words(fullName);
        String surname = full.get(full.size() - 1);
        String w = Names.fold(word);
        return surname.startsWith(w) && surname.length() >= w.length() + 3;
    }

    /** The folded words of a name, split at spaces and hyphens ("Abdel-Fattah el-Sisi" → abdel fattah el sisi). */
    static List<String> words(String name) {
        return List.of(Names.fold(name).replaceAll("^[^\\p{L}\\p{N}]+", "").split("[^\\p{L}\\p{N}]+"));
    }

    /**
     * Two full names of one person spelled differently: the same number of words, or one more middle name in one of
     * them, with each word equal or {@link #closeSpelling close} ("Abdel-Fattah el-Sissi" and "Abdel Fattah el-Sisi",
     * "Asaad Hassan al-Shibani" and "Asaad al-Shaibani"). First and last words must always correspond.
     */
    static boolean sameNameSpelledOtherwise(String a, String b) {
        List<String> x = words(a);
        List<String> y = words(b);
        if (x.size() < 2 || y.size() < 2 || x.equals(y)) {
            return false;
        }
        if (x.size() < y.size()) {
            List<String> t = x;
            x = y;
            y = t;
        }
        if (x.size() == y.size()) {
            for (int i = 0; i < x.size(); i++) {
                if (!closeSpelling(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x.size() != y.size() + 1) {
            return false;
        }
        for (int skip = 1; skip < x.size() - 1; skip++) {
            boolean all = true;
            for (int i = 0, j = 0; i < x.size(); i++) {
                if (i == skip) {
                    continue;
                }
                if (!closeSpelling(x.get(i), y.get(j++))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * Equal, or a transliteration of each other: same first letter and one edit apart for words of four letters or
     * more ("Sisi"/"Sissi", "Mahmoud"/"Mahamoud"), or {@link #nearMiss}.
     */
    static boolean closeSpelling(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.length() < 4 || b.length() < 4 || a.charAt(0) != b.charAt(0)) {
            return false;
        }
        return editDistance(a, b) <= 1 || nearMiss(a, b);
    }

    private static int editDistance(String a, String b) {
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
        return prev[b.length()];
    }

    /**
     * A new full-name person takes over earlier single-word person clusters outside the knowledge base that name one
     * of its words: its surname ("Assad" before "Bashar al-Assad"), or a family name written first ("Yoon" before
     * "Yoon Suk Yeol").
     */
    private void absorbSurnameClusters(Cluster full, String fullName) {
        if (!fullName.contains(" ")) {
            return;
        }
        List<String> parts = words(fullName);
        for (int i = all.size() - 1; i >= 0; i--) {
            Cluster c = all.get(i);
            if (c != full && c.kb == null && c.type == EntityType.PERSON && !c.names.isEmpty()
                    && c.names.stream().allMatch(n -> !n.contains(" ") && parts.contains(Names.fold(n))
                    || surnameWithParticle(fullName, n) || clippedSurname(n, fullName))) {
                full.mentions.addAll(c.mentions);
                full.names.addAll(c.names);
                full.rules.add(SAME_PERSON);
                all.remove(i);
            }
        }
    }

    Cluster find(String key) {
        for (Cluster c : all) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The cluster of a knowledge-base person, created (with the rule that linked it) when absent; a person the article
     * names with the holder's full name spelled otherwise ("Mahmoud" for the knowledge base's "Mahamoud") is that
     * holder.
     */
    Cluster ofPerson(KbPerson person, String rule) {
        Cluster cluster = find(person.id());
        if (cluster == null) {
            cluster = spelledOtherwise(person.name());
            if (cluster != null) {
                cluster.rules.add(rule);
                cluster.rules.add(SPELLING_VARIANT);
                return cluster;
            }
        }
        if (cluster == null) {
            cluster = new Cluster(person.id(), EntityType.PERSON, person);
            all.add(cluster);
        }
        cluster.rules.add(rule);
        return cluster;
    }

    /** The one person cluster with a full name (own or linked) that is {@code name} spelled otherwise, or null. */
    private Cluster spelledOtherwise(String name) {
        Cluster found = null;
        for (Cluster c : all) {
            if (c.type == EntityType.PERSON && (c.names.stream().anyMatch(n -> sameNameSpelledOtherwise(n, name))
                    || c.person() != null && sameNameSpelledOtherwise(c.person().name(), name))) {
                if (found != null) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    /** Whether a person's mention overlaps the span. */
    boolean overlapsMention(Field field, int start, int end) {
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
    void dropMiscInside(Field field, int start, int end) {
        for (Cluster c : all) {
            if (c.type == EntityType.MISC) {
                c.mentions.removeIf(m -> m.field() == field && m.start() >= start && m.end() <= end);
            }
        }
        all.removeIf(c -> c.mentions.isEmpty());
    }

    /** Whether a title-only match is only a description set beside a person's name with a comma. */
    boolean appositive(Field field, String text, int start, int end) {
        for (Cluster c : all) {
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
                if (m.start() >= end && commaHonorificGap.matcher(text.substring(end, m.start())).matches()
                        && text.startsWith(",", m.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The persons linked to the knowledge base, with their clusters. */
    List<Cluster> linkedPersons() {
        return all.stream().filter(c -> c.person() != null).toList();
    }

    /** Same first four letters and at most two edits apart: a transliteration or typo of the same surname. */
    static boolean nearMiss(String a, String b) {
        if (a.length() < 5 || b.length() < 5 || !a.regionMatches(0, b, 0, 4) || Math.abs(a.length() - b.length()) > 2) {
            return false;
        }
        return editDistance(a, b) <= 2;
    }

    /** A stable document-local id for an entity outside the knowledge base. */
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
