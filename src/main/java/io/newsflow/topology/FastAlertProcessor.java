package io.newsflow.topology;

import io.newsflow.alert.AlertCandidate;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Alerts;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.StageRunner;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast tier: decodes a raw article, normalises it (so offsets match the enriched record), runs the FAST rules
 * with the knowledge-base matcher and forwards each new alert keyed by leader id. Records that cannot be read or
 * normalised are skipped here; the main pipeline dead-letters them.
 */
final class FastAlertProcessor implements Processor<String, byte[], String, LeaderAlert> {

    private static final Logger LOG = LoggerFactory.getLogger(FastAlertProcessor.class);

    private final Deserializer<RawArticle> deserializer;
    private final Stage normalizer;
    private final Alerting alerting;
    private final String storeName;
    private final Duration retention;
    private final Clock clock;
    private ProcessorContext<String, LeaderAlert> context;
    private AlertEmitter emitter;

    FastAlertProcessor(Deserializer<RawArticle> deserializer, Stage normalizer, Alerting alerting, String storeName,
                       Duration retention, Clock clock) {
        this.deserializer = deserializer;
        this.normalizer = normalizer;
        this.alerting = alerting;
        this.storeName = storeName;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, LeaderAlert> context) {
        this.context = context;
        this.emitter = new AlertEmitter(context, storeName, retention, AlertTier.FAST, clock);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (Reprocessing.isReprocess(record.headers())) {
            return; // a re-sent article (newsflow reprocess) is not news: its fast alerts went out the first time
        }
        RawArticle article;
        Document doc;
        try {
            article = deserializer.deserialize(context.recordMetadata().map(m -> m.topic()).orElse(""),
                    record.value());
            if (article == null || article.getBody() == null || article.getId() == null) {
                return;
            }
            doc = StageRunner.run(normalizer, Documents.fromRaw(article));
        } catch (RuntimeException e) {
            LOG.debug("fast tier skipped record {}: {}", record.key(), e.toString());
            return;
        }
        LocalDate date = article.getPublishedAt() == null ? null
                : LocalDate.ofInstant(article.getPublishedAt(), ZoneOffset.UTC);
        Alerts.ArticleRef ref = new Alerts.ArticleRef(article.getId(), doc.title().isEmpty() ? null : doc.title(),
                article.getUrl(), article.getSource(), article.getPublishedAt(), article.getIngestedAt());
        for (AlertCandidate c : alerting.evaluator().fast(alerting.watchlist().get(), article.getId(), doc.title(),
                doc.body(), date)) {
            emitter.emit(c, ref, record.timestamp());
        }
    }
}
