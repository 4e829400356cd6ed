package io.newsflow.it;

import io.newsflow.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real embedded KRaft broker per test class ({@code @RegisterExtension static}), or the cluster named by
 * {@code -Dkafka.bootstrap=HOST:PORT} when set. Not thread-safe; JUnit calls it from one thread.
 */
public final class EmbeddedBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;
    private String bootstrap;

    @Override
    public void beforeAll(ExtensionContext context) {
        String external = System.getProperty("kafka.bootstrap");
        if (external != null && !external.isBlank()) {
            bootstrap = external;
            return;
        }
        broker = EmbeddedKafkaBroker.builder().build().start();
        bootstrap = broker.bootstrapServers();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Bootstrap servers of the broker under test. */
    public String bootstrapServers() {
        if (bootstrap == null) {
            throw new IllegalStateException("the broker starts before the first test of the class");
        }
        return bootstrap;
    }
}
