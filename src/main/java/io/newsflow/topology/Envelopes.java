package io.newsflow.topology;

import io.newsflow.error.DeadLetter;
import io.newsflow.schema.internal.ArticleEnvelope;
import java.nio.ByteBuffer;

/** Helpers for {@link ArticleEnvelope}s. */
final class Envelopes {

    private Envelopes() {
    }

    /** A dead letter for the envelope's original record. */
    static DeadLetter deadLetter(ArticleEnvelope envelope, String stage, String errorClass, String reason) {
        return new DeadLetter(envelope.getArticle().getId(), stage, errorClass, reason, envelope.getSourceTopic(), envelope.getSourcePartition(),
                envelope.getSourceOffset(), originalBytes(envelope));
    }

    static byte[] originalBytes(ArticleEnvelope envelope) {
        ByteBuffer buffer = envelope.getOriginal().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
