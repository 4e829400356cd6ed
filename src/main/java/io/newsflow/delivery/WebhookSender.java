package io.newsflow.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers one alert to the webhook until it is accepted (2xx), refused for good (a non-retryable status), or the
 * {@link RetryPolicy} budget is spent. Waiting between attempts is delegated to a {@link Pause} so that the caller
 * can keep its Kafka consumer alive and stop early. Thread-safe if the {@link RandomGenerator} is (the default one
 * is used only for jitter, where a rare race does no harm).
 */
public final class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Pause {
        /**
         * Waits {@code delay}.
         *
         * @return false when the delivery should be abandoned (stopping, or the alert's partition was revoked)
         */
        boolean await(Duration delay) throws InterruptedException;
    }

    /** How a send ended. */
    public enum Status {
        /** The webhook answered 2xx. */
        DELIVERED,
        /** Refused with a non-retryable status, or still failing when the budget was spent. */
        FAILED,
        /** Given up by the caller during a wait ({@link Pause} returned false); neither delivered nor failed. */
        ABANDONED
    }

    /**
     * Result of {@link #send}. Immutable.
     *
     * @param status how it ended
     * @param attempts POSTs made
     * @param last result of the last POST
     */
    public record Result(Status status, int attempts, WebhookResult last) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(last, "last");
        }
    }

    private final WebhookClient client;
    private final RetryPolicy policy;
    private final RandomGenerator random;

    public WebhookSender(WebhookClient client, RetryPolicy policy, RandomGenerator random) {
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
    }

    public WebhookSender(WebhookClient client, RetryPolicy policy) {
        this(client, policy, RandomGenerator.getDefault());
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** The webhook address for logs: scheme, host, port and path only (no user info, no query). */
    public String clientUrl() {
        return WebhookClient.redacted(client.url());
    }

    /**
     * Sends {@code json} with idempotency key {@code alertId}, retrying as the policy says.
     *
     * @throws InterruptedException when interrupted during a request or a wait
     */
    public Result send(String alertId, String json, Pause pause) throws InterruptedException {
        int attempt = 0;
        while (true) {
            attempt++;
            WebhookResult result = client.post(alertId, json, attempt);
            if (result.succeeded()) {
                LOG.debug("alert {} accepted with HTTP {} on attempt {}", alertId, result.status(), attempt);
                return new Result(Status.DELIVERED, attempt, result);
            }
            if (!result.retryable()) {
                LOG.warn("alert {} refused on attempt {}: {} (not retried)", alertId, attempt, result.describe());
                return new Result(Status.FAILED, attempt, result);
            }
            if (!policy.hasAttemptAfter(attempt)) {
                LOG.warn("alert {} failed on attempt {} of {}: {}", alertId, attempt, policy.maxAttempts(),
                        result.describe());
                return new Result(Status.FAILED, attempt, result);
            }
            Duration delay = policy.backoff(attempt, result.retryAfter(), random);
            LOG.info("alert {} attempt {} failed ({}); retrying in {} ms", alertId, attempt, result.describe(),
                    delay.toMillis());
            if (!pause.await(delay)) {
                return new Result(Status.ABANDONED, attempt, result);
            }
        }
    }
}
