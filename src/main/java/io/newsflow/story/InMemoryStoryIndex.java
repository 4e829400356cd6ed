package io.newsflow.story;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A story index in maps, for tests and {@code bench}; nothing expires. Not thread-safe. */
public final class InMemoryStoryIndex implements StoryClusterer.Index {

    private final Map<String, StoryClusterer.Member> members = new HashMap<>();
    private final Map<String, List<String>> buckets = new HashMap<>();

    /** Articles remembered. */
    public int size() {
        return members.size();
    }

    @Override
    public StoryClusterer.Member member(String articleId) {
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
            buckets.computeIfAbsent(person, p -> new ArrayList<>()).add(member.features().articleId());
        }
    }
}
