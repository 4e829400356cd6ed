package io.newsflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limit and the request-header timeout, against {@link HttpLimitsProbe} in its own JVM (limit 3
 * connections, 1 s to send the headers, 2 request threads).
 */
class HttpLimitsTest {

    private Process probe;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (probe != null) {
            probe.getOutputStream().close();
            if (!probe.waitFor(20, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
            }
        }
    }

    private int startProbe(int maxConnections) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        probe = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                HttpLimitsProbe.class.getName(), Integer.toString(maxConnections))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).strip());
            }
        }
        throw new IllegalStateException("probe exited without a port");
    }

    /** A connection that sends part of a request line and headers and then nothing. */
    private Socket halfSent(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        sockets.add(s);
        s.setSoTimeout(200);
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** True when the server has closed the connection (end of stream or reset), false while it is open. */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String health(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aClientThatNeverFinishesItsHeadersIsDisconnected() throws Exception {
        int port = startProbe(50);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(halfSent(port));
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> slow.stream().allMatch(HttpLimitsTest::closedByServer));
        assertThat(health(port)).startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"");
    }

    @Test
    void connectionsOverTheLimitAreRefusedAndServedAgainOnceTheSlowOnesAreGone() throws Exception {
        int port = startProbe(3);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slow.add(halfSent(port));
        }
        // a complete request on a fourth connection gets no answer: the server closes it on accept
        String refused;
        try {
            refused = health(port);
        } catch (IOException reset) {
            refused = "";
        }
        assertThat(refused).isEmpty();
        await().atMost(20, TimeUnit.SECONDS).until(() -> slow.stream().allMatch(HttpLimitsTest::closedByServer));
        assertThat(health(port)).startsWith("HTTP/1.1 200");
    }
}
