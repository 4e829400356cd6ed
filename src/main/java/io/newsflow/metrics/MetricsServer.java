package io.newsflow.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} (and {@code /health}) alone on a small HTTP server, for processes without the HTTP API: the
 * fast alert tier in its own process ({@code run --role FAST_ALERTS}) and {@code alerts deliver}. Thread-safe.
 */
public final class MetricsServer implements AutoCloseable {

    /** Content type of the Prometheus text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Serves on an already bound server (port known), starting it. */
    public static MetricsServer start(HttpServer server) {
        server.createContext("/metrics", MetricsServer::metrics);
        server.createContext("/health", ex -> respond(ex, 200, "text/plain; charset=utf-8", "UP\n"));
        server.createContext("/", ex -> respond(ex, 404, "text/plain; charset=utf-8", "only /metrics and /health\n"));
        server.start();
        return new MetricsServer(server);
    }

    /** Binds {@code host:port} (0 = any free port) and serves. */
    public static MetricsServer start(String host, int port) throws IOException {
        return start(HttpServer.create(new InetSocketAddress(host, port), 16));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Writes the scrape to {@code ex}; used by the HTTP API's {@code /metrics} route too. */
    public static void metrics(HttpExchange ex) throws IOException {
        respond(ex, 200, CONTENT_TYPE, NewsflowMetrics.scrape());
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
