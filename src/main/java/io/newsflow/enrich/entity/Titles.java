package io.newsflow.enrich.entity;

import io.newsflow.enrich.kb.OfficeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The role titles newsflow resolves, mapped to office kinds ({@code lexicon/titles.tsv}), and the honorifics that
 * prefix a surname ({@code lexicon/honorifics.tsv}). Stateless apart from the bundled lexicon; thread-safe.
 */
final class Titles {

    /** Title as written (capitalised) → office kind, in lexicon order. */
    static final Map<String, OfficeKind> ROLE_TITLES = EntityLexicon.bundled().roleTitles();

    /** Regex alternation of the honorifics that may stand before a surname to form a name mention ("Mr Starmer"). */
    static final String HONORIFICS = EntityLexicon.alternation(EntityLexicon.bundled().surnameHonorifics());

    private Titles() {
    }

    /** The title itself, or the title of this list it is another name for ("Premier" → "Prime Minister"). */
    static String sameOffice(String title) {
        return EntityLexicon.bundled().sameAs().getOrDefault(title, title);
    }

    static Optional<OfficeKind> kindOf(String title) {
        return Optional.ofNullable(ROLE_TITLES.get(title));
    }

    /**
     * The title as {@link #ROLE_TITLES} writes it, for a title written in any case ("prime minister" → "Prime
     * Minister"); a title written all in capitals ("PM") only as written.
     */
    static Optional<String> canonical(String written) {
        String w = written.replaceAll("\\s+", " ");
        if (ROLE_TITLES.containsKey(w)) {
            return Optional.of(w);
        }
        return ROLE_TITLES.keySet().stream().filter(t -> !allCaps(t) && t.equalsIgnoreCase(w)).findFirst();
    }

    /** Regex alternation of all role titles, longest first. */
    static String alternation() {
        return EntityLexicon.alternation(ROLE_TITLES.keySet());
    }

    /** {@link #alternation()} plus every title not written all in capitals in lower case ("the prime minister"). */
    static String alternationAnyCase() {
        List<String> all = new ArrayList<>(ROLE_TITLES.keySet());
        ROLE_TITLES.keySet().stream().filter(t -> !allCaps(t)).map(t -> t.toLowerCase(Locale.ROOT))
                .forEach(all::add);
        return EntityLexicon.alternation(all);
    }

    private static boolean allCaps(String t) {
        return t.length() > 1 && t.equals(t.toUpperCase(Locale.ROOT));
    }
}
