package io.newsflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.delivery.RecordingWebhookServer.Reply;
import io.newsflow.delivery.RecordingWebhookServer.Request;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The retry loop against a real local HTTP server; waits are recorded instead of slept. */
class WebhookSenderTest {

    private static final String JSON = "{\"alertId\":\"k1\"}";
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, false);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final WebhookSender.Pause recording = delay -> {
        waits.add(delay);
        return true;
    };

    private WebhookSender sender(RecordingWebhookServer server, Duration requestTimeout) {
        return new WebhookSender(new WebhookClient(server.url(), null, Duration.ofSeconds(1), requestTimeout), policy,
                new Random(7));
    }

    @Test
    void deliversAtTheFirstAttemptWithoutWaiting() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.accepting()) {
            WebhookSender.Result result = sender(server, Duration.ofSeconds(5)).send("k1", JSON, recording);
            assertThat(result.status()).isEqualTo(WebhookSender.Status.DELIVERED);
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(waits).isEmpty();
            assertThat(server.requestsFor("k1")).isEqualTo(1);
        }
    }

    @Test
    void retriesA500AndSendsTheSameKeyAgain() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) ->
                nth == 1 ? Reply.status(500, "boom") : Reply.status(200))) {
            WebhookSender.Result result = sender(server, Duration.ofSeconds(5)).send("k1", JSON, recording);
            assertThat(result.status()).isEqualTo(WebhookSender.Status.DELIVERED);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.last().status()).isEqualTo(200);
            assertThat(waits).containsExactly(Duration.ofMillis(100));
            List<Request> requests = server.requests();
            assertThat(requests).extracting(Request::key).containsExactly("k1", "k1");
            assertThat(requests).extracting(r -> r.headers().get("x-newsflow-attempt")).containsExactly("1", "2");
            assertThat(requests).extracting(Request::bodyText).containsOnly(JSON);
            assertThat(server.acknowledged("k1")).isEqualTo(1);
        }
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) -> switch (nth) {
            case 1 -> Reply.retryAfter(429, "2");
            case 2 -> Reply.retryAfter(429, "3600");
            default -> Reply.status(202);
        })) {
            WebhookSender.Result result = sender(server, Duration.ofSeconds(5)).send("k1", JSON, recording);
            assertThat(result.status()).isEqualTo(WebhookSender.Status.DELIVERED);
            assertThat(result.attempts()).isEqualTo(3);
            // the server's 2 s instead of the computed 100 ms; an hour is capped at maxBackoff
            assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
        }
    }

    @Test
    void doesNotRetryA400() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) -> Reply.status(400, "bad"))) {
            WebhookSender.Result result = sender(server, Duration.ofSeconds(5)).send("k1", JSON, recording);
            assertThat(result.status()).isEqualTo(WebhookSender.Status.FAILED);
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(result.last().status()).isEqualTo(400);
            assertThat(waits).isEmpty();
            assertThat(server.requestsFor("k1")).isEqualTo(1);
        }
    }

    @Test
    void retriesAfterATimeoutOfASlowServer() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) ->
                nth == 1 ? Reply.hang(Duration.ofSeconds(10)) : Reply.status(200))) {
            WebhookSender.Result result = sender(server, Duration.ofMillis(300)).send("k1", JSON, recording);
            assertThat(result.status()).isEqualTo(WebhookSender.Status.DELIVERED);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(waits).hasSize(1);
            assertThat(server.requests()).extracting(Request::answered).containsExactly(0, 200);
        }
    }

    @Test
    void givesUpWhenTheBudgetIsSpent() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) -> Reply.status(503))) {
            WebhookSender.Result result = sender(server, Duration.ofSeconds(5)).send("k1", JSON, recording);
            assertThat(result.status()).isEqualTo(WebhookSender.Status.FAILED);
            assertThat(result.attempts()).isEqualTo(4);
            assertThat(result.last().status()).isEqualTo(503);
            assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(server.requestsFor("k1")).isEqualTo(4);
        }
    }

    @Test
    void stopsWhenThePauseSaysSo() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) -> Reply.status(500))) {
            WebhookSender.Result result = sender(server, Duration.ofSeconds(5)).send("k1", JSON, delay -> false);
            assertThat(result.status()).isEqualTo(WebhookSender.Status.ABANDONED);
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(server.requestsFor("k1")).isEqualTo(1);
        }
    }
}
