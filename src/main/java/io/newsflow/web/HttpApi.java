package io.newsflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.alert.Rule;
import io.newsflow.alert.Watchlist;
import io.newsflow.metrics.MetricsServer;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.Entity;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.serde.AvroJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a running pipeline, on the JDK's HTTP server: health and readiness, REST queries over the
 * pipeline's state (routed across instances), Server-Sent Event streams of alerts and enriched articles, and the
 * live page. Thread-safe.
 *
 * <pre>
 * GET /health                      liveness
 * GET /ready                       200 when the pipeline and the fast tier are RUNNING, else 503
 * GET /metrics                     Prometheus metrics (text format)
 * GET /api/articles/{id}           an enriched article by id
 * GET /api/articles/{id}/copies    the near-copies (duplicateOf = id) of an article, oldest first
 * GET /api/articles/{id}/story     the story the article is in (as /api/stories/{id}; storyId null while none)
 * GET /api/stories/{id}            a story: its articles, oldest first, at most 100
 * GET /api/entities/{id}/articles  an entity and its latest articles
 * GET /api/entities/{id}/mentions  mention counts per bucket (?from=&amp;to= ISO instants; default the last 24 h)
 * GET /api/trending                most-mentioned entities (?window=PT1H&amp;limit=10&amp;leadersOnly=true)
 * GET /api/alerts/recent           recent alerts (?leader=&amp;rule=&amp;tier=)
 * GET /api/watchlist               the rules in force
 * GET /api/instances               the application's instances and their stores
 * GET /stream/alerts               SSE: alerts (?leader= id or name, &amp;rule=, &amp;tier=)
 * GET /stream/articles             SSE: enriched articles (?entity= id or name)
 * GET /                            the live page
 * POST /login                      form field token: sets the token cookie for the page and its streams
 * </pre>
 *
 * <p>With an {@link HttpOptions#authToken() auth token} every path but {@code /health}, {@code /ready} and
 * {@code /login} needs it, as {@code Authorization: Bearer TOKEN} or as the {@value #TOKEN_COOKIE} cookie that
 * {@code POST /login} sets (HttpOnly, SameSite=Strict, so page scripts never see it and other sites cannot send it);
 * a browser asking for the page without it gets a login form. Every error is a JSON body {@code {"error": …}} sent
 * before the exchange closes; client errors are logged without stack traces. Requests are served by a fixed pool
 * of {@link HttpOptions#maxThreads()} threads, SSE streams by their own threads, at most
 * {@link HttpOptions#maxStreams()} in all and {@link HttpOptions#maxStreamsPerAddress()} per client address.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Name of the cookie that carries the token for the live page and its SSE streams. */
    public static final String TOKEN_COOKIE = "newsflow_token";
    /** Content-Security-Policy of the page: its own scripts, styles and connections only, nothing inline. */
    public static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
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
    private final ExecutorService streamExecutor;
    private final HttpOptions options;
    private final byte[] token;
    private final Map<InetAddress, Integer> streamsPerAddress = new ConcurrentHashMap<>();
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
                    HttpOptions options, Duration heartbeat) {
        this.server = server;
        this.options = options;
        this.token = options.authToken() == null ? null : options.authToken().getBytes(StandardCharsets.UTF_8);
        this.queries = queries;
        this.alerts = alerts;
        this.articles = articles;
        this.watchlist = watchlist;
        this.health = health;
        this.maxStreams = options.maxStreams();
        this.heartbeatMs = heartbeat.toMillis();
        AtomicInteger n = new AtomicInteger();
        // bounded: a request that cannot be queued is refused by the JDK server closing its connection
        this.executor = new ThreadPoolExecutor(options.maxThreads(), options.maxThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.maxConnections()), r -> {
                    Thread t = new Thread(r, "newsflow-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        AtomicInteger m = new AtomicInteger();
        // streams are counted before they are handed over, so this pool never exceeds maxStreams threads
        this.streamExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "newsflow-sse-" + m.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds {@code host:port} (port 0 = any free port) without serving yet, so the port is known early. */
    public static HttpServer bind(String host, int port) throws IOException {
        return bind(host, port, HttpOptions.defaults());
    }

    /**
     * Binds {@code host:port} with the connection limit and the request and idle timeouts of {@code options}. The
     * JDK's server reads these from system properties once per JVM, when the first server is created: they are set
     * here unless already given with {@code -D}, and the first server's values hold for every later one.
     */
    public static HttpServer bind(String host, int port, HttpOptions options) throws IOException {
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(options.maxConnections()));
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(options.requestTimeout().toSeconds()));
        setIfAbsent("sun.net.httpserver.idleInterval", Long.toString(options.idleTimeout().toSeconds()));
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES));
        return HttpServer.create(new InetSocketAddress(host, port), 64);
    }

    private static final int MAX_HEADER_BYTES = 32 * 1024;

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Starts serving on a bound server without authentication or CORS, with the default limits. */
    public static HttpApi start(HttpServer server, StateQueries queries, TopicFeed<LeaderAlert> alerts,
                                TopicFeed<EnrichedArticle> articles, Supplier<Watchlist> watchlist, Health health) {
        return start(server, queries, alerts, articles, watchlist, health, HttpOptions.defaults());
    }

    /** Starts serving on a bound server with {@code options} (token, CORS origin, limits). */
    public static HttpApi start(HttpServer server, StateQueries queries, TopicFeed<LeaderAlert> alerts,
                                TopicFeed<EnrichedArticle> articles, Supplier<Watchlist> watchlist, Health health,
                                HttpOptions options) {
        HttpApi api = new HttpApi(server, queries, alerts, articles, watchlist, health, options, Duration.ofSeconds(15));
        server.start();
        LOG.info("HTTP API on http://{}:{}/ ({})", server.getAddress().getHostString(), api.port(), options);
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) {
        boolean handedOver = false;
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        try {
            Headers headers = ex.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            if (options.corsOrigin() != null) {
                headers.set("Access-Control-Allow-Origin", options.corsOrigin());
                headers.set("Vary", "Origin");
            }
            if (method.equals("OPTIONS") && options.corsOrigin() != null) {
                headers.set("Access-Control-Allow-Methods", "GET, HEAD");
                headers.set("Access-Control-Allow-Headers", "Authorization");
                headers.set("Access-Control-Max-Age", "600");
                ex.sendResponseHeaders(204, -1);
            } else if (path.equals("/login")) {
                login(ex, method);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                send(ex, 405, error("method " + method + " is not allowed; use GET"));
            } else if (!open(path) && !authorized(ex)) {
                unauthorized(ex, path);
            } else {
                handedOver = route(ex, path, query(ex.getRequestURI()));
            }
        } catch (StateQueries.Unavailable | InvalidStateStoreException e) {
            LOG.debug("HTTP {} {}: unavailable: {}", method, path, e.getMessage());
            trySend(ex, 503, error(e.getMessage()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            LOG.debug("HTTP {} {}: bad request: {}", method, path, e.getMessage());
            trySend(ex, 400, error(e.getMessage()));
        } catch (IOException e) {
            LOG.debug("HTTP {} {}: client went away: {}", method, path, e.toString());
        } catch (RuntimeException e) {
            LOG.error("HTTP {} {} failed", method, path, e);
            trySend(ex, 500, error("internal error: " + e.getClass().getSimpleName()));
        } finally {
            if (!handedOver) {
                ex.close();
            }
        }
    }

    /** Paths served without the token: probes, and the login form's target. */
    private static boolean open(String path) {
        return path.equals("/health") || path.equals("/ready");
    }

    private boolean authorized(HttpExchange ex) {
        if (token == null) {
            return true;
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(header.substring(7).strip())) {
            return true;
        }
        for (String cookies : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : cookies.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(TOKEN_COOKIE + "=") && matches(c.substring(TOKEN_COOKIE.length() + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** 401: the login form for a browser asking for the page, else a JSON error. */
    private static void unauthorized(HttpExchange ex, String path) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"newsflow\"");
        if (path.equals("/") || path.equals("/index.html")) {
            page(ex, 401, LOGIN_PAGE.formatted(""));
        } else {
            send(ex, 401, error("authentication required: Authorization: Bearer <token>"));
        }
    }

    /** {@code POST /login} with form field {@code token}: sets the cookie and sends the browser to the page. */
    private void login(HttpExchange ex, String method) throws IOException {
        if (!method.equals("POST")) {
            ex.getResponseHeaders().set("Allow", "POST");
            send(ex, 405, error("method " + method + " is not allowed; use POST"));
            return;
        }
        if (token == null) {
            send(ex, 404, error("no authentication configured"));
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_LOGIN_BYTES + 1);
        }
        if (body.length > MAX_LOGIN_BYTES) {
            send(ex, 413, error("login form too large"));
            return;
        }
        String given = form(new String(body, StandardCharsets.US_ASCII)).getOrDefault("token", "");
        if (!matches(given)) {
            LOG.info("HTTP login with a wrong token from {}", ex.getRemoteAddress().getAddress().getHostAddress());
            page(ex, 401, LOGIN_PAGE.formatted("<p class=\"error\">Wrong token.</p>"));
            return;
        }
        // the token itself is the cookie: HttpOnly keeps it from page scripts, SameSite=Strict from other sites
        ex.getResponseHeaders().set("Set-Cookie", TOKEN_COOKIE + "=" + options.authToken()
                + "; Path=/; HttpOnly; SameSite=Strict");
        ex.getResponseHeaders().set("Location", "/");
        ex.sendResponseHeaders(303, -1);
    }

    private static final int MAX_LOGIN_BYTES = 4096;

    private static final String LOGIN_PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>newsflow live: sign in</title>
            <link rel="icon" href="data:,"></head>
            <body><main id="login"><h1>newsflow <span>live</span></h1>%s
            <form method="post" action="/login"><label>Access token <input id="token" name="token" type="password"
            autocomplete="current-password" required></label> <button id="sign-in" type="submit">Sign in</button></form>
            </main></body></html>
            """;

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return fields;
    }

    private static void page(HttpExchange ex, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        pageHeaders(ex, "text/html; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pageHeaders(HttpExchange ex, String type) {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        ex.getResponseHeaders().set("X-Frame-Options", "DENY");
    }

    /** Routes a GET; true when the exchange was handed over to a stream that closes it later. */
    private boolean route(HttpExchange ex, String path, Map<String, String> q) throws IOException {
        boolean local = "true".equals(q.get("local"));
        String[] parts = path.split("/");
        if (path.equals("/") || path.equals("/index.html")) {
            resource(ex, "index.html");
        } else if (path.startsWith("/static/") && parts.length == 3) {
            resource(ex, parts[2]);
        } else if (path.equals("/metrics")) {
            MetricsServer.metrics(ex);
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
        } else if (parts.length == 5 && path.startsWith("/api/articles/") && parts[4].equals("story")) {
            found(ex, queries.storyOfArticle(decode(parts[3]), local), "no story for article " + parts[3]);
        } else if (parts.length == 4 && path.startsWith("/api/stories/")) {
            found(ex, queries.story(decode(parts[3]), local), "no story " + parts[3]);
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
            return stream(ex, alerts, alertFilter(q),
                    a -> new SseStream.Event("alert", a.getAlertId(), AvroJson.toJson(a)));
        } else if (path.equals("/stream/articles")) {
            return stream(ex, articles, articleFilter(q),
                    a -> new SseStream.Event("article", a.getId(), AvroJson.toJson(a)));
        } else {
            send(ex, 404, error("no such endpoint: " + path));
        }
        return false;
    }

    /** Hands the exchange to a stream thread, or answers 503 when a stream limit is reached. */
    private <T> boolean stream(HttpExchange ex, TopicFeed<T> feed, Predicate<T> filter,
                               Function<T, SseStream.Event> event) throws IOException {
        InetAddress client = ex.getRemoteAddress().getAddress();
        if (openStreams.incrementAndGet() > maxStreams) {
            openStreams.decrementAndGet();
            send(ex, 503, error("too many open streams"));
            return false;
        }
        int fromClient = streamsPerAddress.merge(client, 1, Integer::sum);
        if (fromClient > options.maxStreamsPerAddress()) {
            release(client);
            send(ex, 503, error("too many open streams from " + client.getHostAddress()));
            return false;
        }
        SseStream sse = new SseStream(1_000, heartbeatMs);
        Runnable unsubscribe = feed.subscribe(filter, item -> sse.offer(event.apply(item)));
        Runnable onClose = () -> {
            unsubscribe.run();
            release(client);
        };
        try {
            streamExecutor.execute(() -> {
                try {
                    sse.serve(ex, onClose);
                } catch (IOException e) {
                    LOG.debug("SSE client {} went away: {}", client, e.toString());
                } finally {
                    ex.close();
                }
            });
        } catch (RejectedExecutionException e) {
            onClose.run();
            send(ex, 503, error("server stopping"));
            return false;
        }
        return true;
    }

    private void release(InetAddress client) {
        openStreams.decrementAndGet();
        streamsPerAddress.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
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
            pageHeaders(ex, type);
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
        ex.getResponseHeaders().set("Cache-Control", "no-store");
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
        streamExecutor.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
