package io.newsflow.enrich.kb;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A person the knowledge base knows: leaders and other newsworthy office-holders. Immutable.
 *
 * @param id stable id: the Wikidata QID when known, else {@code kb:} plus a slug of the name
 * @param qid Wikidata QID or null
 * @param name canonical name
 * @param aliases other names, surnames, transliterations
 * @param offices offices held, any order
 * @param leader whether the person counts as a leader
 */
public record KbPerson(String id, String qid, String name, List<String> aliases, List<Office> offices,
                       boolean leader) implements KbEntry {

    public KbPerson {
        aliases = List.copyOf(aliases);
        offices = List.copyOf(offices);
    }

    /** The most senior office held on {@code date} (null = now), if any. */
    public Optional<Office> officeOn(LocalDate date) {
        return offices.stream().filter(o -> o.heldOn(date)).min((a, b) -> a.kind().compareTo(b.kind()));
    }

    @Override
    public Category category() {
        return Category.PERSON;
    }
}
