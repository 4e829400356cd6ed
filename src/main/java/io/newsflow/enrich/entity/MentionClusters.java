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
        KbEntry kbEntry = c.kb() != null ? c.kb() : pick(c.kbOptions());
        if (kbEntry == null && c.type() != EntityType.PERSON) {
            kbEntry = kb.countryNamed(core).orElse(null);
        }
        boolean place = kbEntry != null && kbEntry.category() != KbEntry.Category.PERSON;
        if (!place && (c.type() == EntityType.PERSON || kbEntry != null || personCluster(core) != null)) {
            addPerson(c, core, (KbPerson) kbEntry);
            return;
        }
        if (kbEntry == null) {
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

    /** Of several knowledge-base entries for one name: the one person serving on the date, or one already linked. */
    private KbEntry pick(List<KbEntry> options) {
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
            }
        }
        if (cluster == null) {
            String key = linked != null ? linked.id() : "PERSON|" + Names.fold(core);
            cluster = new Cluster(key, EntityType.PERSON, linked);
            cluster.rules.add(rule);
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
    Cluster personCluster(String core) {
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
            KbPerson p = c.person();
            if (p != null && p.aliases().stream().anyMatch(a -> Names.fold(a).equals(folded)
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

    /** The cluster of a knowledge-base person, created (with the rule that linked it) when absent. */
    Cluster ofPerson(KbPerson person, String rule) {
        Cluster cluster = find(person.id());
        if (cluster == null) {
            cluster = new Cluster(person.id(), EntityType.PERSON, person);
            all.add(cluster);
        }
        cluster.rules.add(rule);
        return cluster;
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
