package io.newsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.config.KafkaClients;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.LeaderAlert;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's protections on a real server on a free port, without Kafka: the feeds are never started and the
 * state queries are absent (a query then fails inside the server, which must answer 500 with a JSON body).
 */
class HttpApiSecurityTest {

    private static final String TOKEN = "s3cret-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicBoolean ready = new AtomicBoolean(true);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private URI start(HttpOptions options) throws Exception {
        TopicFeed<LeaderAlert> alerts = new TopicFeed<>(KafkaClients.plain("127.0.0.1:9"), "t-alerts", b -> null, 10,
                null);
        TopicFeed<EnrichedArticle> articles = new TopicFeed<>(KafkaClients.plain("127.0.0.1:9"), "t-articles",
                b -> null, 10, null);
        open.add(alerts);
        open.add(articles);
        HttpServer server = HttpApi.bind("127.0.0.1", 0, options);
        HttpApi api = HttpApi.start(server, null, alerts, articles, null, new HttpApi.Health() {
            @Override
            public Map<String, String> states() {
                return Map.of("pipeline", ready.get() ? "RUNNING" : "REBALANCING");
            }

            @Override
            public boolean ready() {
                return ready.get();
            }
        }, options);
        open.add(0, api);
        return URI.create("http://127.0.0.1:" + api.port());
    }

    private HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        return body.get("error").asText();
    }

    @Test
    void withoutATokenEverythingIsOpenAndNoCorsHeaderIsSent() throws Exception {
        URI base = start(HttpOptions.defaults());
        HttpResponse<String> recent = get(base, "/api/alerts/recent");
        assertThat(recent.statusCode()).isEqualTo(200);
        assertThat(recent.body()).isEqualTo("[]");
        assertThat(recent.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> page = get(base, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(HttpApi.PAGE_POLICY);
    }

    @Test
    void theTokenGuardsEverythingButTheProbes() throws Exception {
        URI base = start(HttpOptions.defaults().withAuthToken(TOKEN));
        assertThat(get(base, "/health").statusCode()).isEqualTo(200);
        assertThat(get(base, "/ready").statusCode()).isEqualTo(200);
        for (String path : List.of("/api/alerts/recent", "/api/watchlist", "/api/articles/x", "/stream/alerts",
                "/stream/articles", "/static/app.js", "/api/instances", "/no-such-path")) {
            HttpResponse<String> r = get(base, path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(error(r)).as(path).contains("authentication required");
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"newsflow\"");
        }
        assertThat(get(base, "/api/alerts/recent", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get(base, "/api/alerts/recent", "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(get(base, "/api/alerts/recent", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(base, "/api/alerts/recent", "Cookie", HttpApi.TOKEN_COOKIE + "=" + TOKEN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theLivePageAsksForTheTokenOnceAndKeepsItInAnHttpOnlyCookie() throws Exception {
        URI base = start(HttpOptions.defaults().withAuthToken(TOKEN));
        HttpResponse<String> page = get(base, "/");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(HttpApi.PAGE_POLICY);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/login\">").doesNotContain(TOKEN);

        HttpResponse<String> wrong = client.send(login(base, "token=nope"), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).contains("Wrong token");

        HttpResponse<String> right = client.send(login(base, "token=" + TOKEN), HttpResponse.BodyHandlers.ofString());
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Location")).hasValue("/");
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(HttpApi.TOKEN_COOKIE + "=" + TOKEN + ";").contains("HttpOnly", "SameSite=Strict");

        String jar = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> shown = get(base, "/", "Cookie", jar);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("/static/app.js");
        HttpResponse<InputStream> sse = client.send(HttpRequest.newBuilder(base.resolve("/stream/alerts"))
                .header("Cookie", jar).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = sse.body()) {
            assertThat(sse.statusCode()).isEqualTo(200);
            assertThat(sse.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(new String(in.readNBytes(25), StandardCharsets.UTF_8)).isEqualTo("retry: 2000\n: connected\n\n");
        }
    }

    private static HttpRequest login(URI base, String form) {
        return HttpRequest.newBuilder(base.resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigin() throws Exception {
        URI base = start(HttpOptions.defaults().withCorsOrigin("https://dash.example.org"));
        HttpResponse<String> r = get(base, "/api/alerts/recent", "Origin", "https://evil.example.net");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://dash.example.org");
        HttpResponse<String> preflight = client.send(HttpRequest.newBuilder(base.resolve("/api/alerts/recent"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://dash.example.org")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Authorization");
    }

    @Test
    void everyErrorIsAJsonBody() throws Exception {
        URI base = start(HttpOptions.defaults());
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(base.resolve("/api/alerts/recent"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(error(put)).contains("PUT");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD");

        HttpResponse<String> bad = get(base, "/api/trending?window=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad)).isNotBlank();
        HttpResponse<String> badLimit = get(base, "/api/trending?limit=many");
        assertThat(badLimit.statusCode()).isEqualTo(400);

        HttpResponse<String> missing = get(base, "/api/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing)).contains("/api/nothing-here");

        HttpResponse<String> broken = get(base, "/api/articles/a1");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(error(broken)).startsWith("internal error").doesNotContain("at io.newsflow");

        ready.set(false);
        HttpResponse<String> notReady = get(base, "/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(notReady.body()).get("status").asText()).isEqualTo("NOT_READY");
    }

    @Test
    void streamsAreLimitedPerAddress() throws Exception {
        URI base = start(HttpOptions.defaults().withStreamLimits(10, 2));
        List<InputStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(base.resolve("/stream/articles"))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                streams.add(r.body());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body().readNBytes(12)).isEqualTo("retry: 2000\n".getBytes(StandardCharsets.UTF_8));
            }
            HttpResponse<String> third = get(base, "/stream/alerts");
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(error(third)).contains("too many open streams from 127.0.0.1");
            // ordinary requests still work while the streams are open
            assertThat(get(base, "/api/alerts/recent").statusCode()).isEqualTo(200);
        } finally {
            for (InputStream in : streams) {
                in.close();
            }
        }
    }
}
