package io.newsflow.enrich.entity;

import io.newsflow.enrich.kb.OfficeKind;
import java.util.LinkedHashMap;
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
        put(OfficeKind.DEPUTY_HEAD_OF_STATE, "Vice President", "Vice-President");
        put(OfficeKind.DEPUTY_HEAD_OF_GOVERNMENT, "Deputy Prime Minister");
        put(OfficeKind.HEAD_OF_GOVERNMENT, "Prime Minister", "Premier", "Chancellor", "PM");
        put(OfficeKind.ORG_HEAD, "Secretary-General", "Secretary General", "Commission President");
        put(OfficeKind.HEIR, "Crown Prince");
        put(OfficeKind.HEAD_OF_STATE, "President", "King", "Queen", "Emir", "Sultan", "Pope", "Supreme Leader",
                "Emperor");
    }

    /** Honorifics and titles that may stand before a surname to form a name mention ("Mr Starmer"). */
    static final String HONORIFICS = "Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Mr\\.|Mrs\\.|Ms\\.|Dr\\.";

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

    /** Regex alternation of all role titles, longest first. */
    static String alternation() {
        return ROLE_TITLES.keySet().stream().sorted((a, b) -> b.length() - a.length())
                .map(t -> t.replace(".", "\\.").replace(" ", "\\s+")).reduce((a, b) -> a + "|" + b).orElseThrow();
    }
}
