package io.newsflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The offline code (knowledge-base builders, trainers, evaluators) lives in {@code io.newsflow.tools}; only the
 * command line ({@code cli}) and the benchmarks ({@code bench}) may use it. Every other package is runtime code and
 * must not depend on it, neither by import nor by a fully qualified name.
 */
class RuntimeIndependenceTest {

    private static final Path SOURCES = Path.of("src/main/java/io/newsflow");
    private static final Path CLASSES = Path.of("target/classes/io/newsflow");
    /** Packages directly under io.newsflow that may use the tools. */
    private static final Set<String> ALLOWED = Set.of("tools", "cli", "bench");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final String TOOLS_NAME = "io.newsflow.tools";

    @Test
    void runtimeSourcesDoNotReferenceTools() throws IOException {
        List<Path> runtime = runtimeFiles(SOURCES, ".java");
        assertThat(runtime).as("runtime sources under %s", SOURCES).isNotEmpty();
        List<String> offenders = runtime.stream()
                .filter(f -> COMMENTS.matcher(read(f)).replaceAll(" ").contains(TOOLS_NAME))
                .map(f -> SOURCES.relativize(f).toString())
                .toList();
        assertThat(offenders).as("runtime sources that use %s", TOOLS_NAME).isEmpty();
    }

    @Test
    void compiledRuntimeClassesDoNotReferenceTools() throws IOException {
        List<Path> runtime = runtimeFiles(CLASSES, ".class");
        assertThat(runtime).as("compiled runtime classes under %s", CLASSES).isNotEmpty();
        // class names in a class file's constant pool are stored as UTF-8 internal names (io/newsflow/tools/...)
        String internal = TOOLS_NAME.replace('.', '/') + "/";
        List<String> offenders = runtime.stream()
                .filter(f -> new String(readBytes(f), StandardCharsets.ISO_8859_1).contains(internal))
                .map(f -> CLASSES.relativize(f).toString())
                .toList();
        assertThat(offenders).as("runtime classes that reference %s", TOOLS_NAME).isEmpty();
    }

    @Test
    void scanWouldCatchAnImport() {
        String source = "package io.newsflow.enrich;\n/* io.newsflow.tools in a comment is fine */\n"
                + "import io.newsflow.tools.kb.KbBuilder;\nclass X {}\n";
        assertThat(COMMENTS.matcher(source).replaceAll(" ")).contains(TOOLS_NAME);
        assertThat(COMMENTS.matcher("// see io.newsflow.tools.kb\nclass X {}").replaceAll(" "))
                .doesNotContain(TOOLS_NAME);
    }

    private static List<Path> runtimeFiles(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .filter(f -> {
                        Path rel = root.relativize(f);
                        return rel.getNameCount() == 1 || !ALLOWED.contains(rel.getName(0).toString());
                    })
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
