package io.newsflow.delivery;

import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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

    /** E.g. {@code rules=a,b leaders=Q7747 tiers=FULL}, or {@code all alerts}; values sorted. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!ruleNames.isEmpty()) {
            parts.add("rules=" + String.join(",", new TreeSet<>(ruleNames)));
        }
        if (!leaderIds.isEmpty()) {
            parts.add("leaders=" + String.join(",", new TreeSet<>(leaderIds)));
        }
        if (!tiers.isEmpty()) {
            parts.add("tiers=" + String.join(",", new TreeSet<>(tiers.stream().map(Enum::name).toList())));
        }
        return parts.isEmpty() ? "all alerts" : String.join(" ", parts);
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
