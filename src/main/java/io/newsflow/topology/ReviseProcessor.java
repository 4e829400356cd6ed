package io.newsflow.topology;

import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.EnrichedArticle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers a digest of each published enrichment (language, entities, quotes, stances; not timings) by body hash,
 * the key at this point of the topology, in the store {@code article-result-digests} (same retention as the
 * de-duplication stores). A re-sent record ({@link Reprocessing}) whose new enrichment has the same digest is
 * dropped; one that differs is forwarded (its revision was raised by {@link DedupeByIdProcessor}) and its digest
 * replaces the old one. Articles enriched before this store existed have no digest and count as changed. One per
 * task.
 */
final class ReviseProcessor implements FixedKeyProcessor<String, EnrichedArticle, EnrichedArticle> {

    private static final Logger LOG = LoggerFactory.getLogger(ReviseProcessor.class);

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, EnrichedArticle> context;
    private ExpiringStore<String> digests;

    ReviseProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.digests = new ExpiringStore<>(context, storeName, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedArticle> record) {
        EnrichedArticle article = record.value();
        String digest = digest(article);
        if (Reprocessing.isReprocess(record.headers())) {
            String previous = digests.get(record.key(), record.timestamp());
            if (digest.equals(previous)) {
                LOG.debug("re-enrichment of article {} unchanged; not published", article.getId());
                NewsflowMetrics.reprocessed(context.applicationId(), "unchanged");
                return;
            }
            LOG.info("re-enrichment of article {} changed; publishing revision {}", article.getId(),
                    article.getProcessing().getRevision());
            NewsflowMetrics.reprocessed(context.applicationId(), "changed");
        }
        digests.put(record.key(), digest, record.timestamp());
        context.forward(record);
    }

    /** SHA-256 over the enrichment results of {@code a} (Avro's JSON rendering of each field). */
    static String digest(EnrichedArticle a) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : new Object[] {a.getDetectedLanguage(), a.getEntities(), a.getQuotes(),
                    a.getStances()}) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
