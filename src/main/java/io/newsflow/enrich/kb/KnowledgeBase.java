package io.newsflow.enrich.kb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The knowledge base of leaders, countries and organisations, loaded once at start-up from the bundled resources
 * ({@code /kb/leaders.json}, {@code /kb/countries.json}, {@code /kb/organizations.json}) or from a directory that
 * overrides them. Immutable and thread-safe.
 */
public final class KnowledgeBase {


    private final String dataDate;
    private final List<KbPerson> persons;
    private final List<KbCountry> countries;
    private final List<KbOrganization> organizations;
    private final Map<String, KbPerson> personsById = new HashMap<>();
    private final Map<String, List<KbPerson>> personsByAlias = new HashMap<>();
    private final Map<String, KbCountry> countriesByName = new HashMap<>();
    private final Map<String, KbCountry> countriesByDemonym = new HashMap<>();
    private final Map<String, KbCountry> countriesByCode = new HashMap<>();
    private final Map<String, KbOrganization> organizationsByAlias = new HashMap<>();

    public KnowledgeBase(String dataDate, List<KbPerson> persons, List<KbCountry> countries,
                         List<KbOrganization> organizations) {
        this.dataDate = dataDate;
        this.persons = List.copyOf(persons);
        this.countries = List.copyOf(countries);
        this.organizations = List.copyOf(organizations);
        for (KbPerson p : this.persons) {
            personsById.put(p.id(), p);
            for (String name : names(p.name(), p.aliases())) {
                List<KbPerson> same = personsByAlias.computeIfAbsent(Names.fold(name), k -> new ArrayList<>());
                if (!same.contains(p)) {
                    same.add(p);
                }
            }
        }
        List<KbCountry> membersFirst = new ArrayList<>(this.countries);
        membersFirst.sort(Comparator.comparing((KbCountry c) -> !c.unMember()));
        for (KbCountry c : membersFirst) {
            countriesByCode.put(c.code(), c);
            for (String name : names(c.name(), c.aliases())) {
                countriesByName.putIfAbsent(Names.fold(name), c);
            }
            countriesByName.putIfAbsent(Names.fold(c.official()), c);
            for (String d : c.demonyms()) {
                countriesByDemonym.putIfAbsent(Names.fold(d), c);
            }
        }
        for (KbOrganization o : this.organizations) {
            for (String name : names(o.name(), o.aliases())) {
                organizationsByAlias.putIfAbsent(Names.fold(name), o);
            }
        }
    }

    private static Set<String> names(String name, List<String> aliases) {
        Set<String> all = new LinkedHashSet<>();
        all.add(name);
        all.addAll(aliases);
        return all;
    }

    /** The bundled knowledge base, loaded once per JVM. */
    public static KnowledgeBase bundled() {
        return Holder.BUNDLED;
    }

    private static final class Holder {
        static final KnowledgeBase BUNDLED = load(null);
    }

    /** Loads from {@code directory} (files named as the bundled ones) or, when null, from the classpath. */
    public static KnowledgeBase load(Path directory) {
        JsonNode leaders = read(directory, "leaders.json");
        JsonNode countries = read(directory, "countries.json");
        JsonNode organizations = read(directory, "organizations.json");
        try {
            List<KbPerson> persons = List.of(KbJson.MAPPER.treeToValue(leaders.get("persons"), KbPerson[].class));
            List<KbCountry> countryList = List.of(KbJson.MAPPER.treeToValue(countries.get("countries"), KbCountry[].class));
            List<KbOrganization> orgs = List.of(KbJson.MAPPER.treeToValue(organizations.get("organizations"),
                    KbOrganization[].class));
            return new KnowledgeBase(leaders.path("dataDate").asText("unknown"), persons, countryList, orgs);
        } catch (IOException e) {
            throw new UncheckedIOException("knowledge base is not in the expected format", e);
        }
    }

    private static JsonNode read(Path directory, String file) {
        try {
            if (directory != null) {
                return KbJson.MAPPER.readTree(Files.readAllBytes(directory.resolve(file)));
            }
            try (InputStream in = KnowledgeBase.class.getResourceAsStream("/kb/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("knowledge base resource /kb/" + file + " missing");
                }
                return KbJson.MAPPER.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge base file " + file, e);
        }
    }

    public String dataDate() {
        return dataDate;
    }

    public List<KbPerson> persons() {
        return persons;
    }

    public List<KbCountry> countries() {
        return countries;
    }

    public List<KbOrganization> organizations() {
        return organizations;
    }

    public Optional<KbPerson> person(String id) {
        return Optional.ofNullable(personsById.get(id));
    }

    /** Persons one of whose names folds to the same key as {@code name}. */
    public List<KbPerson> personsNamed(String name) {
        return personsByAlias.getOrDefault(Names.fold(name), List.of());
    }

    public Optional<KbCountry> countryNamed(String name) {
        return Optional.ofNullable(countriesByName.get(Names.fold(name)));
    }

    public Optional<KbCountry> countryByDemonym(String demonym) {
        return Optional.ofNullable(countriesByDemonym.get(Names.fold(demonym)));
    }

    public Optional<KbCountry> country(String code) {
        return Optional.ofNullable(countriesByCode.get(code));
    }

    public Optional<KbOrganization> organizationNamed(String name) {
        return Optional.ofNullable(organizationsByAlias.get(Names.fold(name)));
    }

    /**
     * Holders of an office of {@code kind} in {@code jurisdiction} on {@code date} (null = now), latest appointment
     * first.
     */
    public List<KbPerson> holders(OfficeKind kind, String jurisdiction, LocalDate date) {
        List<Map.Entry<KbPerson, Office>> found = new ArrayList<>();
        for (KbPerson p : persons) {
            for (Office o : p.offices()) {
                if (o.kind() == kind && o.jurisdiction().equals(jurisdiction) && o.heldOn(date)) {
                    found.add(Map.entry(p, o));
                }
            }
        }
        found.sort(Comparator.comparing((Map.Entry<KbPerson, Office> e) -> e.getValue().start(),
                Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return found.stream().map(Map.Entry::getKey).distinct().toList();
    }

    /** How an office reads in copy, e.g. "President of Russia"; the jurisdiction's country name where known. */
    public String describe(Office office) {
        String where = country(office.jurisdiction()).map(KbCountry::name).orElse(office.jurisdiction());
        return office.title() + " of " + where;
    }
}
