package io.newsflow.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.AvroJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON views of the contract records.
 *
 * <p><b>RawArticle input format</b> (JSON Lines, demo samples): one JSON object whose fields are named as in
 * {@link RawArticle}. {@code id}: string or integer, derived with {@link #derivedId} when missing or blank;
 * {@code body}: non-blank string, required; {@code url}, {@code source}, {@code title}, {@code contentType},
 * {@code language}: strings or null; {@code publishedAt}, {@code ingestedAt}: ISO-8601 strings (no offset means UTC,
 * a plain date means midnight UTC) or integer epoch milliseconds, truncated to milliseconds; {@code authors},
 * {@code keywords}: arrays of strings; {@code attributes}: an object whose values are strings (numbers and booleans
 * are converted to text). Unknown fields are ignored. Input that breaks these rules is rejected with an
 * {@link IllegalArgumentException} whose message names the field.
 *
 * <p>Output is written by the one Avro-to-JSON writer, {@link AvroJson}; its rendering of a {@link RawArticle} is
 * valid input for {@link #parseArticle}, so the two round-trip.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArticleJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ArticleJson() {
    }

    /**
     * Parses one JSON object in the input format.
     *
     * @param fallbackId id to use when the object has none; when null, {@link #derivedId} is used instead
     * @throws IllegalArgumentException when the text is not a JSON object or breaks the input format
     */
    public static RawArticle parseArticle(String json, String fallbackId) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getColumnNr() < 1 ? "" : " at column " + at.getColumnNr();
            throw new IllegalArgumentException("not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        return fromNode(node, fallbackId);
    }

    /** Parses one JSON object in the input format, deriving the id when it is missing. */
    public static RawArticle fromJson(String json) {
        return parseArticle(json, null);
    }

    /**
     * Converts a parsed JSON object in the input format.
     *
     * @param fallbackId id to use when the object has none; when null, {@link #derivedId} is used instead
     * @throws IllegalArgumentException when the node is not an object or breaks the input format
     */
    public static RawArticle fromNode(JsonNode node, String fallbackId) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("no JSON value");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + kind(node));
        }
        String body = string(node, "body");
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("field 'body' is missing or blank");
        }
        String url = string(node, "url");
        String title = string(node, "title");
        String id = id(node);
        if (id == null || id.isBlank()) {
            id = fallbackId != null ? fallbackId : derivedId(url, title, body);
        }
        return RawArticle.newBuilder()
                .setId(id)
                .setUrl(url)
                .setSource(string(node, "source"))
                .setTitle(title)
                .setBody(body)
                .setContentType(string(node, "contentType"))
                .setLanguage(string(node, "language"))
                .setPublishedAt(instant(node, "publishedAt"))
                .setIngestedAt(instant(node, "ingestedAt"))
                .setAuthors(strings(node, "authors"))
                .setKeywords(strings(node, "keywords"))
                .setAttributes(attributes(node))
                .build();
    }

    /**
     * A stable id for an article that has none: {@code sha256:} plus the first 16 hex digits of the SHA-256 of the
     * URL when there is one, else of the title (empty when null), a newline and the body.
     */
    public static String derivedId(String url, String title, String body) {
        String basis = url != null && !url.isBlank() ? url.strip() : (title == null ? "" : title) + "\n" + body;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    private static String id(JsonNode node) {
        JsonNode v = node.get("id");
        if (v != null && v.isIntegralNumber()) {
            return v.asText();
        }
        return string(node, "id");
    }

    private static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string, got " + kind(v));
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Instant.ofEpochMilli(v.longValue());
        }
        Instant parsed = v.isTextual() ? FeedDates.parseIso(v.textValue()) : null;
        if (parsed == null) {
            throw new IllegalArgumentException("field '" + field
                    + "' must be an ISO-8601 date-time (e.g. 2026-11-20T09:30:00Z) or epoch milliseconds, got "
                    + (v.isTextual() ? "'" + v.textValue() + "'" : kind(v)));
        }
        return parsed;
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of strings, got " + kind(v));
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw new IllegalArgumentException("field '" + field + "[" + i + "]' must be a string, got "
                        + kind(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static Map<String, String> attributes(JsonNode node) {
        JsonNode v = node.get("attributes");
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("field 'attributes' must be an object of strings, got " + kind(v));
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode value = e.getValue();
            if (value.isTextual() || value.isNumber() || value.isBoolean()) {
                out.put(e.getKey(), value.asText());
            } else {
                throw new IllegalArgumentException("field 'attributes." + e.getKey() + "' must be a string, got "
                        + kind(value));
            }
        }
        return out;
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
