package io.newsflow.topology;

import io.newsflow.schema.internal.ArticleEnvelope;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Applies {@link ArticleValidator}; violations become dead letters naming the rule. */
final class ValidateProcessor implements FixedKeyProcessor<String, Outcome<ArticleEnvelope>, Outcome<ArticleEnvelope>> {

    static final String STAGE = "validate";

    private final ArticleValidator validator;
    private FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context;

    ValidateProcessor(ArticleValidator validator) {
        this.validator = validator;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<ArticleEnvelope>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<ArticleEnvelope>> record) {
        if (record.value() instanceof Outcome.Ok<ArticleEnvelope> ok) {
            Optional<ArticleValidator.Violation> violation = validator.validate(record.key(), ok.value().getArticle());
            if (violation.isPresent()) {
                ArticleValidator.Violation v = violation.get();
                context.forward(record.withValue(Outcome.failed(
                        Envelopes.deadLetter(ok.value(), STAGE, v.rule(), v.reason()))));
                return;
            }
        }
        context.forward(record);
    }
}
