package io.newsflow.alert;

import io.newsflow.schema.EvidenceField;
import java.util.Map;

/**
 * A rule that fired for one leader, before it becomes a {@code LeaderAlert} record. Immutable.
 *
 * @param rule the rule
 * @param leaderId leader id (QID where known)
 * @param leaderName canonical leader name
 * @param leaderRole office held, or null
 * @param scope what the alert is unique for besides rule and leader: the article id, or a window for SPIKE
 * @param evidence the triggering words as written
 * @param field text the offsets refer to
 * @param start evidence start offset
 * @param end evidence end offset
 * @param details rule-specific facts
 */
public record AlertCandidate(Rule rule, String leaderId, String leaderName, String leaderRole, String scope,
                             String evidence, EvidenceField field, int start, int end, Map<String, String> details) {

    public AlertCandidate {
        details = Map.copyOf(details);
    }

    /** The idempotency key: the same rule, leader and scope always give the same id. */
    public String alertId() {
        return Alerts.alertId(rule.name(), leaderId, scope);
    }
}
