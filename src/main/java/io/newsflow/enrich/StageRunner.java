package io.newsflow.enrich;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a {@link Stage} is applied: runs it, records the run on the document and turns any failure into a
 * {@link StageException} naming the stage. Used by the enrichment chain, the topology's processors, {@code annotate}
 * and the benchmarks, so a failure reads the same everywhere. Stateless and thread-safe.
 *
 * <p>With a budget, the stage runs under a {@link Deadline}: it fails with reason {@code deadline-exceeded} when it
 * passes a checkpoint after the budget, or when it returns later than the budget. A {@link StackOverflowError} or an
 * {@link OutOfMemoryError} inside a stage is a failure of that record too (the stack is unwound and the record's
 * garbage is free by the time it is reported), so it goes to the dead-letter topic instead of killing the thread;
 * any other {@link Error} propagates.
 */
public final class StageRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

    private StageRunner() {
    }

    /**
     * Applies {@code stage} without a deadline and records its name in the document's processing metadata.
     *
     * @throws StageException the stage's own, unchanged, or a new one naming the stage and wrapping any other
     *     runtime exception (message {@code SimpleClassName: message}) or a stack or heap exhaustion
     */
    public static Document run(Stage stage, Document document) {
        return run(stage, document, null);
    }

    /**
     * As {@link #run(Stage, Document)}, under a deadline of {@code budget} (null: none).
     *
     * @throws StageException as {@link #run(Stage, Document)}; with reason {@code deadline-exceeded} when the stage
     *     runs past {@code budget}
     */
    public static Document run(Stage stage, Document document, Duration budget) {
        long[] previous = budget == null ? null : Deadline.arm(budget);
        long started = System.nanoTime();
        try {
            Document out = stage.apply(document).withStageRun(stage.name());
            if (budget != null && System.nanoTime() - started > budget.toNanos()) {
                throw new Deadline.DeadlineExceededException(budget);
            }
            return out;
        } catch (StageException e) {
            throw e;
        } catch (Deadline.DeadlineExceededException e) {
            LOG.warn("stage {} ran past its deadline of {} ms on document {} ({} chars): {} ms", stage.name(),
                    e.budget().toMillis(), document.id(), document.body().length(),
                    (System.nanoTime() - started) / 1_000_000);
            throw StageException.deadline(stage.name(), e);
        } catch (RuntimeException e) {
            throw StageException.wrapping(stage.name(), e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            LOG.error("stage {} exhausted the {} on document {} ({} chars); the record is dead-lettered",
                    stage.name(), e instanceof StackOverflowError ? "stack" : "heap", document.id(),
                    document.body().length());
            throw StageException.wrapping(stage.name(), e);
        } finally {
            if (budget != null) {
                Deadline.restore(previous);
            }
        }
    }
}
