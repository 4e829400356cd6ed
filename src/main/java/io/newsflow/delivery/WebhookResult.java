package io.newsflow.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one POST to the webhook gave. Immutable.
 *
 * @param status HTTP status, or 0 when no response arrived (connection refused, timeout, reset)
 * @param retryAfter the server's {@code Retry-After}, when it sent one
 * @param errorClass exception class of a transport failure, null when a response arrived
 * @param detail start of the response body, or the transport error message
 */
public record WebhookResult(int status, Optional<Duration> retryAfter, String errorClass, String detail) {

    public WebhookResult {
        Objects.requireNonNull(retryAfter, "retryAfter");
        detail = detail == null ? "" : detail;
    }

    static WebhookResult transportFailure(String errorClass, String detail) {
        return new WebhookResult(0, Optional.empty(), errorClass, detail);
    }

    /** A 2xx response. */
    public boolean succeeded() {
        return status >= 200 && status <= 299;
    }

    /** A failure worth another attempt: no response, 408, 429 or 5xx (see {@link RetryPolicy}). */
    public boolean retryable() {
        return status == 0 || RetryPolicy.retryableStatus(status);
    }

    /** One-line description, e.g. {@code HTTP 503: busy} or {@code java.net.ConnectException: refused}. */
    public String describe() {
        if (status == 0) {
            return errorClass + (detail.isEmpty() ? "" : ": " + detail);
        }
        return "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
    }
}
