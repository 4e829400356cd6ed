package io.newsflow.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.newsflow.schema.Polarity;
import io.newsflow.schema.RuleType;
import java.time.Duration;
import java.util.List;

/**
 * One rule as written in a watchlist file, before its leader selectors are resolved against the knowledge base.
 * Unset optional fields are null. Immutable.
 *
 * @param name unique rule name, reported in every alert
 * @param type MENTION, QUOTED, STANCE, SPIKE or CO_MENTION
 * @param leaders leader selectors (QID, name, {@code country:XX}, {@code group:NAME}, {@code *}); null = the
 *                watchlist's default leaders
 * @param inHeadline MENTION: only mentions in the headline count
 * @param minSalience MENTION: only an entity at least this salient counts (evaluated on the enriched article)
 * @param polarity STANCE: only this polarity
 * @param role STANCE: the leader must be the HOLDER, the TARGET, or ANY (default)
 * @param targets STANCE: only these targets (topic keys such as {@code ceasefire}, entity ids or names)
 * @param window SPIKE: length of the recent window (default 1 hour)
 * @param baseline SPIKE: length of the baseline window before it (default 12 hours)
 * @param factor SPIKE: recent rate must reach this multiple of the baseline rate (default 3)
 * @param minCount SPIKE: at least this many mentions in the recent window (default 5)
 * @param with CO_MENTION: the other leader must match these selectors (default: the rule's own leaders)
 * @param includeCopies per-article rules of either tier: also alert on near-copies of an earlier article (default false)
 */
public record RuleSpec(String name, RuleType type, List<String> leaders,
                       @JsonProperty("inHeadline") Boolean inHeadline,
                       @JsonProperty("minSalience") Double minSalience,
                       Polarity polarity, StanceRole role, List<String> targets, Duration window, Duration baseline,
                       Double factor, @JsonProperty("minCount") Integer minCount, List<String> with,
                       @JsonProperty("includeCopies") Boolean includeCopies) {

    /** Where a leader must appear in a stance tag for a STANCE rule. */
    public enum StanceRole { HOLDER, TARGET, ANY }
}
