package io.newsflow.delivery;

import io.newsflow.config.Version;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one alert to a webhook with one HTTP POST (no retries here; see {@link WebhookSender}). The body is the
 * alert's JSON; headers: {@code Content-Type: application/json}, {@code Idempotency-Key: <alertId>},
 * {@code User-Agent: newsflow/<version>}, {@code X-Newsflow-Attempt: <n>} and, when a secret is configured,
 * {@code X-Newsflow-Timestamp: <Unix seconds>} and {@code X-Newsflow-Signature: sha256=<hex HMAC-SHA256, keyed with
 * the secret, of the timestamp, a full stop and the body bytes>}; each attempt is signed afresh, and receivers check
 * the signature and that the timestamp is recent with {@link WebhookSignature#verify}, which stops replays. Redirects are not
 * followed. Transport failures (refused connection, connect or request timeout, reset) are reported as a result
 * with status 0, never thrown. Thread-safe: one instance may serve many threads.
 */
public final class WebhookClient {

    /** Header carrying the idempotency key (the alert id). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Header carrying the HMAC-SHA256 signature of the body. */
    public static final String SIGNATURE = "X-Newsflow-Signature";
    /** Header carrying the Unix time in seconds at which the request was signed. */
    public static final String TIMESTAMP = "X-Newsflow-Timestamp";
    /** Header carrying the attempt number, from 1. */
    public static final String ATTEMPT = "X-Newsflow-Attempt";

    private static final int MAX_DETAIL_CHARS = 300;
    private static final String HMAC = "HmacSHA256";

    private final URI url;
    private final byte[] secret;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final Clock clock;

    /**
     * @param url webhook address (http or https)
     * @param secret signing secret, or null for unsigned requests
     * @param connectTimeout limit for establishing the connection
     * @param requestTimeout limit for the whole exchange after the connection, until the response headers arrive
     */
    public WebhookClient(URI url, String secret, Duration connectTimeout, Duration requestTimeout) {
        this(url, secret, connectTimeout, requestTimeout, Clock.systemUTC());
    }

    /** As above, signing with the time of {@code clock}. */
    WebhookClient(URI url, String secret, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.url = Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook URL must be http or https: " + url);
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("webhook URL has no host: " + url);
        }
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The webhook address. */
    public URI url() {
        return url;
    }

    /** Whether {@code alertId} can travel in the Idempotency-Key header: non-empty printable ASCII. */
    public static boolean validKey(String alertId) {
        return alertId != null && !alertId.isBlank() && alertId.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** Whether requests carry {@value #SIGNATURE}. */
    public boolean signs() {
        return secret != null;
    }

    /**
     * POSTs {@code json} once.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for the response
     */
    public WebhookResult post(String alertId, String json, int attempt) throws InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, alertId)
                .header("User-Agent", "newsflow/" + Version.current())
                .header(ATTEMPT, Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            long timestamp = clock.instant().getEpochSecond();
            request.header(TIMESTAMP, Long.toString(timestamp));
            request.header(SIGNATURE, WebhookSignature.sign(secret, timestamp, body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String detail = response.body() == null ? "" : response.body().strip();
            return new WebhookResult(response.statusCode(),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null), ZonedDateTime.now()),
                    null, truncate(detail));
        } catch (HttpConnectTimeoutException e) {
            return WebhookResult.transportFailure(e.getClass().getName(), "connect timeout after " + describe(e));
        } catch (HttpTimeoutException e) {
            return WebhookResult.transportFailure(e.getClass().getName(), "no response within " + requestTimeout);
        } catch (IOException e) {
            return WebhookResult.transportFailure(e.getClass().getName(), truncate(describe(e)));
        }
    }

    /**
     * {@code url} for logs and output, without what may carry credentials: user info, query and fragment are
     * dropped, and the path is kept only up to the first segment that is not a plain word (letters, '-', '_' or '.',
     * at most 24 characters), since webhook tokens often travel in the path
     * ({@code https://hooks.example.org/services/T0/B0/secret} gives {@code https://hooks.example.org/services/…}).
     */
    public static String redacted(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String raw = url.getRawPath() == null ? "" : url.getRawPath();
        StringBuilder path = new StringBuilder();
        for (String segment : raw.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.length() > 24 || !segment.matches("[A-Za-z._-]+")) {
                path.append("/…");
                break;
            }
            path.append('/').append(segment);
        }
        if (raw.endsWith("/") && path.indexOf("…") < 0) {
            path.append('/');
        }
        return url.getScheme() + "://" + url.getHost() + port + path + (url.getRawQuery() == null ? "" : "?…");
    }

    /**
     * {@code sha256=} followed by the lower-case hex HMAC-SHA256 of {@code body} keyed with {@code secret} (the raw
     * primitive; requests sign the timestamp with the body, see {@link WebhookSignature}).
     */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Parses {@code Retry-After}: delay seconds or an HTTP date (RFC 9110); empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String value, ZonedDateTime now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DETAIL_CHARS ? s : s.substring(0, MAX_DETAIL_CHARS) + "…";
    }
}
