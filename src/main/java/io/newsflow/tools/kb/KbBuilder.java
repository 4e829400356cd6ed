package io.newsflow.tools.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KbJson;
import io.newsflow.enrich.kb.KbOrganization;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Names;
import io.newsflow.enrich.kb.Office;
import io.newsflow.enrich.kb.OfficeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the bundled knowledge base from the open data sets in {@code shared/data/kb} and the project's curated
 * corrections ({@code src/main/kb/curated.json}):
 * <ul>
 *   <li>{@code world-leaders-2021/wikidata.csv}: heads of state and government of about 200 countries (CC0; data
 *       of October 2022, year precision);</li>
 *   <li>{@code everypolitician-world}: foreign ministers of 211 countries and heads of international organisations
 *       (CC0; December 2022);</li>
 *   <li>{@code world-leaders-current}: heads of state and government of 30 jurisdictions, snapshot of 2026-08-22
 *       (CC BY-SA 4.0);</li>
 *   <li>{@code mledoze-countries}: names, spellings, demonyms and ISO codes of 250 countries (ODbL 1.0).</li>
 * </ul>
 * A later appointment to the same office closes the earlier holder's term. Not thread-safe; run once.
 */
public final class KbBuilder {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final Map<String, KbCountry> countries = new LinkedHashMap<>();
    private final Map<String, String> countryByQid = new HashMap<>();
    private final Map<String, PersonDraft> persons = new LinkedHashMap<>();
    private final List<KbOrganization> organizations = new ArrayList<>();
    private final Map<String, String> qidCorrections = new HashMap<>();
    private String dataDate = "2022-12-31";

    /** Builds from {@code sources} (the shared kb folder) and {@code curated}. */
    public KnowledgeBase build(Path sources, Path curated) throws IOException {
        for (JsonNode fix : KbJson.MAPPER.readTree(curated.toFile()).path("qidCorrections")) {
            qidCorrections.put(fix.path("wrong").asText() + "|" + Names.fold(fix.path("name").asText()),
                    fix.path("right").asText());
        }
        readCountries(sources.resolve("mledoze-countries/countries.json"));
        readLeaders2021(sources.resolve("world-leaders-2021/wikidata.csv"));
        readForeignMinisters(sources.resolve("everypolitician-world/sources_foreign_wikidata.csv"));
        readOrganisationHeads(sources.resolve("everypolitician-world/html_current.csv"));
        readCurrent(sources.resolve("world-leaders-current/data/countries"));
        readCurated(curated);
        closeSupersededTerms();
        closeTermsLeftForAnotherCountry();
        List<KbPerson> built = persons.values().stream().map(PersonDraft::build)
                .sorted(Comparator.comparing(KbPerson::name)).toList();
        return new KnowledgeBase(dataDate, built, List.copyOf(countries.values()), organizations);
    }

    /** Writes the three resource files into {@code directory}. */
    public static void write(KnowledgeBase kb, Path directory) throws IOException {
        Files.createDirectories(directory);
        ObjectNode leaders = KbJson.MAPPER.createObjectNode();
        leaders.put("dataDate", kb.dataDate());
        leaders.put("licence", "CC BY-SA 4.0 (contains data from world-leaders-current, CC BY-SA 4.0, and "
                + "Wikidata-derived CC0 data from world-leaders-2021 and everypolitician-world; curated additions CC0)");
        leaders.set("persons", KbJson.MAPPER.valueToTree(kb.persons()));
        KbJson.MAPPER.writeValue(directory.resolve("leaders.json").toFile(), leaders);
        ObjectNode countries = KbJson.MAPPER.createObjectNode();
        countries.put("licence", "ODbL 1.0, derived from mledoze/countries (https://github.com/mledoze/countries); "
                + "Wikidata QIDs CC0");
        countries.set("countries", KbJson.MAPPER.valueToTree(kb.countries()));
        KbJson.MAPPER.writeValue(directory.resolve("countries.json").toFile(), countries);
        ObjectNode orgs = KbJson.MAPPER.createObjectNode();
        orgs.put("licence", "CC0 (curated for newsflow)");
        orgs.set("organizations", KbJson.MAPPER.valueToTree(kb.organizations()));
        KbJson.MAPPER.writeValue(directory.resolve("organizations.json").toFile(), orgs);
    }

    private void readCountries(Path file) throws IOException {
        JsonNode all = KbJson.MAPPER.readTree(file.toFile());
        for (JsonNode c : all) {
            String code = c.path("cca2").asText();
            String common = c.path("name").path("common").asText();
            String official = c.path("name").path("official").asText();
            Set<String> aliases = new LinkedHashSet<>();
            c.path("altSpellings").forEach(a -> {
                String s = a.asText();
                if (s.length() > 3 && !s.equals(common)) {
                    aliases.add(s);
                }
            });
            List<String> capitals = new ArrayList<>();
            c.path("capital").forEach(cap -> capitals.add(cap.asText()));
            Set<String> demonyms = new LinkedHashSet<>();
            JsonNode eng = c.path("demonyms").path("eng");
            if (!eng.path("m").asText().isBlank()) {
                demonyms.add(eng.path("m").asText());
            }
            if (!eng.path("f").asText().isBlank()) {
                demonyms.add(eng.path("f").asText());
            }
            demonyms.addAll(EXTRA_DEMONYMS.getOrDefault(code, List.of()));
            aliases.removeIf(a -> demonyms.stream().anyMatch(d -> d.equalsIgnoreCase(a)) || NOT_COUNTRY_NAMES.contains(a));
            aliases.addAll(EXTRA_COUNTRY_ALIASES.getOrDefault(code, List.of()));
            countries.put(code, new KbCountry(code, c.path("cca3").asText(), null, common, official,
                    List.copyOf(aliases), List.copyOf(demonyms), List.copyOf(capitals), c.path("unMember").asBoolean()));
        }
    }

    private static final Map<String, List<String>> EXTRA_COUNTRY_ALIASES = Map.of(
            "US", List.of("US", "U.S.", "USA", "America", "United States of America"),
            "GB", List.of("UK", "U.K.", "Britain", "Great Britain"),
            "RU", List.of("Russian Federation"),
            "CN", List.of("People's Republic of China"),
            "KR", List.of("South Korea", "Republic of Korea"),
            "KP", List.of("North Korea"),
            "AE", List.of("UAE", "Emirates"),
            "TR", List.of("Turkey"),
            "EU", List.of("European Union"));

    /** Spellings listed for a country that name something else: the Holy See ("the Vatican") is a body, not a place. */
    private static final Set<String> NOT_COUNTRY_NAMES = Set.of("Holy See", "Holy See (Vatican City State)", "Vatican");

    private static final Map<String, List<String>> EXTRA_DEMONYMS = Map.of(
            "US", List.of("US", "U.S.", "American"),
            "GB", List.of("UK", "British"),
            "KR", List.of("South Korean"),
            "KP", List.of("North Korean"),
            "PS", List.of("Palestinian"),
            "AE", List.of("Emirati"));

    private String countryCodeFor(String qid, String name) {
        if (qid != null && countryByQid.containsKey(qid)) {
            return countryByQid.get(qid);
        }
        String folded = Names.fold(name);
        for (KbCountry c : countries.values()) {
            if (Names.fold(c.name()).equals(folded) || Names.fold(c.official()).equals(folded)
                    || c.aliases().stream().anyMatch(a -> Names.fold(a).equals(folded))) {
                if (qid != null) {
                    countryByQid.put(qid, c.code());
                    countries.put(c.code(), new KbCountry(c.code(), c.iso3(), qid, c.name(), c.official(),
                            c.aliases(), c.demonyms(), c.capitals(), c.unMember()));
                }
                return c.code();
            }
        }
        return null;
    }

    private void readLeaders2021(Path file) throws IOException {
        for (Map<String, String> row : csv(file)) {
            String code = countryCodeFor(row.get("countryid"), row.get("country"));
            if (code == null || row.get("officeholder").isBlank()) {
                continue;
            }
            String label = row.get("positionLabel");
            OfficeKind kind = label.toLowerCase(Locale.ROOT).matches(".*(prime minister|premier|chancellor|chief executive|head of government).*")
                    ? OfficeKind.HEAD_OF_GOVERNMENT : OfficeKind.HEAD_OF_STATE;
            LocalDate start = year(row.get("start_year"), false);
            LocalDate end = year(row.get("end_year"), true);
            person(row.get("officeholder"), row.get("officeholderLabel"))
                    .office(new Office(kind, title(label), code, start, end, "wikidata-2022 (year precision)"));
        }
    }

    private void readForeignMinisters(Path file) throws IOException {
        for (Map<String, String> row : csv(file)) {
            if (row.get("person").isBlank()) {
                continue;
            }
            String code = countryCodeFor(row.get("country"), row.get("countryLabel"));
            if (code == null) {
                continue;
            }
            String label = row.get("positionLabel");
            String title = label.contains("Secretary of State") ? "Secretary of State"
                    : label.contains("Foreign Secretary") || label.contains("Secretary of State for Foreign")
                    ? "Foreign Secretary" : label.contains("External") ? "External Affairs Minister" : "Foreign Minister";
            person(row.get("person"), row.get("name")).office(new Office(OfficeKind.FOREIGN_MINISTER, title, code,
                    date(row.get("start")), null, "everypolitician-world 2022-12"));
        }
    }

    private void readOrganisationHeads(Path file) throws IOException {
        for (Map<String, String> row : csv(file)) {
            String position = row.get("position");
            String jurisdiction = position.contains("United Nations") ? "UN"
                    : position.contains("World Trade Organization") ? "WTO" : null;
            if (jurisdiction == null || !position.startsWith("Secretary-General") && !position.startsWith("Director-General")) {
                continue;
            }
            person(row.get("personID"), row.get("person")).office(new Office(OfficeKind.ORG_HEAD,
                    position.substring(0, position.indexOf(" of ")), jurisdiction, date(row.get("start")),
                    date(row.get("end")), "everypolitician-world 2022-12"));
        }
    }

    private void readCurrent(Path countriesDir) throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(countriesDir)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : dirs) {
            JsonNode current = KbJson.MAPPER.readTree(dir.resolve("current.json").toFile());
            String iso = current.path("country").path("iso_code").asText();
            String code = iso.equals("AU_AF") ? "AU-ORG" : iso;
            dataDate = max(dataDate, current.path("snapshot_date").asText(dataDate));
            for (String position : List.of("head_of_state", "head_of_government")) {
                JsonNode p = current.path("positions").path(position);
                JsonNode holder = p.path("current_holder");
                if (holder.isMissingNode() || holder.path("name_en").isNull() || holder.path("name_en").asText().isBlank()) {
                    continue;
                }
                String title = p.path("title_en").asText();
                OfficeKind kind = position.equals("head_of_state") ? OfficeKind.HEAD_OF_STATE : OfficeKind.HEAD_OF_GOVERNMENT;
                if (code.equals("EU") || code.equals("AU-ORG")) {
                    kind = OfficeKind.ORG_HEAD;
                }
                String qid = holder.path("wikidata_id").isNull() ? null : holder.path("wikidata_id").asText(null);
                qid = qidCorrections.getOrDefault(qid + "|" + Names.fold(holder.path("name_en").asText()), qid);
                person(qid, holder.path("name_en").asText()).office(new Office(kind, title, code,
                        date(holder.path("since").asText("")), null, "world-leaders-current " + current.path("snapshot_date").asText()));
            }
        }
    }

    private void readCurated(Path file) throws IOException {
        JsonNode curated = KbJson.MAPPER.readTree(file.toFile());
        for (JsonNode p : curated.path("persons")) {
            String qid = p.path("qid").isNull() ? null : p.path("qid").asText(null);
            PersonDraft draft = person(qid, p.path("name").asText());
            for (JsonNode alias : p.path("aliases")) {
                PersonDraft same = alias.asText().contains(" ") ? persons.get(findByName(alias.asText())) : null;
                if (same != null && same != draft && (same.qid == null || draft.qid == null || same.qid.equals(draft.qid))) {
                    draft = merge(draft, same);
                }
            }
            draft.name = p.path("name").asText();
            PersonDraft target = draft;
            p.path("aliases").forEach(a -> target.aliases.add(a.asText()));
            if (p.has("leader")) {
                draft.leader = p.path("leader").asBoolean();
            }
            for (JsonNode o : p.path("offices")) {
                target.office(new Office(OfficeKind.valueOf(o.path("kind").asText()), o.path("title").asText(),
                        o.path("country").asText(), date(o.path("start").asText("")), date(o.path("end").asText("")),
                        "newsflow curated"));
            }
        }
        for (JsonNode r : curated.path("remove")) {
            PersonDraft draft = persons.get(r.path("qid").asText());
            if (draft != null) {
                draft.offices.removeIf(o -> o.kind().name().equals(r.path("kind").asText())
                        && o.jurisdiction().equals(r.path("jurisdiction").asText()));
            }
        }
        for (JsonNode o : curated.path("organizations")) {
            List<String> aliases = new ArrayList<>();
            o.path("aliases").forEach(a -> aliases.add(a.asText()));
            organizations.add(new KbOrganization(o.path("key").asText(), o.path("qid").isNull() ? null
                    : o.path("qid").asText(null), o.path("name").asText(), aliases,
                    o.path("country").isMissingNode() ? null : o.path("country").asText()));
        }
    }

    /** A newer holder of the same office ends the previous open-ended term. */
    private void closeSupersededTerms() {
        Map<String, List<Map.Entry<PersonDraft, Office>>> byOffice = new HashMap<>();
        for (PersonDraft p : persons.values()) {
            for (Office o : p.offices) {
                if (o.kind() == OfficeKind.ADVISER || o.kind() == OfficeKind.ENVOY || o.kind() == OfficeKind.SPOKESPERSON
                        || o.kind() == OfficeKind.OTHER || o.kind() == OfficeKind.HEIR) {
                    continue;
                }
                String key = o.kind() + "|" + o.jurisdiction() + (o.kind() == OfficeKind.ORG_HEAD ? "|" + Names.fold(o.title()) : "");
                byOffice.computeIfAbsent(key, k -> new ArrayList<>()).add(Map.entry(p, o));
            }
        }
        for (List<Map.Entry<PersonDraft, Office>> terms : byOffice.values()) {
            for (Map.Entry<PersonDraft, Office> term : terms) {
                Office o = term.getValue();
                if (o.end() != null || o.start() == null) {
                    continue;
                }
                terms.stream()
                        .filter(t -> t.getKey() != term.getKey() && t.getValue().start() != null
                                && t.getValue().start().isAfter(o.start()))
                        .map(t -> t.getValue().start())
                        .min(Comparator.naturalOrder())
                        .ifPresent(next -> term.getKey().replace(o, new Office(o.kind(), o.title(), o.jurisdiction(),
                                o.start(), next, o.source())));
            }
        }
    }

    /**
     * An open-ended office ends when the same person later takes office in another jurisdiction (Kaja Kallas: Prime
     * Minister of Estonia until she became the EU's foreign-policy chief), which the older snapshots do not record; a
     * year apart at least, as year-precision dates make concurrent offices (a monarch's realms) look consecutive.
     */
    private void closeTermsLeftForAnotherCountry() {
        Set<OfficeKind> minor = Set.of(OfficeKind.ADVISER, OfficeKind.ENVOY, OfficeKind.SPOKESPERSON, OfficeKind.OTHER);
        for (PersonDraft p : persons.values()) {
            for (Office o : List.copyOf(p.offices)) {
                if (o.end() != null || o.start() == null) {
                    continue;
                }
                p.offices.stream()
                        .filter(later -> !later.jurisdiction().equals(o.jurisdiction()) && !minor.contains(later.kind())
                                && later.start() != null && later.start().isAfter(o.start().plusYears(1)))
                        .map(Office::start)
                        .min(Comparator.naturalOrder())
                        .ifPresent(next -> p.replace(o, new Office(o.kind(), o.title(), o.jurisdiction(), o.start(), next,
                                o.source())));
            }
        }
    }

    /** Key of the draft whose name folds like {@code name}, or null. */
    private String findByName(String name) {
        String folded = Names.fold(name);
        for (Map.Entry<String, PersonDraft> e : persons.entrySet()) {
            if (Names.fold(e.getValue().name).equals(folded)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Folds {@code other} into {@code into} (the curated entry): QID, aliases, offices; {@code other} is dropped. */
    private PersonDraft merge(PersonDraft into, PersonDraft other) {
        if (into.qid == null) {
            into.qid = other.qid;
        }
        into.aliases.add(other.name);
        into.aliases.addAll(other.aliases);
        other.offices.forEach(into::office);
        persons.values().removeIf(d -> d == other);
        if (into.qid != null) {
            persons.values().removeIf(d -> d == into);
            persons.put(into.qid, into);
        }
        return into;
    }

    private PersonDraft person(String qid, String name) {
        String key = qid != null && !qid.isBlank() ? qid : null;
        if (key != null && persons.containsKey(key)) {
            return persons.get(key);
        }
        String folded = Names.fold(name);
        for (PersonDraft p : persons.values()) {
            boolean sameName = Names.fold(p.name).equals(folded) || p.aliases.stream().anyMatch(a -> Names.fold(a).equals(folded) && a.contains(" "));
            if (sameName && (key == null || p.qid == null)) {
                if (key != null) {
                    p.qid = key;
                }
                return p;
            }
        }
        PersonDraft draft = new PersonDraft(key, name);
        persons.put(key != null ? key : "name:" + folded, draft);
        return draft;
    }

    /** A person being assembled from several sources. */
    private static final class PersonDraft {
        String qid;
        String name;
        Boolean leader;
        final Set<String> aliases = new LinkedHashSet<>();
        final List<Office> offices = new ArrayList<>();

        PersonDraft(String qid, String name) {
            this.qid = qid;
            this.name = name;
        }

        void office(Office o) {
            for (int i = 0; i < offices.size(); i++) {
                Office existing = offices.get(i);
                if (existing.kind() == o.kind() && existing.jurisdiction().equals(o.jurisdiction())
                        && sameTerm(existing, o)) {
                    if (precision(o) > precision(existing)) {
                        offices.set(i, new Office(o.kind(), o.title(), o.jurisdiction(), o.start(),
                                o.end() != null ? o.end() : existing.end(), o.source()));
                    }
                    return;
                }
            }
            offices.add(o);
        }

        void replace(Office old, Office updated) {
            int i = offices.indexOf(old);
            if (i >= 0) {
                offices.set(i, updated);
            }
        }

        private static boolean sameTerm(Office a, Office b) {
            if (a.start() == null || b.start() == null) {
                return true;
            }
            return Math.abs(a.start().getYear() - b.start().getYear()) <= 1;
        }

        private static int precision(Office o) {
            return o.source().contains("curated") ? 3 : o.source().contains("year precision") ? 1 : 2;
        }

        KbPerson build() {
            Set<String> all = new LinkedHashSet<>(aliases);
            Matcher styled = REGNAL.matcher(name);
            String[] parts = name.split(" ");
            boolean patronymic = name.matches(".*\\b(bin|bint|ibn|al|el)\\b.*");
            if (styled.matches()) {
                // "Felipe VI of Spain", "Albert II, Prince of Monaco": the regnal name, never the country
                String regnal = styled.group(1);
                if (regnal.contains(" ") || regnal.contains("-")) {
                    all.add(regnal);
                }
            } else if (aliases.isEmpty() && parts.length >= 2 && !patronymic) {
                String surname = parts[parts.length - 1];
                if (surname.length() > 3 && !surname.matches("(?i)(III|II|IV|Jr\\.?|Sr\\.?)")) {
                    all.add(surname);
                }
            }
            all.remove(name);
            boolean isLeader = leader != null ? leader : offices.stream().anyMatch(o -> o.kind().leader());
            String id = qid != null ? qid : "kb:" + Names.slug(name);
            return new KbPerson(id, qid, name, List.copyOf(all), List.copyOf(offices), isLeader);
        }
    }

    /** A monarch's style: regnal name and number, then "of Country" or ", Prince of Country". */
    private static final Pattern REGNAL = Pattern.compile("(\\p{Lu}[\\p{L}-]+(?: (?:\\p{Lu}[\\p{L}-]+|[IVX]+)){0,2})"
            + ",? (?:(?:Prince|Grand Duke|King|Queen|Sultan|Emir|Duke) )?of (?:the )?\\p{Lu}.*");

    private static String title(String positionLabel) {
        String t = positionLabel.replaceFirst("(?i)^federal ", "");
        int of = t.indexOf(" of ");
        t = of > 0 ? t.substring(0, of) : t;
        return t.isEmpty() ? positionLabel : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    private static LocalDate year(String y, boolean end) {
        if (y == null || y.isBlank()) {
            return null;
        }
        int year = Integer.parseInt(y.strip());
        return end ? LocalDate.of(year, 12, 31) : LocalDate.of(year, 1, 1);
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        if (t.matches("\\d{4}")) {
            return LocalDate.of(Integer.parseInt(t), 1, 1);
        }
        if (t.matches("\\d{4}-\\d{2}")) {
            return LocalDate.parse(t + "-01");
        }
        return LocalDate.parse(t.substring(0, 10));
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Rows of an RFC 4180 CSV file with a header row (Jackson CSV): header names are the keys, a missing trailing
     * field reads as the empty string, fields beyond the header and empty lines are ignored.
     */
    static List<Map<String, String>> csv(Path file) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema)
                .readValues(file.toFile())) {
            while (it.hasNextValue()) {
                Map<String, String> row = new HashMap<>(it.nextValue());
                if (it.getParserSchema() instanceof CsvSchema header) {
                    header.getColumnNames().forEach(name -> row.putIfAbsent(name, ""));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
