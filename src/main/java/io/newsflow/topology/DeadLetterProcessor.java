package io.newsflow.topology;

import io.newsflow.error.DeadLetter;
import io.newsflow.metrics.NewsflowMetrics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed outcome into the dead-letter record: original bytes as value (a bounded prefix of an oversized
 * original, with its size and hash; see {@link DeadLetter#boundedValue}), the reason in headers.
 */
final class DeadLetterProcessor<T> implements FixedKeyProcessor<String, Outcome<T>, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);

    private final String pipelineVersion;
    private FixedKeyProcessorContext<String, byte[]> context;

    DeadLetterProcessor(String pipelineVersion) {
        this.pipelineVersion = pipelineVersion;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<T>> record) {
        if (!(record.value() instanceof Outcome.Failed<T> failed)) {
            throw new IllegalStateException("dead-letter branch received a non-failed outcome");
        }
        DeadLetter dl = failed.deadLetter();
        LOG.warn("dead-lettering record key={} from {}-{}@{}: stage={} error={} reason={}", record.key(),
                dl.sourceTopic(), dl.sourcePartition(), dl.sourceOffset(), dl.stage(), dl.errorClass(), dl.reason());
        NewsflowMetrics.deadLettered(context.applicationId(), dl.stage(), dl.errorClass());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        dl.writeTo(headers, pipelineVersion, System.currentTimeMillis());
        byte[] value = dl.boundedValue(headers);
        context.forward(record.withValue(value).withHeaders(headers));
    }
}
