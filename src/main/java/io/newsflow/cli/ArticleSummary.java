package io.newsflow.cli;

import io.newsflow.schema.AlertTier;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.EvidenceField;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RuleType;
import io.newsflow.schema.Entity;
import io.newsflow.schema.Quote;
import io.newsflow.schema.StanceTag;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/** Human-readable summaries of enriched articles for the demo. */
final class ArticleSummary {

    private ArticleSummary() {
    }

    static String format(EnrichedArticle a) {
        StringBuilder s = new StringBuilder();
        int words = a.getBody().split("\\s+").length;
        String lang = a.getDetectedLanguage() == null ? "?" : String.format(Locale.ROOT, "%s %.2f",
                a.getDetectedLanguage().getCode(), a.getDetectedLanguage().getConfidence());
        s.append(String.format(Locale.ROOT, "■ %s — %s%n", a.getId(), a.getTitle() == null ? "(no headline)" : a.getTitle()));
        s.append(String.format(Locale.ROOT, "  %s · %d words · language %s · revision %d · %d µs in %s%n",
                a.getSource() == null ? "unknown source" : a.getSource(), words, lang,
                a.getProcessing().getRevision(), a.getProcessing().getProcessingTimeMicros(),
                String.join("→", a.getProcessing().getStages())));
        if (a.getDuplicateOf() != null) {
            s.append(String.format(Locale.ROOT, "  near-copy of %s (similarity %.2f): not counted again; "
                            + "full-tier rules skip it unless includeCopies%n",
                    a.getDuplicateOf(), a.getSimilarity() == null ? 0.0 : a.getSimilarity()));
        }
        if (!a.getEntities().isEmpty()) {
            s.append("  entities: ").append(a.getEntities().stream().limit(12).map(ArticleSummary::entity)
                    .collect(Collectors.joining(", "))).append('\n');
        }
        for (Quote q : a.getQuotes()) {
            s.append(String.format("  quote: %s — “%s”%n", q.getSpeakerName() == null ? "(unattributed)" : q.getSpeakerName(),
                    abbreviate(q.getText(), 90)));
        }
        for (StanceTag t : a.getStances()) {
            s.append(String.format("  stance: %s %s %s — “%s”%n", t.getHolderName(), t.getPolarity(), t.getTargetName(),
                    abbreviate(t.getEvidence(), 80)));
        }
        return s.toString();
    }

    private static String entity(Entity e) {
        return e.getName() + " (" + e.getType().name().toLowerCase(Locale.ROOT)
                + (e.getQid() == null ? "" : ", " + e.getQid()) + ")";
    }

    static String totals(Collection<EnrichedArticle> enriched, int deadLetters, int published, long seconds) {
        long entities = enriched.stream().mapToLong(a -> a.getEntities().size()).sum();
        long quotes = enriched.stream().mapToLong(a -> a.getQuotes().size()).sum();
        long stances = enriched.stream().mapToLong(a -> a.getStances().size()).sum();
        int duplicates = published - enriched.size() - deadLetters;
        return String.format(Locale.ROOT, "TOTALS: %d published, %d enriched, %d duplicate%s dropped, %d dead-lettered; "
                        + "%d entities, %d quotes, %d stances; %d s", published, enriched.size(), duplicates,
                duplicates == 1 ? "" : "s", deadLetters, entities, quotes, stances, seconds);
    }

    static String alert(LeaderAlert a) {
        return String.format(Locale.ROOT, "ALERT %-4s %-10s %s — %s: “%s” (%s, rule %s)", a.getTier(),
                a.getRuleType(), a.getLeaderName(), detail(a), abbreviate(a.getEvidence(), 70), a.getArticleId(),
                a.getRuleName());
    }

    private static String detail(LeaderAlert a) {
        return switch (a.getRuleType()) {
            case STANCE -> a.getDetails().get("holder") + " " + a.getDetails().get("polarity") + " "
                    + a.getDetails().get("target");
            case CO_MENTION -> "with " + a.getDetails().get("with");
            case SPIKE -> a.getDetails().get("recentCount") + " articles in " + a.getDetails().get("window")
                    + " (baseline " + a.getDetails().get("baselineCount") + ")";
            case QUOTED -> "quoted";
            case MENTION -> a.getEvidenceField() == EvidenceField.TITLE ? "in the headline" : "mentioned";
        };
    }

    static String alertTotals(Collection<LeaderAlert> alerts, int duplicates) {
        Map<RuleType, Long> byType = new EnumMap<>(RuleType.class);
        for (RuleType t : RuleType.values()) {
            byType.put(t, alerts.stream().filter(a -> a.getRuleType() == t).count());
        }
        long fast = alerts.stream().filter(a -> a.getTier() == AlertTier.FAST).count();
        return String.format(Locale.ROOT, "ALERTS: %d (%d fast tier, %d full tier); %s; %d duplicate%s",
                alerts.size(), fast, alerts.size() - fast, byType.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                duplicates, duplicates == 1 ? "" : "s");
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
