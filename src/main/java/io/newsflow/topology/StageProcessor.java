package io.newsflow.topology;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.StageException;
import io.newsflow.enrich.StageRunner;
import io.newsflow.metrics.NewsflowMetrics;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one enrichment {@link Stage} under the per-stage deadline; a failure (an exception, a stage past its deadline,
 * a stack or heap exhaustion) becomes a dead letter naming the stage.
 */
final class StageProcessor implements FixedKeyProcessor<String, Outcome<Working>, Outcome<Working>> {

    private static final Logger LOG = LoggerFactory.getLogger(StageProcessor.class);

    private final Stage stage;
    private final Duration deadline;
    private FixedKeyProcessorContext<String, Outcome<Working>> context;

    StageProcessor(Stage stage, Duration deadline) {
        this.stage = stage;
        this.deadline = deadline;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<Working>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<Working>> record) {
        if (!(record.value() instanceof Outcome.Ok<Working> ok)) {
            context.forward(record);
            return;
        }
        Working working = ok.value();
        long started = System.nanoTime();
        try {
            Document next = StageRunner.run(stage, working.document(), deadline);
            NewsflowMetrics.stageTime(context.applicationId(), stage.name(), System.nanoTime() - started);
            context.forward(record.withValue(Outcome.ok(working.advance(next, (System.nanoTime() - started) / 1_000))));
        } catch (StageException e) {
            LOG.warn("stage {} failed on article {}: {}", e.stage(), working.document().id(), e.toString());
            context.forward(record.withValue(Outcome.failed(Envelopes.deadLetter(working.envelope(), e.stage(),
                    e.errorClass(), e.reason()))));
        }
    }
}
