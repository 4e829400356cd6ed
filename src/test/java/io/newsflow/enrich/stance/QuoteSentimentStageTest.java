package io.newsflow.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.PipelineStages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The opt-in quote-sentiment stage with the shipped NewsMTSC model and the real entity, quote and stance stages, on
 * the project's own invented texts.
 */
class QuoteSentimentStageTest {

    private static final PipelineStages STAGES = PipelineStages.named(
            List.of("language", "entities", "quotes", "stances", "quote-stances", "quote-sentiment"));

    private static List<Document.Stance> modelStances(String body) {
        return STAGES.process(Document.of("q", "", body, false, "en", Instant.parse("2025-02-20T12:00:00Z")))
                .stances().stream().filter(s -> s.method().equals(QuoteSentimentStage.METHOD)).toList();
    }

    @Test
    void aDamningQuoteAboutSomeoneIsTheSpeakersStanceAgainstThem() {
        List<Document.Stance> s = modelStances("Senator Ana Ruiz spoke after the vote on Tuesday. "
                + "\u201cViktor Novak has lied to voters for years, wrecked the hospital budget and left "
                + "thousands of families without care,\u201d Ruiz said.");
        assertThat(s).singleElement().satisfies(st -> {
            assertThat(st.holderName()).isEqualTo("Ana Ruiz");
            assertThat(st.targetName()).isEqualTo("Viktor Novak");
            assertThat(st.polarity()).isEqualTo(Polarity.AGAINST);
            assertThat(st.cue()).isEqualTo(QuoteSentimentStage.CUE);
            assertThat(st.confidence()).isBetween(0.6 * QuoteSentimentStage.THRESHOLD, 0.6);
            assertThat(st.evidence()).contains("Novak");
        });
    }

    @Test
    void aNeutralQuoteGivesNothing() {
        assertThat(modelStances("Senator Ana Ruiz spoke after the vote on Tuesday. "
                + "\u201cI will meet Viktor Novak in Oslo on Thursday to discuss the timetable,\u201d Ruiz said."))
                .isEmpty();
    }

    @Test
    void theSameWordsOutsideAnyQuoteGiveNothing() {
        assertThat(modelStances("Senator Ana Ruiz spoke after the vote on Tuesday. Viktor Novak has lied to voters "
                + "for years, wrecked the hospital budget and left thousands of families without care."))
                .isEmpty();
    }
}
