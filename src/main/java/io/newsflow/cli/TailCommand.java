package io.newsflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.config.Topics;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.EntityMention;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.AvroJson;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the records of a newsflow topic as JSON lines: one object per record with its coordinates and value. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print records of a newsflow topic as JSON lines (Avro values decoded, dead letters with headers and base64 bytes).")
final class TailCommand implements Callable<Integer> {

    /** How record values are decoded. */
    enum ValueType { AUTO, RAW, ENRICHED, DLQ, ALERT, MENTION, ALERT_DLQ, BYTES }

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to read, e.g. news-articles-enriched.")
    String topic;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--type", defaultValue = "AUTO",
            description = "Value type: ${COMPLETION-CANDIDATES}. AUTO picks by topic name. Default: ${DEFAULT-VALUE}.")
    ValueType type;

    @Mixin
    RegistryOptions registry;

    @Mixin
    ClientOptions client;

    @Option(names = "--from-end", description = "Start at the end instead of the beginning.")
    boolean fromEnd;

    @Option(names = "--max-records", defaultValue = "-1", description = "Stop after this many records; -1 = no limit.")
    long maxRecords;

    @Option(names = "--idle-timeout", defaultValue = "PT0S",
            description = "Stop after this long without records (ISO-8601, e.g. PT5S); PT0S = follow forever.")
    Duration idleTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ValueType effective = type != ValueType.AUTO ? type : guess(topic);
        SerdeFactory serdes = registry.serdes();
        RecordCodec<RawArticle> raw = new RecordCodec<>(serdes, RawArticle.class);
        RecordCodec<EnrichedArticle> enriched = new RecordCodec<>(serdes, EnrichedArticle.class);
        RecordCodec<LeaderAlert> alerts = new RecordCodec<>(serdes, LeaderAlert.class);
        RecordCodec<EntityMention> mentions = new RecordCodec<>(serdes, EntityMention.class);
        Function<ConsumerRecord<String, byte[]>, SpecificRecord> decoder = switch (effective) {
            case RAW, DLQ -> r -> raw.decode(r.topic(), r.value());
            case ENRICHED -> r -> enriched.decode(r.topic(), r.value());
            case ALERT, ALERT_DLQ -> r -> alerts.decode(r.topic(), r.value());
            case MENTION -> r -> mentions.decode(r.topic(), r.value());
            default -> r -> null;
        };
        long printed = 0;
        try (KafkaConsumer<String, byte[]> consumer = Clients.consumer(client.clients(bootstrapServers), "newsflow-tail")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                spec.commandLine().getErr().printf("topic %s does not exist%n", topic);
                return 1;
            }
            consumer.assign(partitions);
            if (fromEnd) {
                consumer.seekToEnd(partitions);
            } else {
                consumer.seekToBeginning(partitions);
            }
            long lastRecord = System.nanoTime();
            while (maxRecords < 0 || printed < maxRecords) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty() && !idleTimeout.isZero()
                        && System.nanoTime() - lastRecord > idleTimeout.toNanos()) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    lastRecord = System.nanoTime();
                    out.println(render(r, effective, decoder));
                    printed++;
                    if (maxRecords >= 0 && printed >= maxRecords) {
                        break;
                    }
                }
                out.flush();
            }
        }
        return 0;
    }

    static ValueType guess(String topic) {
        if (topic.endsWith("-webhook-dlq")) {
            return ValueType.ALERT_DLQ;
        }
        if (topic.endsWith("-dlq")) {
            return ValueType.DLQ;
        }
        if (topic.equals(Topics.DEFAULT_ENRICHED) || topic.endsWith("-enriched")) {
            return ValueType.ENRICHED;
        }
        if (topic.equals(Topics.DEFAULT_ARTICLES) || topic.endsWith("-articles")) {
            return ValueType.RAW;
        }
        if (topic.equals(Topics.DEFAULT_ALERTS) || topic.endsWith("-alerts")) {
            return ValueType.ALERT;
        }
        if (topic.equals(Topics.DEFAULT_MENTIONS) || topic.endsWith("-mentions")) {
            return ValueType.MENTION;
        }
        return ValueType.BYTES;
    }

    private static String render(ConsumerRecord<String, byte[]> r, ValueType type,
                                 Function<ConsumerRecord<String, byte[]>, SpecificRecord> decoder) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("topic", r.topic());
        line.put("partition", r.partition());
        line.put("offset", r.offset());
        line.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
        line.put("key", r.key());
        if (type == ValueType.DLQ || type == ValueType.ALERT_DLQ || r.headers().toArray().length > 0) {
            ObjectNode headers = line.putObject("headers");
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        byte[] value = r.value();
        if (value == null) {
            line.putNull("value");
            return line.toString();
        }
        try {
            SpecificRecord decoded = decoder.apply(r);
            if (decoded != null) {
                line.set("value", AvroJson.toNode(decoded, decoded.getSchema()));
                return line.toString();
            }
        } catch (RuntimeException e) {
            line.put("decodeError", e.getMessage());
        }
        line.put("valueBase64", Base64.getEncoder().encodeToString(value));
        return line.toString();
    }
}
