package io.newsflow.topology;

import io.newsflow.alert.Alerting;
import io.newsflow.config.PipelineConfig;
import io.newsflow.enrich.Stage;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.SerdeFactory;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the fast alert tier, a separate Kafka Streams application run at-least-once for latency:
 *
 * <pre>
 * read-articles → match-leaders [fast-alerts-sent] → write-fast-alerts (news-alerts, key = leader id)
 * </pre>
 *
 * Alerts are de-duplicated by alert id in {@code fast-alerts-sent}. Input is partitioned by article id, so every
 * alert of one article is decided by one task and no repartition is needed. A pure factory.
 */
public final class FastAlertTopology {

    public static final String SOURCE = "read-articles";
    public static final String MATCH = "match-leaders";
    public static final String SINK = "write-fast-alerts";
    public static final String STORE_SENT = "fast-alerts-sent";

    private FastAlertTopology() {
    }

    public static Topology build(PipelineConfig config, Stage normalizer, Alerting alerting, SerdeFactory serdes,
                                 Clock clock) {
        Serde<String> keys = serdes.keySerde();
        Serde<RawArticle> rawSerde = serdes.valueSerde(RawArticle.class);
        Serde<LeaderAlert> alertSerde = serdes.valueSerde(LeaderAlert.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_SENT), keys, Serdes.Long()));
        builder.stream(config.topics().articles(), Consumed.with(keys, Serdes.ByteArray()).withName(SOURCE))
                .process(() -> new FastAlertProcessor(rawSerde.deserializer(), normalizer, alerting, STORE_SENT,
                        config.dedupRetention(), clock), Named.as(MATCH), STORE_SENT)
                .to(config.topics().alerts(), Produced.with(keys, alertSerde).withName(SINK));
        return builder.build();
    }
}
