package io.newsflow.tools.directed;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.pairs.DirectedLabel;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the stance chain's entity-to-entity stances agree with the directed-sentiment labels of Park, Pan &amp; Joo
 * (2021), sentence by sentence: each distinct sentence is enriched alone by the given chain, and a stance whose holder
 * has a mention over one marked entity and whose target has a mention over the other is read as a directed class
 * (p FAVOR q = P_POSITIVE_Q, and so on) and compared with the pair's label. Reports, per stance method, how many
 * pairs the chain tagged and how many agree with the label, are labelled neutral, have the other polarity or the other
 * direction; and the share of non-neutral pairs the chain finds. The labels are crowd-sourced sentiment, not stance, so
 * disagreement is an upper bound on errors; the figure is a check that rules written on a few articles hold on
 * thousands of unseen news sentences. Stateless.
 */
public final class DirectedRuleCheck {

    private static final Set<EntityType> TYPES = Set.of(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION);

    /** Counts for one stance method (or all of them). */
    public static final class Tally {
        int agree;
        int neutral;
        int otherPolarity;
        int otherDirection;

        int tagged() {
            return agree + neutral + otherPolarity + otherDirection;
        }
    }

    /** The check's result: tallies by method ("all" first), labelled pairs, non-neutral pairs and those found. */
    public record Result(Map<String, Tally> byMethod, int pairs, int nonNeutral, int found, int sentences,
                         double seconds) {
    }

    private DirectedRuleCheck() {
    }

    /** Runs the chain over the examples' distinct sentences and compares its entity stances with the labels. */
    public static Result run(PipelineStages stages, List<DirectedExample> examples) {
        long t0 = System.nanoTime();
        Map<String, List<DirectedExample>> bySentence = new LinkedHashMap<>();
        for (DirectedExample e : examples) {
            bySentence.computeIfAbsent(e.sentence(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Tally> byMethod = new TreeMap<>();
        Tally all = new Tally();
        int nonNeutral = 0;
        int found = 0;
        int n = 0;
        for (Map.Entry<String, List<DirectedExample>> entry : bySentence.entrySet()) {
            Document doc = stages.process(Document.of("s" + n++, "", entry.getKey(), false, "en",
                    Instant.parse("2020-01-01T00:00:00Z")));
            List<Located> mentions = BodyMentions.of(doc, TYPES);
            for (DirectedExample e : entry.getValue()) {
                boolean labelled = e.label() != DirectedLabel.NEUTRAL;
                nonNeutral += labelled ? 1 : 0;
                boolean hit = false;
                for (Document.Stance s : doc.stances()) {
                    DirectedLabel got = read(s, mentions, e);
                    if (got == null) {
                        continue;
                    }
                    Tally t = byMethod.computeIfAbsent(s.method(), k -> new Tally());
                    for (Tally x : List.of(t, all)) {
                        if (got == e.label()) {
                            x.agree++;
                        } else if (!labelled) {
                            x.neutral++;
                        } else if (got.direction() == e.label().direction()) {
                            x.otherPolarity++;
                        } else {
                            x.otherDirection++;
                        }
                    }
                    hit |= got == e.label() && labelled;
                }
                found += hit ? 1 : 0;
            }
        }
        Map<String, Tally> ordered = new LinkedHashMap<>();
        ordered.put("all", all);
        ordered.putAll(byMethod);
        return new Result(ordered, examples.size(), nonNeutral, found, bySentence.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The directed class a stance states about the example's pair, or null when it is not about that pair. */
    static DirectedLabel read(Document.Stance s, List<Located> mentions, DirectedExample e) {
        if (s.targetType() != TargetType.ENTITY) {
            return null;
        }
        boolean holderP = over(mentions, s.holder(), e.pFrom(), e.pTo());
        boolean holderQ = over(mentions, s.holder(), e.qFrom(), e.qTo());
        boolean targetP = over(mentions, s.target(), e.pFrom(), e.pTo());
        boolean targetQ = over(mentions, s.target(), e.qFrom(), e.qTo());
        boolean favor = s.polarity() == Polarity.FAVOR;
        if (holderP && targetQ && !holderQ) {
            return favor ? DirectedLabel.P_POSITIVE_Q : DirectedLabel.P_NEGATIVE_Q;
        }
        if (holderQ && targetP && !holderP) {
            return favor ? DirectedLabel.Q_POSITIVE_P : DirectedLabel.Q_NEGATIVE_P;
        }
        return null;
    }

    private static boolean over(List<Located> mentions, String entityId, int from, int to) {
        for (Located m : mentions) {
            if (m.entity().id().equals(entityId) && m.start() < to && from < m.end()) {
                return true;
            }
        }
        return false;
    }

    /** Prints the table and the closing machine-readable lines. */
    public static void print(Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%d labelled pairs (%d not neutral) in %d sentences, %.0f s%n", r.pairs(),
                r.nonNeutral(), r.sentences(), r.seconds());
        out.printf(Locale.ROOT, "%-44s %6s %6s %6s %8s %8s %9s%n", "method", "tagged", "agree", "share", "neutral",
                "polarity", "direction");
        r.byMethod().forEach((method, t) -> out.printf(Locale.ROOT, "%-44s %6d %6d %6.2f %8d %8d %9d%n", method,
                t.tagged(), t.agree, t.tagged() == 0 ? 0.0 : (double) t.agree / t.tagged(), t.neutral,
                t.otherPolarity, t.otherDirection));
        Tally all = r.byMethod().get("all");
        out.printf(Locale.ROOT, "rule_agreement=%.3f%n", all.tagged() == 0 ? 0.0 : (double) all.agree / all.tagged());
        out.printf(Locale.ROOT, "rule_recall_non_neutral=%.3f%n",
                r.nonNeutral() == 0 ? 0.0 : (double) r.found() / r.nonNeutral());
        out.flush();
    }
}
