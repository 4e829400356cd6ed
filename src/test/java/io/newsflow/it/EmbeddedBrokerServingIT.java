package io.newsflow.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The alerting and serving scenarios on the embedded KRaft broker (or on -Dkafka.bootstrap when set). */
class EmbeddedBrokerServingIT extends ServingScenarios {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
