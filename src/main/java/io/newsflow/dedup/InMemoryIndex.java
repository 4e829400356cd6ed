package io.newsflow.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link NearDuplicateDetector.Index} in heap maps, without retention: for evaluation and benchmarks. Buckets
 * keep at most {@code bucketCapacity} ids (the newest). Not thread-safe.
 */
public final class InMemoryIndex implements NearDuplicateDetector.Index {

    private final Map<String, int[]> signatures = new HashMap<>();
    private final Map<String, List<String>> buckets = new HashMap<>();
    private final int bucketCapacity;

    public InMemoryIndex(int bucketCapacity) {
        this.bucketCapacity = bucketCapacity;
    }

    @Override
    public int[] signature(String articleId) {
        return signatures.get(articleId);
    }

    @Override
    public List<String> bucket(String bandKey) {
        return buckets.getOrDefault(bandKey, List.of());
    }

    @Override
    public void remember(String articleId, int[] signature, String[] bandKeys) {
        signatures.put(articleId, signature);
        for (String key : bandKeys) {
            List<String> ids = buckets.computeIfAbsent(key, k -> new ArrayList<>());
            ids.remove(articleId);
            ids.add(articleId);
            if (ids.size() > bucketCapacity) {
                ids.remove(0);
            }
        }
    }

    /** Number of remembered articles. */
    public int size() {
        return signatures.size();
    }

    /** Number of non-empty buckets. */
    public int buckets() {
        return buckets.size();
    }
}
