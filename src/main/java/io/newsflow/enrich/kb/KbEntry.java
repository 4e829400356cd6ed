package io.newsflow.enrich.kb;

import java.util.List;

/**
 * Anything the knowledge base can link a name to: a person, an organisation, a country, or a capital city. Stages
 * dispatch on {@link #category()} instead of testing classes one by one. Implementations are immutable records.
 */
public sealed interface KbEntry permits KbPerson, KbOrganization, KbCountry, KbCity {

    /** What kind of thing an entry names. */
    enum Category { PERSON, ORGANIZATION, PLACE }

    /** Stable entity id: the Wikidata QID when known, else a {@code kb:} id. */
    String id();

    /** Wikidata QID or null. */
    String qid();

    /** Canonical name. */
    String name();

    /** Other names the entry is matched by. */
    List<String> aliases();

    /** Person, organisation or place. */
    Category category();
}
