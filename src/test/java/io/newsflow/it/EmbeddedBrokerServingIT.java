package io.newsflow.it;

import io.newsflow.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The alerting and serving scenarios on the embedded KRaft broker (or on -Dkafka.bootstrap when set). */
class EmbeddedBrokerServingIT extends ServingScenarios {

    private static EmbeddedKafkaBroker broker;
    private static String bootstrap;

    @BeforeAll
    static void startBroker() {
        String external = System.getProperty("kafka.bootstrap");
        if (external != null && !external.isBlank()) {
            bootstrap = external;
            return;
        }
        broker = EmbeddedKafkaBroker.builder().build().start();
        bootstrap = broker.bootstrapServers();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String bootstrapServers() {
        return bootstrap;
    }
}
