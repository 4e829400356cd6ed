package io.newsflow.topology;

import io.newsflow.error.DeadLetter;

/**
 * Errors as data: each step of the topology emits either a value for the next step or a dead letter, which later
 * steps pass through untouched until the record is routed to the dead-letter topic.
 */
sealed interface Outcome<T> permits Outcome.Ok, Outcome.Failed {

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(DeadLetter deadLetter) {
        return new Failed<>(deadLetter);
    }

    default boolean isFailed() {
        return this instanceof Failed;
    }

    /** A value for the next step. */
    record Ok<T>(T value) implements Outcome<T> {
    }

    /** A record that leaves the pipeline for the dead-letter topic. */
    record Failed<T>(DeadLetter deadLetter) implements Outcome<T> {
    }
}
