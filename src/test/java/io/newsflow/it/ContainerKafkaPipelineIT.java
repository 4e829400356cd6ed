package io.newsflow.it;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same pipeline scenarios on Testcontainers' Kafka (apache/kafka); skipped where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaPipelineIT extends PipelineScenarios {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
