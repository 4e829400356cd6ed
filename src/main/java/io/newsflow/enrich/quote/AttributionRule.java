package io.newsflow.enrich.quote;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One named way of finding a quote's speaker. Rules are tried in the order of {@link AttributionRules#DEFAULT}; the
 * first that answers wins and its {@link #name()} becomes {@code Quote.method}. A rule reads its
 * {@link QuoteContext} only and keeps no state, so it is thread-safe.
 */
public interface AttributionRule {

    /** Stable rule name, recorded on every quote it attributes ({@code quote.after.verb-name}). */
    String name();

    /** The speaker this rule finds for the quote of {@code c}, or empty when the rule does not apply. */
    Optional<Attribution> apply(QuoteContext c);

    /** A rule from a name and a function. */
    static AttributionRule of(String name, Function<QuoteContext, Optional<Attribution>> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return new AttributionRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Attribution> apply(QuoteContext c) {
                return body.apply(c);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
