package io.newsflow.tools.directed;

import io.newsflow.enrich.pairs.PairFeatures;
import io.newsflow.enrich.sentiment.SentenceEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes the sentences of directed-sentiment examples (each distinct sentence once, on a fixed number of threads)
 * and pools every pair with {@link PairFeatures#pool}, optionally through a cache file keyed by the examples and the
 * encoder. Stateless apart from the cache files it writes.
 */
public final class PairEncoding {

    private static final Logger LOG = LoggerFactory.getLogger(PairEncoding.class);
    private static final int CACHE_MAGIC = 0x44534131;

    /** Pooled pairs and the seconds the encoding took (0 when read from the cache). */
    public record Result(PairFeatures.Pooled[] pooled, int sentences, double seconds) {
    }

    private PairEncoding() {
    }

    /** Pooled features of every example, read from {@code cacheFile} when it matches, else computed and written. */
    public static Result pooledCached(List<DirectedExample> examples, SentenceEncoder encoder, Path cacheFile,
                                      int threads) throws IOException {
        long key = cacheKey(examples) * 31 + encoder.name().hashCode();
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            PairFeatures.Pooled[] cached = readCache(cacheFile, key, examples.size());
            if (cached != null) {
                LOG.info("Read pooled pairs of {} examples from {}", examples.size(), cacheFile);
                return new Result(cached, 0, 0);
            }
        }
        Result r = pooled(examples, encoder, threads);
        if (cacheFile != null) {
            writeCache(cacheFile, key, r.pooled());
        }
        return r;
    }

    /** Encodes each distinct sentence once on {@code threads} threads and pools every pair as given (p, q). */
    public static Result pooled(List<DirectedExample> examples, SentenceEncoder encoder, int threads) {
        Map<String, List<Integer>> bySentence = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            bySentence.computeIfAbsent(examples.get(i).sentence(), s -> new ArrayList<>()).add(i);
        }
        PairFeatures.Pooled[] out = new PairFeatures.Pooled[examples.size()];
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : bySentence.entrySet()) {
                futures.add(pool.submit(() -> {
                    SentenceEncoder.Encoding enc = encoder.encode(e.getKey());
                    for (int i : e.getValue()) {
                        DirectedExample ex = examples.get(i);
                        out[i] = PairFeatures.pool(enc, ex.pFrom(), ex.pTo(), ex.qFrom(), ex.qTo());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("Encoded {} sentences ({} pairs) in {} s on {} threads", bySentence.size(), examples.size(),
                String.format(Locale.ROOT, "%.1f", seconds), threads);
        return new Result(out, bySentence.size(), seconds);
    }

    private static long cacheKey(List<DirectedExample> examples) {
        long h = 1125899906842597L;
        for (DirectedExample e : examples) {
            h = 31 * h + e.sentence().hashCode();
            h = 31 * h + e.pFrom();
            h = 31 * h + e.pTo();
            h = 31 * h + e.qFrom();
            h = 31 * h + e.qTo();
        }
        return h;
    }

    private static PairFeatures.Pooled[] readCache(Path file, long key, int size) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != CACHE_MAGIC || in.readLong() != key || in.readInt() != size
                    || in.readInt() != PairFeatures.POOLED || in.readInt() != SentenceEncoder.DIM
                    || in.readInt() != PairFeatures.GEOM) {
                return null;
            }
            PairFeatures.Pooled[] out = new PairFeatures.Pooled[size];
            for (int i = 0; i < size; i++) {
                float[][] v = new float[PairFeatures.POOLED][SentenceEncoder.DIM];
                for (float[] row : v) {
                    for (int d = 0; d < row.length; d++) {
                        row[d] = in.readFloat();
                    }
                }
                float[] g = new float[PairFeatures.GEOM];
                for (int d = 0; d < g.length; d++) {
                    g[d] = in.readFloat();
                }
                out[i] = new PairFeatures.Pooled(v, g);
            }
            return out;
        }
    }

    private static void writeCache(Path file, long key, PairFeatures.Pooled[] pooled) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.writeInt(CACHE_MAGIC);
            out.writeLong(key);
            out.writeInt(pooled.length);
            out.writeInt(PairFeatures.POOLED);
            out.writeInt(SentenceEncoder.DIM);
            out.writeInt(PairFeatures.GEOM);
            for (PairFeatures.Pooled p : pooled) {
                for (float[] row : p.vectors()) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
                for (float v : p.geom()) {
                    out.writeFloat(v);
                }
            }
        }
        LOG.info("Cached pooled pairs in {}", file);
    }
}
