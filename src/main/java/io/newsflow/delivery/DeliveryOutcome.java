package io.newsflow.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one record of the alerts topic. Immutable.
 *
 * @param kind delivered, dead-lettered or skipped by the filter
 * @param alertId the alert id (idempotency key), null when the record could not be decoded
 * @param leaderId leader of the alert, null when not decoded
 * @param ruleName rule of the alert, null when not decoded
 * @param tier tier of the alert ({@code FAST}/{@code FULL}), null when not decoded
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param attempts POSTs made (0 for skipped and undecodable records)
 * @param lastStatus HTTP status of the last POST; 0 when there was none or no response came
 * @param reason why it was dead-lettered, empty otherwise
 * @param elapsed time from reading the record to the outcome
 */
public record DeliveryOutcome(Kind kind, String alertId, String leaderId, String ruleName, String tier, String topic,
                              int partition, long offset, int attempts, int lastStatus, String reason,
                              Duration elapsed) {

    /** Kinds of outcome. */
    public enum Kind {
        /** The webhook answered 2xx. */
        DELIVERED,
        /** Written to the webhook dead-letter topic (refused, budget spent, or undecodable). */
        DEAD_LETTERED,
        /** Not offered to the webhook: the filter rejected it. */
        SKIPPED
    }

    public DeliveryOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(elapsed, "elapsed");
        reason = reason == null ? "" : reason;
    }

    /** One line for the CLI, e.g. {@code delivered 9c1e… rule=… leader=Q7747 tier=FULL news-alerts/1@4 attempts=2 HTTP 200 (35 ms)}. */
    public String summary() {
        StringBuilder line = new StringBuilder(switch (kind) {
            case DELIVERED -> "delivered";
            case DEAD_LETTERED -> "dead-lettered";
            case SKIPPED -> "skipped";
        });
        line.append(' ').append(alertId == null ? "(undecodable record)" : alertId);
        if (ruleName != null) {
            line.append(" rule=").append(ruleName).append(" leader=").append(leaderId).append(" tier=").append(tier);
        }
        line.append(' ').append(topic).append('/').append(partition).append('@').append(offset);
        if (kind != Kind.SKIPPED) {
            line.append(" attempts=").append(attempts);
            if (lastStatus > 0) {
                line.append(" HTTP ").append(lastStatus);
            }
        }
        line.append(" (").append(elapsed.toMillis()).append(" ms)");
        if (!reason.isEmpty()) {
            line.append(": ").append(reason.replaceAll("\\s+", " ").strip());
        }
        return line.toString();
    }
}
