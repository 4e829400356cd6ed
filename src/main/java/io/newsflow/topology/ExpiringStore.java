package io.newsflow.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A timestamped key-value store whose entries expire a retention after their timestamp, in stream time: expired
 * entries read as absent and are purged by a stream-time punctuation. Used by one processor instance (one task).
 */
final class ExpiringStore<V> {

    private final TimestampedKeyValueStore<String, V> store;
    private final long retentionMs;

    ExpiringStore(ProcessingContext context, String storeName, Duration retention) {
        this.store = context.getStateStore(storeName);
        this.retentionMs = retention.toMillis();
        Duration every = Duration.ofMillis(Math.max(1_000L, Math.min(retentionMs / 4, Duration.ofMinutes(10).toMillis())));
        context.schedule(every, PunctuationType.STREAM_TIME, this::purge);
    }

    /** The live value for {@code key} at stream time {@code now}, or null. */
    V get(String key, long now) {
        ValueAndTimestamp<V> v = store.get(key);
        return v == null || v.timestamp() + retentionMs < now ? null : v.value();
    }

    void put(String key, V value, long timestamp) {
        store.put(key, ValueAndTimestamp.make(value, timestamp));
    }

    private void purge(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<V>> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<V>> entry = it.next();
                if (entry.value.timestamp() + retentionMs < streamTime) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
    }
}
