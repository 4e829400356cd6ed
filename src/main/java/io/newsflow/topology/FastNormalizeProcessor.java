package io.newsflow.topology;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.StageRunner;
import io.newsflow.schema.RawArticle;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of the fast tier, on the input partitions: decodes a raw article, normalises it (so alert offsets match
 * the enriched record and near-copy signatures match the pipeline's) and forwards it keyed by article id with the
 * normalised headline and body. Re-sent records ({@code newsflow reprocess}) and records that cannot be read or
 * normalised are skipped here; the main pipeline dead-letters the latter. One instance per task; not thread-safe.
 */
final class FastNormalizeProcessor implements Processor<String, byte[], String, RawArticle> {

    private static final Logger LOG = LoggerFactory.getLogger(FastNormalizeProcessor.class);

    private final Deserializer<RawArticle> deserializer;
    private final Stage normalizer;
    private ProcessorContext<String, RawArticle> context;

    FastNormalizeProcessor(Deserializer<RawArticle> deserializer, Stage normalizer) {
        this.deserializer = deserializer;
        this.normalizer = normalizer;
    }

    @Override
    public void init(ProcessorContext<String, RawArticle> context) {
        this.context = context;
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
        RawArticle normalized = RawArticle.newBuilder(article)
                .setTitle(doc.title().isEmpty() ? null : doc.title())
                .setBody(doc.body())
                .build();
        context.forward(record.withKey(article.getId()).withValue(normalized));
    }
}
