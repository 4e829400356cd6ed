package io.newsflow.cli;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.web.HttpOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the commands that serve alerts and the HTTP API ({@code run}, {@code demo}). */
final class ServeOptions {

    @Option(names = "--watchlist", paramLabel = "FILE",
            description = "Alert rules (YAML or JSON; see config/watchlist.example.yaml), re-read when the file changes. Default: the bundled rules, which watch every leader in the knowledge base.")
    Path watchlist;

    @Option(names = "--alerts", defaultValue = "true", negatable = true,
            description = "Run the alert tiers, the mentions topic and the query stores. Default: ${DEFAULT-VALUE}.")
    boolean alerts;

    @Option(names = "--role", defaultValue = "ALL",
            description = "Which parts this process runs: ALL, PIPELINE (enrichment, full alerts, HTTP) or FAST_ALERTS (the fast alert tier alone, e.g. in its own process for latency). Default: ${DEFAULT-VALUE}.")
    NewsflowApp.Role role;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the HTTP API, SSE streams and live page; 0 = any free port, -1 = no HTTP. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "Interface the HTTP API binds to; 0.0.0.0 for all (then set --http-auth-token). Default: ${DEFAULT-VALUE}.")
    String httpHost;

    @Option(names = "--http-auth-token", paramLabel = "TOKEN",
            description = "Bearer token required on every HTTP path but /health and /ready (the live page asks for it once and keeps it in an HttpOnly cookie). Prefer NEWSFLOW_HTTP_AUTH_TOKEN, which stays out of the process list. Default: none.")
    String httpAuthToken;

    @Option(names = "--http-cors-origin", paramLabel = "ORIGIN",
            description = "The one web origin (e.g. https://dash.example.org) allowed to read the API from its pages. Default: none.")
    String httpCorsOrigin;

    @Option(names = "--http-max-threads", defaultValue = "" + HttpOptions.DEFAULT_MAX_THREADS,
            description = "Threads answering HTTP requests (SSE streams have their own). Default: ${DEFAULT-VALUE}.")
    int httpMaxThreads;

    @Option(names = "--http-max-connections", defaultValue = "" + HttpOptions.DEFAULT_MAX_CONNECTIONS,
            description = "Open HTTP connections accepted. Default: ${DEFAULT-VALUE}.")
    int httpMaxConnections;

    @Option(names = "--http-max-streams", defaultValue = "" + HttpOptions.DEFAULT_MAX_STREAMS,
            description = "Open SSE streams in all. Default: ${DEFAULT-VALUE}.")
    int httpMaxStreams;

    @Option(names = "--http-max-streams-per-address", defaultValue = "" + HttpOptions.DEFAULT_MAX_STREAMS_PER_ADDRESS,
            description = "Open SSE streams per client address. Default: ${DEFAULT-VALUE}.")
    int httpMaxStreamsPerAddress;

    @Option(names = "--http-request-timeout", defaultValue = HttpOptions.DEFAULT_REQUEST_TIMEOUT,
            description = "Time a client has to send its request headers (ISO-8601, whole seconds). Default: ${DEFAULT-VALUE}.")
    Duration httpRequestTimeout;

    @Option(names = "--http-idle-timeout", defaultValue = HttpOptions.DEFAULT_IDLE_TIMEOUT,
            description = "Time an idle keep-alive connection stays open (ISO-8601, whole seconds). Default: ${DEFAULT-VALUE}.")
    Duration httpIdleTimeout;

    /** The HTTP API's protection settings. */
    HttpOptions httpOptions() {
        return new HttpOptions(httpAuthToken, httpCorsOrigin, httpMaxThreads, httpMaxConnections, httpMaxStreams,
                httpMaxStreamsPerAddress, httpRequestTimeout, httpIdleTimeout);
    }

    @Option(names = "--advertised-host", defaultValue = "localhost",
            description = "Host name other instances use to reach this one's HTTP API (Kafka Streams application.server). Default: ${DEFAULT-VALUE}.")
    String advertisedHost;

    /** Alerting settings, or null with {@code --no-alerts}. */
    Alerting alerting(KnowledgeBase kb) {
        if (!alerts) {
            return null;
        }
        WatchlistSource source = watchlist == null ? WatchlistSource.fixed(Watchlist.defaults(kb))
                : WatchlistSource.watching(watchlist, kb, Duration.ofSeconds(2), Clock.systemUTC());
        return Alerting.of(new AlertEvaluator(kb), source);
    }
}
