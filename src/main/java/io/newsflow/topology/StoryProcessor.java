package io.newsflow.topology;

import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.internal.StoryArticle;
import io.newsflow.schema.internal.StoryArticles;
import io.newsflow.schema.internal.StoryBucket;
import io.newsflow.schema.internal.StoryMember;
import io.newsflow.story.StoryClusterer;
import io.newsflow.story.StoryFeatures;
import io.newsflow.story.TermVector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the single partition of the story index topic, so every enriched article meets every remembered one
 * whichever partition it was published on: puts the article in a story ({@link StoryClusterer}) and records it in
 * the stores the API serves ({@code article-stories}: article id to story id; {@code stories}: story id to its
 * articles). A near-copy joins its original's story without being compared or remembered; a correction keeps its
 * story; an original whose copies were published before it keeps the story they opened. Entries expire after the
 * retention in stream time, like the de-duplication stores. Terminal: forwards nothing. One instance per task; not
 * thread-safe.
 */
final class StoryProcessor implements Processor<String, EnrichedArticle, Void, Void> {

    /** Articles kept per story: the first one and the newest. */
    static final int ARTICLES_KEPT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StoryProcessor.class);

    private final StoryClusterer clusterer;
    private final Set<String> stopWords;
    private final String membersStore;
    private final String bucketsStore;
    private final String articleStoriesStore;
    private final String storiesStore;
    private final Duration retention;
    private ExpiringStore<StoryMember> members;
    private ExpiringStore<StoryBucket> buckets;
    private ExpiringStore<String> articleStories;
    private ExpiringStore<StoryArticles> stories;

    StoryProcessor(StoryClusterer clusterer, Set<String> stopWords, String membersStore, String bucketsStore,
                   String articleStoriesStore, String storiesStore, Duration retention) {
        this.clusterer = clusterer;
        this.stopWords = stopWords;
        this.membersStore = membersStore;
        this.bucketsStore = bucketsStore;
        this.articleStoriesStore = articleStoriesStore;
        this.storiesStore = storiesStore;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.members = new ExpiringStore<>(context, membersStore, retention);
        this.buckets = new ExpiringStore<>(context, bucketsStore, retention);
        this.articleStories = new ExpiringStore<>(context, articleStoriesStore, retention);
        this.stories = new ExpiringStore<>(context, storiesStore, retention);
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        EnrichedArticle article = record.value();
        if (article == null) {
            return;
        }
        long now = record.timestamp();
        String id = article.getId();
        StoryFeatures features = StoryFeatures.of(article, now, stopWords);
        StoreIndex index = new StoreIndex(now);
        String storyId = articleStories.get(id, now);
        Double similarity = null;
        if (storyId != null) {
            if (members.get(id, now) != null) {
                index.remember(new StoryClusterer.Member(features, storyId));
            }
        } else if (article.getDuplicateOf() != null) {
            String original = articleStories.get(article.getDuplicateOf(), now);
            storyId = original != null ? original : article.getDuplicateOf();
        } else if (stories.get(id, now) != null) {
            storyId = id;
            index.remember(new StoryClusterer.Member(features, storyId));
        } else {
            Optional<StoryClusterer.Match> match = clusterer.assign(features, index);
            storyId = match.map(StoryClusterer.Match::storyId).orElse(id);
            similarity = match.map(StoryClusterer.Match::similarity).orElse(null);
            match.ifPresent(m -> LOG.debug("article {} joins story {} through {} (cosine {})", id, m.storyId(),
                    m.memberId(), m.similarity()));
        }
        articleStories.put(id, storyId, now);
        addToStory(storyId, article, features.time(), similarity, now);
    }

    private void addToStory(String storyId, EnrichedArticle article, long time, Double similarity, long now) {
        StoryArticles current = stories.get(storyId, now);
        List<StoryArticle> list = new ArrayList<>();
        if (current != null) {
            current.getArticles().stream().filter(a -> !a.getArticleId().equals(article.getId())).forEach(list::add);
        }
        list.add(StoryArticle.newBuilder()
                .setArticleId(article.getId())
                .setUrl(article.getUrl())
                .setTitle(article.getTitle())
                .setSource(article.getSource())
                .setPublishedAt(Instant.ofEpochMilli(time))
                .setSimilarity(similarity)
                .setDuplicateOf(article.getDuplicateOf())
                .build());
        list.sort(Comparator.comparing(StoryArticle::getPublishedAt).thenComparing(StoryArticle::getArticleId));
        while (list.size() > ARTICLES_KEPT) {
            list.remove(1);
        }
        stories.put(storyId, new StoryArticles(storyId, list), now);
    }

    /** The clusterer's index over this task's stores, reading at stream time {@code now}. */
    private final class StoreIndex implements StoryClusterer.Index {
        private final long now;

        StoreIndex(long now) {
            this.now = now;
        }

        @Override
        public StoryClusterer.Member member(String articleId) {
            StoryMember m = members.get(articleId, now);
            if (m == null) {
                return null;
            }
            int[] hashes = m.getTermHashes().stream().mapToInt(Integer::intValue).toArray();
            float[] weights = new float[m.getTermWeights().size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = m.getTermWeights().get(i);
            }
            return new StoryClusterer.Member(new StoryFeatures(articleId, m.getTime(), Set.copyOf(m.getPersons()),
                    Set.copyOf(m.getPlaces()), new TermVector(hashes, weights)), m.getStoryId());
        }

        @Override
        public List<String> bucket(String personId) {
            StoryBucket bucket = buckets.get(personId, now);
            return bucket == null ? List.of() : bucket.getArticleIds();
        }

        @Override
        public void remember(StoryClusterer.Member member) {
            StoryFeatures f = member.features();
            List<Integer> hashes = new ArrayList<>(f.terms().hashes().length);
            List<Float> weights = new ArrayList<>(f.terms().weights().length);
            for (int i = 0; i < f.terms().hashes().length; i++) {
                hashes.add(f.terms().hashes()[i]);
                weights.add(f.terms().weights()[i]);
            }
            members.put(f.articleId(), new StoryMember(member.storyId(), f.time(), List.copyOf(f.persons()),
                    List.copyOf(f.places()), hashes, weights), now);
            for (String person : f.persons()) {
                List<String> ids = new ArrayList<>(bucket(person));
                ids.remove(f.articleId());
                ids.add(f.articleId());
                while (ids.size() > StoryClusterer.BUCKET_CAPACITY) {
                    ids.remove(0);
                }
                buckets.put(person, new StoryBucket(ids), now);
            }
        }
    }
}
