package io.newsflow.cli;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.broker.TopicCreator;
import io.newsflow.config.KafkaClients;
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

    private final KafkaClients clients;
    private final EmbeddedKafkaBroker broker;

    private Cluster(KafkaClients clients, EmbeddedKafkaBroker broker) {
        this.clients = clients;
        this.broker = broker;
    }

    /** Connects to {@code bootstrapServers}, or starts an embedded broker in {@code dataDir} when it is blank. */
    static Cluster open(String bootstrapServers, Path dataDir, int port) {
        return open(KafkaClients.plain(bootstrapServers), dataDir, port);
    }

    /**
     * Connects to the clients' bootstrap servers, or starts an embedded broker in {@code dataDir} when they are
     * blank; the embedded broker speaks PLAINTEXT only, so a shared configuration with another security protocol
     * is refused for it.
     */
    static Cluster open(KafkaClients clients, Path dataDir, int port) {
        String bootstrapServers = clients.bootstrapServers();
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return new Cluster(clients, null);
        }
        if (!clients.securityProtocol().equalsIgnoreCase("PLAINTEXT")) {
            throw new IllegalArgumentException("the embedded broker speaks PLAINTEXT only, but the client configuration"
                    + " sets security.protocol=" + clients.securityProtocol() + "; set --bootstrap-servers");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build();
        broker.start();
        LOG.info("embedded Kafka broker at {} (data in {})", broker.bootstrapServers(), dataDir);
        return new Cluster(clients.withBootstrapServers(broker.bootstrapServers()), broker);
    }

    String bootstrapServers() {
        return clients.bootstrapServers();
    }

    /** Client factory for this cluster (its address and the shared client properties). */
    KafkaClients clients() {
        return clients;
    }

    boolean embedded() {
        return broker != null;
    }

    /** Creates the newsflow topics that are missing. */
    List<String> ensureTopics(Topics topics, int partitions, short replicationFactor) {
        return TopicCreator.ensure(clients, topics.all(), partitions, replicationFactor,
                Map.of(topics.deadLetters(), DEAD_LETTER_CONFIG));
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
