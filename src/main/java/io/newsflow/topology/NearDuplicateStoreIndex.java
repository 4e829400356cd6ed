package io.newsflow.topology;

import io.newsflow.dedup.MinHasher;
import io.newsflow.dedup.NearDuplicateDetector;
import io.newsflow.schema.internal.LshBucket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The near-duplicate detector's index over a task's two expiring stores (signatures as bytes, LSH buckets), read and
 * written at stream time {@code now}. Shared by the pipeline's {@code mark-near-duplicates} step and the fast alert
 * tier. One instance per record; not thread-safe.
 */
final class NearDuplicateStoreIndex implements NearDuplicateDetector.Index {

    /** Originals kept per LSH bucket (the newest). */
    static final int BUCKET_CAPACITY = 16;

    private final ExpiringStore<byte[]> signatures;
    private final ExpiringStore<LshBucket> bands;
    private final long now;

    NearDuplicateStoreIndex(ExpiringStore<byte[]> signatures, ExpiringStore<LshBucket> bands, long now) {
        this.signatures = signatures;
        this.bands = bands;
        this.now = now;
    }

    @Override
    public int[] signature(String articleId) {
        byte[] bytes = signatures.get(articleId, now);
        return bytes == null ? null : MinHasher.fromBytes(ByteBuffer.wrap(bytes));
    }

    @Override
    public List<String> bucket(String bandKey) {
        LshBucket bucket = bands.get(bandKey, now);
        return bucket == null ? List.of() : bucket.getArticleIds();
    }

    @Override
    public void remember(String articleId, int[] signature, String[] bandKeys) {
        signatures.put(articleId, MinHasher.toBytes(signature), now);
        for (String key : bandKeys) {
            List<String> ids = new ArrayList<>(bucket(key));
            ids.remove(articleId);
            ids.add(articleId);
            while (ids.size() > BUCKET_CAPACITY) {
                ids.remove(0);
            }
            bands.put(key, new LshBucket(ids), now);
        }
    }
}
