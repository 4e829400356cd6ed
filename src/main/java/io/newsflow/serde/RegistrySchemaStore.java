package io.newsflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.serde.RegistrySerdeFactory.RegistryUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;
import org.apache.avro.message.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Avro writer schemas by their CRC-64-AVRO fingerprint (the one in Avro single-object encoding) among the
 * schemas registered in a schema registry, through the Confluent-compatible API that newsflow already uses with
 * Apicurio ({@code /apis/ccompat/v7}: {@code GET /subjects}, {@code /subjects/{s}/versions},
 * {@code /subjects/{s}/versions/{v}}). The registry has no lookup by fingerprint, so on a fingerprint it has not
 * seen the store lists the subjects and versions and fetches each version it has not fetched before, remembering
 * every schema by fingerprint (a registered version never changes). A fingerprint still unknown afterwards answers
 * {@code null} (the decoder then fails naming it), and the listing is repeated for unknown fingerprints at most once
 * per {@code refreshInterval}, so a stream of bad records does not flood the registry. Versions whose schema is not
 * Avro are skipped. An unreachable registry (I/O error, HTTP 5xx) is a {@link RegistryUnavailableException}, which
 * is retriable and must not dead-letter the record. Plain HTTP(S) without authentication headers. Thread-safe.
 */
public final class RegistrySchemaStore implements SchemaStore {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySchemaStore.class);
    /** Default for how often a listing may be repeated because of a fingerprint that is still unknown. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String ccompatUrl;
    private final Duration refreshInterval;
    private final Clock clock;
    private final HttpClient http;
    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();
    private final Set<String> fetched = new HashSet<>();
    private Instant lastListing;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param registryUrl the registry's base URL ({@code http://host:8080}), as for {@link RegistrySerdeFactory}
     */
    public RegistrySchemaStore(String registryUrl) {
        this(registryUrl, DEFAULT_REFRESH_INTERVAL, Clock.systemUTC());
    }

    RegistrySchemaStore(String registryUrl, Duration refreshInterval, Clock clock) {
        this.ccompatUrl = RegistrySerdeFactory.baseUrl(registryUrl) + RegistrySerdeFactory.CCOMPAT_API_PATH;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        Schema known = byFingerprint.get(fingerprint);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = byFingerprint.get(fingerprint);
            Instant now = clock.instant();
            if (known != null || lastListing != null && now.isBefore(lastListing.plus(refreshInterval))) {
                return known;
            }
            lastListing = now;
            list();
            known = byFingerprint.get(fingerprint);
        }
        if (known == null) {
            LOG.warn("writer schema with fingerprint {} is not registered at {}", fingerprint, ccompatUrl);
        }
        return known;
    }

    /** HTTP requests made so far (for tests and logs). */
    public long requests() {
        return requests.get();
    }

    @Override
    public String toString() {
        return "the schema registry at " + ccompatUrl;
    }

    private void list() {
        JsonNode subjects = get("/subjects");
        if (subjects == null) {
            throw new IllegalStateException("no Confluent-compatible API at " + ccompatUrl + " (404 for /subjects)");
        }
        for (JsonNode subject : subjects) {
            String s = encode(subject.asText());
            JsonNode versions = get("/subjects/" + s + "/versions");
            if (versions == null) {
                continue; // deleted since it was listed
            }
            for (JsonNode version : versions) {
                String path = "/subjects/" + s + "/versions/" + version.asText();
                if (fetched.contains(path)) {
                    continue;
                }
                JsonNode entry = get(path);
                fetched.add(path);
                if (entry == null) {
                    continue;
                }
                String type = entry.path("schemaType").asText("AVRO");
                if (!"AVRO".equals(type) || !entry.hasNonNull("schema")) {
                    continue;
                }
                try {
                    Schema schema = new Schema.Parser().parse(entry.get("schema").asText());
                    byFingerprint.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
                } catch (SchemaParseException e) {
                    LOG.warn("skipping {} at {}: not a parseable Avro schema ({})", path, ccompatUrl, e.getMessage());
                }
            }
        }
    }

    /** The JSON answer, or null for 404. */
    private JsonNode get(String path) {
        URI uri = URI.create(ccompatUrl + path);
        requests.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/vnd.schemaregistry.v1+json, application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryUnavailableException("schema registry unreachable at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while asking the schema registry at " + uri, e);
        }
        if (response.statusCode() >= 500) {
            throw new RegistryUnavailableException("schema registry answered " + response.statusCode() + " for "
                    + uri, null);
        }
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("schema registry answered " + response.statusCode() + " for " + uri
                    + ": " + abbreviate(response.body()));
        }
        try {
            return AvroJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("schema registry sent unreadable JSON for " + uri, e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? String.valueOf(s) : s.substring(0, 200) + "…";
    }
}
