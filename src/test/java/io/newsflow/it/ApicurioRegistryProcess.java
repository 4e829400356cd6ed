package io.newsflow.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry server (the {@code apicurio-registry-app} Quarkus build that Maven unpacks into
 * {@code target/apicurio-registry} before the integration tests) in a child JVM, on a free port, with in-memory H2
 * storage. {@link #close()} destroys the process. Not thread-safe; one per test class.
 */
final class ApicurioRegistryProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryProcess.class);
    private static final String JAR_PROPERTY = "apicurio.registry.jar";
    private static final String DEFAULT_JAR = "target/apicurio-registry/apicurio-registry-app-3.0.9-runner.jar";

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ApicurioRegistryProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server and waits until {@code /health/ready} answers 200. */
    static ApicurioRegistryProcess start(Duration timeout) throws IOException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, DEFAULT_JAR)).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio Registry not unpacked at " + jar
                    + "; run through `mvn verify` (maven-dependency-plugin unpacks it in pre-integration-test)");
        }
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("apicurio-registry-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=h2",
                "-jar", jar.toString());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(jar.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port, log);
        try {
            await("Apicurio Registry ready on port " + port).atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(registry::ready);
        } catch (RuntimeException e) {
            registry.close();
            throw new IllegalStateException("Apicurio Registry did not become ready; log: " + log, e);
        }
        LOG.info("Apicurio Registry ready at {} in {} ms (log {})", registry.baseUrl(),
                (System.nanoTime() - started) / 1_000_000, log);
        return registry;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; log: " + log);
        }
        try {
            return get("/health/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** GET of a path under the base URL. */
    HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
