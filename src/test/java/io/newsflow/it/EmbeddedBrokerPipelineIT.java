package io.newsflow.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline scenarios on the embedded KRaft broker (or on -Dkafka.bootstrap when set). */
class EmbeddedBrokerPipelineIT extends PipelineScenarios {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
