package io.newsflow.enrich.quote;

import io.newsflow.enrich.Document.Entity;
import java.util.Objects;

/**
 * Who said a quote, as one {@link AttributionRule} found it.
 *
 * @param speaker the speaking entity
 * @param cue the attribution words ("said", "according to"), or null when the rule has none
 */
public record Attribution(Entity speaker, String cue) {

    public Attribution {
        Objects.requireNonNull(speaker, "speaker");
    }
}
