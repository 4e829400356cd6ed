package io.newsflow.cli;

import io.newsflow.config.KafkaClients;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The Kafka client configuration shared as a picocli mixin by every command that talks to Kafka: a properties file
 * like Kafka's {@code --command-config} plus single properties, applied to every client the command creates (topic
 * administration, producers, consumers, feeds and both stream applications). One instance per command invocation.
 */
final class ClientOptions {

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties file (security.protocol, ssl.*, sasl.*, …) applied to every Kafka client the command creates. Env: NEWSFLOW_COMMAND_CONFIG.")
    Path commandConfig;

    @Option(names = "--client-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property for every client, repeatable; wins over --command-config. Env: NEWSFLOW_CLIENT_PROPERTY (one KEY=VALUE).")
    Map<String, String> clientProperties = new LinkedHashMap<>();

    /**
     * The shared client properties: the file, then the single properties.
     *
     * @throws IllegalArgumentException for an unreadable file or an unknown or reserved key
     */
    Map<String, String> shared() {
        return KafkaClients.load(commandConfig, clientProperties);
    }

    /** Clients of {@code bootstrapServers} with the shared properties. */
    KafkaClients clients(String bootstrapServers) {
        return KafkaClients.of(bootstrapServers, shared());
    }
}
