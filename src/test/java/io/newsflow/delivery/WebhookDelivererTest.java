package io.newsflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.Version;
import io.newsflow.error.DeadLetterHeaders;
import io.newsflow.schema.AlertTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** The parts of the deliverer that need no broker: dead letters, filters and outcome lines. */
class WebhookDelivererTest {

    @Test
    void deadLetterKeepsKeyValueAndHeadersAndAddsTheReason() {
        byte[] value = {(byte) 0xC3, 0x01, 1, 2, 3};
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>("news-alerts", 2, 41L,
                "Q58217".getBytes(StandardCharsets.UTF_8), value);
        original.headers().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> letter = WebhookDeliverer.deadLetterRecord("news-alerts-webhook-dlq", original,
                "http-503", "still failing after 6 attempts: HTTP 503", 6, 503, 1_700_000_000_000L);

        assertThat(letter.topic()).isEqualTo("news-alerts-webhook-dlq");
        assertThat(letter.key()).isEqualTo("Q58217".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.value()).isSameAs(value);
        Headers h = letter.headers();
        assertThat(DeadLetterHeaders.get(h, "trace-id")).isEqualTo("t-1");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.STAGE)).isEqualTo("webhook");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("http-503");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.REASON)).isEqualTo("still failing after 6 attempts: HTTP 503");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.ATTEMPTS)).isEqualTo("6");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.LAST_STATUS)).isEqualTo("503");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("news-alerts");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.FAILED_AT)).isEqualTo("1700000000000");
        assertThat(DeadLetterHeaders.get(h, DeadLetterHeaders.PIPELINE_VERSION)).isEqualTo(Version.current());
        assertThat(original.headers().lastHeader(DeadLetterHeaders.STAGE)).as("original untouched").isNull();
    }

    @Test
    void deadLetterWithoutAResponseHasNoLastStatus() {
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>("news-alerts", 0, 0L, null,
                "junk".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> letter = WebhookDeliverer.deadLetterRecord("dlq", original,
                "org.apache.kafka.common.errors.SerializationException", "not a LeaderAlert", 0, 0, 1L);
        assertThat(letter.key()).isNull();
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.LAST_STATUS)).isNull();
    }

    @Test
    void filterRestrictsByRuleLeaderAndTierTogether() {
        AlertFilter filter = AlertFilter.of(List.of("watch-lavrov", " watch-macron "), List.of("Q58217", "Q3052772"),
                List.of(AlertTier.FULL));
        assertThat(filter.ruleNames()).containsExactlyInAnyOrder("watch-lavrov", "watch-macron");
        assertThat(filter.accepts(TestAlerts.alert("a", "watch-lavrov", "Q58217", AlertTier.FULL))).isTrue();
        assertThat(filter.accepts(TestAlerts.alert("b", "watch-macron", "Q3052772", AlertTier.FULL))).isTrue();
        assertThat(filter.accepts(TestAlerts.alert("c", "other-rule", "Q58217", AlertTier.FULL))).isFalse();
        assertThat(filter.accepts(TestAlerts.alert("d", "watch-lavrov", "Q30", AlertTier.FULL))).isFalse();
        assertThat(filter.accepts(TestAlerts.alert("e", "watch-lavrov", "Q58217", AlertTier.FAST))).isFalse();

        AlertFilter tiersOnly = new AlertFilter(Set.of(), Set.of(), Set.of(AlertTier.FAST));
        assertThat(tiersOnly.accepts(TestAlerts.alert("f", "any", "Q1", AlertTier.FAST))).isTrue();
        assertThat(tiersOnly.accepts(TestAlerts.alert("g", "any", "Q1", AlertTier.FULL))).isFalse();
        assertThat(filter.describe()).isEqualTo("rules=watch-lavrov,watch-macron leaders=Q3052772,Q58217 tiers=FULL");
        assertThat(AlertFilter.ALL.describe()).isEqualTo("all alerts");
        assertThat(AlertFilter.ALL.acceptsAll()).isTrue();
        assertThat(AlertFilter.of(List.of(), null, List.of()).acceptsAll()).isTrue();
    }

    @Test
    void outcomeSummaryIsOneLine() {
        DeliveryOutcome delivered = new DeliveryOutcome(DeliveryOutcome.Kind.DELIVERED, "9c1e", "Q58217",
                "watch-lavrov", "FULL", "news-alerts", 1, 4, 2, 200, "", Duration.ofMillis(35));
        assertThat(delivered.summary())
                .isEqualTo("delivered 9c1e rule=watch-lavrov leader=Q58217 tier=FULL news-alerts/1@4 attempts=2 HTTP 200 (35 ms)");
        DeliveryOutcome undecodable = new DeliveryOutcome(DeliveryOutcome.Kind.DEAD_LETTERED, null, null, null, null,
                "news-alerts", 0, 7, 0, 0, "not a LeaderAlert\nsecond line", Duration.ofMillis(1));
        assertThat(undecodable.summary()).startsWith("dead-lettered (undecodable record) news-alerts/0@7 attempts=0 (1 ms): not a LeaderAlert")
                .doesNotContain("\n");
    }
}
