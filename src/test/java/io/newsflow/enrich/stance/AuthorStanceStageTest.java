package io.newsflow.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.PipelineStages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The opt-in author-stance stage with the shipped NewsMTSC model and the real entity stage, on the project's own texts. */
class AuthorStanceStageTest {

    private static final PipelineStages STAGES = PipelineStages.named(List.of("entities", "author-stance"));

    private static List<Document.Stance> stances(String body) {
        return STAGES.process(Document.of("a", "", body, false, "en", Instant.parse("2025-02-20T12:00:00Z")))
                .stances();
    }

    @Test
    void aConsistentlyDamningPortrayalIsAnAuthorStanceAgainstThePerson() {
        List<Document.Stance> s = stances("Former mayor Viktor Novak was convicted of fraud and bribery on Monday. "
                + "Prosecutors said Viktor Novak had stolen millions from a children's hospital. "
                + "Novak, disgraced and widely despised, was jailed for twelve years.");
        assertThat(s).singleElement().satisfies(st -> {
            assertThat(st.holder()).isEqualTo(AuthorStanceStage.HOLDER);
            assertThat(st.targetName()).isEqualTo("Viktor Novak");
            assertThat(st.polarity()).isEqualTo(Polarity.AGAINST);
            assertThat(st.cue()).isEqualTo(AuthorStanceStage.CUE);
            assertThat(st.confidence()).isBetween(0.0, 0.6);
            assertThat(st.evidence()).contains("Novak");
        });
    }

    @Test
    void aNeutralReportGivesNoAuthorStance() {
        assertThat(stances("Anna Lindqvist will travel to Oslo on Tuesday for a meeting of transport ministers. "
                + "Anna Lindqvist is expected to return on Thursday.")).isEmpty();
    }
}
