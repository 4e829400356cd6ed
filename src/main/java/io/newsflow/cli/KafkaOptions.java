package io.newsflow.cli;

import io.newsflow.config.KafkaClients;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.config.Version;
import io.newsflow.serde.SerdeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that talk to Kafka (the enrichment chain is chosen by {@link EnrichmentOptions}).
 * Every option can also be set as a NEWSFLOW_* variable.
 */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers. Empty: start the embedded single-node broker. Env: NEWSFLOW_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--application-id", defaultValue = RuntimeConfig.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id (consumer group and internal topic prefix). Default: ${DEFAULT-VALUE}.")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "data/state",
            description = "Kafka Streams state directory. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = "--broker-data-dir", defaultValue = "data/broker",
            description = "Data directory of the embedded broker (used only without --bootstrap-servers). Default: ${DEFAULT-VALUE}.")
    Path brokerDataDir;

    @Option(names = "--broker-port", defaultValue = "9092",
            description = "Client port of the embedded broker; 0 picks a free port. Default: ${DEFAULT-VALUE}.")
    int brokerPort;

    @Option(names = "--topic-articles", defaultValue = Topics.DEFAULT_ARTICLES, description = "Input topic. Default: ${DEFAULT-VALUE}.")
    String topicArticles;

    @Option(names = "--topic-enriched", defaultValue = Topics.DEFAULT_ENRICHED, description = "Enriched output topic. Default: ${DEFAULT-VALUE}.")
    String topicEnriched;

    @Option(names = "--topic-dlq", defaultValue = Topics.DEFAULT_DEAD_LETTERS, description = "Dead-letter topic. Default: ${DEFAULT-VALUE}.")
    String topicDlq;

    @Option(names = "--topic-alerts", defaultValue = Topics.DEFAULT_ALERTS, description = "Leader alert topic. Default: ${DEFAULT-VALUE}.")
    String topicAlerts;

    @Option(names = "--topic-mentions", defaultValue = Topics.DEFAULT_MENTIONS, description = "Entity mention topic. Default: ${DEFAULT-VALUE}.")
    String topicMentions;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of topics newsflow creates, and of the repartition topic that feeds the enrichment. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "-1",
            description = "Replication factor of topics newsflow creates; -1 = broker default. Default: ${DEFAULT-VALUE}.")
    short replicationFactor;

    @Option(names = "--processing-guarantee", defaultValue = RuntimeConfig.DEFAULT_GUARANTEE,
            description = "exactly_once_v2 or at_least_once. Default: ${DEFAULT-VALUE}.")
    String processingGuarantee;

    @Option(names = "--commit-interval-ms", description = "Commit interval; lower means lower latency under exactly-once. Default: Kafka's (100 ms under exactly-once).")
    Integer commitIntervalMs;

    @Option(names = "--stream-threads", defaultValue = "1", description = "Stream threads per instance. Default: ${DEFAULT-VALUE}.")
    int streamThreads;

    @Option(names = "--dedup-retention", defaultValue = "P7D",
            description = "How long ids and body hashes are remembered for de-duplication (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
    Duration dedupRetention;

    @Option(names = "--max-body-chars", defaultValue = "" + PipelineConfig.DEFAULT_MAX_BODY_CHARS,
            description = "Largest accepted article body in characters. Default: ${DEFAULT-VALUE}.")
    int maxBodyChars;

    @Option(names = "--max-body-bytes", defaultValue = "" + PipelineConfig.DEFAULT_MAX_BODY_BYTES,
            description = "Largest accepted article body in bytes of its UTF-8 encoding (CJK text takes 3 bytes a "
                    + "character, emoji 4). Default: ${DEFAULT-VALUE}.")
    int maxBodyBytes;

    @Option(names = "--max-enriched-record-bytes", defaultValue = "" + PipelineConfig.DEFAULT_MAX_ENRICHED_RECORD_BYTES,
            description = "Largest enriched record sent (before compression); a larger one is dead-lettered. `run` "
                    + "lowers it to the enriched topic's max.message.bytes when that is smaller. Default: ${DEFAULT-VALUE}.")
    int maxEnrichedRecordBytes;

    @Option(names = "--stage-deadline", defaultValue = "PT10S",
            description = "Longest one enrichment stage may take on one article (ISO-8601 duration); a slower article "
                    + "is dead-lettered with reason deadline-exceeded. Default: ${DEFAULT-VALUE}.")
    Duration stageDeadline;

    @Option(names = "--near-duplicate-threshold", defaultValue = "" + PipelineConfig.DEFAULT_NEAR_DUPLICATE_THRESHOLD,
            description = "Estimated body similarity (0..1] from which an article is marked a near-copy (duplicateOf) of an earlier one. Default: ${DEFAULT-VALUE}.")
    double nearDuplicateThreshold;

    @Option(names = "--story-window", defaultValue = "PT48H",
            description = "Longest time between two articles of one story (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
    Duration storyWindow;

    @Option(names = "--story-similarity", defaultValue = "" + PipelineConfig.DEFAULT_STORY_SIMILARITY,
            description = "Content-word cosine (0..1] from which two articles sharing people and places within the story window are one story. Default: ${DEFAULT-VALUE}.")
    double storySimilarity;

    @Option(names = "--streams-property", paramLabel = "KEY=VALUE", split = ",",
            description = "Extra Kafka Streams or client property, repeatable; applied last.")
    Map<String, String> streamsProperties = new LinkedHashMap<>();

    @Mixin
    RegistryOptions registry;

    @Mixin
    ClientOptions client;

    /** Clients of {@code bootstrap} (the resolved cluster address) with the shared client properties. */
    KafkaClients clients(String bootstrap) {
        return client.clients(bootstrap);
    }

    /** Opens the cluster: the configured one, or an embedded broker; its clients carry the shared properties. */
    Cluster cluster(Path dataDir, int port) {
        return Cluster.open(client.clients(bootstrapServers), dataDir, port);
    }

    /** The registry framing when {@code --schema-registry-url} is set, else single-object encoding; one per command. */
    SerdeFactory serdes() {
        return registry.serdes();
    }

    Topics topics() {
        return new Topics(topicArticles, topicEnriched, topicDlq, topicAlerts, topicMentions);
    }

    PipelineConfig pipelineConfig() {
        return new PipelineConfig(topics(), dedupRetention, maxBodyChars, PipelineConfig.DEFAULT_MAX_TITLE_CHARS,
                PipelineConfig.DEFAULT_MAX_RECORD_BYTES, Version.current())
                .withMaxBodyBytes(maxBodyBytes)
                .withMaxEnrichedRecordBytes(maxEnrichedRecordBytes)
                .withStageDeadline(stageDeadline)
                .withNearDuplicateThreshold(nearDuplicateThreshold)
                .withEnrichmentPartitions(partitions)
                .withStories(storyWindow, storySimilarity);
    }

    RuntimeConfig runtimeConfig() {
        // the shared client properties first, so that a --streams-property still wins
        Map<String, String> overrides = new LinkedHashMap<>(client.shared());
        overrides.putAll(streamsProperties);
        return new RuntimeConfig(bootstrapServers, applicationId, stateDir, processingGuarantee, commitIntervalMs,
                streamThreads, partitions, replicationFactor, overrides);
    }
}
