package io.newsflow.enrich;

import java.time.Duration;

/**
 * The time left to the stage running on the current thread: {@link StageRunner} arms it around one stage, and the
 * loops of the text layer and the stages call {@link #check()} once per paragraph, sentence or similar unit, so a
 * stage stops within one unit's cost after its deadline. Without an armed deadline {@link #check()} does nothing.
 *
 * <p>Thread-confined: each thread sees only its own deadline.
 */
public final class Deadline {

    private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

    private Deadline() {
    }

    /**
     * Throws {@link DeadlineExceededException} when the current thread's deadline has passed.
     *
     * @throws DeadlineExceededException after the deadline
     */
    public static void check() {
        long[] d = CURRENT.get();
        if (d != null && System.nanoTime() - d[0] > 0) {
            throw new DeadlineExceededException(Duration.ofNanos(d[1]));
        }
    }

    /** Arms a deadline {@code budget} from now on this thread; returns the previous one for {@link #restore}. */
    static long[] arm(Duration budget) {
        long[] previous = CURRENT.get();
        long nanos = budget.toNanos();
        CURRENT.set(new long[] {System.nanoTime() + nanos, nanos});
        return previous;
    }

    /** Puts back the deadline {@link #arm} returned (null: none). */
    static void restore(long[] previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** A stage ran past its deadline. The record goes to the dead-letter topic with reason {@code deadline-exceeded}. */
    public static final class DeadlineExceededException extends RuntimeException {

        /** The dead-letter reason of a record whose stage ran past its deadline. */
        public static final String REASON = "deadline-exceeded";

        private final Duration budget;

        public DeadlineExceededException(Duration budget) {
            super(REASON + " (budget " + budget.toMillis() + " ms)", null, false, false);
            this.budget = budget;
        }

        /** The budget that was exceeded. */
        public Duration budget() {
            return budget;
        }
    }
}
