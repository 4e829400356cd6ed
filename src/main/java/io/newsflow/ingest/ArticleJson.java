package io.newsflow.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.schema.RawArticle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

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
 * <p><b>Generic rendering</b>: {@link #toJson} and {@link #toNode} render any Avro value by walking its schema:
 * records as objects (every field, nulls included), arrays, maps as objects, unions unwrapped to the branch value,
 * enums and strings as strings, {@code timestamp-*}, {@code local-timestamp-*}, {@code date} and {@code time-*}
 * logical types as ISO-8601 strings, {@code decimal} as numbers, bytes and fixed as base64, non-finite floats as
 * strings. The rendering of a {@link RawArticle} is valid input for {@link #parseArticle}, so the two round-trip.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArticleJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    /** Renders any Avro record, enum or fixed value as one line of JSON (see the class comment). */
    public static String toJson(GenericContainer value) {
        return toNode(value, value.getSchema()).toString();
    }

    /** Renders an Avro record (for example a {@link RawArticle}) as a JSON object (see the class comment). */
    public static ObjectNode toNode(IndexedRecord record) {
        return (ObjectNode) toNode(record, record.getSchema());
    }

    /**
     * Renders an Avro value of the given schema as a JSON tree (see the class comment). Accepts both converted
     * values (e.g. {@link Instant} for {@code timestamp-millis}, as in generated classes) and raw ones.
     *
     * @throws ClassCastException when the value does not fit the schema
     */
    public static JsonNode toNode(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case RECORD: {
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode obj = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    obj.set(field.name(), toNode(record.get(field.pos()), field.schema()));
                }
                return obj;
            }
            case UNION: {
                Schema branch = branch(value, schema);
                return branch == null ? NODES.textNode(value.toString()) : toNode(value, branch);
            }
            case ARRAY: {
                ArrayNode arr = NODES.arrayNode();
                for (Object item : (Collection<?>) value) {
                    arr.add(toNode(item, schema.getElementType()));
                }
                return arr;
            }
            case MAP: {
                ObjectNode obj = NODES.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    obj.set(String.valueOf(e.getKey()), toNode(e.getValue(), schema.getValueType()));
                }
                return obj;
            }
            case LONG:
                if (value instanceof Temporal temporal) {
                    return NODES.textNode(temporal.toString());
                }
                return longValue(((Number) value).longValue(), logical);
            case INT:
                if (value instanceof Temporal temporal) {
                    return NODES.textNode(temporal.toString());
                }
                return intValue(((Number) value).intValue(), logical);
            case FLOAT: {
                float f = ((Number) value).floatValue();
                return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(Float.toString(f));
            }
            case DOUBLE: {
                double d = ((Number) value).doubleValue();
                return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
            }
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case BYTES:
            case FIXED:
                return bytesValue(value, logical);
            case NULL:
                return NODES.nullNode();
            case ENUM:
            case STRING:
            default:
                return NODES.textNode(value.toString());
        }
    }

    private static JsonNode longValue(long v, LogicalType logical) {
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return NODES.textNode(Instant.ofEpochMilli(v).toString());
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return NODES.textNode(Instant.EPOCH.plus(v, ChronoUnit.MICROS).toString());
        }
        if (logical instanceof LogicalTypes.TimestampNanos) {
            return NODES.textNode(Instant.EPOCH.plus(v, ChronoUnit.NANOS).toString());
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis) {
            return NODES.textNode(LocalDateTime.ofInstant(Instant.ofEpochMilli(v), ZoneOffset.UTC).toString());
        }
        if (logical instanceof LogicalTypes.LocalTimestampMicros) {
            return NODES.textNode(LocalDateTime.ofInstant(Instant.EPOCH.plus(v, ChronoUnit.MICROS), ZoneOffset.UTC)
                    .toString());
        }
        if (logical instanceof LogicalTypes.TimeMicros) {
            return NODES.textNode(LocalTime.ofNanoOfDay(v * 1_000L).toString());
        }
        return NODES.numberNode(v);
    }

    private static JsonNode intValue(int v, LogicalType logical) {
        if (logical instanceof LogicalTypes.Date) {
            return NODES.textNode(LocalDate.ofEpochDay(v).toString());
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return NODES.textNode(LocalTime.ofNanoOfDay(v * 1_000_000L).toString());
        }
        return NODES.numberNode(v);
    }

    private static JsonNode bytesValue(Object value, LogicalType logical) {
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        byte[] bytes;
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer dup = buffer.duplicate();
            bytes = new byte[dup.remaining()];
            dup.get(bytes);
        } else if (value instanceof GenericFixed fixed) {
            bytes = fixed.bytes();
        } else {
            bytes = (byte[]) value;
        }
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return NODES.numberNode(new BigDecimal(new BigInteger(bytes), decimal.getScale()));
        }
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }

    private static Schema branch(Object value, Schema union) {
        Schema onlyNonNull = null;
        int nonNull = 0;
        for (Schema branch : union.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            if (matches(value, branch)) {
                return branch;
            }
            onlyNonNull = branch;
            nonNull++;
        }
        return nonNull == 1 ? onlyNonNull : null;
    }

    private static boolean matches(Object value, Schema branch) {
        return switch (branch.getType()) {
            case STRING -> value instanceof CharSequence || value instanceof UUID;
            case INT -> value instanceof Integer || value instanceof LocalDate
                    || value instanceof LocalTime && branch.getLogicalType() instanceof LogicalTypes.TimeMillis;
            case LONG -> value instanceof Long || value instanceof Instant || value instanceof LocalDateTime
                    || value instanceof LocalTime && branch.getLogicalType() instanceof LogicalTypes.TimeMicros;
            case FLOAT -> value instanceof Float;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case BYTES -> value instanceof ByteBuffer || value instanceof byte[] || value instanceof BigDecimal;
            case FIXED -> value instanceof GenericFixed f && f.getSchema().getFullName().equals(branch.getFullName());
            case ENUM -> value instanceof GenericContainer c && c.getSchema().getFullName().equals(branch.getFullName());
            case RECORD -> value instanceof IndexedRecord r
                    && r.getSchema().getFullName().equals(branch.getFullName());
            case ARRAY -> value instanceof Collection<?>;
            case MAP -> value instanceof Map<?, ?>;
            default -> false;
        };
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
