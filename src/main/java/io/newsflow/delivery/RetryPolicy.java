package io.newsflow.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently one alert is offered to the webhook. Attempt 1 is sent at once; before attempt
 * {@code n + 1} the sender waits {@code min(maxBackoff, initialBackoff × multiplier^(n-1))}, or, with full jitter, a
 * uniformly random duration between zero and that value. A {@code Retry-After} given by the server replaces the
 * computed wait, capped at {@code maxBackoff} so that one alert never holds delivery longer than the budget allows.
 *
 * <p>Retried: connection failures, timeouts, HTTP 408, 429 and 5xx. Never retried: any other status (2xx is
 * success, other 4xx and 3xx are permanent failures). Immutable and thread-safe.
 *
 * @param maxAttempts attempts per alert, the first one included (≥ 1)
 * @param initialBackoff wait before the second attempt (≥ 0)
 * @param maxBackoff upper bound of any single wait (≥ initialBackoff)
 * @param multiplier growth of the wait per attempt (≥ 1)
 * @param fullJitter whether waits are drawn uniformly from {@code [0, computed]}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          boolean fullJitter) {

    /** Default budget: 6 attempts, 0.5 s doubling up to 30 s, full jitter (at most 15.5 s of computed waiting). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0,
            true);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff: " + initialBackoff + ", "
                    + maxBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1: " + multiplier);
        }
    }

    /** This policy with another attempt budget. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, fullJitter);
    }

    /** Whether an HTTP status is worth another attempt: 408, 429 and 5xx. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
    }

    /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
    public boolean hasAttemptAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** The wait before attempt {@code failedAttempt + 1} without jitter: the exponential value, capped. */
    public Duration ceiling(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1: " + failedAttempt);
        }
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, failedAttempt - 1.0);
        long capped = (long) Math.min(millis, (double) maxBackoff.toMillis());
        return Duration.ofMillis(capped);
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}: the server's {@code Retry-After} (capped at
     * {@code maxBackoff}) when given, otherwise the exponential value, jittered when {@link #fullJitter()}.
     */
    public Duration backoff(int failedAttempt, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
        }
        Duration ceiling = ceiling(failedAttempt);
        if (!fullJitter || ceiling.isZero()) {
            return ceiling;
        }
        return Duration.ofMillis(random.nextLong(ceiling.toMillis() + 1));
    }
}
