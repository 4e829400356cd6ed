package io.newsflow.topology;

import io.newsflow.config.Version;
import io.newsflow.error.DeadLetter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' production exception handler for newsflow: a record the broker refuses for its size (or that
 * cannot be serialised) goes to the dead-letter topic, as a bounded prefix of the source record with its size, hash,
 * topic, partition and offset, and processing resumes; instead of failing the thread, which would be replaced and
 * retry the same record forever. Any other error fails as before. Configured with {@link #DEAD_LETTER_TOPIC}.
 * Thread-safe after {@link #configure}.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    /** Configuration key naming the dead-letter topic. */
    public static final String DEAD_LETTER_TOPIC = "newsflow.dead-letter-topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private volatile String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalArgumentException(DEAD_LETTER_TOPIC + " is not set");
        }
        this.deadLetterTopic = topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (!(exception instanceof RecordTooLargeException)) {
            return Response.fail();
        }
        return Response.resume(List.of(deadLetter(context, record.topic(), exception, "produce")));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return Response.resume(List.of(deadLetter(context, record.topic(), exception, "serialize")));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, String target,
                                                      Exception exception, String stage) {
        String reason = "record for topic " + target + " refused: " + exception.getClass().getSimpleName() + ": "
                + exception.getMessage();
        LOG.error("dead-lettering the record from {}-{}@{} (processor {}): {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), reason);
        DeadLetter dl = new DeadLetter(null, stage, exception.getClass().getName(), reason, context.topic(),
                context.partition(), context.offset(), context.sourceRawValue());
        RecordHeaders headers = new RecordHeaders();
        dl.writeTo(headers, Version.current(), System.currentTimeMillis());
        byte[] value = DeadLetter.bounded(context.sourceRawValue(), headers);
        return new ProducerRecord<>(deadLetterTopic, null, context.sourceRawKey(), value, headers);
    }
}
