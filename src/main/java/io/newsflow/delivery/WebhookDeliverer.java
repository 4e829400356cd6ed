package io.newsflow.delivery;

import io.newsflow.config.KafkaClients;
import io.newsflow.config.Version;
import io.newsflow.error.DeadLetter;
import io.newsflow.error.DeadLetterHeaders;
import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.serde.AvroJson;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the leader alerts of a Kafka topic to a webhook, in order per partition, at least once.
 *
 * <p>A consumer in its own group (read_committed, no auto-commit) reads {@code LeaderAlert} records; each alert
 * that passes the {@link AlertFilter} is POSTed by a {@link WebhookSender} under the policy's retry budget. An
 * alert the webhook never accepts, and a record that is not a {@code LeaderAlert}, is written to the dead-letter
 * topic (original key, value and headers; {@code newsflow.dlq.stage=webhook}, reason, attempts and last status in
 * {@link DeadLetterHeaders}) and delivery moves on. Offsets are committed after each polled batch has been
 * delivered, skipped or dead-lettered, on partition revocation and on close; a crash can therefore resend alerts
 * of the last batch, which receivers drop by {@code Idempotency-Key}. While waiting between attempts the assigned
 * partitions are paused and the consumer keeps polling, so the group membership stays alive during long backoffs.
 *
 * <p>Threading: {@link #run()} is called once, on one thread, and blocks until {@link #close()} is called or the
 * idle timeout expires; the Kafka clients are used only by that thread. {@link #close()} and {@link #totals()} may
 * be called from any thread (e.g. a shutdown hook): close wakes the consumer, lets an in-flight request finish,
 * commits what was completed and waits for {@code run} to return.
 */
public final class WebhookDeliverer implements Runnable, AutoCloseable {

    /** {@code newsflow.dlq.stage} of the records this class dead-letters. */
    public static final String STAGE = "webhook";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PAUSE_POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);
    private static final long DEAD_LETTER_SEND_TIMEOUT_S = 60;

    /** Counts of outcomes so far. Immutable snapshot. */
    public record Totals(long delivered, long deadLettered, long skipped) {
    }

    private enum State { NEW, RUNNING, STOPPED }

    private final DeliveryConfig config;
    private final WebhookSender sender;
    private final Consumer<DeliveryOutcome> listener;
    private final RecordCodec<LeaderAlert> codec;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean stopping;
    private volatile Thread runner;

    // Used by the run() thread only (the rebalance listener runs inside poll on that thread).
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private final Set<TopicPartition> batchPartitions = new HashSet<>();
    private boolean inBatch;
    private long idleSince = -1;

    /**
     * Creates the Kafka clients; nothing is read before {@link #run()}.
     *
     * @param listener told of every outcome on the run() thread; exceptions it throws are logged and ignored
     */
    public WebhookDeliverer(DeliveryConfig config, WebhookSender sender, Consumer<DeliveryOutcome> listener) {
        this(config, sender, listener, SerdeFactory.singleObject());
    }

    /** As above, for alerts written in {@code serdes}' framing (e.g. schema-registry framing). */
    public WebhookDeliverer(DeliveryConfig config, WebhookSender sender, Consumer<DeliveryOutcome> listener,
                            SerdeFactory serdes) {
        this.codec = new RecordCodec<>(serdes, LeaderAlert.class);
        this.config = Objects.requireNonNull(config, "config");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.consumer = new KafkaConsumer<>(consumerProperties(config), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                    new ByteArraySerializer());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** The consumer's settings: the group's defaults, then the shared client properties (through {@link KafkaClients}). */
    static Properties consumerProperties(DeliveryConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return clients(config).consumerProperties(config.groupId() + "-consumer", p);
    }

    /** The dead-letter producer's settings: idempotent, acks=all, then the shared client properties. */
    static Properties producerProperties(DeliveryConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        return clients(config).producerProperties(config.groupId() + "-dlq", p);
    }

    private static KafkaClients clients(DeliveryConfig config) {
        return KafkaClients.of(config.bootstrapServers(), config.clientProperties());
    }

    /** Outcome counts so far. */
    public Totals totals() {
        return new Totals(delivered.get(), deadLettered.get(), skipped.get());
    }

    /**
     * Reads and delivers alerts until {@link #close()} or the idle timeout. Commits completed offsets and closes the
     * Kafka clients before returning.
     *
     * @throws IllegalStateException when called twice, or when a dead letter cannot be written (the alert is then
     *     left uncommitted, to be delivered again after a restart)
     */
    @Override
    public void run() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("run() may be called once, before close()");
        }
        runner = Thread.currentThread();
        LOG.info("delivering alerts from {} (group {}, filter {}) to {}; dead letters to {}", config.alertsTopic(),
                config.groupId(), config.filter().describe(), sender.clientUrl(), config.deadLetterTopic());
        try {
            consumer.subscribe(List.of(config.alertsTopic()), new Rebalance());
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    deliverBatch(records);
                    idleSince = System.nanoTime();
                } else if (idleExpired()) {
                    LOG.info("no alerts for {}; stopping", config.idleTimeout());
                    break;
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("interrupted; stopping");
        } finally {
            try {
                commitPending();
            } finally {
                closeClients();
                state.set(State.STOPPED);
                LOG.info("webhook delivery stopped: {}", totals());
                finished.countDown();
            }
        }
    }

    /**
     * Stops {@link #run()} and waits (up to a minute) until it has committed and closed; an alert whose delivery
     * was under way and not finished stays uncommitted and is delivered again by the next run. Idempotent.
     */
    @Override
    public void close() {
        stopping = true;
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            closeClients();
            finished.countDown();
            return;
        }
        if (state.get() == State.STOPPED) {
            return;
        }
        consumer.wakeup();
        if (Thread.currentThread() == runner) {
            return;
        }
        try {
            if (!finished.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("webhook delivery did not stop within {}", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean idleExpired() {
        return !config.idleTimeout().isZero() && idleSince >= 0
                && System.nanoTime() - idleSince > config.idleTimeout().toNanos();
    }

    private void deliverBatch(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        inBatch = true;
        batchPartitions.clear();
        batchPartitions.addAll(records.partitions());
        consumer.pause(consumer.assignment());
        try {
            for (TopicPartition tp : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    if (stopping || !batchPartitions.contains(tp) || !deliver(r, tp)) {
                        break;
                    }
                    pending.put(tp, new OffsetAndMetadata(r.offset() + 1));
                }
                if (stopping) {
                    break;
                }
            }
            commitPending();
        } finally {
            inBatch = false;
            batchPartitions.clear();
            if (!stopping) {
                consumer.resume(consumer.assignment());
            }
        }
    }

    /** Delivers, skips or dead-letters one record; false when abandoned (stopping, or partition revoked). */
    private boolean deliver(ConsumerRecord<byte[], byte[]> r, TopicPartition tp) throws InterruptedException {
        long started = System.nanoTime();
        LeaderAlert alert;
        String problem;
        String errorClass;
        if (r.value() == null) {
            alert = null;
            errorClass = "tombstone";
            problem = "record has no value";
        } else {
            try {
                alert = codec.decode(r.topic(), r.value());
                boolean badKey = !WebhookClient.validKey(alert.getAlertId());
                problem = badKey ? "alertId is missing or not printable ASCII, so it cannot be an Idempotency-Key" : null;
                errorClass = badKey ? "invalid-alert" : null;
            } catch (RuntimeException e) {
                alert = null;
                errorClass = e.getClass().getName();
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            deadLetter(r, errorClass, problem, 0, 0);
            deadLettered.incrementAndGet();
            report(outcome(DeliveryOutcome.Kind.DEAD_LETTERED, alert, r, 0, 0, problem, started));
            return true;
        }
        if (!config.filter().accepts(alert)) {
            skipped.incrementAndGet();
            LOG.debug("alert {} skipped by the filter", alert.getAlertId());
            report(outcome(DeliveryOutcome.Kind.SKIPPED, alert, r, 0, 0, "", started));
            return true;
        }
        WebhookSender.Result result = sender.send(alert.getAlertId(), AvroJson.toJson(alert), delay -> pause(delay, tp));
        switch (result.status()) {
            case DELIVERED -> {
                delivered.incrementAndGet();
                report(outcome(DeliveryOutcome.Kind.DELIVERED, alert, r, result.attempts(), result.last().status(),
                        "", started));
                return true;
            }
            case FAILED -> {
                WebhookResult last = result.last();
                String reason = (last.retryable() ? "still failing after " + result.attempts() + " attempt"
                        + (result.attempts() == 1 ? "" : "s") : "refused, not retried") + ": " + last.describe();
                deadLetter(r, last.status() == 0 ? last.errorClass() : "http-" + last.status(), reason,
                        result.attempts(), last.status());
                deadLettered.incrementAndGet();
                report(outcome(DeliveryOutcome.Kind.DEAD_LETTERED, alert, r, result.attempts(), last.status(),
                        reason, started));
                return true;
            }
            default -> {
                LOG.info("delivery of alert {} abandoned after {} attempts ({}); it stays uncommitted",
                        alert.getAlertId(), result.attempts(), stopping ? "stopping" : "partition revoked");
                return false;
            }
        }
    }

    /** Waits between attempts while polling the paused consumer, so that the group keeps this member. */
    private boolean pause(Duration delay, TopicPartition tp) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (true) {
            if (stopping || !batchPartitions.contains(tp)) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                rewind(consumer.poll(Duration.ofNanos(Math.min(left, PAUSE_POLL.toNanos()))));
            } catch (WakeupException e) {
                if (stopping) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** Paused partitions return nothing; should a record come anyway, it is read again after the batch. */
    private void rewind(ConsumerRecords<byte[], byte[]> unexpected) {
        for (TopicPartition tp : unexpected.partitions()) {
            long first = unexpected.records(tp).get(0).offset();
            consumer.seek(tp, first);
            consumer.pause(List.of(tp));
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> r, String errorClass, String reason, int attempts,
                            int lastStatus) {
        ProducerRecord<byte[], byte[]> letter = deadLetterRecord(config.deadLetterTopic(), r, errorClass, reason,
                attempts, lastStatus, System.currentTimeMillis());
        try {
            producer.send(letter).get(DEAD_LETTER_SEND_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter to " + config.deadLetterTopic(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot write dead letter for " + r.topic() + "/" + r.partition() + "@"
                    + r.offset() + " to " + config.deadLetterTopic() + ": " + cause.getMessage(), cause);
        }
        LOG.warn("{}/{}@{} dead-lettered to {}: {}", r.topic(), r.partition(), r.offset(), config.deadLetterTopic(),
                reason);
    }

    /**
     * The dead letter of {@code r}: same key, value and headers, plus {@code newsflow.dlq.*} headers with stage
     * {@value #STAGE}, the reason, attempts and (when a response came) the last HTTP status.
     */
    static ProducerRecord<byte[], byte[]> deadLetterRecord(String topic, ConsumerRecord<byte[], byte[]> r,
                                                           String errorClass, String reason, int attempts,
                                                           int lastStatus, long nowMillis) {
        Headers headers = new RecordHeaders(r.headers().toArray());
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        new DeadLetter(key, STAGE, errorClass == null ? "unknown" : errorClass, reason, r.topic(), r.partition(),
                r.offset(), r.value()).writeTo(headers, Version.current(), nowMillis);
        headers.remove(DeadLetterHeaders.ATTEMPTS);
        headers.add(DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        headers.remove(DeadLetterHeaders.LAST_STATUS);
        if (lastStatus > 0) {
            headers.add(DeadLetterHeaders.LAST_STATUS, Integer.toString(lastStatus).getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(topic, null, r.key(), r.value(), headers);
    }

    private DeliveryOutcome outcome(DeliveryOutcome.Kind kind, LeaderAlert alert, ConsumerRecord<byte[], byte[]> r,
                                    int attempts, int lastStatus, String reason, long startedNanos) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        return new DeliveryOutcome(kind, alert == null ? null : alert.getAlertId(),
                alert == null ? null : alert.getLeaderId(), alert == null ? null : alert.getRuleName(),
                alert == null ? null : String.valueOf(alert.getTier()), r.topic(), r.partition(), r.offset(), attempts,
                lastStatus, reason, elapsed);
    }

    private void report(DeliveryOutcome outcome) {
        NewsflowMetrics.webhookDelivery(outcome.kind().name().toLowerCase(Locale.ROOT), outcome.attempts());
        try {
            listener.accept(outcome);
        } catch (RuntimeException e) {
            LOG.warn("outcome listener failed on {}", outcome.summary(), e);
        }
    }

    private void commitPending() {
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(pending);
        for (int tries = 1; ; tries++) {
            try {
                consumer.commitSync(offsets);
                pending.keySet().removeAll(offsets.keySet());
                LOG.debug("committed {}", offsets);
                return;
            } catch (WakeupException e) {
                if (tries >= 2) {
                    LOG.warn("offsets {} not committed (woken up twice); their alerts may be delivered again", offsets);
                    return;
                }
            } catch (KafkaException e) {
                pending.keySet().removeAll(offsets.keySet());
                LOG.warn("offsets {} not committed ({}); their alerts may be delivered again", offsets, e.toString());
                return;
            }
        }
    }

    private void closeClients() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the consumer failed", e);
        }
        try {
            producer.close(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("closing the dead-letter producer failed", e);
        }
    }

    /** Commits on revocation; pauses partitions assigned while a batch is in progress. Runs inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            batchPartitions.removeAll(partitions);
            Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = pending.remove(tp);
                if (offset != null) {
                    mine.put(tp, offset);
                }
            }
            if (!mine.isEmpty()) {
                try {
                    consumer.commitSync(mine);
                } catch (KafkaException e) {
                    LOG.warn("offsets {} not committed on revocation ({}); their alerts may be delivered again", mine,
                            e.toString());
                }
            }
            LOG.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            batchPartitions.removeAll(partitions);
            partitions.forEach(pending::remove);
            LOG.warn("partitions lost: {}; alerts read from them since the last commit will be delivered again",
                    partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (inBatch && !partitions.isEmpty()) {
                consumer.pause(partitions);
            }
            if (idleSince < 0 && !partitions.isEmpty()) {
                idleSince = System.nanoTime();
            }
            LOG.info("partitions assigned: {}", partitions);
        }
    }
}
