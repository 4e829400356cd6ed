package io.newsflow.enrich.kb;

import java.util.List;

/**
 * A country or territory. Immutable.
 *
 * @param code ISO 3166-1 alpha-2 code
 * @param iso3 ISO 3166-1 alpha-3 code
 * @param qid Wikidata QID or null
 * @param name common English name
 * @param official official English name
 * @param aliases other names and spellings
 * @param demonyms English demonyms ("French", "Russian")
 * @param capitals capital cities
 * @param unMember whether a UN member state
 */
public record KbCountry(String code, String iso3, String qid, String name, String official, List<String> aliases,
                        List<String> demonyms, List<String> capitals, boolean unMember) implements KbEntry {

    public KbCountry {
        aliases = List.copyOf(aliases);
        demonyms = List.copyOf(demonyms);
        capitals = capitals == null ? List.of() : List.copyOf(capitals);
    }

    /** Stable entity id: the QID, else {@code kb:country:} plus the ISO code. */
    @Override
    public String id() {
        return qid != null ? qid : "kb:country:" + code;
    }

    @Override
    public Category category() {
        return Category.PLACE;
    }
}
