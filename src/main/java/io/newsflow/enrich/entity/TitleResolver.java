package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.MentionKind;
import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KbOrganization;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.OfficeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves title-only references to people: office titles ("the French President", "the prime minister") through
 * the ordered {@link TitleRule#ORDER} and then to a document-local person introduced with the title; head-of nouns
 * ("the Russian leader", "the UN chief"); and non-office titles ("the governor") to the one person introduced with
 * them. Adds the references as title mentions to the document's clusters. Thread-safe: immutable after construction;
 * the clusters passed in belong to one document.
 */
final class TitleResolver {

    static final String LOCAL_INTRODUCED = "title:introduced-with-title-local";
    static final String COUNTRY_LEADER = "title:country-leader-named";
    static final String ORG_LEADER = "title:organisation-head-noun";
    static final String DESCRIPTOR = "title:descriptor-introduced";

    private static final Pattern OF_PLACE = Pattern.compile("\\s+of\\s+.*$");
    private static final Pattern OF_AFTER = Pattern.compile("\\s+of\\b");

    private final KnowledgeBase kb;
    private final EntityLexicon lexicon;
    private final RoleReader roles;
    private final List<TitleRule> rules;
    private final Pattern titleOnly;
    /** "the Russian leader", "the UN chief": a qualifier and a generic head-of word, lower case. */
    private final Pattern leaderOnly;

    TitleResolver(KnowledgeBase kb, EntityLexicon lexicon, RoleReader roles, String qualifiers, List<TitleRule> rules) {
        this.kb = kb;
        this.lexicon = lexicon;
        this.roles = roles;
        this.rules = List.copyOf(rules);
        this.titleOnly = Pattern.compile("(?<![\\p{L}])((?:[Tt]he\\s+)?(?:(" + qualifiers + ")(?:['’]s)?\\s+)?("
                + Titles.alternationAnyCase() + "))(?![\\p{L}-])(?!\\s+(?:of\\s+)?\\p{Lu})");
        this.leaderOnly = Pattern.compile("(?<![\\p{L}])([Tt]he\\s+(" + qualifiers + ")(?:['’]s)?\\s+("
                + EntityLexicon.alternation(lexicon.orgLeaderNouns()) + "))(?![\\p{L}])(?!\\s+(?:of\\s+)?\\p{Lu})");
    }

    /** Adds every title-only reference of the document to the cluster of the person it means. */
    void resolve(Document doc, MentionClusters clusters) {
        for (Field field : Field.values()) {
            String text = doc.text(field);
            Matcher m = titleOnly.matcher(text);
            while (m.find()) {
                officeTitle(clusters, field, text, m);
            }
            Matcher l = leaderOnly.matcher(text);
            while (l.find()) {
                if (clusters.overlapsMention(field, l.start(1), l.end(1))) {
                    continue;
                }
                Cluster cluster = leader(clusters, l.group(2), l.group(3));
                if (cluster != null) {
                    cluster.mentions.add(new Document.Mention(field, l.start(1), l.end(1), l.group(1),
                            MentionKind.TITLE));
                    clusters.dropMiscInside(field, l.start(1), l.end(1));
                }
            }
        }
        resolveDescriptors(doc, clusters);
    }

    private void officeTitle(MentionClusters clusters, Field field, String text, Matcher m) {
        String qualifier = m.group(2);
        String written = m.group(3).replaceAll("\\s+", " ");
        boolean lowerCase = Character.isLowerCase(written.charAt(0));
        if (lowerCase && !qualifiedOrDefinite(text, m, qualifier)) {
            return;
        }
        String title = Titles.canonical(written).orElse(written);
        Optional<OfficeKind> kind = Titles.kindOf(title);
        if (kind.isEmpty() || clusters.overlapsMention(field, m.start(1), m.end(1))
                || clusters.appositive(field, text, m.start(1), m.end(1))) {
            return;
        }
        TitleRule.Query query = new TitleRule.Query(kind.get(), title, qualifier, clusters.date(), lowerCase, kb,
                lexicon.unqualified().get(title));
        Cluster cluster = null;
        for (TitleRule rule : rules) {
            Optional<TitleRule.Answer> answer = rule.apply(query, clusters);
            if (answer.isPresent()) {
                KbPerson holder = answer.get().person();
                cluster = holder == null ? null : clusters.ofPerson(holder, "title:" + rule.name());
                break;
            }
        }
        if (cluster == null) {
            cluster = introducedWith(clusters, title, qualifier);
            if (cluster == null) {
                return;
            }
            cluster.rules.add(LOCAL_INTRODUCED);
        }
        cluster.mentions.add(new Document.Mention(field, m.start(1), m.end(1), m.group(1), MentionKind.TITLE));
        clusters.dropMiscInside(field, m.start(1), m.end(1));
    }

    /**
     * "the Russian leader": the one person named in the article who heads that state or government; "the UN chief":
     * who heads that organisation on the article's date. Null when neither.
     */
    private Cluster leader(MentionClusters clusters, String qualifier, String noun) {
        Optional<String> country = kb.countryByDemonym(qualifier).or(() -> kb.countryNamed(qualifier))
                .map(KbCountry::code);
        if (country.isPresent()) {
            if (!lexicon.countryLeaderNouns().contains(noun.toLowerCase(Locale.ROOT))) {
                return null;
            }
            String j = country.get();
            List<KbPerson> named = new ArrayList<>();
            for (Cluster c : clusters.linkedPersons()) {
                if (c.person().offices().stream().anyMatch(o -> o.jurisdiction().equals(j)
                        && (o.kind() == OfficeKind.HEAD_OF_STATE || o.kind() == OfficeKind.HEAD_OF_GOVERNMENT)
                        && (clusters.date() == null || o.heldOn(clusters.date())))) {
                    named.add(c.person());
                }
            }
            return named.size() == 1 ? clusters.ofPerson(named.get(0), COUNTRY_LEADER) : null;
        }
        Optional<KbOrganization> org = kb.organizationNamed(qualifier);
        if (org.isEmpty()) {
            return null;
        }
        List<KbPerson> heads = kb.holders(OfficeKind.ORG_HEAD, TitleRule.jurisdictionOf(org.get()), clusters.date());
        return heads.size() == 1 ? clusters.ofPerson(heads.get(0), ORG_LEADER) : null;
    }

    /**
     * "the governor", "the senator": the one person the article introduced with that non-office title ("Governor
     * Gavin Newsom", "Sen. Rand Paul"); nothing when several were.
     */
    private void resolveDescriptors(Document doc, MentionClusters clusters) {
        Map<String, Set<Cluster>> byDescriptor = new HashMap<>();
        for (Cluster c : clusters.all()) {
            if (c.type != EntityType.PERSON) {
                continue;
            }
            for (Document.Mention m : c.mentions) {
                if (m.kind() != MentionKind.NAME) {
                    continue;
                }
                String text = doc.text(m.field());
                roles.descriptorBefore(text.substring(Math.max(0, m.start() - 30), m.end()))
                        .ifPresent(d -> byDescriptor.computeIfAbsent(d, k -> new HashSet<>()).add(c));
            }
        }
        for (Map.Entry<String, Set<Cluster>> e : byDescriptor.entrySet()) {
            if (e.getValue().size() != 1) {
                continue;
            }
            Cluster person = e.getValue().iterator().next();
            // "the spokesperson", or "the Foreign Office spokesperson" when the introduction said "Foreign Office"
            Pattern reference = Pattern.compile("(?<![\\p{L}])[Tt]he\\s+((?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,3})(?i:"
                    + Pattern.quote(e.getKey()) + ")(?![\\p{L}-])(?!\\s+of\\b)(?!\\s+\\p{Lu})");
            String introductions = introductions(doc, person);
            for (Field field : Field.values()) {
                String text = doc.text(field);
                Matcher m = reference.matcher(text);
                while (m.find()) {
                    boolean qualifiedAsIntroduced = Arrays.stream(m.group(1).strip().split("\\s+"))
                            .allMatch(w -> w.isEmpty() || introductions.contains(w));
                    // a qualifier may itself be a name ("the Foreign Office spokesperson"); the noun may not
                    if (qualifiedAsIntroduced && !clusters.overlapsMention(field, m.end(1), m.end())
                            && !clusters.appositive(field, text, m.start(), m.end())) {
                        person.mentions.add(new Document.Mention(field, m.start(), m.end(), m.group(),
                                MentionKind.TITLE));
                        person.rules.add(DESCRIPTOR);
                    }
                }
            }
        }
    }

    /** The text just before each name mention of a person: where the article introduced them. */
    private static String introductions(Document doc, Cluster person) {
        StringBuilder b = new StringBuilder();
        for (Document.Mention m : person.mentions) {
            if (m.kind() == MentionKind.NAME) {
                String text = doc.text(m.field());
                b.append(text, Math.max(0, m.start() - 60), m.start()).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The one person outside the knowledge base the article introduced with this title ("Home Secretary Shabana
     * Mahmood", "Shabana Mahmood, the Home Secretary,"; with a qualifier, for that country: "Germany's finance
     * minister, Lars Klingbeil," for "the German finance minister"), or null.
     */
    private Cluster introducedWith(MentionClusters clusters, String title, String qualifier) {
        String where = qualifier == null ? null : kb.countryByDemonym(qualifier).or(() -> kb.countryNamed(qualifier))
                .map(KbCountry::name).orElse(null);
        if (qualifier != null && where == null) {
            return null;
        }
        List<Cluster> found = new ArrayList<>();
        for (Cluster c : clusters.all()) {
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
    private static boolean qualifiedOrDefinite(String text, Matcher m, String qualifier) {
        boolean definite = m.group(1).regionMatches(true, 0, "the", 0, 3)
                && Character.isWhitespace(m.group(1).charAt(3));
        return (definite || qualifier != null) && !OF_AFTER.matcher(text).region(m.end(1), text.length()).lookingAt();
    }
}
