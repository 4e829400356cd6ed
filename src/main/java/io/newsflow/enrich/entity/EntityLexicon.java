package io.newsflow.enrich.entity;

import io.newsflow.enrich.kb.OfficeKind;
import io.newsflow.enrich.lexicon.LexiconTable;
import io.newsflow.enrich.lexicon.Lexicons;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entity stage's typed view of its word lists ({@link Lexicons}, {@code src/main/resources/lexicon/*.tsv}):
 * role titles and their office
 * kinds ({@code titles.tsv}), honorifics, non-office person titles, place heads, words that are no entity, name
 * particles and office head words. Built once; immutable and thread-safe.
 *
 * @param roleTitles title as written → office kind, in file order
 * @param unqualified title as written → the jurisdiction a capitalised bare use means by convention
 * @param sameAs title as written → another title naming the same office ("Premier" → "Prime Minister")
 * @param surnameHonorifics honorifics that form one mention with a bare surname ("Mr Starmer")
 * @param appositiveHonorifics honorifics that may open a name set off by commas
 * @param strippedTitles non-office titles dropped from a person's name ("Governor X" → "X")
 * @param firstNameTitles titles after which a capitalised word before a surname is the first name
 * @param descriptors title as written → the noun that refers back to the one person introduced with it
 * @param placeHeads last words that make a name a place
 * @param feasts feasts and seasons that are no person
 * @param openers sentence-opening words that do not qualify an office
 * @param generic capitalised descriptions that name no particular entity
 * @param nameHeads last word of a multiword name → the type it makes the name
 * @param particles lower-case name particles; {@code secondParticles} may follow a first one
 * @param secondParticles particles that may follow another ("van der")
 * @param nameSuffixes generational suffixes that end a name ("Jr.")
 * @param titleContinuations words that continue a role title after an organisation-looking span
 * @param officeHeads words that end an office read before a name
 * @param countryLeaderNouns nouns for a country's head ("the Russian leader")
 * @param orgLeaderNouns nouns for an organisation's head ("the ECB chief")
 * @param courtesyHonorifics honorifics after which a capitalised word is a surname even when it is also a place
 */
record EntityLexicon(Map<String, OfficeKind> roleTitles, Map<String, String> unqualified, Map<String, String> sameAs,
                     List<String> surnameHonorifics,
                     List<String> appositiveHonorifics, List<String> strippedTitles, List<String> firstNameTitles,
                     Map<String, String> descriptors, List<String> placeHeads, Set<String> feasts, Set<String> openers,
                     Set<String> generic, Map<String, String> nameHeads,
                     List<String> particles, List<String> secondParticles, List<String> nameSuffixes,
                     List<String> titleContinuations,
                     List<String> officeHeads, Set<String> countryLeaderNouns, List<String> orgLeaderNouns,
                     List<String> courtesyHonorifics) {

    EntityLexicon {
        roleTitles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roleTitles));
        unqualified = Map.copyOf(unqualified);
        sameAs = Map.copyOf(sameAs);
        descriptors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(descriptors));
        surnameHonorifics = List.copyOf(surnameHonorifics);
        appositiveHonorifics = List.copyOf(appositiveHonorifics);
        strippedTitles = List.copyOf(strippedTitles);
        firstNameTitles = List.copyOf(firstNameTitles);
        placeHeads = List.copyOf(placeHeads);
        feasts = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(feasts));
        openers = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(openers));
        generic = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(generic));
        nameHeads = Map.copyOf(nameHeads);
        particles = List.copyOf(particles);
        secondParticles = List.copyOf(secondParticles);
        nameSuffixes = List.copyOf(nameSuffixes);
        titleContinuations = List.copyOf(titleContinuations);
        officeHeads = List.copyOf(officeHeads);
        countryLeaderNouns = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(countryLeaderNouns));
        orgLeaderNouns = List.copyOf(orgLeaderNouns);
        courtesyHonorifics = List.copyOf(courtesyHonorifics);
    }

    private static final class Bundled {
        static final EntityLexicon INSTANCE = from(Lexicons.bundled());
    }

    /** The lexicons bundled with newsflow, read once. */
    static EntityLexicon bundled() {
        return Bundled.INSTANCE;
    }

    /** The entity stage's view of the given lexicons; fails when one of its tables is missing. */
    static EntityLexicon from(Lexicons lexicons) {
        Map<String, OfficeKind> titles = new LinkedHashMap<>();
        Map<String, String> unqualified = new LinkedHashMap<>();
        Map<String, String> sameAs = new LinkedHashMap<>();
        for (Map<String, String> r : rows(lexicons, "titles")) {
            titles.put(r.get("title"), OfficeKind.valueOf(r.get("kind")));
            if (!r.get("unqualified").isEmpty()) {
                unqualified.put(r.get("title"), r.get("unqualified"));
            }
            if (!r.get("same_as").isEmpty()) {
                sameAs.put(r.get("title"), r.get("same_as"));
            }
        }
        List<String> surname = new ArrayList<>();
        List<String> appositive = new ArrayList<>();
        List<String> courtesy = new ArrayList<>();
        for (Map<String, String> r : rows(lexicons, "honorifics")) {
            if (yes(r.get("courtesy"))) {
                courtesy.add(r.get("form"));
            }
            if (yes(r.get("before_surname"))) {
                surname.add(r.get("form"));
            }
            if (yes(r.get("in_appositive"))) {
                appositive.add(r.get("form"));
            }
        }
        List<String> stripped = new ArrayList<>();
        List<String> firstName = new ArrayList<>();
        Map<String, String> descriptors = new LinkedHashMap<>();
        for (Map<String, String> r : rows(lexicons, "person-titles")) {
            if (yes(r.get("strip"))) {
                stripped.add(r.get("form"));
            }
            if (yes(r.get("first_name"))) {
                firstName.add(r.get("form"));
            }
            String d = r.getOrDefault("descriptor", "");
            if (!d.isEmpty()) {
                descriptors.put(r.get("form"), d);
            }
        }
        List<String> placeHeads = rows(lexicons, "place-heads").stream().map(r -> r.get("word")).toList();
        Set<String> feasts = new LinkedHashSet<>();
        Set<String> openers = new LinkedHashSet<>();
        Set<String> generic = new LinkedHashSet<>();
        for (Map<String, String> r : rows(lexicons, "not-entity")) {
            switch (r.get("kind")) {
                case "feast" -> feasts.add(r.get("form"));
                case "opener" -> openers.add(r.get("form"));
                default -> generic.add(r.get("form"));
            }
        }
        Map<String, String> nameHeads = new LinkedHashMap<>();
        for (Map<String, String> r : rows(lexicons, "name-heads")) {
            nameHeads.put(r.get("word"), r.get("type"));
        }
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (Map<String, String> r : rows(lexicons, "name-particles")) {
            switch (r.get("position")) {
                case "first" -> first.add(r.get("particle"));
                case "second" -> second.add(r.get("particle"));
                default -> suffixes.add(r.get("particle"));
            }
        }
        Map<String, List<String>> byUse = new LinkedHashMap<>();
        for (Map<String, String> r : rows(lexicons, "office-words")) {
            byUse.computeIfAbsent(r.get("use"), k -> new ArrayList<>()).add(r.get("word"));
        }
        return new EntityLexicon(titles, unqualified, sameAs, surname, appositive, stripped, firstName, descriptors,
                placeHeads, feasts, openers, generic, nameHeads, first, second, suffixes,
                byUse.getOrDefault("continues-title", List.of()),
                byUse.getOrDefault("office-head", List.of()),
                new LinkedHashSet<>(byUse.getOrDefault("country-leader", List.of())),
                byUse.getOrDefault("org-leader", List.of()), courtesy);
    }

    private static boolean yes(String v) {
        return v.equals("yes");
    }

    /** Regex alternation of words as written, longest first, spaces matching any white space. */
    static String alternation(Collection<String> words) {
        return words.stream().sorted((a, b) -> b.length() - a.length())
                .map(t -> Pattern.quote(t).replace(" ", "\\E\\s+\\Q")).reduce((a, b) -> a + "|" + b).orElseThrow();
    }

    /** The rows of one registered lexicon table as column → value maps, in file order. */
    private static List<Map<String, String>> rows(Lexicons lexicons, String name) {
        List<Map<String, String>> out = new ArrayList<>();
        for (LexiconTable.Row r : lexicons.table(name).rows()) {
            out.add(r.cells());
        }
        return out;
    }
}
