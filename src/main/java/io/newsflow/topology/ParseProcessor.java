package io.newsflow.topology;

import io.newsflow.config.PipelineConfig;
import io.newsflow.error.DeadLetter;
import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.ArticleEnvelope;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes the input bytes into a {@link RawArticle}, keeping the original bytes and their source coordinates. Bytes
 * that do not decode become dead letters; a {@link RetriableException} from the deserializer (the schema registry
 * unreachable) is rethrown so the task fails and the record is read again, not dead-lettered.
 */
final class ParseProcessor implements FixedKeyProcessor<String, byte[], Outcome<ArticleEnvelope>> {

    static final String STAGE = "parse";

    private final PipelineConfig config;
    private final Deserializer<RawArticle> deserializer;
    private FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context;

    ParseProcessor(PipelineConfig config, Deserializer<RawArticle> deserializer) {
        this.config = config;
        this.deserializer = deserializer;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        NewsflowMetrics.articleRead(context.applicationId());
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? config.topics().articles() : meta.topic();
        int partition = meta == null ? -1 : meta.partition();
        long offset = meta == null ? -1L : meta.offset();
        byte[] bytes = record.value();
        if (bytes == null) {
            context.forward(record.withValue(Outcome.failed(new DeadLetter(record.key(), STAGE, "null-value",
                    "record value is null (tombstone); articles cannot be deleted through the input topic",
                    topic, partition, offset, null))));
            return;
        }
        if (bytes.length > config.maxRecordBytes()) {
            context.forward(record.withValue(Outcome.failed(new DeadLetter(record.key(), ValidateProcessor.STAGE,
                    "record-too-large", "record value has " + bytes.length + " bytes, limit "
                    + config.maxRecordBytes(), topic, partition, offset, bytes))));
            return;
        }
        RawArticle article;
        try {
            article = deserializer.deserialize(topic, bytes);
        } catch (RetriableException e) {
            // e.g. the schema registry is down: not the record's fault; fail the task so it is retried
            throw e;
        } catch (RuntimeException e) {
            context.forward(record.withValue(Outcome.failed(new DeadLetter(record.key(), STAGE, e.getClass().getName(),
                    e.getMessage(), topic, partition, offset, bytes))));
            return;
        }
        ArticleEnvelope envelope = ArticleEnvelope.newBuilder()
                .setArticle(article)
                .setContentHash("")
                .setRevision(1)
                .setOriginal(ByteBuffer.wrap(bytes))
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setNormaliseMicros(0L)
                .setWarnings(List.of())
                .build();
        context.forward(record.withValue(Outcome.ok(envelope)));
    }
}
