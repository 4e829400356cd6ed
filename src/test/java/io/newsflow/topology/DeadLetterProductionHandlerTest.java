package io.newsflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.error.DeadLetter;
import io.newsflow.error.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {

    private static ErrorHandlerContext context(byte[] value) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "news-articles";
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 41;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return NewsflowTopology.SINK_ENRICHED;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(1, 2);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return "a1".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }

    private static DeadLetterProductionHandler handler() {
        DeadLetterProductionHandler h = new DeadLetterProductionHandler();
        h.configure(Map.of(DeadLetterProductionHandler.DEAD_LETTER_TOPIC, "news-articles-dlq"));
        return h;
    }

    @Test
    void aRecordTooLargeIsDeadLetteredWithABoundedPrefixAndProcessingResumes() {
        byte[] source = new byte[2 * DeadLetter.MAX_WHOLE_ORIGINAL_BYTES];
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>("news-articles-enriched", new byte[10],
                new byte[3 * 1024 * 1024]);
        ProductionExceptionHandler.Response r = handler().handleError(context(source), refused,
                new RecordTooLargeException("The message is 3145828 bytes"));

        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dl = r.deadLetterQueueRecords().get(0);
        assertThat(dl.topic()).isEqualTo("news-articles-dlq");
        assertThat(new String(dl.key(), StandardCharsets.UTF_8)).isEqualTo("a1");
        assertThat(dl.value()).hasSize(DeadLetter.KEPT_PREFIX_BYTES);
        assertThat(DeadLetterHeaders.get(dl.headers(), DeadLetterHeaders.ORIGINAL_SIZE))
                .isEqualTo(Integer.toString(source.length));
        assertThat(DeadLetterHeaders.get(dl.headers(), DeadLetterHeaders.ORIGINAL_SHA256)).hasSize(64);
        assertThat(DeadLetterHeaders.get(dl.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("news-articles");
        assertThat(DeadLetterHeaders.get(dl.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetterHeaders.get(dl.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(DeadLetterHeaders.get(dl.headers(), DeadLetterHeaders.STAGE)).isEqualTo("produce");
        assertThat(DeadLetterHeaders.get(dl.headers(), DeadLetterHeaders.REASON))
                .contains("news-articles-enriched", "RecordTooLargeException");
    }

    @Test
    void otherProductionErrorsStillFail() {
        ProductionExceptionHandler.Response r = handler().handleError(context(new byte[1]),
                new ProducerRecord<>("t", new byte[1], new byte[1]), new TimeoutException("broker down"));
        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(r.deadLetterQueueRecords()).isEmpty();
    }
}
