package io.newsflow.topology;

import io.newsflow.alert.AlertCandidate;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Alerts;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.LeaderAlert;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The full tier: runs the FULL rules on an enriched article (keyed by article id, so corrections of one article
 * meet the same de-duplication state) and forwards each new alert keyed by leader id.
 */
final class FullAlertProcessor implements Processor<String, EnrichedArticle, String, LeaderAlert> {

    private final Alerting alerting;
    private final String storeName;
    private final Duration retention;
    private final Clock clock;
    private AlertEmitter emitter;

    FullAlertProcessor(Alerting alerting, String storeName, Duration retention, Clock clock) {
        this.alerting = alerting;
        this.storeName = storeName;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, LeaderAlert> context) {
        this.emitter = new AlertEmitter(context, storeName, retention, AlertTier.FULL, clock);
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        EnrichedArticle a = record.value();
        if (a == null) {
            return;
        }
        Alerts.ArticleRef ref = new Alerts.ArticleRef(a.getId(), a.getTitle(), a.getUrl(), a.getSource(),
                a.getPublishedAt(), a.getIngestedAt());
        for (AlertCandidate c : alerting.evaluator().full(alerting.watchlist().get(), a)) {
            emitter.emit(c, ref, record.timestamp());
        }
    }
}
