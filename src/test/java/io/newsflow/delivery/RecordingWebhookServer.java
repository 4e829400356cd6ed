package io.newsflow.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver for tests on the JDK's HTTP server: records every request (arrival order, headers, raw body)
 * and answers as a {@link Behaviour} says, by idempotency key and the number of requests seen for that key.
 * Thread-safe.
 */
public final class RecordingWebhookServer implements AutoCloseable {

    /**
     * One received request.
     *
     * @param key value of Idempotency-Key
     * @param nth 1 for the first request with this key, 2 for the second, …
     * @param headers first value of each header, names in lower case
     * @param body raw body bytes
     * @param answered status sent back, or 0 when the server hung and the client was not expected to wait for it
     * @param arrivedNanos {@link System#nanoTime()} at arrival
     */
    public record Request(String key, int nth, Map<String, String> headers, byte[] body, int answered,
                          long arrivedNanos) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean acknowledged() {
            return answered >= 200 && answered <= 299;
        }
    }

    /**
     * An answer: a status with headers and body, or a hang (no answer until the server closes or maxHang passes).
     */
    public record Reply(int status, Map<String, String> headers, String body, Duration hang) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, Duration.ZERO);
        }

        public static Reply retryAfter(int status, String retryAfter) {
            return new Reply(status, Map.of("Retry-After", retryAfter), "slow down", Duration.ZERO);
        }

        /** Holds the request open for up to {@code maxHang} (or until close), then answers 200 to nobody. */
        public static Reply hang(Duration maxHang) {
            return new Reply(200, Map.of(), "", maxHang);
        }
    }

    /** Chooses the reply for the {@code nth} request with idempotency key {@code key}. */
    @FunctionalInterface
    public interface Behaviour {
        Reply reply(String key, int nth);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Behaviour behaviour;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private RecordingWebhookServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static RecordingWebhookServer start(Behaviour behaviour) throws IOException {
        return new RecordingWebhookServer(behaviour);
    }

    /** Answers 200 to everything. */
    public static RecordingWebhookServer accepting() throws IOException {
        return start((key, nth) -> Reply.status(200));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests received with this idempotency key. */
    public long requestsFor(String key) {
        return requests.stream().filter(r -> key.equals(r.key())).count();
    }

    /** Requests with this key that got a 2xx answer. */
    public long acknowledged(String key) {
        return requests.stream().filter(r -> key.equals(r.key()) && r.acknowledged()).count();
    }

    /** Idempotency keys in the order of their first request. */
    public List<String> firstArrivalOrder() {
        List<String> order = new ArrayList<>();
        for (Request r : requests) {
            if (!order.contains(r.key())) {
                order.add(r.key());
            }
        }
        return order;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrived = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
            String key = headers.getOrDefault("idempotency-key", "");
            int nth = counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Reply reply = behaviour.reply(key, nth);
            boolean hangs = !reply.hang().isZero();
            requests.add(new Request(key, nth, Map.copyOf(headers), body, hangs ? 0 : reply.status(), arrived));
            if (hangs) {
                try {
                    release.await(reply.hang().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(out);
                    }
                }
            } catch (IOException clientGone) {
                // the client timed out and closed the connection: nothing to answer
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
