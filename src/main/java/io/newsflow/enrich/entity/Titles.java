package io.newsflow.enrich.entity;

import io.newsflow.enrich.kb.OfficeKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The role titles newsflow resolves, mapped to office kinds; honorifics that prefix a surname. Stateless. */
final class Titles {

    /** Title as written (capitalised) → office kind; longer titles first. */
    static final Map<String, OfficeKind> ROLE_TITLES = new LinkedHashMap<>();

    static {
        put(OfficeKind.FOREIGN_MINISTER, "Foreign Minister", "Foreign Secretary", "Secretary of State",
                "External Affairs Minister", "Minister of Foreign Affairs", "Foreign Affairs Minister");
        put(OfficeKind.DEFENCE_MINISTER, "Defence Secretary", "Defense Secretary", "Defence Minister",
                "Defense Minister", "Secretary of Defense", "Secretary of War", "War Secretary", "Pentagon chief");
        put(OfficeKind.FINANCE_MINISTER, "Treasury Secretary", "Finance Minister", "Chancellor of the Exchequer");
        put(OfficeKind.MINISTER, "Home Secretary", "Home Minister", "Interior Minister", "Interior Secretary",
                "Justice Secretary", "Justice Minister", "Attorney General", "Health Secretary", "Health Minister",
                "Business Secretary", "Trade Secretary", "Trade Minister", "Commerce Secretary", "Commerce Minister",
                "Trade Representative", "Economy Minister",
                "Economy Secretary", "Energy Secretary", "Energy Minister", "Environment Secretary", "Environment Minister",
                "Education Secretary", "Education Minister", "Transport Secretary", "Transportation Secretary",
                "Transport Minister", "Culture Secretary", "Culture Minister", "Agriculture Secretary",
                "Agriculture Minister", "Labour Minister", "Labor Secretary", "Work and Pensions Secretary",
                "Homeland Security Secretary", "Industry Minister", "Immigration Minister", "Housing Secretary",
                "Northern Ireland Secretary", "Scottish Secretary", "Welsh Secretary");
        put(OfficeKind.DEPUTY_HEAD_OF_STATE, "Vice President", "Vice-President");
        put(OfficeKind.DEPUTY_HEAD_OF_GOVERNMENT, "Deputy Prime Minister");
        put(OfficeKind.HEAD_OF_GOVERNMENT, "Prime Minister", "Premier", "Chancellor", "PM");
        put(OfficeKind.ORG_HEAD, "Secretary-General", "Secretary General", "Commission President");
        put(OfficeKind.HEIR, "Crown Prince");
        put(OfficeKind.HEAD_OF_STATE, "President", "King", "Queen", "Emir", "Sultan", "Pope", "Supreme Leader",
                "Emperor");
    }

    /** Honorifics and titles that may stand before a surname to form a name mention ("Mr Starmer"). */
    static final String HONORIFICS = "Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Mr\\.|Mrs\\.|Ms\\.|Dr\\.|"
            + "Sheikh|Prince|Princess|Gen|Gen\\.";

    private Titles() {
    }

    private static void put(OfficeKind kind, String... titles) {
        for (String t : titles) {
            ROLE_TITLES.put(t, kind);
        }
    }

    static Optional<OfficeKind> kindOf(String title) {
        return Optional.ofNullable(ROLE_TITLES.get(title));
    }

    /**
     * The title as {@link #ROLE_TITLES} writes it, for a title written in any case ("prime minister" → "Prime
     * Minister"); "PM" only in capitals.
     */
    static Optional<String> canonical(String written) {
        String w = written.replaceAll("\\s+", " ");
        if (ROLE_TITLES.containsKey(w)) {
            return Optional.of(w);
        }
        return ROLE_TITLES.keySet().stream().filter(t -> !t.equals("PM") && t.equalsIgnoreCase(w)).findFirst();
    }

    /** Regex alternation of all role titles, longest first. */
    static String alternation() {
        return alternation(ROLE_TITLES.keySet());
    }

    /** {@link #alternation()} plus every title but "PM" in lower case ("the prime minister"). */
    static String alternationAnyCase() {
        List<String> all = new ArrayList<>(ROLE_TITLES.keySet());
        ROLE_TITLES.keySet().stream().filter(t -> !t.equals("PM")).map(t -> t.toLowerCase(Locale.ROOT))
                .forEach(all::add);
        return alternation(all);
    }

    private static String alternation(Collection<String> titles) {
        return titles.stream().sorted((a, b) -> b.length() - a.length())
                .map(t -> t.replace(".", "\\.").replace(" ", "\\s+")).reduce((a, b) -> a + "|" + b).orElseThrow();
    }
}
