package io.newsflow.topology;

import io.newsflow.schema.internal.SeenArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A de-duplication store with a retention in stream time: entries older than the retention are treated as absent
 * and purged by a stream-time punctuation. Record timestamps, not wall-clock time, decide, so replays behave the
 * same as live traffic.
 */
final class SeenStore {

    private final KeyValueStore<String, SeenArticle> store;
    private final long retentionMs;

    SeenStore(FixedKeyProcessorContext<?, ?> context, String storeName, Duration retention) {
        this.store = context.getStateStore(storeName);
        this.retentionMs = retention.toMillis();
        Duration every = Duration.ofMillis(Math.max(1_000L, Math.min(retentionMs / 4, Duration.ofMinutes(10).toMillis())));
        context.schedule(every, PunctuationType.STREAM_TIME, this::purge);
    }

    /** The live entry for {@code key} at time {@code now}, or null. */
    SeenArticle get(String key, long now) {
        SeenArticle seen = store.get(key);
        return seen == null || seen.getSeenAt() + retentionMs < now ? null : seen;
    }

    /** The entry for {@code key} even if expired, or null. */
    SeenArticle getIncludingExpired(String key) {
        return store.get(key);
    }

    void put(String key, SeenArticle value) {
        store.put(key, value);
    }

    private void purge(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, SeenArticle> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, SeenArticle> entry = it.next();
                if (entry.value.getSeenAt() + retentionMs < streamTime) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
    }
}
