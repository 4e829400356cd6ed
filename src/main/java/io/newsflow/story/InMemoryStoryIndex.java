package io.newsflow.story;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A story index in maps, for tests and {@code bench}; nothing expires. Not thread-safe. */
public final class InMemoryStoryIndex implements StoryClusterer.Index {

    private final Map<String, StoryClusterer.Member> members = new HashMap<>();
    private final Map<String, List<String>> buckets = new HashMap<>();
    private final int bucketCapacity;
    private long lookups;

    /** An index keeping at most {@code bucketCapacity} articles per person (the newest), as the topology does. */
    public InMemoryStoryIndex(int bucketCapacity) {
        this.bucketCapacity = bucketCapacity;
    }

    /** An index without a bucket limit. */
    public InMemoryStoryIndex() {
        this(Integer.MAX_VALUE);
    }

    /** Remembered articles read so far through {@link #member}. */
    public long lookups() {
        return lookups;
    }

    /** The person buckets, for sizing. */
    public Map<String, List<String>> buckets() {
        return Map.copyOf(buckets);
    }

    /** Articles remembered. */
    public int size() {
        return members.size();
    }

    @Override
    public StoryClusterer.Member member(String articleId) {
        lookups++;
        return members.get(articleId);
    }

    @Override
    public List<String> bucket(String personId) {
        return buckets.getOrDefault(personId, List.of());
    }

    @Override
    public void remember(StoryClusterer.Member member) {
        members.put(member.features().articleId(), member);
        for (String person : member.features().persons()) {
            List<String> ids = buckets.computeIfAbsent(person, p -> new ArrayList<>());
            ids.remove(member.features().articleId());
            ids.add(member.features().articleId());
            while (ids.size() > bucketCapacity) {
                ids.remove(0);
            }
        }
    }
}
