package io.newsflow.enrich.kb;

import java.util.List;

/**
 * A capital city, taken from the country data ({@link KbCountry#capitals()}). Immutable.
 *
 * @param name the city's name as written in the country data ("Washington, D.C.")
 * @param country ISO code of its country
 */
public record KbCity(String name, String country) implements KbEntry {

    @Override
    public String id() {
        return "kb:city:" + Names.slug(name);
    }

    @Override
    public String qid() {
        return null;
    }

    @Override
    public List<String> aliases() {
        return List.of();
    }

    @Override
    public Category category() {
        return Category.PLACE;
    }
}
