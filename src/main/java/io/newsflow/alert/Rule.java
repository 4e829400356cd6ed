package io.newsflow.alert;

import io.newsflow.schema.AlertTier;
import io.newsflow.schema.Polarity;
import io.newsflow.schema.RuleType;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A watchlist rule with its leader selectors resolved. Immutable and thread-safe.
 *
 * <p>The tier that evaluates a rule follows from what it needs: a MENTION rule without {@code minSalience} is
 * decided from raw text by the knowledge-base matcher (FAST); every other rule needs the enriched article or the
 * mention counts (FULL). Each rule is evaluated by exactly one tier, so the two tiers never alert twice for the
 * same article, leader and rule.
 *
 * @param targets lower-case target filters for STANCE rules; empty = any target
 * @param minSalience MENTION threshold, or a negative number when the rule has none
 * @param polarity STANCE polarity filter, or null for any
 * @param includeCopies whether an article marked {@code duplicateOf} an earlier one can fire this rule
 */
public record Rule(String name, RuleType type, LeaderSet leaders, boolean inHeadline, double minSalience,
                   Polarity polarity, RuleSpec.StanceRole role, Set<String> targets, Duration window,
                   Duration baseline, double factor, int minCount, LeaderSet with,
                   boolean includeCopies) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(leaders, "leaders");
        targets = Set.copyOf(targets);
    }

    /** The tier that evaluates this rule. */
    public AlertTier tier() {
        return type == RuleType.MENTION && minSalience < 0 ? AlertTier.FAST : AlertTier.FULL;
    }

    /** True when a STANCE target (id, key or name) passes this rule's target filter. */
    public boolean acceptsTarget(String targetId, String targetName) {
        if (targets.isEmpty()) {
            return true;
        }
        String id = targetId == null ? "" : targetId.toLowerCase(Locale.ROOT);
        String key = id.startsWith("topic:") ? id.substring("topic:".length()) : id;
        String label = targetName == null ? "" : targetName.toLowerCase(Locale.ROOT);
        return targets.contains(id) || targets.contains(key) || targets.contains(label);
    }
}
