package io.newsflow.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.schema.RawArticle;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * JSON views of the contract records: {@link RawArticle} from and to the JSONL input format, and any Avro record
 * rendered as JSON by walking its schema (timestamps as ISO-8601, bytes as base64, unions unwrapped). Stateless
 * and thread-safe.
 */
public final class ArticleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ArticleJson() {
    }

    /** Parses one JSON object into a {@link RawArticle}; {@code fallbackId} is used when it has no id. */
    public static RawArticle parseArticle(String json, String fallbackId) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String body = text(node, "body");
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("field 'body' is missing or blank");
        }
        String id = text(node, "id");
        return RawArticle.newBuilder()
                .setId(id == null || id.isBlank() ? fallbackId : id)
                .setUrl(text(node, "url"))
                .setSource(text(node, "source"))
                .setTitle(text(node, "title"))
                .setBody(body)
                .setContentType(text(node, "contentType"))
                .setLanguage(text(node, "language"))
                .setPublishedAt(instant(node, "publishedAt"))
                .setIngestedAt(instant(node, "ingestedAt"))
                .setAuthors(strings(node, "authors"))
                .setKeywords(strings(node, "keywords"))
                .setAttributes(map(node, "attributes"))
                .build();
    }

    /** Renders any Avro record (or other container) as one line of JSON. */
    public static String toJson(GenericContainer record) {
        return toNode(record, record.getSchema()).toString();
    }

    /** Renders an Avro value of the given schema as a JSON tree. */
    public static JsonNode toNode(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD: {
                ObjectNode obj = NODES.objectNode();
                IndexedRecord r = (IndexedRecord) value;
                for (Schema.Field f : schema.getFields()) {
                    obj.set(f.name(), toNode(r.get(f.pos()), f.schema()));
                }
                return obj;
            }
            case UNION: {
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL && matches(value, branch)) {
                        return toNode(value, branch);
                    }
                }
                return NODES.textNode(value.toString());
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
                    obj.set(e.getKey().toString(), toNode(e.getValue(), schema.getValueType()));
                }
                return obj;
            }
            case LONG:
                if (value instanceof Instant instant) {
                    return NODES.textNode(instant.toString());
                }
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    return NODES.textNode(Instant.ofEpochMilli((Long) value).toString());
                }
                return NODES.numberNode((Long) value);
            case INT:
                return NODES.numberNode((Integer) value);
            case FLOAT:
                return NODES.numberNode((Float) value);
            case DOUBLE:
                return NODES.numberNode((Double) value);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case BYTES:
            case FIXED: {
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
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case ENUM:
            case STRING:
            default:
                return NODES.textNode(value.toString());
        }
    }

    private static boolean matches(Object value, Schema branch) {
        return switch (branch.getType()) {
            case STRING -> value instanceof CharSequence;
            case LONG -> value instanceof Long || value instanceof Instant;
            case INT -> value instanceof Integer;
            case DOUBLE -> value instanceof Double;
            case FLOAT -> value instanceof Float;
            case BOOLEAN -> value instanceof Boolean;
            case RECORD -> value instanceof IndexedRecord r && r.getSchema().getFullName().equals(branch.getFullName());
            case ENUM -> value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>;
            case ARRAY -> value instanceof Collection<?>;
            case MAP -> value instanceof Map<?, ?>;
            case BYTES -> value instanceof ByteBuffer || value instanceof byte[];
            default -> false;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 instant: " + v.asText());
        }
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of strings");
        }
        v.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static Map<String, String> map(JsonNode node, String field) {
        JsonNode v = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("field '" + field + "' must be an object of strings");
        }
        v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
