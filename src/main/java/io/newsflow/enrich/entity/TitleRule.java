package io.newsflow.enrich.entity;

import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KbOrganization;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Office;
import io.newsflow.enrich.kb.OfficeKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One way of resolving a title-only reference ("the French President", "the prime minister") to the knowledge-base
 * person it means. Rules are tried in {@link #ORDER}; the first that answers settles the reference. An answer may be
 * "nobody in the knowledge base" ({@link Answer#nobody}), after which only document-local people introduced with the
 * title are considered. Implementations are stateless and thread-safe.
 */
interface TitleRule {

    /** Short name recorded on the entity the rule links ("title:" + name). */
    String name();

    /** The answer, or empty to let the next rule try. */
    Optional<Answer> apply(Query q, MentionClusters clusters);

    /**
     * A title-only reference to resolve.
     *
     * @param kind the office kind the title names
     * @param title the title in its canonical spelling ("Prime Minister")
     * @param qualifier the country, demonym or organisation before it, or null
     * @param date the article's date, or null
     * @param lowerCase whether the title was written in lower case
     * @param kb the knowledge base
     * @param unqualifiedJurisdiction the jurisdiction an unqualified capitalised use of the title means by convention
     *        when the article names no holder ({@code titles.tsv}), or null
     */
    record Query(OfficeKind kind, String title, String qualifier, LocalDate date, boolean lowerCase, KnowledgeBase kb,
                 String unqualifiedJurisdiction) {

        /** The ISO code of the country the qualifier names, if any. */
        Optional<String> country() {
            return qualifier == null ? Optional.empty() : kb.countryByDemonym(qualifier)
                    .or(() -> kb.countryNamed(qualifier)).map(KbCountry::code);
        }

        /** The organisation the qualifier names, if it names no country. */
        Optional<KbOrganization> organization() {
            return qualifier == null || country().isPresent() ? Optional.empty() : kb.organizationNamed(qualifier);
        }

        /** Whether an office is of this kind and its title fits the written one. */
        boolean fits(Office office) {
            return office.kind() == kind && titleFits(office, title);
        }

        /** The people named in the article holding an office of this kind and title (on the date, if dated). */
        List<KbPerson> mentioned(MentionClusters clusters) {
            List<KbPerson> out = new ArrayList<>();
            for (Cluster c : clusters.linkedPersons()) {
                if (c.person().offices().stream().anyMatch(o -> fits(o) && (date == null || o.heldOn(date)))) {
                    out.add(c.person());
                }
            }
            return out;
        }
    }

    /**
     * A rule's answer.
     *
     * @param person the person meant, or null when the rule settles that no knowledge-base person is
     */
    record Answer(KbPerson person) {
        static Optional<Answer> of(KbPerson person) {
            return Optional.of(new Answer(person));
        }

        static Optional<Answer> nobody() {
            return Optional.of(new Answer(null));
        }
    }

    /** The jurisdiction code of an organisation's offices in the knowledge base. */
    static String jurisdictionOf(KbOrganization org) {
        return org.key().toUpperCase(Locale.ROOT);
    }

    /** Whether the title written fits an office's own title ("Foreign Minister" for "Minister of Foreign Affairs"). */
    static boolean titleFits(Office office, String title) {
        String t = Titles.canonical(title).map(Titles::sameOffice).orElse(title).toLowerCase(Locale.ROOT);
        String o = office.title().toLowerCase(Locale.ROOT);
        boolean ministerial = office.kind() == OfficeKind.FOREIGN_MINISTER
                || office.kind() == OfficeKind.DEFENCE_MINISTER
                || office.kind() == OfficeKind.FINANCE_MINISTER || office.kind() == OfficeKind.ORG_HEAD;
        return o.contains(t) || t.equals("pm") && o.contains("prime minister") || t.contains("secretary")
                && o.contains("secretary") || ministerial && Titles.kindOf(title).orElse(null) == office.kind();
    }

    /** "The ECB president", "the UN secretary-general": whoever heads the organisation named on the date. */
    record OrganisationHead() implements TitleRule {
        public String name() {
            return "organisation-head";
        }

        public Optional<Answer> apply(Query q, MentionClusters clusters) {
            Optional<KbOrganization> org = q.organization();
            if (org.isEmpty()) {
                return Optional.empty();
            }
            String j = jurisdictionOf(org.get());
            List<KbPerson> heads = q.kb().holders(OfficeKind.ORG_HEAD, j, q.date());
            List<KbPerson> fitting = heads.stream().filter(p -> p.offices().stream().anyMatch(o ->
                    o.kind() == OfficeKind.ORG_HEAD && o.jurisdiction().equals(j) && titleFits(o, q.title()))).toList();
            if (fitting.size() == 1) {
                return Answer.of(fitting.get(0));
            }
            return heads.size() == 1 ? Answer.of(heads.get(0)) : Optional.empty();
        }
    }

    /** "The Chinese President": whoever holds that office of that country (or body) on the date; nobody else. */
    record JurisdictionHolder() implements TitleRule {
        public String name() {
            return "jurisdiction-holder";
        }

        public Optional<Answer> apply(Query q, MentionClusters clusters) {
            if (q.qualifier() == null) {
                return Optional.empty();
            }
            Optional<String> j = q.country().or(() -> q.organization().map(TitleRule::jurisdictionOf));
            if (j.isEmpty()) {
                return Answer.nobody();
            }
            List<KbPerson> holders = q.kb().holders(q.kind(), j.get(), q.date()).stream()
                    .filter(p -> p.offices().stream().anyMatch(o -> o.jurisdiction().equals(j.get())
                            && titleFits(o, q.title()))).toList();
            return holders.isEmpty() ? Answer.nobody() : Answer.of(holders.get(0));
        }
    }

    /** Of several holders named in the article, the one it introduced with this very (bare) title. */
    record IntroducedWithTitle() implements TitleRule {
        public String name() {
            return "introduced-with-title";
        }

        public Optional<Answer> apply(Query q, MentionClusters clusters) {
            List<KbPerson> mentioned = q.mentioned(clusters);
            if (mentioned.size() <= 1) {
                return Optional.empty();
            }
            List<KbPerson> introduced = new ArrayList<>();
            for (Cluster c : clusters.linkedPersons()) {
                if (mentioned.contains(c.person()) && c.roleTitle != null
                        && Titles.kindOf(c.roleTitle).orElse(null) == q.kind()) {
                    introduced.add(c.person());
                }
            }
            return introduced.size() == 1 ? Answer.of(introduced.get(0)) : Optional.empty();
        }
    }

    /** Undated article: of several holders named, the one holding the office in the knowledge base's snapshot. */
    record CurrentHolderWhenUndated() implements TitleRule {
        public String name() {
            return "current-holder-undated";
        }

        public Optional<Answer> apply(Query q, MentionClusters clusters) {
            if (q.date() != null) {
                return Optional.empty();
            }
            List<KbPerson> mentioned = q.mentioned(clusters);
            List<KbPerson> holding = mentioned.stream().filter(p -> p.offices().stream()
                    .anyMatch(o -> q.fits(o) && o.heldOn(null))).toList();
            return holding.size() == 1 && mentioned.size() > 1 ? Answer.of(holding.get(0)) : Optional.empty();
        }
    }

    /** The one holder of the office the article names. */
    record OnlyNamedHolder() implements TitleRule {
        public String name() {
            return "only-named-holder";
        }

        public Optional<Answer> apply(Query q, MentionClusters clusters) {
            List<KbPerson> mentioned = q.mentioned(clusters);
            return mentioned.size() == 1 ? Answer.of(mentioned.get(0)) : Optional.empty();
        }
    }

    /** "The Chancellor" for the Chancellor of the Exchequer: the one person named whose office starts with it. */
    record OfficeStartsWithTitle() implements TitleRule {
        public String name() {
            return "office-starts-with-title";
        }

        public Optional<Answer> apply(Query q, MentionClusters clusters) {
            if (!q.mentioned(clusters).isEmpty()) {
                return Optional.empty();
            }
            List<KbPerson> byTitle = new ArrayList<>();
            for (Cluster c : clusters.linkedPersons()) {
                if (c.person().officeOn(q.date()).map(Office::title).filter(t -> t.equalsIgnoreCase(q.title())
                        || t.regionMatches(true, 0, q.title() + " ", 0, q.title().length() + 1)).isPresent()) {
                    byTitle.add(c.person());
                }
            }
            return byTitle.size() == 1 ? Answer.of(byTitle.get(0)) : Optional.empty();
        }
    }

    /**
     * A capitalised bare title that by convention means one country's office when the article names no holder
     * (the {@code unqualified} column of {@code titles.tsv}).
     */
    record ConventionalJurisdiction() implements TitleRule {
        public String name() {
            return "conventional-jurisdiction";
        }

        public Optional<Answer> apply(Query q, MentionClusters clusters) {
            if (q.lowerCase() || q.unqualifiedJurisdiction() == null || !q.mentioned(clusters).isEmpty()) {
                return Optional.empty();
            }
            List<KbPerson> holders = q.kb().holders(q.kind(), q.unqualifiedJurisdiction(), q.date());
            return holders.isEmpty() ? Optional.empty() : Answer.of(holders.get(0));
        }
    }

    /** The rules in the order they are tried. */
    List<TitleRule> ORDER = List.of(new OrganisationHead(), new JurisdictionHolder(), new IntroducedWithTitle(),
            new CurrentHolderWhenUndated(), new OnlyNamedHolder(), new OfficeStartsWithTitle(),
            new ConventionalJurisdiction());
}
