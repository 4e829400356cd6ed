package io.newsflow.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * The one Avro-to-JSON writer (HTTP API, Server-Sent Events, webhooks, {@code tail}, the JSON Lines article format):
 * renders any Avro value by walking its schema: records as objects (every field, nulls included, names as in the
 * schema), arrays, maps as objects, unions unwrapped to the branch value (no {@code {"string": …}} wrappers), enums
 * and strings as strings, {@code timestamp-*}, {@code local-timestamp-*}, {@code date} and {@code time-*} logical
 * types as ISO-8601 strings, {@code decimal} as numbers, bytes and fixed as base64, non-finite floats as strings.
 * Accepts converted values (e.g. {@link Instant} for {@code timestamp-millis}, as in generated classes) and raw ones.
 * Stateless and thread-safe.
 */
public final class AvroJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    /** The record as a JSON tree (see the class comment). */
    public static ObjectNode toTree(IndexedRecord record) {
        return (ObjectNode) toNode(record, record.getSchema());
    }

    /** Any Avro record, enum or fixed value as one line of compact JSON (see the class comment). */
    public static String toJson(GenericContainer value) {
        return write(toNode(value, value.getSchema()));
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

    /** Compact JSON text of any tree. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
