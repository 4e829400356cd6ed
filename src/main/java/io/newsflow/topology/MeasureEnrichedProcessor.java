package io.newsflow.topology;

import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.EnrichedArticle;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts each enriched article on its way to the output topic and records publish → enriched latency (the input
 * record's timestamp to now, before the transaction commits); forwards the record unchanged. One per task.
 */
final class MeasureEnrichedProcessor implements FixedKeyProcessor<String, EnrichedArticle, EnrichedArticle> {

    private FixedKeyProcessorContext<String, EnrichedArticle> context;

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedArticle> record) {
        NewsflowMetrics.articleEnriched(context.applicationId(), record.timestamp(), System.currentTimeMillis());
        context.forward(record);
    }
}
