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
 * Runs on records keyed by body hash: drops an article whose normalised body was already published under another
 * article id (syndicated copy, another URL) within the retention.
 */
final class DedupeByBodyProcessor implements FixedKeyProcessor<String, ArticleEnvelope, ArticleEnvelope> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupeByBodyProcessor.class);

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, ArticleEnvelope> context;
    private SeenStore seen;

    DedupeByBodyProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ArticleEnvelope> context) {
        this.context = context;
        this.seen = new SeenStore(context, storeName, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, ArticleEnvelope> record) {
        ArticleEnvelope envelope = record.value();
        String hash = record.key();
        String id = envelope.getArticle().getId();
        SeenArticle first = seen.get(hash, record.timestamp());
        if (first != null && !first.getArticleId().equals(id)) {
            LOG.debug("dropping article {} ({}): same body as article {} ({})", id, envelope.getArticle().getUrl(),
                    first.getArticleId(), first.getUrl());
            NewsflowMetrics.duplicateDropped(context.applicationId(), "body");
            return;
        }
        seen.put(hash, SeenArticle.newBuilder()
                .setArticleId(id)
                .setContentHash(hash)
                .setUrl(envelope.getArticle().getUrl())
                .setRevision(envelope.getRevision())
                .setSeenAt(record.timestamp())
                .build());
        context.forward(record);
    }
}
