package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.broker.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsflow run} as a separate process: starts, creates its topics, and shuts down cleanly on SIGTERM. */
class RunCommandIT {

    @TempDir
    Path tmp;

    @Test
    void runStopsGracefullyOnSigterm() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            Path log = tmp.resolve("run.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xmx1g",
                    "-cp", System.getProperty("java.class.path"), "io.newsflow.cli.NewsflowCli", "run",
                    "--bootstrap-servers", broker.bootstrapServers(), "--application-id", "sigterm-it",
                    "--state-dir", tmp.resolve("state").toString(), "--http-port", "0"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("live page: http://"));
                Matcher port = Pattern.compile("live page: http://localhost:(\\d+)/").matcher(Files.readString(log));
                assertThat(port.find()).isTrue();
                HttpClient http = HttpClient.newHttpClient();
                URI ready = URI.create("http://localhost:" + port.group(1) + "/ready");
                await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                assertThat(http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString())
                        .body()).contains("\"pipeline\":\"RUNNING\"", "\"fastAlerts\":\"RUNNING\"");
                process.destroy();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
                String output = Files.readString(log);
                assertThat(output).contains("pipeline state PENDING_SHUTDOWN -> NOT_RUNNING", "pipeline closed")
                        .doesNotContain("(timed out)");
                assertThat(process.exitValue()).as("JVM exit status after SIGTERM").isIn(0, 143);
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
