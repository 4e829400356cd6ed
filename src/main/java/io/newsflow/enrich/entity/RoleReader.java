package io.newsflow.enrich.entity;

import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KbOrganization;
import io.newsflow.enrich.kb.KnowledgeBase;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the office or title the text gives a person around one mention: an office before the name ("Spanish Defence
 * Minister X" → "Defence Minister of Spain"), an office set beside it with commas ("Egypt's foreign minister, X,"; "X,
 * the Israeli foreign minister,"), or a non-office title before it ("Governor X" → "governor"). Thread-safe:
 * immutable after construction.
 */
final class RoleReader {

    /** Before an office: its holder held it once ("former", "ex-", "then-President X"), not now. */
    private static final Pattern FORMER = Pattern.compile("(?i)\\b(?:former|ex-|then-)");

    private final KnowledgeBase kb;
    private final Set<String> openers;
    private final Pattern officeBefore;
    /** "Egypt's foreign minister, " right before a name. */
    private final Pattern titleCommaBefore;
    /** ", the Israeli foreign minister" right after a name. */
    private final Pattern commaTitleAfter;
    /** A non-office title right before a name, or at the start of a mention ("Governor Gavin Newsom"). */
    private final Pattern descriptorBefore;
    private final EntityLexicon lexicon;

    RoleReader(KnowledgeBase kb, EntityLexicon lexicon, String qualifiers) {
        this.kb = kb;
        this.lexicon = lexicon;
        this.openers = lexicon.openers();
        StringBuilder heads = new StringBuilder();
        for (String h : lexicon.officeHeads()) {
            heads.append(heads.length() == 0 ? "" : "|").append(h.replace(" ", "\\s+"));
            if (h.contains(" ")) {
                // "national security adviser" is written in lower case too
                heads.append("|[").append(h.charAt(0)).append(Character.toLowerCase(h.charAt(0))).append(']')
                        .append(h.substring(1).toLowerCase(java.util.Locale.ROOT).replace(" ", "\\s+"));
            }
        }
        this.officeBefore = Pattern.compile("(?:^|[^\\p{L}])(?:([\\p{Lu}][\\p{L}.]+)\\s+)?"
                + "((?:[\\p{Lu}][\\p{Ll}]+\\s+){0,3}?(?:" + heads + "))\\s+$");
        String title = "((?:[Tt]he\\s+)?(?:(" + qualifiers + ")(?:['’]s)?\\s+)?("
                + Titles.alternationAnyCase() + "))";
        this.titleCommaBefore = Pattern.compile("(?<![\\p{L}])" + title + ",\\s+(?:" + appositiveHonorifics()
                + "\\s+)?$");
        this.commaTitleAfter = Pattern.compile("^,\\s+" + title + "(?=\\s*[,.;:])");
        this.descriptorBefore = Pattern.compile("(?<![\\p{L}.])(" + EntityLexicon.alternation(
                lexicon.descriptors().keySet()) + ")\\s+(?:\\p{Lu}[\\p{L}.'’-]*\\s+)*\\p{Lu}[\\p{L}'’-]*$");
    }

    /** Regex alternation of the honorifics that may open a name in an appositive. */
    String appositiveHonorifics() {
        return "(?:" + EntityLexicon.alternation(lexicon.appositiveHonorifics()) + ")";
    }

    /**
     * The office a person is introduced with ("Spanish Defence Minister Margarita Robles"), as "Defence Minister of
     * Spain", else the office set beside the name with commas, or null. Press secretaries and spokespeople are not
     * offices of state; former office-holders hold none.
     */
    String roleAround(Candidate c, String text) {
        String before = text.substring(Math.max(0, c.start() - 80), c.start());
        Matcher m = officeBefore.matcher(before);
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
                .orElse(openers.contains(qualifier) ? title : qualifier + " " + title);
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
                .or(() -> kb.organizationNamed(qualifier).map((KbOrganization o) -> title + " of " + o.name()))
                .orElse(title);
    }

    /**
     * The non-office title written right before a name that ends at the end of {@code upToMentionEnd} ("Governor X",
     * "Sen. X"), as the lower-case noun that may later refer back to the person ("governor"), if any.
     */
    Optional<String> descriptorBefore(String upToMentionEnd) {
        Matcher d = descriptorBefore.matcher(upToMentionEnd);
        return d.find() ? Optional.ofNullable(lexicon.descriptors().get(d.group(1))) : Optional.empty();
    }

    /** Regex alternation of country names and demonyms. */
    static String countryQualifiers(KnowledgeBase kb) {
        StringBuilder out = new StringBuilder();
        for (KbCountry c : kb.countries()) {
            for (String d : c.demonyms()) {
                out.append(Pattern.quote(d)).append('|');
            }
            out.append(Pattern.quote(c.name())).append('|');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /**
     * Regex alternation of the words that qualify a title: demonyms and country names, organisation names and their
     * short aliases ("the ECB president").
     */
    static String qualifiers(KnowledgeBase kb) {
        StringBuilder qualifiers = new StringBuilder();
        for (KbCountry c : kb.countries()) {
            for (String d : c.demonyms()) {
                qualifiers.append(Pattern.quote(d)).append('|');
            }
            qualifiers.append(Pattern.quote(c.name())).append('|');
        }
        for (KbOrganization o : kb.organizations()) {
            qualifiers.append(Pattern.quote(o.name())).append('|');
            o.aliases().stream().filter(a -> a.equals(a.toUpperCase(java.util.Locale.ROOT))
                    || a.matches("\\p{Lu}\\p{Ll}{1,3}")).forEach(a -> qualifiers.append(Pattern.quote(a)).append('|'));
        }
        qualifiers.setLength(qualifiers.length() - 1);
        return qualifiers.toString();
    }
}
