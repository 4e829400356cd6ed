package io.newsflow.delivery;

import io.newsflow.schema.AlertTier;
import io.newsflow.schema.EvidenceField;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RuleType;
import java.time.Instant;
import java.util.Map;

/** LeaderAlert records for tests. */
public final class TestAlerts {

    private TestAlerts() {
    }

    /** A complete alert with the given identity; the rest is fixed sample data. */
    public static LeaderAlert alert(String alertId, String ruleName, String leaderId, AlertTier tier) {
        return LeaderAlert.newBuilder()
                .setAlertId(alertId)
                .setRuleName(ruleName)
                .setRuleType(RuleType.QUOTED)
                .setTier(tier)
                .setLeaderId(leaderId)
                .setLeaderName("Leader " + leaderId)
                .setLeaderRole("Minister of Foreign Affairs")
                .setArticleId("article-" + alertId)
                .setArticleTitle("Envoys meet in Geneva")
                .setArticleUrl("https://news.example/" + alertId)
                .setSource("Example Wire")
                .setPublishedAt(Instant.parse("2026-03-02T09:15:00Z"))
                .setIngestedAt(Instant.parse("2026-03-02T09:15:02.250Z"))
                .setAlertedAt(Instant.parse("2026-03-02T09:15:03.100Z"))
                .setEvidence("The Europeans had eight years to build peace")
                .setEvidenceField(EvidenceField.BODY)
                .setEvidenceStart(120)
                .setEvidenceEnd(164)
                .setDetails(Map.of("speaker", leaderId))
                .build();
    }
}
