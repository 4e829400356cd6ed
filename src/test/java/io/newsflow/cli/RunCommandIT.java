package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.broker.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    "--state-dir", tmp.resolve("state").toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("newsflow running:"));
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
