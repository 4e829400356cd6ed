package io.newsflow.topology;

import io.newsflow.alert.AlertCandidate;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Alerts;
import io.newsflow.dedup.NearDuplicateDetector;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.LshBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast tier's decision, on the single partition of its index topic: checks whether a normalised article is a
 * near-copy of one the fast tier has seen within the retention (remembering it as an original otherwise, like the
 * pipeline's {@code mark-near-duplicates}), runs the FAST rules with the knowledge-base matcher (on a copy only
 * those with {@code includeCopies}) and forwards each new alert keyed by leader id. One instance per task; not
 * thread-safe.
 */
final class FastAlertProcessor implements Processor<String, RawArticle, String, LeaderAlert> {

    private static final Logger LOG = LoggerFactory.getLogger(FastAlertProcessor.class);

    private final Alerting alerting;
    private final NearDuplicateDetector detector;
    private final String sentStore;
    private final String signaturesStore;
    private final String bandsStore;
    private final Duration retention;
    private final Clock clock;
    private AlertEmitter emitter;
    private ExpiringStore<byte[]> signatures;
    private ExpiringStore<LshBucket> bands;

    FastAlertProcessor(Alerting alerting, NearDuplicateDetector detector, String sentStore, String signaturesStore,
                       String bandsStore, Duration retention, Clock clock) {
        this.alerting = alerting;
        this.detector = detector;
        this.sentStore = sentStore;
        this.signaturesStore = signaturesStore;
        this.bandsStore = bandsStore;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, LeaderAlert> context) {
        this.emitter = new AlertEmitter(context, sentStore, retention, AlertTier.FAST, clock);
        this.signatures = new ExpiringStore<>(context, signaturesStore, retention);
        this.bands = new ExpiringStore<>(context, bandsStore, retention);
    }

    @Override
    public void process(Record<String, RawArticle> record) {
        RawArticle article = record.value();
        if (article == null || article.getId() == null || article.getBody() == null) {
            return;
        }
        NearDuplicateStoreIndex index = new NearDuplicateStoreIndex(signatures, bands, record.timestamp());
        int[] signature = detector.sign(article.getBody());
        Optional<NearDuplicateDetector.Match> match = detector.find(article.getId(), signature, index);
        if (match.isEmpty()) {
            detector.remember(article.getId(), signature, index);
        } else {
            LOG.debug("fast tier: article {} is a near-copy of {} (similarity {}); only includeCopies rules apply",
                    article.getId(), match.get().originalId(), match.get().similarity());
        }
        String title = article.getTitle() == null ? "" : article.getTitle();
        LocalDate date = article.getPublishedAt() == null ? null
                : LocalDate.ofInstant(article.getPublishedAt(), ZoneOffset.UTC);
        Alerts.ArticleRef ref = new Alerts.ArticleRef(article.getId(), title.isEmpty() ? null : title,
                article.getUrl(), article.getSource(), article.getPublishedAt(), article.getIngestedAt());
        for (AlertCandidate c : alerting.evaluator().fast(alerting.watchlist().get(), article.getId(), title,
                article.getBody(), date, match.isPresent())) {
            emitter.emit(c, ref, record.timestamp());
        }
    }
}
