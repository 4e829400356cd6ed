package io.newsflow.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link HeadlessChrome} against a static page with an EventSource, served by a JDK HTTP server: SSE events
 * reach the DOM one at a time, a click changes the DOM, scripts, console errors, screenshots and cleanup work.
 * Skipped where Chromium is absent, failed there when {@code NEWSFLOW_REQUIRE_BROWSER=true}.
 */
final class BrowserHarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>newsflow harness</title></head>
            <body>
              <h1>Live headlines</h1>
              <p id="status">connecting</p>
              <ol id="events"></ol>
              <button id="mark" type="button">Mark all read</button>
              <p id="marked">unread</p>
              <script>
                const list = document.getElementById('events');
                const source = new EventSource('/events');
                source.onopen = () => { document.getElementById('status').textContent = 'open'; };
                source.addEventListener('headline', e => {
                  const item = document.createElement('li');
                  item.textContent = JSON.parse(e.data).title;
                  list.appendChild(item);
                  if (list.children.length === 2) {
                    source.close();
                    document.getElementById('status').textContent = 'done';
                  }
                });
                document.getElementById('mark').addEventListener('click', () => {
                  list.querySelectorAll('li').forEach(li => li.classList.add('read'));
                  document.getElementById('marked').textContent = 'read ' + list.children.length;
                });
              </script>
            </body>
            </html>
            """;
    private static final String BROKEN_PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>broken</title></head>
            <body><script>console.error('harness console check'); null.boom();</script></body></html>
            """;

    private final AtomicInteger sseConnections = new AtomicInteger();
    private final CountDownLatch releaseSecond = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;
    private URI base;
    private HeadlessChrome chrome;

    @BeforeEach
    void start() throws IOException {
        // per test, not @BeforeAll: a class-level skip would leave no trace in the failsafe report
        HeadlessChrome.assumeAvailable();
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> respond(exchange, "/".equals(exchange.getRequestURI().getPath())
                ? PAGE : null));
        server.createContext("/broken", exchange -> respond(exchange, BROKEN_PAGE));
        server.createContext("/events", this::streamEvents);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        chrome = HeadlessChrome.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (chrome != null) {
            chrome.close();
        }
        if (server == null) {
            return;
        }
        finished.countDown();
        releaseSecond.countDown();
        server.stop(0);
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).as("server threads ended").isTrue();
    }

    @Test
    void sseEventsArriveOneAtATimeAndAClickUpdatesTheDom() throws IOException {
        chrome.open(base);

        await().atMost(WAIT).untilAsserted(() -> assertThat(chrome.count("#events li")).isEqualTo(1));
        assertThat(chrome.text("#events li:nth-child(1)")).isEqualTo("First headline");
        assertThat(chrome.text("#status")).isEqualTo("open");
        // the second event has not been written yet: the first one was streamed, not buffered until the end
        assertThat(chrome.count("#events li")).isEqualTo(1);

        releaseSecond.countDown();
        await().atMost(WAIT).untilAsserted(() -> assertThat(chrome.count("#events li")).isEqualTo(2));
        assertThat(chrome.text("#events li:nth-child(2)")).isEqualTo("Second headline");
        await().atMost(WAIT).untilAsserted(() -> assertThat(chrome.text("#status")).isEqualTo("done"));
        assertThat(sseConnections).as("one EventSource connection, no reconnects").hasValue(1);

        assertThat(chrome.count("#events li.read")).isZero();
        chrome.click("#mark");
        await().atMost(WAIT).untilAsserted(() -> assertThat(chrome.text("#marked")).isEqualTo("read 2"));
        assertThat(chrome.count("#events li.read")).isEqualTo(2);

        Path png = chrome.screenshot(Path.of("target", "browser-it", "live-headlines.png"));
        assertThat(png).isRegularFile();
        assertThat(Files.size(png)).isPositive();
        try (InputStream in = Files.newInputStream(png)) {
            assertThat(in.readNBytes(8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodable PNG").isNotNull();
        assertThat(image.getWidth()).as("--window-size=1280,900").isEqualTo(1280);
        assertThat(image.getHeight()).isPositive();

        assertThat(chrome.consoleErrors()).isEmpty();
    }

    @Test
    void scriptResultsComeBackAsJsonOrJavaValues() {
        chrome.open(base);

        JsonNode json = chrome.executeScript(
                "return {title: document.title, sum: arguments[0] + arguments[1], tags: arguments[2]};",
                40, 2, List.of("a", "b"));
        assertThat(json.path("title").asText()).isEqualTo("newsflow harness");
        assertThat(json.path("sum").asInt()).isEqualTo(42);
        assertThat(json.path("tags").toString()).isEqualTo("[\"a\",\"b\"]");

        assertThat(chrome.executeScriptAs(String.class, "return arguments[0].toUpperCase();", "newsflow"))
                .isEqualTo("NEWSFLOW");
        assertThat(chrome.executeScriptAs(Long.class, "return document.querySelectorAll('button').length;"))
                .isEqualTo(1L);
        assertThat(chrome.executeScriptAs(Boolean.class, "return document.readyState === 'complete';")).isTrue();
        assertThat(chrome.executeScript("return undefined;").isNull()).isTrue();
    }

    @Test
    void consoleErrorsAndUncaughtExceptionsAreCollected() {
        chrome.open(base.resolve("/broken"));

        // Chromium reports log entries asynchronously: poll; the harness keeps entries across reads
        await().atMost(WAIT).untilAsserted(() -> assertThat(chrome.consoleErrors())
                .anySatisfy(e -> assertThat(e).contains("harness console check"))
                .anySatisfy(e -> assertThat(e).contains("Uncaught TypeError")));
        List<String> errors = chrome.consoleErrors();
        assertThat(errors).allSatisfy(e -> assertThat(e).contains("/broken"));
        assertThat(chrome.consoleErrors()).startsWith(errors.toArray(new String[0]));
    }

    @Test
    void closeEndsEveryBrowserProcessAndDeletesTheProfile() {
        chrome.open(base);
        ProcessHandle driver = chrome.driverProcess();
        List<ProcessHandle> browser = driver.descendants().toList();
        Path profile = chrome.profileDir();
        assertThat(browser).as("Chromium runs under chromedriver").isNotEmpty();
        assertThat(profile).isDirectory();

        chrome.close();
        chrome.close();

        assertThat(driver.isAlive()).isFalse();
        assertThat(browser).noneMatch(ProcessHandle::isAlive);
        assertThat(profile.getParent()).doesNotExist();
    }

    private static void respond(HttpExchange exchange, String html) throws IOException {
        try (exchange) {
            if (html == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** First event at once, second when the test releases it; the stream stays open until the test ends. */
    private void streamEvents(HttpExchange exchange) throws IOException {
        sseConnections.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            writeEvent(out, "First headline");
            if (releaseSecond.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                writeEvent(out, "Second headline");
            }
            finished.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away first
        }
    }

    private static void writeEvent(OutputStream out, String title) throws IOException {
        String event = "event: headline\ndata: {\"title\":\"" + title + "\"}\n\n";
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
