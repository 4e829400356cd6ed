package io.newsflow.topology;

import io.newsflow.schema.EnrichedArticle;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Keeps the latest revision of each enriched article by id, for queries, and passes the record on unchanged. */
final class ArticleStoreProcessor implements FixedKeyProcessor<String, EnrichedArticle, EnrichedArticle> {

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, EnrichedArticle> context;
    private ExpiringStore<EnrichedArticle> articles;

    ArticleStoreProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.articles = new ExpiringStore<>(context, storeName, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedArticle> record) {
        if (record.value() != null && record.key() != null) {
            articles.put(record.key(), record.value(), record.timestamp());
        }
        context.forward(record);
    }
}
