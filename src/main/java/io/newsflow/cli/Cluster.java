package io.newsflow.cli;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.broker.TopicCreator;
import io.newsflow.config.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster a command talks to: the configured bootstrap servers, or an embedded single-node broker
 * started for the command and stopped with it.
 */
final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    static final Map<String, String> DEAD_LETTER_CONFIG = Map.of("retention.ms", Long.toString(30L * 24 * 3600 * 1000));

    private final String bootstrapServers;
    private final EmbeddedKafkaBroker broker;

    private Cluster(String bootstrapServers, EmbeddedKafkaBroker broker) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
    }

    /** Connects to {@code bootstrapServers}, or starts an embedded broker in {@code dataDir} when it is blank. */
    static Cluster open(String bootstrapServers, Path dataDir, int port) {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return new Cluster(bootstrapServers, null);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build();
        broker.start();
        LOG.info("embedded Kafka broker at {} (data in {})", broker.bootstrapServers(), dataDir);
        return new Cluster(broker.bootstrapServers(), broker);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    boolean embedded() {
        return broker != null;
    }

    /** Creates the newsflow topics that are missing. */
    List<String> ensureTopics(Topics topics, int partitions, short replicationFactor) {
        return TopicCreator.ensure(bootstrapServers, topics.all(), partitions, replicationFactor,
                Map.of(topics.deadLetters(), DEAD_LETTER_CONFIG));
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
