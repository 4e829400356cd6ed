package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bin/newsflow} launcher, run through {@code sh} as a user would: with the real JVM and the packaged jar
 * ({@code --version}), and with a stand-in {@code java} that prints its arguments, to check the options it passes
 * and where it finds the jar. Runs after {@code package} (Failsafe), since it needs {@code target/newsflow.jar}.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/newsflow").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void runsTheCliWithTheJitFlagAndWithoutTheWarning() throws Exception {
        Run run = run(List.of("sh", LAUNCHER.toString(), "--version"), Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("newsflow " + Version.current());
        assertThat(run.output()).doesNotContain("DontCompileHugeMethods");
    }

    @Test
    void plainJavaJarStillWorksAndWarns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run run = run(List.of(java, "-XX:+DontCompileHugeMethods", "-jar",
                Path.of("target/newsflow.jar").toAbsolutePath().toString(), "--version"), Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("newsflow " + Version.current())
                .contains("started without -XX:-DontCompileHugeMethods").contains("bin/newsflow");
    }

    @Test
    void passesHeapJvmAndJavaOptionsThenTheJarAndEveryArgument() throws Exception {
        Path dist = distribution(true);
        Run run = run(List.of("sh", dist.resolve("bin/newsflow").toString(), "run", "--stages", "a b"),
                Map.of("JAVA_HOME", fakeJavaHome().toString(),
                        "NEWSFLOW_HEAP_OPTS", "-Xmx1g",
                        "NEWSFLOW_JVM_OPTS", "-Done=1 -Dtwo=2",
                        "JAVA_OPTS", "-Dthree=3"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output().lines().toList()).containsExactly("-Xmx1g", "-XX:-DontCompileHugeMethods",
                "-Done=1", "-Dtwo=2", "-Dthree=3", "-jar", dist.resolve("newsflow.jar").toRealPath().toString(),
                "run", "--stages", "a b");
    }

    @Test
    void findsTheJarThroughASymbolicLinkAndHonoursNewsflowJar() throws Exception {
        Path dist = distribution(true);
        Path links = Files.createDirectories(tmp.resolve("usr-local-bin"));
        Path link = Files.createSymbolicLink(links.resolve("newsflow"), dist.resolve("bin/newsflow"));
        Map<String, String> env = Map.of("JAVA_HOME", fakeJavaHome().toString());
        Run viaLink = run(List.of("sh", link.toString(), "tail"), env);
        assertThat(viaLink.exit()).as(viaLink.output()).isZero();
        assertThat(viaLink.output().lines().toList())
                .containsExactly("-XX:-DontCompileHugeMethods", "-jar",
                        dist.resolve("newsflow.jar").toRealPath().toString(), "tail");

        Path other = Files.writeString(tmp.resolve("other.jar"), "");
        Run explicit = run(List.of("sh", link.toString()), Map.of("JAVA_HOME", fakeJavaHome().toString(),
                "NEWSFLOW_JAR", other.toString()));
        assertThat(explicit.output().lines().toList()).contains(other.toString());
    }

    @Test
    void saysHowToBuildWhenTheJarIsMissing() throws Exception {
        Path dist = distribution(false);
        Run run = run(List.of("sh", dist.resolve("bin/newsflow").toString(), "demo"),
                Map.of("JAVA_HOME", fakeJavaHome().toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("newsflow.jar not found").contains("mvn -q package -DskipTests");
    }

    /** A distribution layout: dist/bin/newsflow (a copy of the launcher) beside dist/newsflow.jar (empty). */
    private Path distribution(boolean withJar) throws IOException {
        Path dist = Files.createDirectories(tmp.resolve(withJar ? "dist" : "dist-without-jar"));
        Files.createDirectories(dist.resolve("bin"));
        Files.copy(LAUNCHER, dist.resolve("bin/newsflow"));
        if (withJar) {
            Files.writeString(dist.resolve("newsflow.jar"), "");
        }
        return dist;
    }

    /** A JAVA_HOME whose bin/java prints each argument on its own line. */
    private Path fakeJavaHome() throws IOException {
        Path home = tmp.resolve("fake-jdk");
        Path java = home.resolve("bin/java");
        if (!Files.exists(java)) {
            Files.createDirectories(java.getParent());
            Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        for (String name : List.of("NEWSFLOW_JAR", "NEWSFLOW_HEAP_OPTS", "NEWSFLOW_JVM_OPTS", "JAVA_OPTS",
                "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process process = pb.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String output) {
    }
}
