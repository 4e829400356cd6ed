package io.newsflow.tools.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.newsflow.cli.NewsflowCli;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.OfficeKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kb update} against a local HTTP server that serves a recorded SPARQL response (no network in tests). */
class KbUpdaterTest {

    private HttpServer server;
    private final AtomicReference<String> query = new AtomicReference<>();
    private final AtomicReference<String> accept = new AtomicReference<>();
    private volatile int status = 200;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        byte[] recorded = Files.readAllBytes(Path.of("src/test/resources/kb/sparql-heads.json"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sparql", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            query.set(URLDecoder.decode(raw, StandardCharsets.UTF_8));
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            byte[] body = status == 200 ? recorded : "overloaded".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sparql");
    }

    @Test
    void fetchesCurrentHoldersAndClosesTheTermsTheyEnd() throws Exception {
        List<KbUpdater.Holder> holders = new KbUpdater(endpoint()).fetch();
        assertThat(query.get()).contains("format=json", "wdt:P463 wd:Q1065", "p:P35", "p:P6");
        assertThat(accept.get()).isEqualTo("application/sparql-results+json");
        assertThat(holders).hasSize(4);

        KnowledgeBase before = KnowledgeBase.bundled();
        KnowledgeBase after = KbUpdater.apply(before, holders, LocalDate.parse("2026-11-26"));
        assertThat(after.dataDate()).isEqualTo("2026-11-26");
        LocalDate nov = LocalDate.parse("2026-11-01");
        assertThat(after.holders(OfficeKind.HEAD_OF_GOVERNMENT, "FR", nov)).extracting(KbPerson::name)
                .containsExactly("Camille Exemple");
        KbPerson lecornu = after.personsNamed("Sébastien Lecornu").get(0);
        assertThat(lecornu.offices()).anySatisfy(o -> {
            assertThat(o.jurisdiction()).isEqualTo("FR");
            assertThat(o.end()).isEqualTo(LocalDate.parse("2026-10-01"));
        });
        assertThat(after.holders(OfficeKind.HEAD_OF_GOVERNMENT, "FR", LocalDate.parse("2026-09-01")))
                .extracting(KbPerson::name).containsExactly("Sébastien Lecornu");
        assertThat(after.person("Q22686")).isEqualTo(before.person("Q22686"));
        assertThat(after.personsNamed("Karol Nawrocki")).singleElement()
                .satisfies(p -> assertThat(p.qid()).as("curated entry gains its QID").isEqualTo("Q987654321"));
        assertThat(after.persons()).hasSize(before.persons().size() + 1);
    }

    @Test
    void theCommandWritesAKnowledgeBaseThatInfoAndTheStagesCanLoad() {
        Path out = tmp.resolve("kb");
        StringWriter text = new StringWriter();
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        cli.setOut(new PrintWriter(text, true));
        assertThat(cli.execute("kb", "update", "--endpoint", endpoint().toString(), "--out", out.toString())).isZero();
        assertThat(text.toString()).contains("4 current heads of state and government");
        KnowledgeBase loaded = KnowledgeBase.load(out);
        assertThat(loaded.personsNamed("Camille Exemple")).hasSize(1);
        assertThat(cli.execute("kb", "info", "--kb-dir", out.toString())).isZero();
    }

    @Test
    void anEndpointErrorIsReportedClearly() {
        status = 503;
        assertThatThrownBy(() -> new KbUpdater(endpoint()).fetch()).isInstanceOf(IOException.class)
                .hasMessageContaining("answered 503").hasMessageContaining("overloaded");
    }
}
