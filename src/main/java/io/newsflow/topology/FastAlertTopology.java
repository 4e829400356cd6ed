package io.newsflow.topology;

import io.newsflow.alert.Alerting;
import io.newsflow.config.PipelineConfig;
import io.newsflow.dedup.NearDuplicateDetector;
import io.newsflow.enrich.Stage;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.LshBucket;
import io.newsflow.serde.SerdeFactory;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the fast alert tier, a separate Kafka Streams application run at-least-once for latency:
 *
 * <pre>
 * read-articles → normalize-for-fast-alerts
 *   → (repartition fast-alert-index, ONE partition)
 *   → match-leaders [fast-near-duplicate-signatures, fast-near-duplicate-bands, fast-alerts-sent-v2]
 *   → write-fast-alerts (news-alerts, key = leader id)
 * </pre>
 *
 * The index topic has a single partition, like the pipeline's {@code near-duplicate-index}, so an article meets
 * every article the fast tier has seen within the retention whichever input partition either came from: a near-copy
 * (same detector and threshold as the pipeline) fires only FAST rules with {@code includeCopies}. Alerts are
 * de-duplicated by alert id in {@code fast-alerts-sent-v2} (renamed from {@code fast-alerts-sent} when the decision
 * moved to the single partition, whose changelog cannot reuse the old topic's partition count). A pure factory.
 */
public final class FastAlertTopology {

    public static final String SOURCE = "read-articles";
    public static final String NORMALIZE = "normalize-for-fast-alerts";
    public static final String REPARTITION_INDEX = "fast-alert-index";
    public static final String MATCH = "match-leaders";
    public static final String SINK = "write-fast-alerts";
    public static final String STORE_SENT = "fast-alerts-sent-v2";
    public static final String STORE_SIGNATURES = "fast-near-duplicate-signatures";
    public static final String STORE_BANDS = "fast-near-duplicate-bands";

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
        // cached: ~33 writes per original go to the changelog in one batch per commit, not one send each
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_SIGNATURES), keys, Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_BANDS), keys, serdes.valueSerde(LshBucket.class))
                .withCachingEnabled());
        builder.stream(config.topics().articles(), Consumed.with(keys, Serdes.ByteArray()).withName(SOURCE))
                .process(() -> new FastNormalizeProcessor(rawSerde.deserializer(), normalizer), Named.as(NORMALIZE))
                .repartition(Repartitioned.<String, RawArticle>as(REPARTITION_INDEX)
                        .withKeySerde(keys).withValueSerde(rawSerde).withNumberOfPartitions(1))
                .process(() -> new FastAlertProcessor(alerting,
                                NearDuplicateDetector.withThreshold(config.nearDuplicateThreshold()), STORE_SENT,
                                STORE_SIGNATURES, STORE_BANDS, config.dedupRetention(), clock),
                        Named.as(MATCH), STORE_SENT, STORE_SIGNATURES, STORE_BANDS)
                .to(config.topics().alerts(), Produced.with(keys, alertSerde).withName(SINK));
        return builder.build();
    }
}
