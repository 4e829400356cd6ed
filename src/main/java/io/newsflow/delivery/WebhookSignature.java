package io.newsflow.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Signing and verifying webhook requests. The signed content is the decimal Unix timestamp in seconds (header
 * {@value WebhookClient#TIMESTAMP}), a full stop, and the exact body bytes; the signature header
 * {@value WebhookClient#SIGNATURE} is {@code sha256=} and the lower-case hex HMAC-SHA256 of that content keyed with
 * the shared secret. A receiver accepts a request only when the signature matches and the timestamp lies within a
 * tolerance of its own clock, so a captured request cannot be replayed later. Stateless and thread-safe.
 */
public final class WebhookSignature {

    /** Default tolerance between the signing time and the receiver's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** What {@link #verify} found. */
    public enum Result {
        VALID,
        /** A header is missing or malformed. */
        MALFORMED,
        /** The signature does not match the timestamp and body. */
        BAD_SIGNATURE,
        /** The signature matches, but the timestamp is further from now than the tolerance (a replay or a skewed clock). */
        OUTSIDE_TOLERANCE
    }

    private WebhookSignature() {
    }

    /** The {@value WebhookClient#SIGNATURE} header value for {@code body} signed at {@code timestamp}. */
    public static String sign(byte[] secret, long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return WebhookClient.signature(secret, content);
    }

    /**
     * Checks a received request.
     *
     * @param timestampHeader value of {@value WebhookClient#TIMESTAMP}, or null
     * @param signatureHeader value of {@value WebhookClient#SIGNATURE}, or null
     * @param body the raw body bytes as received
     * @param now the receiver's clock
     * @param tolerance largest accepted distance between the timestamp and {@code now}, either way
     */
    public static Result verify(byte[] secret, String timestampHeader, String signatureHeader, byte[] body,
                                Instant now, Duration tolerance) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        if (timestampHeader == null || signatureHeader == null || !timestampHeader.strip().matches("\\d{1,12}")
                || !signatureHeader.strip().startsWith("sha256=")) {
            return Result.MALFORMED;
        }
        long timestamp = Long.parseLong(timestampHeader.strip());
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.US_ASCII))) {
            return Result.BAD_SIGNATURE;
        }
        long skew = Math.abs(now.getEpochSecond() - timestamp);
        return skew > tolerance.toSeconds() ? Result.OUTSIDE_TOLERANCE : Result.VALID;
    }
}
