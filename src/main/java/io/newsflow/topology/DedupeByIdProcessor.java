package io.newsflow.topology;

import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.internal.ArticleEnvelope;
import io.newsflow.schema.internal.SeenArticle;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops an article whose id was already seen with the same normalised body within the retention. The same id with a
 * different body is a correction: it passes with the next revision number.
 */
final class DedupeByIdProcessor
        implements FixedKeyProcessor<String, Outcome<ArticleEnvelope>, Outcome<ArticleEnvelope>> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupeByIdProcessor.class);

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context;
    private SeenStore seen;

    DedupeByIdProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context) {
        this.context = context;
        this.seen = new SeenStore(context, storeName, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<ArticleEnvelope>> record) {
        if (!(record.value() instanceof Outcome.Ok<ArticleEnvelope> ok)) {
            context.forward(record);
            return;
        }
        ArticleEnvelope envelope = ok.value();
        String id = envelope.getArticle().getId();
        long now = record.timestamp();
        SeenArticle live = seen.get(id, now);
        if (Reprocessing.isReprocess(record.headers())) {
            reprocess(record, envelope, live);
            return;
        }
        if (live != null && live.getContentHash().equals(envelope.getContentHash())) {
            LOG.debug("dropping duplicate of article {} (same body, revision {})", id, live.getRevision());
            NewsflowMetrics.duplicateDropped(context.applicationId(), "id");
            return;
        }
        SeenArticle previous = live != null ? live : seen.getIncludingExpired(id);
        int revision = previous == null ? 1
                : previous.getContentHash().equals(envelope.getContentHash()) ? previous.getRevision()
                : previous.getRevision() + 1;
        seen.put(id, SeenArticle.newBuilder()
                .setArticleId(id)
                .setContentHash(envelope.getContentHash())
                .setUrl(envelope.getArticle().getUrl())
                .setRevision(revision)
                .setSeenAt(now)
                .build());
        ArticleEnvelope next = revision == envelope.getRevision() ? envelope
                : ArticleEnvelope.newBuilder(envelope).setRevision(revision).build();
        context.forward(record.withValue(Outcome.ok(next)));
    }

    /**
     * A re-sent article: re-enriched as the next revision when it is still the article's current body; dropped when
     * the id is no longer remembered (beyond the retention) or a later correction replaced that body. The stored
     * revision is raised now, before the result is known, so that a later correction never reuses the number (an
     * unchanged re-enrichment, which is not published, leaves a gap).
     */
    private void reprocess(FixedKeyRecord<String, Outcome<ArticleEnvelope>> record, ArticleEnvelope envelope,
                           SeenArticle live) {
        String id = envelope.getArticle().getId();
        if (live == null || !live.getContentHash().equals(envelope.getContentHash())) {
            LOG.info("not re-enriching article {}: {}", id, live == null
                    ? "not seen within the de-duplication retention" : "a later revision replaced this body");
            NewsflowMetrics.reprocessed(context.applicationId(), "stale");
            return;
        }
        int revision = live.getRevision() + 1;
        seen.put(id, SeenArticle.newBuilder(live).setRevision(revision).build());
        context.forward(record.withValue(Outcome.ok(
                ArticleEnvelope.newBuilder(envelope).setRevision(revision).build())));
    }
}
