package io.newsflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.internal.ArticleCopies;
import io.newsflow.schema.internal.EntityArticles;
import io.newsflow.schema.internal.StoryArticles;
import io.newsflow.serde.AvroJson;
import io.newsflow.topology.NewsflowTopology;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Interactive queries over the pipeline's named stores, across instances: a key query runs where the key's
 * partition is active (this instance, or another one reached over HTTP through its {@code application.server});
 * trending merges every instance's local answer. Answers are JSON trees. Thread-safe.
 */
public final class StateQueries {

    /** Thrown when the key's owner is unknown (rebalancing) or unreachable; maps to HTTP 503. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Clock clock;

    public StateQueries(KafkaStreams streams, HostInfo self, Clock clock) {
        this.streams = streams;
        this.self = self;
        this.clock = clock;
    }

    /** The latest revision of an article, or empty. */
    public Optional<JsonNode> article(String id, boolean localOnly) {
        return routed(NewsflowTopology.STORE_ARTICLES, id, localOnly, "/api/articles/" + enc(id), () -> {
            ValueAndTimestamp<EnrichedArticle> v = timestamped(NewsflowTopology.STORE_ARTICLES,
                    EnrichedArticle.class).get(id);
            return v == null ? null : AvroJson.toTree(v.value());
        });
    }

    /**
     * The near-copies of an article ({@code originalId} and {@code copies}, oldest first; an empty list when none is
     * known). Answered by the instance hosting the single near-duplicate index partition.
     */
    public Optional<JsonNode> copies(String id, boolean localOnly) {
        return routed(NewsflowTopology.STORE_ARTICLE_COPIES, id, localOnly, "/api/articles/" + enc(id) + "/copies",
                () -> {
                    ValueAndTimestamp<ArticleCopies> v = timestamped(NewsflowTopology.STORE_ARTICLE_COPIES,
                            ArticleCopies.class).get(id);
                    return AvroJson.toTree(v == null ? new ArticleCopies(id, List.of()) : v.value());
                });
    }

    /**
     * A story ({@code storyId} and its {@code articles}, oldest first by publication time, at most 100), or empty.
     * Answered by the instance hosting the single story-index partition.
     */
    public Optional<JsonNode> story(String storyId, boolean localOnly) {
        return routed(NewsflowTopology.STORE_STORIES, storyId, localOnly, "/api/stories/" + enc(storyId), () -> {
            ValueAndTimestamp<StoryArticles> v = timestamped(NewsflowTopology.STORE_STORIES, StoryArticles.class)
                    .get(storyId);
            return v == null ? null : AvroJson.toTree(v.value());
        });
    }

    /**
     * The story of an article, as {@link #story}; {@code {"storyId": null, "articles": []}} while the article is in
     * none (not seen yet, or forgotten), as the copies query answers an empty list.
     */
    public Optional<JsonNode> storyOfArticle(String articleId, boolean localOnly) {
        return routed(NewsflowTopology.STORE_ARTICLE_STORIES, articleId, localOnly,
                "/api/articles/" + enc(articleId) + "/story", () -> {
                    ValueAndTimestamp<String> storyId = timestamped(NewsflowTopology.STORE_ARTICLE_STORIES,
                            String.class).get(articleId);
                    ValueAndTimestamp<StoryArticles> v = storyId == null ? null
                            : timestamped(NewsflowTopology.STORE_STORIES, StoryArticles.class).get(storyId.value());
                    return v == null ? AvroJson.toTree(new StoryArticles("", List.of())).putNull("storyId")
                            : AvroJson.toTree(v.value());
                });
    }

    /** An entity's identity and latest articles, newest first, or empty. */
    public Optional<JsonNode> entityArticles(String entityId, boolean localOnly) {
        return routed(NewsflowTopology.STORE_LATEST_ARTICLES, entityId, localOnly,
                "/api/entities/" + enc(entityId) + "/articles", () -> {
                    ValueAndTimestamp<EntityArticles> v = timestamped(NewsflowTopology.STORE_LATEST_ARTICLES,
                            EntityArticles.class).get(entityId);
                    return v == null ? null : AvroJson.toTree(v.value());
                });
    }

    /** Mention counts of an entity per bucket between {@code from} and {@code to}. */
    public Optional<JsonNode> mentions(String entityId, Instant from, Instant to, boolean localOnly) {
        String path = "/api/entities/" + enc(entityId) + "/mentions?from=" + from + "&to=" + to;
        return routed(NewsflowTopology.STORE_MENTION_COUNTS, entityId, localOnly, path, () -> {
            ObjectNode out = NODES.objectNode();
            out.put("entityId", entityId);
            out.put("from", from.toString());
            out.put("to", to.toString());
            ArrayNode buckets = out.putArray("buckets");
            long total = 0;
            try (WindowStoreIterator<Long> it = counts().fetch(entityId, from, to)) {
                while (it.hasNext()) {
                    KeyValue<Long, Long> b = it.next();
                    ObjectNode bucket = buckets.addObject();
                    bucket.put("start", Instant.ofEpochMilli(b.key).toString());
                    bucket.put("count", b.value);
                    total += b.value;
                }
            }
            out.put("total", total);
            return out;
        });
    }

    /**
     * Entities with the most mentions in the last {@code window}, with the count of the window before it; merged
     * over all instances unless {@code localOnly}.
     */
    public JsonNode trending(Duration window, int limit, boolean leadersOnly, boolean localOnly) {
        Instant now = clock.instant();
        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        mergeTrending(merged, localTrending(now, window, leadersOnly));
        if (!localOnly) {
            for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                if (m.hostInfo().equals(self) || m.hostInfo().port() <= 0) {
                    continue;
                }
                JsonNode remote = fetch(m.hostInfo(), "/api/trending?local=true&limit=1000&window=" + window
                        + "&leadersOnly=" + leadersOnly + "&at=" + now);
                mergeTrending(merged, remote.path("entities"));
            }
        }
        List<ObjectNode> ranked = new ArrayList<>(merged.values());
        ranked.sort((a, b) -> Long.compare(b.path("count").asLong(), a.path("count").asLong()));
        ObjectNode out = NODES.objectNode();
        out.put("window", window.toString());
        out.put("at", now.toString());
        ArrayNode entities = out.putArray("entities");
        ranked.stream().limit(limit).forEach(entities::add);
        return out;
    }

    /** Every instance of the application and the stores it hosts. */
    public JsonNode instances() {
        ArrayNode out = NODES.arrayNode();
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            ObjectNode n = out.addObject();
            n.put("host", m.host());
            n.put("port", m.port());
            n.put("self", m.hostInfo().equals(self));
            ArrayNode stores = n.putArray("stores");
            m.stateStoreNames().stream().sorted().forEach(stores::add);
            n.put("partitions", m.topicPartitions().size());
        }
        return out;
    }

    /** Local trending at {@code at} (used by remote instances through {@code ?local=true&at=}). */
    public JsonNode trendingLocal(Instant at, Duration window, boolean leadersOnly) {
        ObjectNode out = NODES.objectNode();
        ArrayNode entities = out.putArray("entities");
        localTrending(at, window, leadersOnly).forEach(entities::add);
        return out;
    }

    private List<ObjectNode> localTrending(Instant now, Duration window, boolean leadersOnly) {
        Map<String, long[]> counts = new HashMap<>();
        Instant recentFrom = now.minus(window);
        Instant previousFrom = recentFrom.minus(window);
        try (KeyValueIterator<Windowed<String>, Long> it = counts().fetchAll(previousFrom, now)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                long[] c = counts.computeIfAbsent(kv.key.key(), k -> new long[2]);
                c[kv.key.window().startTime().isBefore(recentFrom) ? 1 : 0] += kv.value;
            }
        }
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityArticles>> meta =
                timestamped(NewsflowTopology.STORE_LATEST_ARTICLES, EntityArticles.class);
        List<ObjectNode> out = new ArrayList<>();
        counts.forEach((id, c) -> {
            if (c[0] == 0) {
                return;
            }
            ValueAndTimestamp<EntityArticles> m = meta.get(id);
            if (leadersOnly && (m == null || !m.value().getLeader())) {
                return;
            }
            ObjectNode n = NODES.objectNode();
            n.put("entityId", id);
            n.put("name", m == null ? id : m.value().getName());
            n.put("type", m == null ? null : m.value().getType());
            n.put("leader", m != null && m.value().getLeader());
            n.put("count", c[0]);
            n.put("previousCount", c[1]);
            out.add(n);
        });
        return out;
    }

    private static void mergeTrending(Map<String, ObjectNode> merged, Iterable<? extends JsonNode> entities) {
        for (JsonNode e : entities) {
            ObjectNode existing = merged.get(e.path("entityId").asText());
            if (existing == null) {
                merged.put(e.path("entityId").asText(), ((ObjectNode) e).deepCopy());
            } else {
                existing.put("count", existing.path("count").asLong() + e.path("count").asLong());
                existing.put("previousCount", existing.path("previousCount").asLong()
                        + e.path("previousCount").asLong());
            }
        }
    }

    private interface LocalQuery {
        JsonNode run();
    }

    private Optional<JsonNode> routed(String store, String key, boolean localOnly, String path, LocalQuery local) {
        if (localOnly) {
            return Optional.ofNullable(local.run());
        }
        KeyQueryMetadata meta = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (meta == null || meta.activeHost() == null || meta.activeHost().equals(HostInfo.unavailable())) {
            throw new Unavailable("no instance hosts " + store + " for '" + key + "' right now (rebalancing?)");
        }
        if (meta.activeHost().equals(self)) {
            return Optional.ofNullable(local.run());
        }
        JsonNode remote = fetch(meta.activeHost(), path + (path.contains("?") ? "&" : "?") + "local=true");
        return remote == null || remote.isNull() ? Optional.empty() : Optional.of(remote);
    }

    private JsonNode fetch(HostInfo host, String path) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new Unavailable("instance " + host + " answered " + r.statusCode() + " for " + path);
            }
            return AvroJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new Unavailable("instance " + host + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private ReadOnlyWindowStore<String, Long> counts() {
        return streams.store(StoreQueryParameters.fromNameAndType(NewsflowTopology.STORE_MENTION_COUNTS,
                QueryableStoreTypes.<String, Long>windowStore()));
    }

    private <V> ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> timestamped(String name, Class<V> type) {
        return streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, V>timestampedKeyValueStore()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
