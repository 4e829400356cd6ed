package io.newsflow.topology;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.StageException;
import io.newsflow.enrich.StageRunner;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.ArticleEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Runs the normaliser under the stage deadline, replaces title and body with plain text and stamps the body hash. */
final class NormalizeProcessor
        implements FixedKeyProcessor<String, Outcome<ArticleEnvelope>, Outcome<ArticleEnvelope>> {

    private final Stage normalizer;
    private final Duration deadline;
    private FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context;

    NormalizeProcessor(Stage normalizer, Duration deadline) {
        this.normalizer = normalizer;
        this.deadline = deadline;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<ArticleEnvelope>> record) {
        if (!(record.value() instanceof Outcome.Ok<ArticleEnvelope> ok)) {
            context.forward(record);
            return;
        }
        long started = System.nanoTime();
        ArticleEnvelope envelope = ok.value();
        RawArticle article = envelope.getArticle();
        Document normalized;
        try {
            normalized = StageRunner.run(normalizer, Documents.fromRaw(article), deadline);
        } catch (StageException e) {
            context.forward(record.withValue(Outcome.failed(Envelopes.deadLetter(envelope, e.stage(),
                    e.errorClass(), e.reason()))));
            return;
        }
        if (normalized.body().isBlank()) {
            context.forward(record.withValue(Outcome.failed(Envelopes.deadLetter(envelope, normalizer.name(),
                    "empty-after-normalization", "body has no text left after removing markup"))));
            return;
        }
        RawArticle plain = RawArticle.newBuilder(article)
                .setTitle(normalized.title().isEmpty() ? null : normalized.title())
                .setBody(normalized.body())
                .setContentType("text/plain")
                .build();
        ArticleEnvelope next = ArticleEnvelope.newBuilder(envelope)
                .setArticle(plain)
                .setContentHash(sha256(normalized.body()))
                .setNormaliseMicros((System.nanoTime() - started) / 1_000)
                .build();
        context.forward(record.withValue(Outcome.ok(next)));
    }

    /** Hex SHA-256 of the UTF-8 text. */
    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
