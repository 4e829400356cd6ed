package io.newsflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.config.Version;
import io.newsflow.delivery.RecordingWebhookServer.Reply;
import io.newsflow.delivery.RecordingWebhookServer.Request;
import io.newsflow.schema.AlertTier;
import io.newsflow.serde.AvroJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookClientTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private final String json = AvroJson.toJson(TestAlerts.alert("a1b2c3", "watch-lavrov", "Q58217", AlertTier.FULL));

    @Test
    void postsTheJsonWithIdempotencyKeyContentTypeAndUserAgent() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.accepting()) {
            WebhookClient client = new WebhookClient(server.url(), null, SECOND, Duration.ofSeconds(5));
            WebhookResult result = client.post("a1b2c3", json, 1);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.status()).isEqualTo(200);
            assertThat(server.requests()).hasSize(1);
            Request request = server.requests().get(0);
            assertThat(request.bodyText()).isEqualTo(json);
            assertThat(AvroJson.mapper().readTree(request.body()).get("leaderId").asText()).isEqualTo("Q58217");
            assertThat(request.headers())
                    .containsEntry("content-type", "application/json")
                    .containsEntry("idempotency-key", "a1b2c3")
                    .containsEntry("user-agent", "newsflow/" + Version.current())
                    .containsEntry("x-newsflow-attempt", "1")
                    .doesNotContainKey("x-newsflow-signature");
        }
    }

    @Test
    void signsTheExactBodyBytesWithHmacSha256WhenASecretIsGiven() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.accepting()) {
            Instant signedAt = Instant.parse("2026-03-02T09:15:03Z");
            WebhookClient client = new WebhookClient(server.url(), "s3cr3t", SECOND, Duration.ofSeconds(5),
                    Clock.fixed(signedAt, ZoneOffset.UTC));
            assertThat(client.post("a1b2c3", json, 2).succeeded()).isTrue();

            Request request = server.requests().get(0);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((signedAt.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
            assertThat(request.headers()).containsEntry("x-newsflow-signature", expected)
                    .containsEntry("x-newsflow-timestamp", Long.toString(signedAt.getEpochSecond()))
                    .containsEntry("x-newsflow-attempt", "2");
            byte[] secret = "s3cr3t".getBytes(StandardCharsets.UTF_8);
            String ts = request.headers().get("x-newsflow-timestamp");
            String sig = request.headers().get("x-newsflow-signature");
            Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;
            assertThat(WebhookSignature.verify(secret, ts, sig, request.body(), signedAt.plusSeconds(30), tolerance))
                    .isEqualTo(WebhookSignature.Result.VALID);
            // replayed ten minutes later
            assertThat(WebhookSignature.verify(secret, ts, sig, request.body(), signedAt.plusSeconds(600), tolerance))
                    .isEqualTo(WebhookSignature.Result.OUTSIDE_TOLERANCE);
            // the timestamp moved forward to pass the tolerance check: the signature no longer matches
            assertThat(WebhookSignature.verify(secret, Long.toString(signedAt.getEpochSecond() + 600), sig,
                    request.body(), signedAt.plusSeconds(600), tolerance)).isEqualTo(WebhookSignature.Result.BAD_SIGNATURE);
            byte[] tampered = request.body().clone();
            tampered[tampered.length - 2] ^= 1;
            assertThat(WebhookSignature.verify(secret, ts, sig, tampered, signedAt, tolerance))
                    .isEqualTo(WebhookSignature.Result.BAD_SIGNATURE);
            assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), ts, sig, request.body(),
                    signedAt, tolerance)).isEqualTo(WebhookSignature.Result.BAD_SIGNATURE);
            assertThat(WebhookSignature.verify(secret, null, sig, request.body(), signedAt, tolerance))
                    .isEqualTo(WebhookSignature.Result.MALFORMED);
            assertThat(WebhookSignature.verify(secret, "yesterday", sig, request.body(), signedAt, tolerance))
                    .isEqualTo(WebhookSignature.Result.MALFORMED);
        }
    }

    @Test
    void signatureMatchesTheRfc4231TestVector() {
        // RFC 4231, test case 2
        assertThat(WebhookClient.signature("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void reportsStatusBodyAndRetryAfterOfFailures() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) -> nth == 1
                ? Reply.retryAfter(429, "7") : Reply.status(400, "missing field"))) {
            WebhookClient client = new WebhookClient(server.url(), null, SECOND, Duration.ofSeconds(5));
            WebhookResult throttled = client.post("k", json, 1);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.retryable()).isTrue();
            assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(7));

            WebhookResult refused = client.post("k", json, 2);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.retryable()).isFalse();
            assertThat(refused.describe()).isEqualTo("HTTP 400: missing field");
        }
    }

    @Test
    void aSlowServerGivesATimeoutResultNotAnException() throws Exception {
        try (RecordingWebhookServer server = RecordingWebhookServer.start((key, nth) -> Reply.hang(Duration.ofSeconds(10)))) {
            WebhookClient client = new WebhookClient(server.url(), null, SECOND, Duration.ofMillis(300));
            long start = System.nanoTime();
            WebhookResult result = client.post("k", json, 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(result.status()).isZero();
            assertThat(result.errorClass()).isEqualTo(HttpTimeoutException.class.getName());
            assertThat(result.retryable()).isTrue();
        }
    }

    @Test
    void aRefusedConnectionGivesARetryableResult() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WebhookClient client = new WebhookClient(URI.create("http://127.0.0.1:" + port + "/hook"), null, SECOND, SECOND);
        WebhookResult result = client.post("k", json, 1);
        assertThat(result.status()).isZero();
        assertThat(result.retryable()).isTrue();
        assertThat(result.errorClass()).isEqualTo("java.net.ConnectException");
    }

    @Test
    void parsesRetryAfterAsSecondsOrHttpDate() {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);
        assertThat(WebhookClient.retryAfter("120", now)).contains(Duration.ofMinutes(2));
        assertThat(WebhookClient.retryAfter(" 0 ", now)).contains(Duration.ZERO);
        assertThat(WebhookClient.retryAfter("Mon, 02 Mar 2026 09:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(WebhookClient.retryAfter("Mon, 02 Mar 2026 08:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(WebhookClient.retryAfter("soon", now)).isEqualTo(Optional.empty());
        assertThat(WebhookClient.retryAfter("-5", now)).isEmpty();
        assertThat(WebhookClient.retryAfter(null, now)).isEmpty();
    }

    @Test
    void acceptsOnlyHttpUrlsAndRedactsCredentialsForLogs() throws IOException {
        assertThatThrownBy(() -> new WebhookClient(URI.create("ftp://example.org/x"), null, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookClient(URI.create("http:/no-host"), null, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookClient.validKey("9f2c01ab")).isTrue();
        assertThat(WebhookClient.validKey("")).isFalse();
        assertThat(WebhookClient.validKey("a\r\nX-Evil: 1")).isFalse();
        assertThat(WebhookClient.validKey("clé")).isFalse();
        assertThat(WebhookClient.redacted(URI.create("https://user:pw@hooks.example.org:8443/a/b?token=xyz")))
                .isEqualTo("https://hooks.example.org:8443/a/b?…");
        assertThat(WebhookClient.redacted(URI.create(
                "https://hooks.example.org/services/T0AB12CD3/B0EF45GH6/xYz9QwErTy0123456789abcd")))
                .isEqualTo("https://hooks.example.org/services/…");
        assertThat(WebhookClient.redacted(URI.create("https://chat.example.net/api/webhooks/1234567890/tok-en_value")))
                .isEqualTo("https://chat.example.net/api/webhooks/…");
        assertThat(WebhookClient.redacted(URI.create("http://127.0.0.1:8080/hook"))).isEqualTo("http://127.0.0.1:8080/hook");
    }
}
