package io.newsflow.enrich;

/** Failure of a named stage on one document. The stage name travels to the dead-letter headers. */
public final class StageException extends RuntimeException {

    private final String stage;

    public StageException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public StageException(String stage, String message) {
        this(stage, message, null);
    }

    /** Name of the stage that failed. */
    public String stage() {
        return stage;
    }
}
