package io.newsflow.alert;

import java.util.Set;

/**
 * A resolved set of leaders: knowledge-base person ids (QIDs where known). Immutable and thread-safe.
 *
 * @param ids the leader ids in the set
 * @param description the selectors it was resolved from, for logs and the API
 */
public record LeaderSet(Set<String> ids, String description) {

    public LeaderSet {
        ids = Set.copyOf(ids);
    }

    public boolean contains(String leaderId) {
        return leaderId != null && ids.contains(leaderId);
    }
}
