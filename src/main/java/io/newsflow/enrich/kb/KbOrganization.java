package io.newsflow.enrich.kb;

import java.util.List;

/**
 * An organisation or a metonym for a government ("the Kremlin"). Immutable.
 *
 * @param key stable key, e.g. "nato"
 * @param qid Wikidata QID or null
 * @param name canonical name
 * @param aliases other names and acronyms
 * @param country ISO code of the country it stands for, or null
 */
public record KbOrganization(String key, String qid, String name, List<String> aliases, String country) implements KbEntry {

    public KbOrganization {
        aliases = List.copyOf(aliases);
    }

    /** Stable entity id: the QID, else {@code kb:org:} plus the key. */
    @Override
    public String id() {
        return qid != null ? qid : "kb:org:" + key;
    }

    @Override
    public Category category() {
        return Category.ORGANIZATION;
    }
}
