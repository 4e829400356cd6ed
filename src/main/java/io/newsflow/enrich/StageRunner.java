package io.newsflow.enrich;

/**
 * The one place a {@link Stage} is applied: runs it, records the run on the document and turns any failure into a
 * {@link StageException} naming the stage. Used by the enrichment chain, the topology's processors, {@code annotate}
 * and the benchmarks, so a failure reads the same everywhere. Stateless and thread-safe.
 */
public final class StageRunner {

    private StageRunner() {
    }

    /**
     * Applies {@code stage} and records its name in the document's processing metadata.
     *
     * @throws StageException the stage's own, unchanged, or a new one naming the stage and wrapping any other
     *     runtime exception (message {@code SimpleClassName: message})
     */
    public static Document run(Stage stage, Document document) {
        try {
            return stage.apply(document).withStageRun(stage.name());
        } catch (StageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StageException.wrapping(stage.name(), e);
        }
    }
}
