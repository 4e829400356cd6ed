package io.newsflow.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.RuleType;
import org.junit.jupiter.api.Test;

/** The watchlist's {@code includeCopies} rule field. */
class IncludeCopiesRuleTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();

    @Test
    void defaultsToFalseAndCanBeSwitchedOnPerRule() {
        Watchlist w = Watchlist.parse("""
                rules:
                  - {name: plain, type: QUOTED}
                  - {name: every-copy, type: QUOTED, includeCopies: true}
                  - {name: explicit-no, type: STANCE, includeCopies: false}
                """, true, KB, "test");
        assertThat(w.rules(RuleType.QUOTED)).extracting(Rule::name, Rule::includeCopies)
                .containsExactly(tuple("plain", false),
                        tuple("every-copy", true));
        assertThat(w.rules(RuleType.STANCE).get(0).includeCopies()).isFalse();
    }

    @Test
    void spikeRulesRejectIncludeCopiesBecauseCountsNeverIncludeCopies() {
        assertThatThrownBy(() -> Watchlist.parse("rules: [{name: s, type: SPIKE, includeCopies: true}]", true, KB,
                "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 's'").hasMessageContaining("includeCopies");
    }
}
