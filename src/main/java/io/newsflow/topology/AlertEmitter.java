package io.newsflow.topology;

import io.newsflow.alert.AlertCandidate;
import io.newsflow.alert.Alerts;
import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards each alert once: an alert id already in the processor's sent-alerts store (within the retention) is
 * dropped; a new one is remembered and forwarded keyed by leader id. Used by one processor instance.
 */
final class AlertEmitter {

    private final ProcessorContext<String, LeaderAlert> context;
    private final ExpiringStore<Long> sent;
    private final AlertTier tier;
    private final Clock clock;

    AlertEmitter(ProcessorContext<String, LeaderAlert> context, String storeName, Duration retention, AlertTier tier,
                 Clock clock) {
        this.context = context;
        this.sent = new ExpiringStore<>(context, storeName, retention);
        this.tier = tier;
        this.clock = clock;
    }

    /** Forwards {@code candidate} about {@code article} unless its id was sent already; true when forwarded. */
    boolean emit(AlertCandidate candidate, Alerts.ArticleRef article, long timestamp) {
        String id = candidate.alertId();
        if (sent.get(id, timestamp) != null) {
            return false;
        }
        sent.put(id, timestamp, timestamp);
        context.forward(new Record<>(candidate.leaderId(), Alerts.toRecord(candidate, article, tier, clock.instant()),
                timestamp));
        NewsflowMetrics.alert(context.applicationId(), candidate.rule().type().name(), tier.name());
        if (tier == AlertTier.FAST) {
            NewsflowMetrics.fastAlertLatency(context.applicationId(), timestamp, System.currentTimeMillis());
        }
        return true;
    }
}
