package io.newsflow.cli;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.enrich.kb.KnowledgeBase;
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

    @Option(names = "--http-host", defaultValue = "0.0.0.0",
            description = "Interface the HTTP API binds to. Default: ${DEFAULT-VALUE}.")
    String httpHost;

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
