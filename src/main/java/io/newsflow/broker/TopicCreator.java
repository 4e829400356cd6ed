package io.newsflow.broker;

import io.newsflow.config.KafkaClients;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates topics that do not exist yet; existing topics are left as they are. Stateless. */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    /**
     * Ensures {@code topics} exist with {@code partitions} partitions and the given replication factor (-1 for the
     * broker default), plus per-topic configs.
     *
     * @return the topics that were created
     */
    public static List<String> ensure(String bootstrapServers, Collection<String> topics, int partitions,
                                      short replicationFactor, Map<String, Map<String, String>> topicConfigs) {
        return ensure(KafkaClients.plain(bootstrapServers), topics, partitions, replicationFactor, topicConfigs);
    }

    /** As above, with an admin client configured by {@code clients} (security settings included). */
    public static List<String> ensure(KafkaClients clients, Collection<String> topics, int partitions,
                                      short replicationFactor, Map<String, Map<String, String>> topicConfigs) {
        String bootstrapServers = clients.bootstrapServers();
        try (Admin admin = clients.admin("newsflow-topics",
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    NewTopic t = new NewTopic(topic, Optional.of(partitions), Optional.of(replicationFactor));
                    missing.add(t.configs(topicConfigs.getOrDefault(topic, Map.of())));
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, created);
            LOG.info("created topics {} ({} partitions)", created, partitions);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " to create topics: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The topic's effective {@code max.message.bytes}, or empty when the topic does not exist or its configuration
     * cannot be read within 30 s (logged); never throws for those.
     */
    public static OptionalInt maxMessageBytes(KafkaClients clients, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = clients.admin("newsflow-topic-limits",
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(entry.value()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("cannot read max.message.bytes of topic {}: {}", topic, e.toString());
            return OptionalInt.empty();
        }
    }

    /**
     * True when every partition leader answers a ListOffsets request: the controller may report a leader before the
     * broker has taken over the partition, and a producer that writes in that gap can see its first batch rejected
     * and later ones accepted, which breaks idempotent sequencing.
     */
    private static boolean leadersServe(Admin admin, Map<String, TopicDescription> described) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        try {
            admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Waits until every partition of {@code topics} has a leader, so that first writes do not race the election. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, TopicDescription> described;
            try {
                described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // created, but the metadata has not reached the broker we asked yet
                described = Map.of();
            }
            boolean ready = !described.isEmpty() && described.values().stream().allMatch(d -> !d.partitions().isEmpty()
                    && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (ready && leadersServe(admin, described)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " have no leader after 30 s");
            }
            Thread.sleep(50);
        }
    }
}
