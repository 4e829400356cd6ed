package io.newsflow.web;

import io.newsflow.config.KafkaClients;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic from its end (after replaying its last few records per partition) and hands every decoded item
 * to the current subscribers; the newest items are kept for late subscribers. One consumer thread per feed, no
 * consumer group (it reads every partition and commits nothing). Read-committed by default, so it only sees what
 * the exactly-once pipeline committed; a feed with an id function may read uncommitted for latency (an open
 * transaction of the exactly-once writer then does not hold back records of an at-least-once writer on the same
 * partition) and drops repeated ids, which covers records of aborted transactions written again on retry.
 * Thread-safe.
 *
 * @param <T> decoded item
 */
public final class TopicFeed<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);

    /** A subscriber: receives items that pass its filter, on the feed's thread; must not block. */
    public interface Listener<T> {
        void accept(T item);
    }

    private record Subscription<T>(Predicate<T> filter, Listener<T> listener) {
    }

    private final String topic;
    private final Function<byte[], T> decoder;
    private final int keep;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Deque<T> recent = new ArrayDeque<>();
    private final List<Subscription<T>> subscriptions = new CopyOnWriteArrayList<>();
    private final Function<T, String> idOf;
    private final Map<String, Boolean> seenIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 100_000;
        }
    };
    private volatile boolean running = true;

    /** A read-committed feed. */
    public TopicFeed(String bootstrapServers, String topic, Function<byte[], T> decoder, int keep) {
        this(bootstrapServers, topic, decoder, keep, null);
    }

    /** A read-uncommitted feed that drops items whose id it has seen, or read-committed when {@code idOf} is null. */
    public TopicFeed(String bootstrapServers, String topic, Function<byte[], T> decoder, int keep,
                     Function<T, String> idOf) {
        this(KafkaClients.plain(bootstrapServers), topic, decoder, keep, idOf);
    }

    /**
     * A feed whose consumer is configured by {@code clients} (security settings included): read-uncommitted with
     * id de-duplication when {@code idOf} is given, else read-committed.
     */
    public TopicFeed(KafkaClients clients, String topic, Function<byte[], T> decoder, int keep,
                     Function<T, String> idOf) {
        this.idOf = idOf;
        this.topic = topic;
        this.decoder = decoder;
        this.keep = keep;
        this.consumer = clients.consumer("newsflow-feed-" + topic, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, idOf == null ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "newsflow-feed-" + topic);
        this.thread.setDaemon(true);
    }

    /** Assigns every partition, rewinds {@code keep} records per partition and starts following. */
    public TopicFeed<T> start() {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - keep));
        }
        thread.start();
        return this;
    }

    /** Subscribes; the matching recent items are delivered first, then live ones. Returns the unsubscriber. */
    public Runnable subscribe(Predicate<T> filter, Listener<T> listener) {
        Subscription<T> s = new Subscription<>(filter, listener);
        synchronized (recent) {
            for (T item : recent) {
                if (filter.test(item)) {
                    listener.accept(item);
                }
            }
            subscriptions.add(s);
        }
        return () -> subscriptions.remove(s);
    }

    /** The recent items, oldest first, that pass {@code filter}. */
    public List<T> recent(Predicate<T> filter) {
        synchronized (recent) {
            return recent.stream().filter(filter).toList();
        }
    }

    public int subscribers() {
        return subscriptions.size();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    T item;
                    try {
                        item = decoder.apply(r.value());
                    } catch (RuntimeException e) {
                        LOG.warn("feed {} skipped an unreadable record at {}-{}@{}: {}", topic, r.topic(),
                                r.partition(), r.offset(), e.toString());
                        continue;
                    }
                    if (idOf != null && seenIds.put(idOf.apply(item), Boolean.TRUE) != null) {
                        continue;
                    }
                    synchronized (recent) {
                        recent.addLast(item);
                        while (recent.size() > keep) {
                            recent.removeFirst();
                        }
                        for (Subscription<T> s : subscriptions) {
                            if (s.filter().test(item)) {
                                s.listener().accept(item);
                            }
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("feed {} woken unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("feed {} stopped", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
