package io.newsflow.topology;

import io.newsflow.dedup.NearDuplicateDetector;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.ArticleCopies;
import io.newsflow.schema.internal.ArticleCopy;
import io.newsflow.schema.internal.ArticleEnvelope;
import io.newsflow.schema.internal.LshBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the single partition of the near-duplicate index topic, so every article meets every remembered one
 * whichever input partition it came from: marks a normalised article that is a near-copy of an earlier original with
 * {@code duplicateOf} and {@code similarity} (carried by the envelope to the enriched record), records it in the
 * original's copy list, and otherwise remembers it as an original (signature and LSH buckets). Entries expire after the retention in stream time, like the other
 * de-duplication stores. One instance per task; not thread-safe.
 */
final class NearDuplicateProcessor implements FixedKeyProcessor<String, ArticleEnvelope, ArticleEnvelope> {

    /** Copies kept per original (the newest). */
    static final int COPIES_KEPT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(NearDuplicateProcessor.class);

    private final NearDuplicateDetector detector;
    private final String signaturesStore;
    private final String bandsStore;
    private final String copiesStore;
    private final Duration retention;
    private FixedKeyProcessorContext<String, ArticleEnvelope> context;
    private ExpiringStore<byte[]> signatures;
    private ExpiringStore<LshBucket> bands;
    private ExpiringStore<ArticleCopies> copies;

    NearDuplicateProcessor(NearDuplicateDetector detector, String signaturesStore, String bandsStore,
                           String copiesStore, Duration retention) {
        this.detector = detector;
        this.signaturesStore = signaturesStore;
        this.bandsStore = bandsStore;
        this.copiesStore = copiesStore;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ArticleEnvelope> context) {
        this.context = context;
        this.signatures = new ExpiringStore<>(context, signaturesStore, retention);
        this.bands = new ExpiringStore<>(context, bandsStore, retention);
        this.copies = new ExpiringStore<>(context, copiesStore, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, ArticleEnvelope> record) {
        ArticleEnvelope envelope = record.value();
        if (envelope == null) {
            context.forward(record);
            return;
        }
        RawArticle article = envelope.getArticle();
        long now = record.timestamp();
        NearDuplicateStoreIndex index = new NearDuplicateStoreIndex(signatures, bands, now);
        int[] signature = detector.sign(article.getBody());
        Optional<NearDuplicateDetector.Match> match = detector.find(article.getId(), signature, index);
        if (match.isEmpty()) {
            detector.remember(article.getId(), signature, index);
            context.forward(record);
            return;
        }
        NearDuplicateDetector.Match m = match.get();
        LOG.debug("article {} ({}) is a near-copy of {} (similarity {})", article.getId(), article.getUrl(),
                m.originalId(), m.similarity());
        addCopy(m, article, now);
        context.forward(record.withValue(ArticleEnvelope.newBuilder(envelope)
                .setDuplicateOf(m.originalId())
                .setSimilarity(m.similarity())
                .build()));
    }

    private void addCopy(NearDuplicateDetector.Match m, RawArticle article, long now) {
        ArticleCopies current = copies.get(m.originalId(), now);
        List<ArticleCopy> list = new ArrayList<>();
        if (current != null) {
            current.getCopies().stream().filter(c -> !c.getArticleId().equals(article.getId())).forEach(list::add);
        }
        list.add(ArticleCopy.newBuilder()
                .setArticleId(article.getId())
                .setUrl(article.getUrl())
                .setTitle(article.getTitle())
                .setSource(article.getSource())
                .setSimilarity(m.similarity())
                .setSeenAt(now)
                .build());
        while (list.size() > COPIES_KEPT) {
            list.remove(0);
        }
        copies.put(m.originalId(), new ArticleCopies(m.originalId(), list), now);
    }
}
