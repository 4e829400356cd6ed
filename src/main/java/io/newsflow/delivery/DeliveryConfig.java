package io.newsflow.delivery;

import io.newsflow.config.KafkaClients;
import io.newsflow.config.Topics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link WebhookDeliverer} reads alerts. Immutable.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param alertsTopic topic of {@code LeaderAlert} records
 * @param deadLetterTopic topic for alerts the webhook never accepted and records that cannot be decoded
 * @param groupId consumer group; its committed offsets say what has been delivered
 * @param filter which alerts are delivered
 * @param autoOffsetReset where a group without committed offsets starts: {@code earliest} or {@code latest}
 * @param idleTimeout stop after this long without records once partitions are assigned; zero = run until closed
 * @param clientProperties shared Kafka client properties (security, see {@link KafkaClients}) for the consumer and
 *     the dead-letter producer
 */
public record DeliveryConfig(String bootstrapServers, String alertsTopic, String deadLetterTopic, String groupId,
                             AlertFilter filter, String autoOffsetReset, Duration idleTimeout,
                             Map<String, String> clientProperties) {

    /** Default consumer group. */
    public static final String DEFAULT_GROUP = "newsflow-webhook";
    /** Default dead-letter topic of webhook delivery. */
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "news-alerts-webhook-dlq";

    public DeliveryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(alertsTopic, "alertsTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (alertsTopic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("the dead-letter topic must differ from the alerts topic: " + alertsTopic);
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("consumer group must not be blank");
        }
        autoOffsetReset = autoOffsetReset == null ? "earliest" : autoOffsetReset.strip().toLowerCase(Locale.ROOT);
        if (!autoOffsetReset.equals("earliest") && !autoOffsetReset.equals("latest")) {
            throw new IllegalArgumentException("auto offset reset must be earliest or latest: " + autoOffsetReset);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative: " + idleTimeout);
        }
        clientProperties = clientProperties == null ? Map.of()
                : KafkaClients.of(bootstrapServers, clientProperties).shared();
    }

    /** Defaults: {@value Topics#DEFAULT_ALERTS}, {@value #DEFAULT_DEAD_LETTER_TOPIC}, group {@value #DEFAULT_GROUP}, all alerts, earliest, no idle stop. */
    public static DeliveryConfig defaults(String bootstrapServers) {
        return new DeliveryConfig(bootstrapServers, Topics.DEFAULT_ALERTS, DEFAULT_DEAD_LETTER_TOPIC, DEFAULT_GROUP,
                AlertFilter.ALL, "earliest", Duration.ZERO, Map.of());
    }

    public DeliveryConfig withTopics(String alerts, String deadLetters) {
        return new DeliveryConfig(bootstrapServers, alerts, deadLetters, groupId, filter, autoOffsetReset,
                idleTimeout, clientProperties);
    }

    public DeliveryConfig withGroup(String group) {
        return new DeliveryConfig(bootstrapServers, alertsTopic, deadLetterTopic, group, filter, autoOffsetReset,
                idleTimeout, clientProperties);
    }

    public DeliveryConfig withFilter(AlertFilter newFilter) {
        return new DeliveryConfig(bootstrapServers, alertsTopic, deadLetterTopic, groupId, newFilter, autoOffsetReset,
                idleTimeout, clientProperties);
    }

    public DeliveryConfig withIdleTimeout(Duration timeout) {
        return new DeliveryConfig(bootstrapServers, alertsTopic, deadLetterTopic, groupId, filter, autoOffsetReset,
                timeout, clientProperties);
    }
}
