package io.newsflow.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless Debian Chromium driven over W3C WebDriver (plain HTTP + JSON) by a private {@code chromedriver} child
 * process, for integration tests. Each instance has its own chromedriver on a free loopback port, one session and a
 * fresh profile directory; {@link #close()} ends the session, destroys chromedriver and every Chromium process under
 * it, and deletes the profile.
 *
 * <p>Element arguments are CSS selectors; a selector that matches nothing makes {@link #text}/{@link #click} throw
 * {@link BrowserException}. Tests should gate on {@link #assumeAvailable()}.
 *
 * <p>Not thread-safe: use an instance from one thread at a time. {@link #close()} is idempotent.
 */
public final class HeadlessChrome implements AutoCloseable {

    /** Debian's Chromium launcher (package {@code chromium}). */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Debian's ChromeDriver (package {@code chromium-driver}). */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** When {@code true}, a missing browser fails the tests instead of skipping them (set by CI). */
    public static final String REQUIRE_BROWSER_ENV = "NEWSFLOW_REQUIRE_BROWSER";

    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChrome.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** W3C web element identifier key. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Duration DRIVER_START = Duration.ofSeconds(30);
    private static final Duration COMMAND = Duration.ofSeconds(90);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int OUTPUT_LINES_KEPT = 60;

    private final Path workDir;
    private final Path profileDir;
    private final Process driver;
    private final Deque<String> driverOutput;
    private final URI driverUri;
    private final HttpClient http;
    private final String sessionId;
    private final List<String> consoleErrors = new ArrayList<>();
    private boolean closed;

    private HeadlessChrome(Path workDir, Process driver, Deque<String> driverOutput, URI driverUri, HttpClient http) {
        this.workDir = workDir;
        this.profileDir = workDir.resolve("profile");
        this.driver = driver;
        this.driverOutput = driverOutput;
        this.driverUri = driverUri;
        this.http = http;
        this.sessionId = newSession();
    }

    /** Whether both {@link #CHROMIUM} and {@link #CHROMEDRIVER} exist and are executable. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Whether the environment demands the browser tests run ({@value #REQUIRE_BROWSER_ENV}{@code =true}). */
    public static boolean required() {
        return "true".equalsIgnoreCase(String.valueOf(System.getenv(REQUIRE_BROWSER_ENV)).trim());
    }

    /**
     * Gate for browser tests: returns when the browser is {@link #available()}; otherwise aborts the test (JUnit
     * skip), or fails it when {@link #required()}.
     */
    public static void assumeAvailable() {
        boolean available = available();
        boolean required = required();
        LOG.info("Headless Chromium available={} required={}", available, required);
        assumeAvailable(available, required);
    }

    static void assumeAvailable(boolean available, boolean required) {
        if (available) {
            return;
        }
        String why = "headless Chromium not available: need executable " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if (required) {
            Assertions.fail(why + "; failing because " + REQUIRE_BROWSER_ENV + "=true");
        }
        Assumptions.assumeTrue(false, why);
    }

    /**
     * Starts chromedriver and opens a session on {@code about:blank}.
     *
     * @throws BrowserException when chromedriver or Chromium do not come up; nothing is left running then
     */
    public static HeadlessChrome start() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("newsflow-chrome-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Process driver = null;
        int port = -1;
        Deque<String> output = new ArrayDeque<>();
        for (int attempt = 1; driver == null; attempt++) {
            Process candidate = null;
            try {
                port = freePort();
                candidate = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                        .redirectErrorStream(true)
                        .start();
                output = new ArrayDeque<>();
                awaitStarted(candidate, output);
                driver = candidate;
            } catch (IOException | BrowserException e) {
                // the free port may have been taken between probe and bind: retry on another
                LOG.warn("chromedriver start attempt {} of {} failed: {}", attempt, START_ATTEMPTS, e.getMessage());
                if (candidate != null) {
                    destroyTree(List.of(candidate.toHandle()), candidate.toHandle());
                }
                if (attempt == START_ATTEMPTS) {
                    deleteRecursively(workDir);
                    throw e instanceof BrowserException b ? b
                            : new BrowserException("cannot start " + CHROMEDRIVER + ": " + e, e);
                }
            }
        }
        try {
            HeadlessChrome chrome = new HeadlessChrome(workDir, driver, output,
                    URI.create("http://127.0.0.1:" + port), http);
            LOG.info("Headless Chromium session {} via chromedriver pid {} on port {}", chrome.sessionId,
                    driver.pid(), port);
            return chrome;
        } catch (RuntimeException e) {
            destroyTree(List.of(driver.toHandle()), driver.toHandle());
            deleteRecursively(workDir);
            throw e;
        }
    }

    /** Navigates to {@code uri} and waits for the page load (W3C "normal" strategy). */
    public void open(URI uri) {
        ObjectNode body = JSON.createObjectNode().put("url", uri.toString());
        command("POST", "/url", body);
    }

    /**
     * Runs {@code js} as a function body ({@code arguments[i]} are {@code args}, serialized by Jackson) and returns
     * its {@code return} value as JSON; {@code undefined}/{@code null} come back as a JSON null node.
     */
    public JsonNode executeScript(String js, Object... args) {
        ArrayNode arguments = JSON.createArrayNode();
        for (Object arg : args) {
            arguments.add(JSON.valueToTree(arg));
        }
        ObjectNode body = JSON.createObjectNode().put("script", js);
        body.set("args", arguments);
        return command("POST", "/execute/sync", body);
    }

    /** {@link #executeScript} with the result converted by Jackson to {@code type} (e.g. String, Long, Map). */
    public <T> T executeScriptAs(Class<T> type, String js, Object... args) {
        JsonNode result = executeScript(js, args);
        return result.isNull() ? null : JSON.convertValue(result, type);
    }

    /** The rendered text (WebDriver "visible text") of the first element matching {@code cssSelector}. */
    public String text(String cssSelector) {
        return command("GET", "/element/" + find(cssSelector) + "/text", null).asText();
    }

    /** How many elements currently match {@code cssSelector}. */
    public int count(String cssSelector) {
        return command("POST", "/elements", locator(cssSelector)).size();
    }

    /** Clicks (WebDriver element click: scroll into view, real pointer events) the first match. */
    public void click(String cssSelector) {
        command("POST", "/element/" + find(cssSelector) + "/click", JSON.createObjectNode());
    }

    /** Writes a PNG of the viewport to {@code png}, creating parent directories; returns {@code png}. */
    public Path screenshot(Path png) {
        byte[] image = Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(png, image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png;
    }

    /**
     * Every SEVERE browser log entry so far (console.error, uncaught exceptions, failed loads), oldest first, as
     * Chromium formats it ({@code url line:col message}). Read via chromedriver's {@code /se/log}, which drains its
     * buffer, so entries are kept here across calls.
     */
    public List<String> consoleErrors() {
        ObjectNode body = JSON.createObjectNode().put("type", "browser");
        for (JsonNode entry : command("POST", "/se/log", body)) {
            if ("SEVERE".equals(entry.path("level").asText())) {
                consoleErrors.add(entry.path("message").asText());
            }
        }
        return List.copyOf(consoleErrors);
    }

    /** The fresh Chromium profile ({@code --user-data-dir}); deleted by {@link #close()}. */
    public Path profileDir() {
        return profileDir;
    }

    /** The chromedriver child process; Chromium runs beneath it. */
    public ProcessHandle driverProcess() {
        return driver.toHandle();
    }

    /** Ends the session, destroys chromedriver and all its descendants, deletes the profile. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(driver.toHandle());
        driver.toHandle().descendants().forEach(tree::add);
        try {
            send("DELETE", sessionPath(""), null, Duration.ofSeconds(15));
        } catch (BrowserException e) {
            LOG.warn("Deleting WebDriver session {} failed: {}", sessionId, e.getMessage());
        }
        driver.toHandle().descendants().forEach(tree::add);
        destroyTree(tree, driver.toHandle());
        deleteRecursively(workDir);
        LOG.info("Headless Chromium session {} closed in {} ms", sessionId,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private String newSession() {
        ArrayNode args = JSON.createArrayNode()
                .add("--headless=new")
                .add("--no-sandbox")
                .add("--disable-gpu")
                .add("--disable-dev-shm-usage")
                .add("--disable-quic")
                .add("--no-first-run")
                .add("--disable-background-networking")
                .add("--disable-component-update")
                .add("--disable-sync")
                .add("--user-data-dir=" + profileDir)
                .add("--window-size=1280,900");
        ObjectNode chromeOptions = JSON.createObjectNode().put("binary", CHROMIUM.toString());
        chromeOptions.set("args", args);
        ObjectNode alwaysMatch = JSON.createObjectNode()
                .put("browserName", "chrome")
                .put("pageLoadStrategy", "normal");
        alwaysMatch.set("goog:chromeOptions", chromeOptions);
        alwaysMatch.set("goog:loggingPrefs", JSON.createObjectNode().put("browser", "SEVERE"));
        alwaysMatch.set("timeouts", JSON.createObjectNode()
                .put("implicit", 0)
                .put("pageLoad", 60_000)
                .put("script", 30_000));
        ObjectNode body = JSON.createObjectNode();
        body.putObject("capabilities").set("alwaysMatch", alwaysMatch);
        JsonNode value = send("POST", "/session", body, COMMAND);
        String id = value.path("sessionId").asText("");
        if (id.isEmpty()) {
            throw new BrowserException("no sessionId in " + value + diagnostics(), null);
        }
        return id;
    }

    private String find(String cssSelector) {
        return command("POST", "/element", locator(cssSelector)).path(ELEMENT).asText();
    }

    private static ObjectNode locator(String cssSelector) {
        return JSON.createObjectNode().put("using", "css selector").put("value", cssSelector);
    }

    private JsonNode command(String method, String path, JsonNode body) {
        if (closed) {
            throw new IllegalStateException("HeadlessChrome is closed");
        }
        return send(method, sessionPath(path), body, COMMAND);
    }

    private String sessionPath(String path) {
        return "/session/" + sessionId + path;
    }

    /** One WebDriver request; returns the response's {@code value}, or throws with the W3C error. */
    private JsonNode send(String method, String path, JsonNode body, Duration timeout) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(driverUri.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, publisher)
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BrowserException(method + " " + path + ": " + e + diagnostics(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrowserException(method + " " + path + " interrupted", e);
        }
        JsonNode value;
        try {
            value = JSON.readTree(response.body()).path("value");
        } catch (IOException e) {
            throw new BrowserException(method + " " + path + ": HTTP " + response.statusCode() + ", not JSON: "
                    + response.body(), e);
        }
        if (response.statusCode() != 200) {
            throw new BrowserException(method + " " + path + ": HTTP " + response.statusCode() + " "
                    + value.path("error").asText() + ": " + value.path("message").asText(), null);
        }
        return value;
    }

    private String diagnostics() {
        synchronized (driverOutput) {
            return driverOutput.isEmpty() ? "" : "\nchromedriver output:\n" + String.join("\n", driverOutput);
        }
    }

    /**
     * Pumps the driver's merged stdout/stderr on a daemon thread (so it never blocks on a full pipe) and waits until
     * it reports a successful start; fails fast when it exits first.
     */
    private static void awaitStarted(Process driver, Deque<String> output) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    LOG.debug("chromedriver: {}", line);
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > OUTPUT_LINES_KEPT) {
                            output.removeFirst();
                        }
                    }
                    if (line.contains("started successfully")) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                LOG.debug("chromedriver output closed: {}", e.toString());
            }
            started.completeExceptionally(new IllegalStateException("chromedriver output ended"));
        }, "chromedriver-output-" + driver.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            started.get(DRIVER_START.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String lines;
            synchronized (output) {
                lines = String.join("\n", output);
            }
            throw new BrowserException("chromedriver did not start (alive=" + driver.isAlive() + "): "
                    + e.getMessage() + "\n" + lines, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrowserException("interrupted while starting chromedriver", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM to all of {@code tree}, then SIGKILL to whatever outlives {@link #EXIT_WAIT}. */
    private static void destroyTree(Iterable<ProcessHandle> tree, ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        tree.forEach(all::add);
        root.descendants().filter(p -> !all.contains(p)).forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        List<ProcessHandle> survivors = awaitExit(all);
        if (!survivors.isEmpty()) {
            LOG.warn("Killing {} browser process(es) that ignored SIGTERM", survivors.size());
            survivors.forEach(ProcessHandle::destroyForcibly);
            survivors = awaitExit(survivors);
            if (!survivors.isEmpty()) {
                LOG.warn("Browser processes still alive after SIGKILL: {}", survivors);
            }
        }
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes) {
        List<ProcessHandle> survivors = new ArrayList<>();
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (ProcessHandle p : processes) {
            long left = Math.max(1, deadline - System.nanoTime());
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                survivors.add(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                survivors.add(p);
            }
        }
        return survivors;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete browser profile {}: {}", dir, e.toString());
        }
    }

    /** A WebDriver command, chromedriver or Chromium failed; the message carries the W3C error or driver output. */
    public static final class BrowserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrowserException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
