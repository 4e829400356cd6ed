package io.newsflow.tools.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.enrich.kb.KbJson;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Office;
import io.newsflow.enrich.kb.OfficeKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refreshes the heads of state and government of the knowledge base from a Wikidata SPARQL endpoint: asks for the
 * current holders (statements of P35 and P6 without an end date) of every UN member state, adds new holders and
 * closes the terms of the people they replaced. Everything else in the knowledge base is kept. Not thread-safe.
 */
public final class KbUpdater {

    /** The public Wikidata endpoint. */
    public static final String WIKIDATA = "https://query.wikidata.org/sparql";

    static final String QUERY = """
            SELECT ?iso ?kind ?person ?personLabel ?start WHERE {
              ?country wdt:P463 wd:Q1065 ; wdt:P297 ?iso .
              { ?country p:P35 ?st . ?st ps:P35 ?person . BIND("HEAD_OF_STATE" AS ?kind) }
              UNION
              { ?country p:P6 ?st . ?st ps:P6 ?person . BIND("HEAD_OF_GOVERNMENT" AS ?kind) }
              FILTER NOT EXISTS { ?st pq:P582 [] }
              OPTIONAL { ?st pq:P580 ?start }
              SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
            }""";

    /** One current office-holder as the endpoint reports it. */
    public record Holder(String country, OfficeKind kind, String qid, String name, LocalDate start) {
    }

    private final HttpClient http;
    private final URI endpoint;

    public KbUpdater(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** Runs the query and parses the SPARQL JSON results. */
    public List<Holder> fetch() throws IOException, InterruptedException {
        URI uri = URI.create(endpoint + (endpoint.getQuery() == null ? "?" : "&") + "format=json&query="
                + URLEncoder.encode(QUERY, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/sparql-results+json")
                .header("User-Agent", "newsflow-kb-update/1.0 (https://github.com/newsflow)")
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("SPARQL endpoint " + endpoint + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return parse(KbJson.MAPPER.readTree(response.body()));
    }

    static List<Holder> parse(JsonNode results) {
        List<Holder> holders = new ArrayList<>();
        for (JsonNode b : results.path("results").path("bindings")) {
            String personUri = b.path("person").path("value").asText();
            String qid = personUri.substring(personUri.lastIndexOf('/') + 1);
            String start = b.path("start").path("value").asText("");
            holders.add(new Holder(b.path("iso").path("value").asText(), OfficeKind.valueOf(b.path("kind")
                    .path("value").asText()), qid, b.path("personLabel").path("value").asText(qid),
                    start.length() >= 10 ? LocalDate.parse(start.substring(0, 10)) : null));
        }
        return holders;
    }

    /** The knowledge base with {@code holders} applied, stamped with {@code asOf} as its data date. */
    public static KnowledgeBase apply(KnowledgeBase kb, List<Holder> holders, LocalDate asOf) {
        Map<String, KbPerson> persons = new LinkedHashMap<>();
        kb.persons().forEach(p -> persons.put(p.id(), p));
        for (Holder h : holders) {
            if (h.qid().isBlank() || !h.qid().startsWith("Q")) {
                continue;
            }
            LocalDate from = h.start() != null ? h.start() : asOf;
            Optional<KbPerson> existing = Optional.ofNullable(persons.get(h.qid()))
                    .or(() -> kb.personsNamed(h.name()).stream().filter(p -> p.qid() == null).findFirst());
            boolean alreadyHolds = existing.isPresent() && existing.get().offices().stream().anyMatch(o ->
                    o.kind() == h.kind() && o.jurisdiction().equals(h.country()) && o.end() == null);
            if (alreadyHolds) {
                KbPerson p = persons.get(existing.get().id());
                if (p != null && p.qid() == null) {
                    persons.remove(p.id());
                    persons.put(h.qid(), new KbPerson(h.qid(), h.qid(), p.name(), p.aliases(), p.offices(), p.leader()));
                }
                continue;
            }
            String title = kb.persons().stream().flatMap(p -> p.offices().stream())
                    .filter(o -> o.kind() == h.kind() && o.jurisdiction().equals(h.country()))
                    .reduce((a, b) -> b).map(Office::title)
                    .orElse(h.kind() == OfficeKind.HEAD_OF_STATE ? "President" : "Prime Minister");
            for (KbPerson p : List.copyOf(persons.values())) {
                List<Office> offices = new ArrayList<>();
                boolean changed = false;
                for (Office o : p.offices()) {
                    if (o.kind() == h.kind() && o.jurisdiction().equals(h.country()) && o.end() == null
                            && !p.id().equals(h.qid())) {
                        offices.add(new Office(o.kind(), o.title(), o.jurisdiction(), o.start(), from, o.source()));
                        changed = true;
                    } else {
                        offices.add(o);
                    }
                }
                if (changed) {
                    persons.put(p.id(), new KbPerson(p.id(), p.qid(), p.name(), p.aliases(), offices, p.leader()));
                }
            }
            Office office = new Office(h.kind(), title, h.country(), from, null, "wikidata-sparql " + asOf);
            KbPerson base = existing.map(p -> persons.get(p.id())).orElse(null);
            if (base == null) {
                String[] parts = h.name().split(" ");
                List<String> aliases = parts.length > 1 ? List.of(parts[parts.length - 1]) : List.of();
                persons.put(h.qid(), new KbPerson(h.qid(), h.qid(), h.name(), aliases, List.of(office), true));
            } else {
                List<Office> offices = new ArrayList<>(base.offices());
                offices.add(office);
                persons.remove(base.id());
                persons.put(h.qid(), new KbPerson(h.qid(), h.qid(), base.name(), base.aliases(), offices, true));
            }
        }
        return new KnowledgeBase(asOf.toString(), List.copyOf(persons.values()), kb.countries(), kb.organizations());
    }
}
