package io.newsflow.enrich;

/** Failure of a named stage on one document. The stage name travels to the dead-letter headers. */
public final class StageException extends RuntimeException {

    private final String stage;
    private final boolean wrapped;

    public StageException(String stage, String message, Throwable cause) {
        this(stage, message, cause, false);
    }

    private StageException(String stage, String message, Throwable cause, boolean wrapped) {
        super(message, cause);
        this.stage = stage;
        this.wrapped = wrapped;
    }

    /** A failure of {@code stage} that is not a StageException itself, as {@link StageRunner} reports it. */
    static StageException wrapping(String stage, Throwable cause) {
        return new StageException(stage, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause, true);
    }

    /** A stage that ran past its deadline: reason {@code deadline-exceeded}. */
    static StageException deadline(String stage, Deadline.DeadlineExceededException cause) {
        return new StageException(stage, Deadline.DeadlineExceededException.REASON, cause, false);
    }

    public StageException(String stage, String message) {
        this(stage, message, null);
    }

    /** Name of the stage that failed. */
    public String stage() {
        return stage;
    }

    /** Class name for the dead-letter headers: the cause's when there is one, else this exception's. */
    public String errorClass() {
        return getCause() != null ? getCause().getClass().getName() : getClass().getName();
    }

    /**
     * Reason for the dead-letter headers: the original message of a wrapped failure, else this exception's message
     * ({@code "null"} when there is none); a heap or stack exhaustion reads as the error's simple class name.
     */
    public String reason() {
        if (wrapped && getCause() instanceof Error e) {
            return e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return String.valueOf(wrapped ? getCause().getMessage() : getMessage());
    }
}
