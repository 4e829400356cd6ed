package io.newsflow.cli;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * A Kafka metrics reporter that only records the configuration each client hands it when the client is built: the
 * client's effective (original) properties, keyed by {@code client.id}. Named in {@code metric.reporters} of a shared
 * client configuration, it shows which clients that configuration reached. Thread-safe.
 */
public final class RecordingMetricsReporter implements MetricsReporter {

    private static final Map<String, Map<String, Object>> CONFIGS = new ConcurrentHashMap<>();

    /** Client id to that client's configuration, for every client built since the last {@link #clear()}. */
    static Map<String, Map<String, Object>> configs() {
        return Map.copyOf(CONFIGS);
    }

    static void clear() {
        CONFIGS.clear();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get("client.id");
        if (id != null && !String.valueOf(id).isEmpty()) {
            CONFIGS.put(String.valueOf(id), Collections.unmodifiableMap(new HashMap<>(configs)));
        }
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
    }

    @Override
    public void metricChange(KafkaMetric metric) {
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
    }

    @Override
    public void close() {
    }
}
