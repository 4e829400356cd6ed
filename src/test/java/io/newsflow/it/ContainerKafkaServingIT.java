package io.newsflow.it;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same alerting and serving scenarios on Testcontainers' Kafka; skipped where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaServingIT extends ServingScenarios {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
