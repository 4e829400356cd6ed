package io.newsflow.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How and where the pipeline runs: cluster, application id, state, guarantees and tuning. Built by the CLI from
 * flags and {@code NEWSFLOW_*} environment variables. Immutable.
 *
 * @param bootstrapServers Kafka bootstrap servers; null or blank means "start the embedded broker"
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param stateDir Kafka Streams state directory
 * @param processingGuarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 * @param commitIntervalMs commit interval; null keeps Kafka's default (100 ms under exactly-once)
 * @param streamThreads stream threads per instance
 * @param partitions partitions for topics the pipeline creates
 * @param replicationFactor replication factor for topics the pipeline creates; -1 uses the broker default
 * @param overrides extra Kafka Streams / client properties, applied last
 */
public record RuntimeConfig(String bootstrapServers, String applicationId, Path stateDir, String processingGuarantee,
                            Integer commitIntervalMs, int streamThreads, int partitions, short replicationFactor,
                            Map<String, String> overrides) {

    public static final String DEFAULT_APPLICATION_ID = "newsflow";
    public static final String DEFAULT_GUARANTEE = StreamsConfig.EXACTLY_ONCE_V2;

    public RuntimeConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(processingGuarantee, "processingGuarantee");
        if (!processingGuarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)
                && !processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new IllegalArgumentException("processing guarantee must be exactly_once_v2 or at_least_once, not "
                    + processingGuarantee);
        }
        if (streamThreads < 1 || partitions < 1) {
            throw new IllegalArgumentException("stream threads and partitions must be at least 1");
        }
        overrides = Map.copyOf(overrides);
    }

    /** True when no cluster is configured and the embedded broker must be started. */
    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    /** The same settings pointed at {@code servers}. */
    public RuntimeConfig withBootstrapServers(String servers) {
        return new RuntimeConfig(servers, applicationId, stateDir, processingGuarantee, commitIntervalMs,
                streamThreads, partitions, replicationFactor, overrides);
    }

    /** The same settings under another application id. */
    public RuntimeConfig withApplicationId(String id) {
        return new RuntimeConfig(bootstrapServers, id, stateDir, processingGuarantee, commitIntervalMs,
                streamThreads, partitions, replicationFactor, overrides);
    }

    /** The same settings with another state directory. */
    public RuntimeConfig withStateDir(Path dir) {
        return new RuntimeConfig(bootstrapServers, applicationId, dir, processingGuarantee, commitIntervalMs,
                streamThreads, partitions, replicationFactor, overrides);
    }

    /** The same settings with another processing guarantee. */
    public RuntimeConfig withProcessingGuarantee(String guarantee, Integer commitInterval) {
        return new RuntimeConfig(bootstrapServers, applicationId, stateDir, guarantee, commitInterval,
                streamThreads, partitions, replicationFactor, overrides);
    }

    /** The same settings with {@code extra} properties added (they win over existing overrides). */
    public RuntimeConfig withOverrides(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(extra);
        return new RuntimeConfig(bootstrapServers, applicationId, stateDir, processingGuarantee, commitIntervalMs,
                streamThreads, partitions, replicationFactor, merged);
    }

    /** Kafka Streams properties. Producer batching is tuned for ~5 KB records; overrides win. */
    public Properties streamsProperties() {
        if (embedded()) {
            throw new IllegalStateException("bootstrap servers not set: start the embedded broker first");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        if (commitIntervalMs != null) {
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        }
        p.put("processing.exception.handler.global.enabled", true);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 512 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 * 1024 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 16 * 1024 * 1024);
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }
}
