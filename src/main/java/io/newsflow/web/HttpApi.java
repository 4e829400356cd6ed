package io.newsflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.alert.Rule;
import io.newsflow.alert.Watchlist;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.Entity;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.serde.AvroJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a running pipeline, on the JDK's HTTP server: health and readiness, REST queries over the
 * pipeline's state (routed across instances), Server-Sent Event streams of alerts and enriched articles, and the
 * live page. Thread-safe; one thread per open request or stream.
 *
 * <pre>
 * GET /health                      liveness
 * GET /ready                       200 when the pipeline and the fast tier are RUNNING, else 503
 * GET /api/articles/{id}           an enriched article by id
 * GET /api/articles/{id}/copies    the near-copies (duplicateOf = id) of an article, oldest first
 * GET /api/entities/{id}/articles  an entity and its latest articles
 * GET /api/entities/{id}/mentions  mention counts per bucket (?from=&amp;to= ISO instants; default the last 24 h)
 * GET /api/trending                most-mentioned entities (?window=PT1H&amp;limit=10&amp;leadersOnly=true)
 * GET /api/alerts/recent           recent alerts (?leader=&amp;rule=&amp;tier=)
 * GET /api/watchlist               the rules in force
 * GET /api/instances               the application's instances and their stores
 * GET /stream/alerts               SSE: alerts (?leader= id or name, &amp;rule=, &amp;tier=)
 * GET /stream/articles             SSE: enriched articles (?entity= id or name)
 * GET /                            the live page
 * </pre>
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> STATIC = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    /** Readiness of the parts behind the API. */
    public interface Health {
        /** Part name → state, e.g. {@code pipeline → RUNNING}. */
        Map<String, String> states();

        boolean ready();
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final StateQueries queries;
    private final TopicFeed<LeaderAlert> alerts;
    private final TopicFeed<EnrichedArticle> articles;
    private final Supplier<Watchlist> watchlist;
    private final Health health;
    private final int maxStreams;
    private final long heartbeatMs;
    private final AtomicInteger openStreams = new AtomicInteger();

    private HttpApi(HttpServer server, StateQueries queries, TopicFeed<LeaderAlert> alerts,
                    TopicFeed<EnrichedArticle> articles, Supplier<Watchlist> watchlist, Health health,
                    int maxStreams, Duration heartbeat) {
        this.server = server;
        this.queries = queries;
        this.alerts = alerts;
        this.articles = articles;
        this.watchlist = watchlist;
        this.health = health;
        this.maxStreams = maxStreams;
        this.heartbeatMs = heartbeat.toMillis();
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "newsflow-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds {@code host:port} (port 0 = any free port) without serving yet, so the port is known early. */
    public static HttpServer bind(String host, int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(host, port), 64);
    }

    /** Starts serving on a bound server. */
    public static HttpApi start(HttpServer server, StateQueries queries, TopicFeed<LeaderAlert> alerts,
                                TopicFeed<EnrichedArticle> articles, Supplier<Watchlist> watchlist, Health health) {
        HttpApi api = new HttpApi(server, queries, alerts, articles, watchlist, health, 256, Duration.ofSeconds(15));
        server.start();
        LOG.info("HTTP API on http://{}:{}/", server.getAddress().getHostString(), api.port());
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, error("only GET is supported"));
                return;
            }
            route(ex, ex.getRequestURI().getPath(), query(ex.getRequestURI()));
        } catch (StateQueries.Unavailable | InvalidStateStoreException e) {
            trySend(ex, 503, error(e.getMessage()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            trySend(ex, 400, error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("HTTP {} failed", ex.getRequestURI(), e);
            trySend(ex, 500, error(e.toString()));
        }
    }

    private void route(HttpExchange ex, String path, Map<String, String> q) throws IOException {
        boolean local = "true".equals(q.get("local"));
        String[] parts = path.split("/");
        if (path.equals("/") || path.equals("/index.html")) {
            resource(ex, "index.html");
        } else if (path.startsWith("/static/") && parts.length == 3) {
            resource(ex, parts[2]);
        } else if (path.equals("/health")) {
            send(ex, 200, NODES.objectNode().put("status", "UP"));
        } else if (path.equals("/ready")) {
            ObjectNode body = NODES.objectNode();
            health.states().forEach(body::put);
            boolean ready = health.ready();
            body.put("status", ready ? "READY" : "NOT_READY");
            send(ex, ready ? 200 : 503, body);
        } else if (parts.length == 5 && path.startsWith("/api/articles/") && parts[4].equals("copies")) {
            found(ex, queries.copies(decode(parts[3]), local), "no copies of " + parts[3]);
        } else if (parts.length == 4 && path.startsWith("/api/articles/")) {
            found(ex, queries.article(decode(parts[3]), local), "no article " + parts[3]);
        } else if (parts.length == 5 && path.startsWith("/api/entities/") && parts[4].equals("articles")) {
            found(ex, queries.entityArticles(decode(parts[3]), local), "no articles for entity " + parts[3]);
        } else if (parts.length == 5 && path.startsWith("/api/entities/") && parts[4].equals("mentions")) {
            Instant to = q.containsKey("to") ? Instant.parse(q.get("to")) : Instant.now();
            Instant from = q.containsKey("from") ? Instant.parse(q.get("from")) : to.minus(Duration.ofHours(24));
            found(ex, queries.mentions(decode(parts[3]), from, to, local), "no mentions for " + parts[3]);
        } else if (path.equals("/api/trending")) {
            Duration window = Duration.parse(q.getOrDefault("window", "PT1H"));
            boolean leadersOnly = !"false".equals(q.get("leadersOnly"));
            int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
            if (local && q.containsKey("at")) {
                send(ex, 200, queries.trendingLocal(Instant.parse(q.get("at")), window, leadersOnly));
            } else {
                send(ex, 200, queries.trending(window, limit, leadersOnly, local));
            }
        } else if (path.equals("/api/alerts/recent")) {
            ArrayNode out = NODES.arrayNode();
            alerts.recent(alertFilter(q)).forEach(a -> out.add(AvroJson.toTree(a)));
            send(ex, 200, out);
        } else if (path.equals("/api/watchlist")) {
            if (watchlist == null) {
                send(ex, 404, error("alerting is off"));
            } else {
                send(ex, 200, watchlistJson(watchlist.get()));
            }
        } else if (path.equals("/api/instances")) {
            send(ex, 200, queries.instances());
        } else if (path.equals("/stream/alerts")) {
            stream(ex, alerts, alertFilter(q), a -> new SseStream.Event("alert", a.getAlertId(), AvroJson.toJson(a)));
        } else if (path.equals("/stream/articles")) {
            stream(ex, articles, articleFilter(q), a -> new SseStream.Event("article", a.getId(), AvroJson.toJson(a)));
        } else {
            send(ex, 404, error("no such endpoint: " + path));
        }
    }

    private <T> void stream(HttpExchange ex, TopicFeed<T> feed, Predicate<T> filter,
                            java.util.function.Function<T, SseStream.Event> event) throws IOException {
        if (openStreams.incrementAndGet() > maxStreams) {
            openStreams.decrementAndGet();
            send(ex, 503, error("too many open streams"));
            return;
        }
        SseStream sse = new SseStream(1_000, heartbeatMs);
        Runnable unsubscribe = feed.subscribe(filter, item -> sse.offer(event.apply(item)));
        sse.serve(ex, () -> {
            unsubscribe.run();
            openStreams.decrementAndGet();
        });
    }

    static Predicate<LeaderAlert> alertFilter(Map<String, String> q) {
        String leader = lower(q.get("leader"));
        String rule = q.get("rule");
        String tier = q.get("tier");
        return a -> (leader == null || a.getLeaderId().toLowerCase(Locale.ROOT).equals(leader)
                || a.getLeaderName().toLowerCase(Locale.ROOT).contains(leader))
                && (rule == null || a.getRuleName().equals(rule))
                && (tier == null || a.getTier().name().equalsIgnoreCase(tier));
    }

    static Predicate<EnrichedArticle> articleFilter(Map<String, String> q) {
        String entity = lower(q.get("entity"));
        if (entity == null) {
            return a -> true;
        }
        return a -> {
            for (Entity e : a.getEntities()) {
                if (e.getId().toLowerCase(Locale.ROOT).equals(entity)
                        || e.getName().toLowerCase(Locale.ROOT).contains(entity)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static JsonNode watchlistJson(Watchlist w) {
        ObjectNode out = NODES.objectNode();
        out.put("source", w.source());
        ArrayNode rules = out.putArray("rules");
        for (Rule r : w.rules()) {
            ObjectNode n = rules.addObject();
            n.put("name", r.name());
            n.put("type", r.type().name());
            n.put("tier", r.tier().name());
            n.put("leaders", r.leaders().description());
            n.put("leaderCount", r.leaders().ids().size());
        }
        return out;
    }

    private void resource(HttpExchange ex, String name) throws IOException {
        String type = STATIC.get(name);
        try (InputStream in = type == null ? null : HttpApi.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                send(ex, 404, error("no such file: " + name));
                return;
            }
            byte[] bytes = in.readAllBytes();
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void found(HttpExchange ex, Optional<JsonNode> body, String missing) throws IOException {
        if (body.isPresent()) {
            send(ex, 200, body.get());
        } else {
            send(ex, 404, error(missing));
        }
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = AvroJson.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void trySend(HttpExchange ex, int status, JsonNode body) {
        try {
            send(ex, status, body);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send {} to the client: {}", status, e.toString());
        }
    }

    private static JsonNode error(String message) {
        return NODES.objectNode().put("error", message);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!v.isEmpty()) {
                q.put(k, v);
            }
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
