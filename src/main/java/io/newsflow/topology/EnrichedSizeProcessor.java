package io.newsflow.topology;

import io.newsflow.schema.EnrichedArticle;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters an enriched article whose record would not fit the enriched topic's {@code max.message.bytes}, before
 * it is sent. The broker's refusal cannot be handled later: under exactly-once a refused record leaves the
 * transaction abortable, so nothing of it can be committed (the dead letter included), and the record would be
 * retried forever. The size is the serialised value, key and headers plus {@link #FRAMING_BYTES} for the record
 * batch, before compression, so the check errs on the side of refusing. It assembles the output record once and
 * forwards it (the steps after it publish that same record), so the check costs one extra serialisation per
 * article. A dead letter from an earlier step passes through unchanged. One instance per task.
 */
final class EnrichedSizeProcessor implements FixedKeyProcessor<String, Outcome<Working>, Outcome<EnrichedArticle>> {

    /** Stage named in the dead letter, as for records the producer refuses. */
    static final String STAGE = "produce";
    static final String ERROR_CLASS = "record-too-large";
    /** Record batch header (61 bytes) and one record's length, attribute, delta and count varints, rounded up. */
    static final int FRAMING_BYTES = 128;

    private static final Logger LOG = LoggerFactory.getLogger(EnrichedSizeProcessor.class);

    private final Function<Working, EnrichedArticle> assemble;
    private final Serializer<EnrichedArticle> serializer;
    private final String topic;
    private final int limit;
    private FixedKeyProcessorContext<String, Outcome<EnrichedArticle>> context;

    EnrichedSizeProcessor(Function<Working, EnrichedArticle> assemble, Serializer<EnrichedArticle> serializer,
                          String topic, int limit) {
        this.assemble = assemble;
        this.serializer = serializer;
        this.topic = topic;
        this.limit = limit;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<EnrichedArticle>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<Working>> record) {
        if (record.value() instanceof Outcome.Failed<Working> failed) {
            context.forward(record.withValue(Outcome.failed(failed.deadLetter())));
            return;
        }
        Working working = ((Outcome.Ok<Working>) record.value()).value();
        EnrichedArticle article = assemble.apply(working);
        long size = (long) serializer.serialize(topic, article).length + FRAMING_BYTES
                + article.getId().getBytes(StandardCharsets.UTF_8).length;
        for (Header h : record.headers()) {
            size += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
        }
        if (size > limit) {
            String reason = "enriched record for topic " + topic + " has about " + size + " bytes, over its "
                    + "max.message.bytes " + limit + " (--max-enriched-record-bytes)";
            LOG.warn("dead-lettering article {}: {}", article.getId(), reason);
            context.forward(record.withValue(Outcome.failed(
                    Envelopes.deadLetter(working.envelope(), STAGE, ERROR_CLASS, reason))));
            return;
        }
        context.forward(record.withValue(Outcome.ok(article)));
    }
}
