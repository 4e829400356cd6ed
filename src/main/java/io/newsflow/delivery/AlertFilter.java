package io.newsflow.delivery;

import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which alerts are delivered. Each set restricts one field; an empty set accepts every value. An alert passes when
 * it passes all three. Rule names and leader ids compare exactly (after trimming the configured values).
 * Immutable and thread-safe.
 *
 * @param ruleNames accepted {@code ruleName}s
 * @param leaderIds accepted {@code leaderId}s (Wikidata QIDs where known)
 * @param tiers accepted tiers
 */
public record AlertFilter(Set<String> ruleNames, Set<String> leaderIds, Set<AlertTier> tiers) {

    /** Accepts everything. */
    public static final AlertFilter ALL = new AlertFilter(Set.of(), Set.of(), Set.of());

    public AlertFilter {
        ruleNames = trimmed(ruleNames);
        leaderIds = trimmed(leaderIds);
        tiers = tiers == null || tiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tiers));
    }

    /** Builds a filter from option values; null or empty collections accept everything. */
    public static AlertFilter of(Collection<String> ruleNames, Collection<String> leaderIds,
                                 Collection<AlertTier> tiers) {
        return new AlertFilter(ruleNames == null ? Set.of() : new LinkedHashSet<>(ruleNames),
                leaderIds == null ? Set.of() : new LinkedHashSet<>(leaderIds),
                tiers == null || tiers.isEmpty() ? Set.of() : EnumSet.copyOf(tiers));
    }

    /** Whether {@code alert} is to be delivered. */
    public boolean accepts(LeaderAlert alert) {
        Objects.requireNonNull(alert, "alert");
        return (ruleNames.isEmpty() || ruleNames.contains(alert.getRuleName()))
                && (leaderIds.isEmpty() || leaderIds.contains(alert.getLeaderId()))
                && (tiers.isEmpty() || tiers.contains(alert.getTier()));
    }

    /** Whether this filter accepts every alert. */
    public boolean acceptsAll() {
        return ruleNames.isEmpty() && leaderIds.isEmpty() && tiers.isEmpty();
    }

    private static Set<String> trimmed(Set<String> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v.strip());
            }
        }
        return Set.copyOf(out);
    }
}
