package io.newsflow.topology;

import io.newsflow.schema.internal.ArticleEnvelope;
import io.newsflow.schema.internal.SeenArticle;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on records keyed by article id, after the repartition by body hash has mixed their order: passes a revision
 * only when no higher revision of the same id has passed (within the retention), and drops a stale one. Everything
 * after it runs in this task in this order, so the last enriched record of an id is its highest revision.
 * Not thread-safe (one instance per task, as Kafka Streams uses processors).
 */
final class RevisionOrderProcessor implements FixedKeyProcessor<String, ArticleEnvelope, ArticleEnvelope> {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionOrderProcessor.class);

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, ArticleEnvelope> context;
    private SeenStore latest;

    RevisionOrderProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ArticleEnvelope> context) {
        this.context = context;
        this.latest = new SeenStore(context, storeName, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, ArticleEnvelope> record) {
        ArticleEnvelope envelope = record.value();
        String id = envelope.getArticle().getId();
        SeenArticle passed = latest.getIncludingExpired(id);
        if (passed != null && passed.getRevision() > envelope.getRevision()) {
            LOG.info("dropping revision {} of article {}: revision {} was already enriched", envelope.getRevision(),
                    id, passed.getRevision());
            return;
        }
        latest.put(id, SeenArticle.newBuilder()
                .setArticleId(id)
                .setContentHash(envelope.getContentHash())
                .setUrl(envelope.getArticle().getUrl())
                .setRevision(envelope.getRevision())
                .setSeenAt(record.timestamp())
                .build());
        context.forward(record);
    }
}
