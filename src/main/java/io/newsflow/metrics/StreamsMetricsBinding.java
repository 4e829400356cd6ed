package io.newsflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Binds one {@link KafkaStreams} instance to {@link NewsflowMetrics#registry()}: every Kafka Streams, consumer and
 * producer metric through Micrometer's {@link KafkaStreamsMetrics} binder ({@code kafka_stream_*},
 * {@code kafka_consumer_*}, {@code kafka_producer_*}), and {@code newsflow_consumer_lag_records{application}}, the
 * sum of the main consumers' per-partition {@code records-lag} (source and repartition topics; restore consumers
 * left out). {@link #close()} removes them. Thread-safe.
 */
public final class StreamsMetricsBinding implements AutoCloseable {

    private final KafkaStreamsMetrics kafka;
    private final Meter lag;

    private StreamsMetricsBinding(KafkaStreamsMetrics kafka, Meter lag) {
        this.kafka = kafka;
        this.lag = lag;
    }

    /** Binds {@code streams}, tagging newsflow's own meters with {@code application}. */
    public static StreamsMetricsBinding bind(KafkaStreams streams, String application) {
        MeterRegistry registry = NewsflowMetrics.registry();
        KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams, Tags.of("application", application));
        kafka.bindTo(registry);
        Meter lag = Gauge.builder("newsflow.consumer.lag", streams, StreamsMetricsBinding::lag)
                .description("Records behind the end of the input and repartition topics, summed over partitions")
                .baseUnit("records").tag("application", application).register(registry);
        return new StreamsMetricsBinding(kafka, lag);
    }

    /** Sum of {@code records-lag} over the partitions assigned to the instance's main consumers. */
    static double lag(KafkaStreams streams) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (!name.group().equals("consumer-fetch-manager-metrics") || !name.name().equals("records-lag")
                    || !name.tags().containsKey("partition")
                    || name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")) {
                continue;
            }
            if (e.getValue().metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        NewsflowMetrics.registry().remove(lag);
        kafka.close();
    }
}
