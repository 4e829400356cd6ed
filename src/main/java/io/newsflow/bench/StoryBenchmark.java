package io.newsflow.bench;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.StoryArticle;
import io.newsflow.schema.internal.StoryArticles;
import io.newsflow.schema.internal.StoryBucket;
import io.newsflow.schema.internal.StoryMember;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.story.InMemoryStoryIndex;
import io.newsflow.story.StoryClusterer;
import io.newsflow.story.StoryFeatures;
import io.newsflow.topology.Documents;
import io.newsflow.topology.EnrichedArticles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Cost of the story step per article, single thread, no Kafka: {@code distinct} generated ~700-token articles
 * (12 leaders, 14 places) are enriched once by the language and entity stages, then {@code articles} articles are
 * streamed through features, candidate lookup, comparison and remembering over an in-memory index with the
 * topology's bucket limit, one every {@code spacing} of publication time, cycling over the enriched ones with new
 * ids. The generated corpus names few people over and over, so every person bucket is full: a high-candidate case.
 * Not thread-safe.
 */
public final class StoryBenchmark {

    /** Where timed results go so the JIT cannot drop the work that produced them. */
    private static volatile long consumed;

    /**
     * @param articles articles timed
     * @param distinct distinct enriched articles they cycle over
     * @param stories stories formed
     * @param meanMicros mean time per article (features, lookup, comparisons, remembering)
     * @param p99Micros 99th percentile of the time per article
     * @param featuresMicros mean time of the features alone (content-word vector, entity sets)
     * @param candidatesPerArticle remembered articles compared per article, mean
     * @param stateBytesPerArticle serialised key and value bytes per remembered article (member, its share of the
     *                             person buckets, its article-stories entry and its entry in its story)
     */
    public record Result(int articles, int distinct, int stories, double meanMicros, double p99Micros,
                         double featuresMicros, double candidatesPerArticle, double stateBytesPerArticle) {
    }

    private StoryBenchmark() {
    }

    /** Runs the benchmark; the first {@code warmup} articles of a separate pass are not timed. */
    public static Result run(int articles, int distinct, int warmup, Duration spacing, StoryClusterer clusterer) {
        List<EnrichedArticle> enriched = enrich(distinct);
        Set<String> stopWords = StoryClusterer.stopWords();
        pass(clusterer, stopWords, stream(enriched, warmup, spacing, "warmup"), new long[warmup], new long[warmup],
                new InMemoryStoryIndex(StoryClusterer.BUCKET_CAPACITY));

        List<EnrichedArticle> timed = stream(enriched, articles, spacing, "bench");
        InMemoryStoryIndex index = new InMemoryStoryIndex(StoryClusterer.BUCKET_CAPACITY);
        long[] nanos = new long[articles];
        long[] featureNanos = new long[articles];
        List<String> storyIds = pass(clusterer, stopWords, timed, nanos, featureNanos, index);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1_000.0;
        double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1_000.0;
        double features = Arrays.stream(featureNanos).average().orElse(0) / 1_000.0;
        return new Result(articles, distinct, (int) storyIds.stream().distinct().count(), mean, p99, features,
                (double) index.lookups() / articles, stateBytes(timed, storyIds, index, stopWords));
    }

    private static List<String> pass(StoryClusterer clusterer, Set<String> stopWords, List<EnrichedArticle> articles,
                                     long[] nanos, long[] featureNanos, InMemoryStoryIndex index) {
        List<String> storyIds = new ArrayList<>(articles.size());
        long sink = 0;
        for (int i = 0; i < articles.size(); i++) {
            EnrichedArticle a = articles.get(i);
            long t0 = System.nanoTime();
            StoryFeatures f = StoryFeatures.of(a, 0L, stopWords);
            long t1 = System.nanoTime();
            String storyId = clusterer.assign(f, index).map(StoryClusterer.Match::storyId).orElse(a.getId());
            long t2 = System.nanoTime();
            nanos[i] = t2 - t0;
            featureNanos[i] = t1 - t0;
            sink += storyId.length();
            storyIds.add(storyId);
        }
        consumed = sink;
        return storyIds;
    }

    /** Serialised bytes of the four stores per remembered article. */
    private static double stateBytes(List<EnrichedArticle> articles, List<String> storyIds, InMemoryStoryIndex index,
                                     Set<String> stopWords) {
        SerdeFactory serdes = SerdeFactory.singleObject();
        Serializer<StoryMember> members = serdes.valueSerde(StoryMember.class).serializer();
        Serializer<StoryBucket> buckets = serdes.valueSerde(StoryBucket.class).serializer();
        Serializer<StoryArticles> stories = serdes.valueSerde(StoryArticles.class).serializer();
        long bytes = 0;
        for (int i = 0; i < articles.size(); i++) {
            EnrichedArticle a = articles.get(i);
            StoryFeatures f = StoryFeatures.of(a, 0L, stopWords);
            List<Integer> hashes = new ArrayList<>();
            List<Float> weights = new ArrayList<>();
            for (int t = 0; t < f.terms().hashes().length; t++) {
                hashes.add(f.terms().hashes()[t]);
                weights.add(f.terms().weights()[t]);
            }
            int key = a.getId().getBytes(StandardCharsets.UTF_8).length + Long.BYTES;
            bytes += key + members.serialize("bench", new StoryMember(storyIds.get(i), f.time(),
                    List.copyOf(f.persons()), List.copyOf(f.places()), hashes, weights)).length;
            bytes += key + storyIds.get(i).getBytes(StandardCharsets.UTF_8).length;
            StoryArticle entry = StoryArticle.newBuilder().setArticleId(a.getId()).setUrl(a.getUrl())
                    .setTitle(a.getTitle()).setSource(a.getSource()).setPublishedAt(a.getPublishedAt()).build();
            bytes += stories.serialize("bench", new StoryArticles("", List.of(entry, entry))).length
                    - stories.serialize("bench", new StoryArticles("", List.of(entry))).length;
        }
        for (Map.Entry<String, List<String>> e : index.buckets().entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + Long.BYTES
                    + buckets.serialize("bench", new StoryBucket(e.getValue())).length;
        }
        return (double) bytes / articles.size();
    }

    /** {@code n} articles cycling over {@code enriched}, with new ids and publication times {@code spacing} apart. */
    private static List<EnrichedArticle> stream(List<EnrichedArticle> enriched, int n, Duration spacing,
                                                String prefix) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<EnrichedArticle> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(EnrichedArticle.newBuilder(enriched.get(i % enriched.size())).setId(prefix + "-" + i)
                    .setPublishedAt(t0.plus(spacing.multipliedBy(i))).build());
        }
        return out;
    }

    private static List<EnrichedArticle> enrich(int distinct) {
        PipelineStages stages = PipelineStages.named(List.of("language", "entities"));
        CorpusGenerator generator = new CorpusGenerator(42);
        List<EnrichedArticle> out = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            RawArticle raw = generator.next("story");
            Document doc = stages.process(Documents.fromRaw(raw));
            out.add(EnrichedArticles.from(raw, "", 1, doc, "bench", Instant.EPOCH, 0));
        }
        return out;
    }
}
