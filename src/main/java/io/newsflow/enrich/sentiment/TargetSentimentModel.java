package io.newsflow.enrich.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentiment of a sentence toward one target mention (NEGATIVE / NEUTRAL / POSITIVE with probabilities), learned from
 * NewsMTSC: {@link TargetFeatures} pooled from the frozen {@link SentenceEncoder} feed a {@link SoftmaxNet}. The
 * shipped model ({@link #shared()}) and the encoder are loaded once per JVM; prediction is thread-safe.
 */
public final class TargetSentimentModel {

    /** Class-path location of the shipped weights. */
    public static final String RESOURCE = "sentiment/newsmtsc-model.json";
    static final String FORMAT = "newsflow-target-sentiment-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String encoderName;
    private final TargetFeatures features;
    private final SoftmaxNet net;
    private final Map<String, String> metadata;

    /** A character span {@code [from, to)} of a target mention. */
    public record Span(int from, int to) {
    }

    /** A model from a trained net (used by {@code io.newsflow.tools.train.NewsMtscTrainer}). */
    public TargetSentimentModel(String encoderName, TargetFeatures features, SoftmaxNet net, Map<String, String> metadata) {
        this.encoderName = encoderName;
        this.features = features;
        this.net = net;
        this.metadata = Map.copyOf(metadata);
    }

    /** The shipped model, loaded on first use. */
    public static TargetSentimentModel shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final TargetSentimentModel INSTANCE = loadResource();
    }

    private static TargetSentimentModel loadResource() {
        try (InputStream in = TargetSentimentModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model not on the class path: " + RESOURCE);
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a model written by {@link #save}. */
    public static TargetSentimentModel load(Path file) throws IOException {
        return read(JSON.readTree(file.toFile()));
    }

    /** Name of the {@link SentenceEncoder} the weights were trained on. */
    public String encoderName() {
        return encoderName;
    }

    public TargetFeatures features() {
        return features;
    }

    /** Training facts (data, split, scores) recorded with the weights. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Sentiment toward the mention at characters {@code [from, to)} of {@code sentence}. */
    public SentimentPrediction predict(String sentence, int from, int to) {
        return predict(sentence, List.of(new Span(from, to))).get(0);
    }

    /** Sentiment toward the first occurrence of {@code mention} in {@code sentence}. */
    public SentimentPrediction predict(String sentence, String mention) {
        int from = sentence.indexOf(mention);
        if (from < 0) {
            throw new IllegalArgumentException("mention not in sentence: " + mention);
        }
        return predict(sentence, from, from + mention.length());
    }

    /** Sentiment toward each span; the sentence is encoded once. */
    public List<SentimentPrediction> predict(String sentence, List<Span> spans) {
        SentenceEncoder.Encoding encoding = SentenceEncoder.named(encoderName).encode(sentence);
        List<SentimentPrediction> out = new ArrayList<>(spans.size());
        for (Span span : spans) {
            out.add(predict(TargetFeatures.pool(encoding, span.from(), span.to())));
        }
        return out;
    }

    /** Predicts every example's target, encoding each distinct sentence once on {@code threads} threads. */
    public List<SentimentPrediction> predictAll(List<TargetExample> examples, int threads) {
        TargetFeatures.Pooled[] pooled = TargetFeatures.poolAll(examples, SentenceEncoder.named(encoderName), threads);
        List<SentimentPrediction> out = new ArrayList<>(pooled.length);
        for (TargetFeatures.Pooled p : pooled) {
            out.add(predict(p));
        }
        return out;
    }

    /** Sentiment from already pooled encoder outputs. */
    public SentimentPrediction predict(TargetFeatures.Pooled pooled) {
        return SentimentPrediction.of(net.probabilities(features.vector(pooled)));
    }

    /** Writes the model as JSON (weights as base64 little-endian float32). */
    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("encoder", encoderName);
        ArrayNode classes = root.putArray("classes");
        for (Sentiment s : Sentiment.values()) {
            classes.add(s.name());
        }
        ArrayNode parts = root.putArray("features");
        features.parts().forEach(parts::add);
        root.put("inputs", net.inputs);
        root.put("hidden", net.hidden);
        ObjectNode meta = root.putObject("metadata");
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> meta.put(e.getKey(), e.getValue()));
        root.put("mean", encode(net.mean));
        root.put("scale", encode(net.scale));
        root.put("w1", encode(net.w1));
        root.put("b1", encode(net.b1));
        root.put("w2", encode(net.w2));
        root.put("b2", encode(net.b2));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static TargetSentimentModel read(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " model");
        }
        List<String> parts = new ArrayList<>();
        root.path("features").forEach(p -> parts.add(p.asText()));
        Map<String, String> meta = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("metadata").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            meta.put(e.getKey(), e.getValue().asText());
        }
        SoftmaxNet net = new SoftmaxNet(root.path("inputs").asInt(), root.path("hidden").asInt(),
                Sentiment.values().length, decode(root, "mean"), decode(root, "scale"), decode(root, "w1"),
                decode(root, "b1"), decode(root, "w2"), decode(root, "b2"));
        return new TargetSentimentModel(root.path("encoder").asText(SentenceEncoder.DEFAULT), new TargetFeatures(parts),
                net, meta);
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
