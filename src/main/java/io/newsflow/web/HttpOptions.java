package io.newsflow.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API protects itself. Immutable.
 *
 * @param authToken bearer token required on every path except {@code /health} and {@code /ready}; null or blank
 *     means no authentication (bind to localhost then)
 * @param corsOrigin the one origin allowed to read the API from another web page ({@code Access-Control-Allow-Origin});
 *     null or blank sends no CORS header, so browsers keep other pages out
 * @param maxThreads threads that read requests and answer them (SSE streams have their own, see {@code maxStreams})
 * @param maxConnections open connections the server accepts; more are closed at once
 * @param maxStreams open SSE streams in all
 * @param maxStreamsPerAddress open SSE streams per client address
 * @param requestTimeout time a client has to send its request line and headers
 * @param idleTimeout time an idle keep-alive connection is kept open
 */
public record HttpOptions(String authToken, String corsOrigin, int maxThreads, int maxConnections, int maxStreams,
                          int maxStreamsPerAddress, Duration requestTimeout, Duration idleTimeout) {

    public static final int DEFAULT_MAX_THREADS = 16;
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final int DEFAULT_MAX_STREAMS = 256;
    public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = 16;
    public static final String DEFAULT_REQUEST_TIMEOUT = "PT10S";
    public static final String DEFAULT_IDLE_TIMEOUT = "PT30S";

    public HttpOptions {
        authToken = authToken == null || authToken.isBlank() ? null : authToken.strip();
        corsOrigin = corsOrigin == null || corsOrigin.isBlank() ? null : corsOrigin.strip();
        if (corsOrigin != null && corsOrigin.equals("*")) {
            throw new IllegalArgumentException("CORS origin '*' would let any web page read the API; name the origin");
        }
        if (maxThreads < 1 || maxConnections < 1 || maxStreams < 1 || maxStreamsPerAddress < 1) {
            throw new IllegalArgumentException("HTTP thread, connection and stream limits must be at least 1");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (requestTimeout.toSeconds() < 1 || idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("HTTP timeouts must be at least one second");
        }
    }

    /** No token, no CORS, the default limits. */
    public static HttpOptions defaults() {
        return new HttpOptions(null, null, DEFAULT_MAX_THREADS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_STREAMS,
                DEFAULT_MAX_STREAMS_PER_ADDRESS, Duration.parse(DEFAULT_REQUEST_TIMEOUT),
                Duration.parse(DEFAULT_IDLE_TIMEOUT));
    }

    /** The same limits with {@code token} required. */
    public HttpOptions withAuthToken(String token) {
        return new HttpOptions(token, corsOrigin, maxThreads, maxConnections, maxStreams, maxStreamsPerAddress,
                requestTimeout, idleTimeout);
    }

    /** The same settings with {@code origin} allowed by CORS. */
    public HttpOptions withCorsOrigin(String origin) {
        return new HttpOptions(authToken, origin, maxThreads, maxConnections, maxStreams, maxStreamsPerAddress,
                requestTimeout, idleTimeout);
    }

    /** The same settings with other stream limits. */
    public HttpOptions withStreamLimits(int total, int perAddress) {
        return new HttpOptions(authToken, corsOrigin, maxThreads, maxConnections, total, perAddress, requestTimeout,
                idleTimeout);
    }

    @Override
    public String toString() {
        // never print the token
        return "HttpOptions[auth=" + (authToken != null) + ", cors=" + corsOrigin + ", threads=" + maxThreads
                + ", connections=" + maxConnections + ", streams=" + maxStreams + "/" + maxStreamsPerAddress
                + " per address, request timeout=" + requestTimeout + ", idle timeout=" + idleTimeout + "]";
    }
}
