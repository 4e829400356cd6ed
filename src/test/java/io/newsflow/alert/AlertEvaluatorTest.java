package io.newsflow.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.EvidenceField;
import io.newsflow.schema.RuleType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private static final Watchlist RULES = Watchlist.parse("""
            rules:
              - {name: headline, type: MENTION, inHeadline: true}
              - {name: anywhere, type: MENTION, leaders: ["Vladimir Putin", "Xi Jinping"]}
              - {name: spike, type: SPIKE, leaders: ["Vladimir Putin"], window: PT1H, baseline: PT11H, factor: 3, minCount: 4}
            """, true, KB, "test");

    private final AlertEvaluator evaluator = new AlertEvaluator(KB);

    @Test
    void fastTierFindsHeadlineAndBodyMentionsWithOffsetsIntoEachField() {
        String title = "Putin and Xi meet in Beijing";
        String body = "Chinese leader Xi Jinping welcomed Vladimir Putin on Tuesday. Putin praised the talks.";
        List<AlertCandidate> found = evaluator.fast(RULES, "a1", title, body, LocalDate.of(2026, 5, 1));
        assertThat(found).extracting(c -> c.rule().name() + ":" + c.leaderName())
                .containsExactlyInAnyOrder("headline:Vladimir Putin", "headline:Xi Jinping",
                        "anywhere:Vladimir Putin", "anywhere:Xi Jinping");
        for (AlertCandidate c : found) {
            String text = c.field() == EvidenceField.TITLE ? title : body;
            assertThat(text.substring(c.start(), c.end())).isEqualTo(c.evidence());
        }
        assertThat(found).filteredOn(c -> c.rule().name().equals("anywhere"))
                .allSatisfy(c -> assertThat(c.field()).isEqualTo(EvidenceField.TITLE));
        assertThat(found).extracting(AlertCandidate::alertId).doesNotHaveDuplicates();
    }

    @Test
    void fastTierIgnoresLeadersOutsideTheRuleAndArticlesWithoutLeaders() {
        assertThat(evaluator.fast(RULES, "a2", "Markets calm", "Shares rose in Frankfurt on Monday.", null)).isEmpty();
        assertThat(evaluator.fast(RULES, "a3", "Talks in Rome", "Giorgia Meloni hosted the talks.", null))
                .extracting(c -> c.rule().name()).isEmpty();
    }

    @Test
    void spikeNeedsTheMinimumCountAndTheFactorOverTheBaselineRate() {
        Rule spike = RULES.rules(RuleType.SPIKE).get(0);
        String putin = "Q7747";
        assertThat(AlertEvaluator.spike(spike, putin, "Vladimir Putin", null, 3, 0, 1, "Putin",
                EvidenceField.BODY, 0, 5)).as("below minCount").isEmpty();
        assertThat(AlertEvaluator.spike(spike, putin, "Vladimir Putin", null, 4, 0, 1, "Putin",
                EvidenceField.BODY, 0, 5)).as("no baseline").isPresent();
        // baseline window is 10 h before the 1 h window: 20 mentions there = 2 expected per hour; factor 3 needs 6
        assertThat(AlertEvaluator.spike(spike, putin, "Vladimir Putin", null, 5, 20, 1, "Putin",
                EvidenceField.BODY, 0, 5)).isEmpty();
        AlertCandidate fired = AlertEvaluator.spike(spike, putin, "Vladimir Putin", null, 6, 20, 7, "Putin",
                EvidenceField.BODY, 0, 5).orElseThrow();
        assertThat(fired.details()).containsEntry("expectedCount", "2.00").containsEntry("recentCount", "6");
        assertThat(fired.scope()).isEqualTo("window:7");
        assertThat(AlertEvaluator.spike(spike, "Q22686", "Donald Trump", null, 50, 0, 1, "Trump",
                EvidenceField.BODY, 0, 5)).as("not watched by this rule").isEmpty();
    }

    @Test
    void alertIdsAreStableAndDistinguishRuleLeaderAndScope() {
        assertThat(Alerts.alertId("r", "Q1", "a")).isEqualTo(Alerts.alertId("r", "Q1", "a")).hasSize(32);
        assertThat(Alerts.alertId("r", "Q1", "a")).isNotEqualTo(Alerts.alertId("r", "Q1", "b"))
                .isNotEqualTo(Alerts.alertId("s", "Q1", "a")).isNotEqualTo(Alerts.alertId("r", "Q2", "a"));
    }
}
