package io.newsflow.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.lexicon.Lexicons;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import java.util.List;
import org.junit.jupiter.api.Test;

class StanceBudgetTest {

    private static final StanceLexicon LEXICON = StanceLexicon.of(Lexicons.bundled());

    private static List<Boolean> admitted(StanceBudget budget, TextLayer layer) {
        return layer.sentences().stream().map(budget::admit).toList();
    }

    @Test
    void onlySentencesWithAWordThatCouldBeAPredicateAreAnalysed() {
        TextLayer layer = TextLayer.of("Okonkwo Okonkwo Okonkwo Okonkwo. Senator Mensah backed the plan. "
                + "The ferry arrived in Tallinn at noon. Critics voiced strong praise for the mayor. "
                + "The treaty seems unacceptable.");

        assertThat(layer.sentences()).hasSize(5);
        assertThat(admitted(new StanceBudget(LEXICON, layer), layer))
                .as("a surname only; an inflected verb predicate; none; a noun predicate; an adjective one")
                .containsExactly(false, true, false, true, true);
    }

    @Test
    void afterTheBudgetFurtherCandidateSentencesAreSkippedAndCounted() {
        int n = StanceBudget.MAX_ANALYSED_SENTENCES + 20;
        TextLayer layer = TextLayer.of("Mensah backed the plan. ".repeat(n));
        StanceBudget budget = new StanceBudget(LEXICON, layer);

        List<Boolean> admitted = admitted(budget, layer);

        assertThat(admitted).hasSize(n);
        assertThat(admitted.subList(0, StanceBudget.MAX_ANALYSED_SENTENCES)).containsOnly(true);
        assertThat(admitted.subList(StanceBudget.MAX_ANALYSED_SENTENCES, n)).containsOnly(false);
        assertThat(budget.skipped()).isEqualTo(20);
    }

    @Test
    void sentencesWithoutACandidateDoNotUseTheBudget() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < StanceBudget.MAX_ANALYSED_SENTENCES + 10; i++) {
            text.append("Okonkwo Okonkwo Okonkwo. ");
        }
        text.append("Mensah backed the plan.");
        TextLayer layer = TextLayer.of(text.toString());
        StanceBudget budget = new StanceBudget(LEXICON, layer);

        List<Boolean> admitted = admitted(budget, layer);

        assertThat(admitted.get(admitted.size() - 1)).isTrue();
        assertThat(admitted.subList(0, admitted.size() - 1)).containsOnly(false);
        assertThat(budget.skipped()).isZero();
        Sentence last = layer.sentences().get(layer.sentences().size() - 1);
        assertThat(layer.text().substring(last.start(), last.end())).isEqualTo("Mensah backed the plan.");
    }
}
