package io.newsflow.topology;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Alerts;
import io.newsflow.alert.Rule;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.EntityMention;
import io.newsflow.schema.EvidenceField;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RuleType;
import io.newsflow.schema.internal.ArticleHeadline;
import io.newsflow.schema.internal.EntityArticles;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Per entity (input keyed by entity id): counts mentions in fixed time buckets, keeps the entity's latest articles,
 * and evaluates SPIKE rules on the counts. A correction (revision above 1) updates the latest articles but is not
 * counted again. Record timestamps (ingestion time) place mentions in buckets.
 */
final class MentionCountProcessor implements Processor<String, EntityMention, String, LeaderAlert> {

    private final Alerting alerting;
    private final String countsStore;
    private final String latestStore;
    private final String spikesStore;
    private final Clock clock;
    private final long bucketMs;
    private WindowStore<String, Long> counts;
    private ExpiringStore<EntityArticles> latest;
    private AlertEmitter spikes;

    MentionCountProcessor(Alerting alerting, String countsStore, String latestStore, String spikesStore, Clock clock) {
        this.alerting = alerting;
        this.countsStore = countsStore;
        this.latestStore = latestStore;
        this.spikesStore = spikesStore;
        this.clock = clock;
        this.bucketMs = alerting.mentionBucket().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, LeaderAlert> context) {
        this.counts = context.getStateStore(countsStore);
        this.latest = new ExpiringStore<>(context, latestStore, alerting.mentionRetention());
        this.spikes = new AlertEmitter(context, spikesStore, alerting.mentionRetention(), AlertTier.FULL, clock);
    }

    @Override
    public void process(Record<String, EntityMention> record) {
        EntityMention m = record.value();
        String key = record.key();
        if (m == null || key == null) {
            return;
        }
        long ts = record.timestamp();
        if (m.getRevision() <= 1) {
            long bucket = ts - Math.floorMod(ts, bucketMs);
            Long count = counts.fetch(key, bucket);
            counts.put(key, count == null ? 1L : count + 1, bucket);
        }
        remember(key, m, ts);
        if (m.getRevision() > 1) {
            return;
        }
        for (Rule rule : alerting.watchlist().get().rules(RuleType.SPIKE)) {
            if (!rule.leaders().contains(key)) {
                continue;
            }
            long window = rule.window().toMillis();
            long recent = sum(key, ts - window + 1, ts);
            long baseline = sum(key, ts - rule.baseline().toMillis() + 1, ts - window);
            String evidence = m.getFirstMention();
            EvidenceField field = m.getFirstMentionInTitle() ? EvidenceField.TITLE : EvidenceField.BODY;
            var candidate = AlertEvaluator.spike(rule, key, m.getName(), m.getRole(), recent, baseline,
                    Math.floorDiv(ts, window), evidence, field, m.getFirstMentionStart(), m.getFirstMentionEnd());
            if (candidate.isEmpty()) {
                continue;
            }
            spikes.emit(candidate.get(), new Alerts.ArticleRef(m.getArticleId(), m.getArticleTitle(),
                    m.getArticleUrl(), m.getSource(), m.getPublishedAt(), null), ts);
        }
    }

    private long sum(String key, long from, long to) {
        if (to < from) {
            return 0;
        }
        long total = 0;
        long first = from - Math.floorMod(from, bucketMs);
        try (WindowStoreIterator<Long> it = counts.fetch(key, Instant.ofEpochMilli(first), Instant.ofEpochMilli(to))) {
            while (it.hasNext()) {
                KeyValue<Long, Long> bucket = it.next();
                total += bucket.value;
            }
        }
        return total;
    }

    private void remember(String key, EntityMention m, long ts) {
        EntityArticles current = latest.get(key, ts);
        List<ArticleHeadline> articles = new ArrayList<>();
        articles.add(ArticleHeadline.newBuilder()
                .setArticleId(m.getArticleId())
                .setTitle(m.getArticleTitle())
                .setUrl(m.getArticleUrl())
                .setSource(m.getSource())
                .setPublishedAt(m.getPublishedAt())
                .setSeenAt(Instant.ofEpochMilli(ts))
                .setSalience(m.getSalience())
                .setQuoted(m.getQuoted())
                .build());
        if (current != null) {
            for (ArticleHeadline h : current.getArticles()) {
                if (!h.getArticleId().equals(m.getArticleId()) && articles.size() < alerting.latestArticles()) {
                    articles.add(h);
                }
            }
        }
        latest.put(key, EntityArticles.newBuilder()
                .setEntityId(key)
                .setName(m.getName())
                .setType(m.getType().name())
                .setQid(m.getQid())
                .setLeader(m.getLeader())
                .setRole(m.getRole())
                .setArticles(articles)
                .build(), ts);
    }
}
