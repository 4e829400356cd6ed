package io.newsflow.cli;

import io.newsflow.config.Topics;
import io.newsflow.topology.Reprocessing;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Re-enrichment after a model or lexicon upgrade: re-sends the input records read since a time (or in an offset
 * range) to the input topic, each to its original partition with its original key, value, headers and timestamp
 * plus the header {@value Reprocessing#HEADER}. The running pipeline (the upgraded one) re-enriches them and
 * publishes only changed results, as the next revision; see {@code Reprocessing}.
 */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = "Re-enrich articles already read (after a model or lexicon upgrade): re-sends the input records since TIME to the running pipeline, which publishes only changed results as new revisions.")
final class ReprocessCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE} (newsflow broker).")
    String bootstrapServers;

    @Mixin
    ClientOptions client;

    @Option(names = "--topic-articles", defaultValue = Topics.DEFAULT_ARTICLES,
            description = "Input topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Re-send records with a timestamp from TIME: an ISO-8601 instant (2026-12-01T00:00:00Z) or a duration back from now (P1D, PT6H).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "… up to (not including) TIME. Default: the end of the topic when the command starts.")
    String until;

    @Option(names = "--from-offset", paramLabel = "OFFSET", description = "Instead of --since: from this offset of every partition.")
    Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "OFFSET", description = "With --from-offset: up to (not including) this offset. Default: the end.")
    Long toOffset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((since == null) == (fromOffset == null)) {
            throw new ParameterException(spec.commandLine(), "give either --since TIME or --from-offset OFFSET");
        }
        Instant now = Instant.now();
        String request = UUID.randomUUID().toString();
        int sent = 0;
        try (KafkaConsumer<String, byte[]> consumer = Clients.consumer(client.clients(bootstrapServers),
                "newsflow-reprocess");
             KafkaProducer<String, byte[]> producer = Clients.producer(client.clients(bootstrapServers),
                     "newsflow-reprocess")) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            Map<TopicPartition, Long> start = new HashMap<>();
            if (since != null) {
                start.putAll(offsetsAt(consumer, partitions, time(since, now), end));
                if (until != null) {
                    end.putAll(offsetsAt(consumer, partitions, time(until, now), end));
                }
            } else {
                partitions.forEach(tp -> start.put(tp, fromOffset));
                if (toOffset != null) {
                    partitions.forEach(tp -> end.put(tp, Math.min(end.get(tp), toOffset)));
                }
            }
            consumer.assign(partitions);
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (start.get(tp) < end.get(tp)) {
                    consumer.seek(tp, start.get(tp));
                    open.add(tp);
                }
            }
            consumer.assign(open);
            while (!open.isEmpty()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp) || Reprocessing.isReprocess(r.headers())) {
                        continue; // past the range, or an earlier re-send (its original is in the range too)
                    }
                    RecordHeaders headers = new RecordHeaders(r.headers().toArray());
                    headers.add(Reprocessing.HEADER, request.getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value(),
                            headers));
                    sent++;
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                consumer.assign(open);
            }
            producer.flush();
        }
        out.printf("re-sent %d records of %s for re-enrichment (request %s); the running pipeline publishes the changed ones as new revisions%n",
                sent, topic, request);
        out.flush();
        return 0;
    }

    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<String, byte[]> consumer,
                                                       List<TopicPartition> partitions, Instant time,
                                                       Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndTimestamp> e : consumer.offsetsForTimes(query).entrySet()) {
            out.put(e.getKey(), e.getValue() == null ? end.get(e.getKey()) : e.getValue().offset());
        }
        return out;
    }

    /** An ISO-8601 instant, or a duration back from {@code now}. */
    private Instant time(String value, Instant now) {
        try {
            return value.startsWith("P") || value.startsWith("p") ? now.minus(Duration.parse(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "not an ISO-8601 instant or duration: " + value);
        }
    }
}
