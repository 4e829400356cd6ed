package io.newsflow.bench;

import io.newsflow.dedup.InMemoryIndex;
import io.newsflow.dedup.MinHasher;
import io.newsflow.dedup.NearDuplicateDetector;
import io.newsflow.dedup.Shingles;
import io.newsflow.dedup.SimHasher;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.LshBucket;
import io.newsflow.serde.SerdeFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Cost of near-duplicate detection per article, single thread, no Kafka: generated ~700-token articles, one in
 * {@code copyEvery} followed later by an edited copy of an earlier one (agency credit added, last sentence dropped,
 * a caption inserted). Reports the time per article of the detector (shingles, MinHash, LSH lookup, verification,
 * remembering) over an in-memory index, the time of a SimHash fingerprint for comparison, and the bytes the state
 * stores hold per remembered original. Not thread-safe.
 */
public final class NearDuplicateBenchmark {

    /** Where timed results go so the JIT cannot drop the work that produced them. */
    private static volatile long consumed;

    /**
     * @param articles articles timed (copies included)
     * @param plantedCopies edited copies among them
     * @param foundCopies copies the detector marked with the right original
     * @param falseCopies articles marked as copies of the wrong article, or that were no copy
     * @param meanMicros mean detector time per article
     * @param p99Micros 99th percentile of the detector time per article
     * @param minHashOnlyMicros mean time of shingling plus the MinHash signature alone
     * @param simHashMicros mean time of shingling plus a 64-bit SimHash fingerprint, for comparison
     * @param storeBytesPerOriginal serialised key and value bytes (signature and LSH bucket entries) per remembered
     *                              article, RocksDB overhead excluded
     * @param bucketsPerOriginal non-empty LSH buckets per remembered article
     */
    public record Result(int articles, int plantedCopies, int foundCopies, int falseCopies, double meanMicros,
                         double p99Micros, double minHashOnlyMicros, double simHashMicros,
                         double storeBytesPerOriginal, double bucketsPerOriginal) {
    }

    private NearDuplicateBenchmark() {
    }

    /** Runs the benchmark over {@code articles} articles after {@code warmup} untimed ones. */
    public static Result run(int articles, int warmup, int copyEvery, double threshold) {
        NearDuplicateDetector detector = NearDuplicateDetector.withThreshold(threshold);
        pass(detector, corpus("warmup", warmup, copyEvery), new InMemoryIndex(16), null);

        List<String[]> corpus = corpus("bench", articles, copyEvery);
        InMemoryIndex index = new InMemoryIndex(16);
        long[] nanos = new long[corpus.size()];
        int[] outcome = pass(detector, corpus, index, nanos);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1_000.0;
        double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1_000.0;

        MinHasher hasher = new MinHasher(detector.bands().signatureSize());
        long minHashTotal = 0;
        long simHashTotal = 0;
        long sink = 0;
        for (String[] a : corpus) {
            long t0 = System.nanoTime();
            sink += hasher.signature(Shingles.hashes(a[1], Shingles.DEFAULT_SIZE))[0];
            long t1 = System.nanoTime();
            sink += SimHasher.fingerprint(Shingles.hashes(a[1], Shingles.DEFAULT_SIZE));
            long t2 = System.nanoTime();
            minHashTotal += t1 - t0;
            simHashTotal += t2 - t1;
        }
        consumed = sink;
        double[] bytes = storeBytes(detector, corpus, index);
        return new Result(corpus.size(), outcome[0], outcome[1], outcome[2], mean, p99,
                minHashTotal / 1_000.0 / corpus.size(), simHashTotal / 1_000.0 / corpus.size(), bytes[0], bytes[1]);
    }

    /** Returns {planted, found, false}; fills {@code nanos} when not null. */
    private static int[] pass(NearDuplicateDetector detector, List<String[]> corpus, InMemoryIndex index,
                              long[] nanos) {
        int planted = 0;
        int found = 0;
        int wrong = 0;
        for (int i = 0; i < corpus.size(); i++) {
            String[] a = corpus.get(i);
            long t0 = System.nanoTime();
            int[] signature = detector.sign(a[1]);
            var match = detector.find(a[0], signature, index);
            if (match.isEmpty()) {
                detector.remember(a[0], signature, index);
            }
            if (nanos != null) {
                nanos[i] = System.nanoTime() - t0;
            }
            if (a[2] != null) {
                planted++;
            }
            if (match.isPresent()) {
                if (match.get().originalId().equals(a[2])) {
                    found++;
                } else {
                    wrong++;
                }
            }
        }
        return new int[] {planted, found, wrong};
    }

    /** Serialised bytes the three stores would hold, per remembered original: {bytes, buckets}. */
    private static double[] storeBytes(NearDuplicateDetector detector, List<String[]> corpus, InMemoryIndex index) {
        Serializer<LshBucket> bucketSerializer = SerdeFactory.singleObject().valueSerde(LshBucket.class).serializer();
        Map<String, List<String>> buckets = new HashMap<>();
        long signatureBytes = 0;
        for (String[] a : corpus) {
            int[] signature = index.signature(a[0]);
            if (signature == null) {
                continue;
            }
            signatureBytes += a[0].getBytes(StandardCharsets.UTF_8).length + MinHasher.toBytes(signature).length
                    + Long.BYTES;
            for (String key : detector.bands().keys(signature)) {
                buckets.put(key, index.bucket(key));
            }
        }
        long bucketBytes = 0;
        for (Map.Entry<String, List<String>> e : buckets.entrySet()) {
            bucketBytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + Long.BYTES
                    + bucketSerializer.serialize("bench", new LshBucket(e.getValue())).length;
        }
        int originals = index.size();
        return new double[] {(double) (signatureBytes + bucketBytes) / originals, (double) buckets.size() / originals};
    }

    /** {id, body, original id or null}: generated articles, and after every {@code copyEvery}th an edited copy. */
    private static List<String[]> corpus(String prefix, int n, int copyEvery) {
        CorpusGenerator generator = new CorpusGenerator(prefix.hashCode());
        List<String[]> out = new ArrayList<>(n);
        List<String[]> originals = new ArrayList<>();
        int copies = 0;
        while (out.size() < n) {
            RawArticle a = generator.next(prefix);
            String[] original = {a.getId(), a.getBody(), null};
            out.add(original);
            originals.add(original);
            if (originals.size() % copyEvery == 0 && out.size() < n) {
                String[] source = originals.get(originals.size() / 2);
                copies++;
                out.add(new String[] {prefix + "-copy-" + copies, edit(source[1]), source[0]});
            }
        }
        return out;
    }

    /** An agency credit in front, the last sentence dropped, a photo caption after the first paragraph. */
    static String edit(String body) {
        String trimmed = body.strip();
        int lastStop = trimmed.lastIndexOf(". ", trimmed.length() - 2);
        if (lastStop > trimmed.length() / 2) {
            trimmed = trimmed.substring(0, lastStop + 1);
        }
        int firstBreak = trimmed.indexOf('\n');
        String withCaption = firstBreak < 0 ? trimmed + "\nPHOTO: the scene on Tuesday."
                : trimmed.substring(0, firstBreak) + "\nPHOTO: the scene on Tuesday." + trimmed.substring(firstBreak);
        return "(NWA) — " + withCaption;
    }
}
