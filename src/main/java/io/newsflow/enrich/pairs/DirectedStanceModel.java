package io.newsflow.enrich.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.enrich.sentiment.SoftmaxNet;
import io.newsflow.enrich.sentiment.SoftmaxNetJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Directed sentiment between two entity mentions of a sentence (who is positive or negative toward whom), learned
 * from the data of Kunwoo Park, Zhufeng Pan and Jungseock Joo, "Who Blames or Endorses Whom? Entity-to-Entity Directed
 * Sentiment Extraction in News Text", Findings of ACL-IJCNLP 2021 (attribution in
 * {@code pairs/ATTRIBUTION.md}): {@link PairFeatures} pooled from the frozen {@link SentenceEncoder} feed a
 * {@link SoftmaxNet} over the five {@link DirectedLabel}s.
 *
 * <p>In the training data the first mention {@code p} always comes first in the sentence, so the model puts the
 * earlier mention in the {@code p} role itself and swaps the answer back: callers may pass the two mentions in any
 * order. The shipped model ({@link #shared()}) and the encoder are loaded once per JVM; prediction is thread-safe
 * (each encoder run uses one thread; callers parallelise across sentences).
 */
public final class DirectedStanceModel {

    /** Class-path location of the shipped weights. */
    public static final String RESOURCE = "pairs/directed-model.json";
    static final String FORMAT = "newsflow-directed-stance-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String encoderName;
    private final PairFeatures features;
    private final SoftmaxNet net;
    private final Map<String, String> metadata;

    /** Character spans {@code [pFrom, pTo)} and {@code [qFrom, qTo)} of the two mentions. */
    public record Pair(int pFrom, int pTo, int qFrom, int qTo) {
        public Pair {
            if (pFrom < 0 || pTo <= pFrom || qFrom < 0 || qTo <= qFrom) {
                throw new IllegalArgumentException("empty or negative span");
            }
        }
    }

    /** A model from trained parts (used by the trainer); {@code net} must take {@code features.dimension()} inputs. */
    public DirectedStanceModel(String encoderName, PairFeatures features, SoftmaxNet net, Map<String, String> metadata) {
        if (SoftmaxNetJson.inputs(net) != features.dimension()) {
            throw new IllegalArgumentException("net takes " + SoftmaxNetJson.inputs(net) + " inputs, features give "
                    + features.dimension());
        }
        this.encoderName = encoderName;
        this.features = features;
        this.net = net;
        this.metadata = Map.copyOf(metadata);
    }

    /** The shipped model, loaded on first use. */
    public static DirectedStanceModel shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final DirectedStanceModel INSTANCE = loadResource();
    }

    private static DirectedStanceModel loadResource() {
        try (InputStream in = DirectedStanceModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model not on the class path: " + RESOURCE);
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a model written by {@link #save}. */
    public static DirectedStanceModel load(Path file) throws IOException {
        return read(JSON.readTree(file.toFile()));
    }

    /** Name of the {@link SentenceEncoder} the weights were trained on. */
    public String encoderName() {
        return encoderName;
    }

    public PairFeatures features() {
        return features;
    }

    /** Training facts (data, selection, scores) recorded with the weights. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The five probabilities for mentions p at {@code [pFrom, pTo)} and q at {@code [qFrom, qTo)}. */
    public DirectedPrediction predict(String sentence, int pFrom, int pTo, int qFrom, int qTo) {
        return predict(sentence, List.of(new Pair(pFrom, pTo, qFrom, qTo))).get(0);
    }

    /** Predictions for several pairs of one sentence, which is encoded once. */
    public List<DirectedPrediction> predict(String sentence, List<Pair> pairs) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        SentenceEncoder.Encoding encoding = SentenceEncoder.named(encoderName).encode(sentence);
        List<DirectedPrediction> out = new ArrayList<>(pairs.size());
        for (Pair pair : pairs) {
            out.add(predict(encoding, pair));
        }
        return out;
    }

    /** Prediction for one pair of an already encoded sentence (encoded by {@link #encoderName()}). */
    public DirectedPrediction predict(SentenceEncoder.Encoding encoding, Pair pair) {
        if (pair.qFrom() < pair.pFrom()) {
            return classify(PairFeatures.pool(encoding, pair.qFrom(), pair.qTo(), pair.pFrom(), pair.pTo())).swapped();
        }
        return classify(PairFeatures.pool(encoding, pair.pFrom(), pair.pTo(), pair.qFrom(), pair.qTo()));
    }

    /**
     * The stance of the holder mention toward the target mention: FAVOR / AGAINST with direction
     * {@code P_TO_Q} (p being the holder), or NONE, with its probability ({@link DirectedPrediction#holderToward}).
     */
    public DirectedPrediction.PairStance stance(String sentence, int holderFrom, int holderTo, int targetFrom,
                                                int targetTo) {
        return predict(sentence, holderFrom, holderTo, targetFrom, targetTo).holderToward(true);
    }

    /** Classifies pooled features as they are (no reordering of p and q). */
    public DirectedPrediction classify(PairFeatures.Pooled pooled) {
        return new DirectedPrediction(net.probabilities(features.vector(pooled)));
    }

    /** Writes the model as JSON (weights as base64 little-endian float32). */
    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("encoder", encoderName);
        ArrayNode classes = root.putArray("labels");
        for (DirectedLabel l : DirectedLabel.values()) {
            classes.add(l.name());
        }
        ArrayNode parts = root.putArray("features");
        features.parts().forEach(parts::add);
        ObjectNode meta = root.putObject("metadata");
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> meta.put(e.getKey(), e.getValue()));
        SoftmaxNetJson.write(net, root);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static DirectedStanceModel read(JsonNode root) {
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
        return new DirectedStanceModel(root.path("encoder").asText(SentenceEncoder.DEFAULT), new PairFeatures(parts),
                SoftmaxNetJson.read(root), meta);
    }
}
