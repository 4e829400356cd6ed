package io.newsflow.enrich.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Writes and reads a {@link SoftmaxNet} as JSON fields ({@code inputs}, {@code hidden}, {@code classes} and the weight
 * arrays as base64 little-endian float32), the layout {@link TargetSentimentModel} uses, for models kept in other
 * packages. Stateless and thread-safe.
 */
public final class SoftmaxNetJson {

    private SoftmaxNetJson() {
    }

    /** Adds the net's fields to {@code root}. */
    public static void write(SoftmaxNet net, ObjectNode root) {
        root.put("inputs", net.inputs);
        root.put("hidden", net.hidden);
        root.put("classes", net.classes);
        root.put("mean", encode(net.mean));
        root.put("scale", encode(net.scale));
        root.put("w1", encode(net.w1));
        root.put("b1", encode(net.b1));
        root.put("w2", encode(net.w2));
        root.put("b2", encode(net.b2));
    }

    /** Reads a net written by {@link #write}; fails when the array sizes do not fit the shape. */
    public static SoftmaxNet read(JsonNode root) {
        int inputs = root.path("inputs").asInt();
        int hidden = root.path("hidden").asInt();
        int classes = root.path("classes").asInt();
        SoftmaxNet net = new SoftmaxNet(inputs, hidden, classes, decode(root, "mean"), decode(root, "scale"),
                decode(root, "w1"), decode(root, "b1"), decode(root, "w2"), decode(root, "b2"));
        int width = hidden == 0 ? inputs : hidden;
        if (inputs <= 0 || classes <= 0 || net.mean.length != inputs || net.scale.length != inputs
                || net.w1.length != hidden * inputs || net.b1.length != hidden || net.w2.length != classes * width
                || net.b2.length != classes) {
            throw new IllegalArgumentException("weight arrays do not fit inputs=" + inputs + " hidden=" + hidden
                    + " classes=" + classes);
        }
        return net;
    }

    /** Input width of a net. */
    public static int inputs(SoftmaxNet net) {
        return net.inputs;
    }

    private static String encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static float[] decode(JsonNode root, String field) {
        byte[] bytes = Base64.getDecoder().decode(root.path(field).asText());
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
