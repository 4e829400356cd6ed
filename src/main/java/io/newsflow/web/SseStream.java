package io.newsflow.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events connection: events are queued by the feed thread (never blocking it; a client that falls
 * more than {@code capacity} events behind is disconnected) and written by the connection's own thread, with a
 * comment heartbeat when idle. Thread-safe.
 */
final class SseStream {

    private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

    /** One event: its type, id and JSON data. */
    record Event(String type, String id, String json) {
    }

    private static final Event OVERFLOW = new Event("overflow", "", "");

    private final BlockingQueue<Event> queue;
    private final long heartbeatMs;

    SseStream(int capacity, long heartbeatMs) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.heartbeatMs = heartbeatMs;
    }

    /** Queues an event; called from the feed thread. */
    void offer(Event event) {
        if (!queue.offer(event)) {
            queue.clear();
            queue.offer(OVERFLOW);
        }
    }

    /** Writes events until the client goes away, the server stops, or the client falls too far behind. */
    void serve(HttpExchange exchange, Runnable onClose) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("retry: 2000\n: connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                Event e = queue.poll(heartbeatMs, TimeUnit.MILLISECONDS);
                if (e == null) {
                    out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                } else if (e == OVERFLOW) {
                    LOG.warn("SSE client {} fell behind; disconnecting it", exchange.getRemoteAddress());
                    return;
                } else {
                    out.write(("event: " + e.type() + "\nid: " + e.id() + "\ndata: " + e.json() + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("SSE client {} went away: {}", exchange.getRemoteAddress(), e.toString());
        } finally {
            onClose.run();
        }
    }
}
