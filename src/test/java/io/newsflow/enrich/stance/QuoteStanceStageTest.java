package io.newsflow.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.PipelineStages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stances from quoted content, with the real entity, quote and stance stages before it. */
class QuoteStanceStageTest {

    private static final PipelineStages STAGES =
            PipelineStages.named(List.of("entities", "quotes", "stances", "quote-stances"));

    private static List<Document.Stance> stances(String body) {
        return STAGES.process(Document.of("q", "", body, false, "en", Instant.parse("2025-02-20T12:00:00Z")))
                .stances();
    }

    @Test
    void aNameInsideTheQuoteWithAnEvaluativePredicate() {
        List<Document.Stance> s = stances("“Vladimir Putin is a war criminal and must face justice,” Kaja Kallas "
                + "said on Monday.\n“I admire Emmanuel Macron for his courage,” Keir Starmer told reporters.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName,
                Document.Stance::targetType).containsExactly(
                        tuple("Kaja Kallas", Polarity.AGAINST, "Vladimir Putin", TargetType.ENTITY),
                        tuple("Kaja Kallas", Polarity.FAVOR, "Vladimir Putin facing justice", TargetType.TOPIC),
                        tuple("Keir Starmer", Polarity.FAVOR, "Emmanuel Macron", TargetType.ENTITY));
        // the stance stage reads all three first (an evaluative noun with the speaker as holder, what the speaker
        // says Putin must do, a verb inside the quote); the quote-stance stage adds nothing twice
        assertThat(s.get(0).evidence()).contains("Putin is a war criminal");
        assertThat(s.get(0).method()).isIn("stance.noun.nsubj", "quote-stance.evaluative-inside");
        assertThat(s.get(1).method()).isEqualTo("stance.modal.obligation");
        assertThat(s.get(2).evidence()).contains("admire Emmanuel Macron");
    }

    @Test
    void aPossessiveIsNoPredicateButAContractedIsIs() {
        List<Document.Stance> s = stances("“Javier Milei wants to be Washington’s closest friend,” said Carlos "
                + "Etchegaray, an analyst.\n“Vladimir Putin’s a war criminal,” Kaja Kallas said.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::targetName)
                .containsExactly(tuple("Kaja Kallas", "Vladimir Putin"));
    }

    @Test
    void aNameTheFramingSentenceSaysTheQuoteIsAbout() {
        List<Document.Stance> s = stances("Viktor Orbán greeted the delegation. He shared a photo of Sergey Lavrov and "
                + "the Kremlin, writing: “This is what competent leadership looks like.”\n"
                + "Donald Trump said of Volodymyr Zelenskyy: “He has been a disaster for his country.”");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName)
                .containsExactly(tuple("Viktor Orbán", Polarity.FAVOR, "Sergey Lavrov"),
                        tuple("Viktor Orbán", Polarity.FAVOR, "Kremlin"),
                        tuple("Donald Trump", Polarity.AGAINST, "Volodymyr Zelenskyy"));
        assertThat(s.get(0).evidence()).isEqualTo("This is what competent leadership looks like.");
    }

    @Test
    void negatedMixedOrUnattributedEvaluationsAndTheSpeakerHimselfGiveNoStance() {
        assertThat(stances("“Emmanuel Macron is not a weak leader,” Keir Starmer said.\n"
                + "Viktor Orbán said of Ursula von der Leyen: “She is brilliant but dangerous.”\n"
                + "“I am a wise man,” Donald Trump said of Donald Trump.")).isEmpty();
        assertThat(stances("“Vladimir Putin is a dictator,” a banner read.")).isEmpty();
    }

    @Test
    void aQuestionInsideTheQuoteStatesNoStance() {
        assertThat(stances("“Do you admire Emmanuel Macron?” Keir Starmer asked the crowd.")).isEmpty();
        assertThat(QuoteStanceStage.asked("Is he brave? Yes.", 3, 17)).isTrue();
        assertThat(QuoteStanceStage.asked("He is brave. Is he?", 3, 19)).isFalse();
    }

    @Test
    void theStanceStageMustRunFirst() {
        assertThatThrownBy(() -> PipelineStages.named(List.of("entities", "quotes", "quote-stances")))
                .hasMessageContaining("STANCES");
    }

    @Test
    void aContrastLeavesTheViewOpenAndTheFramingSentenceEndsWithTheQuote() {
        assertThat(stances("“I respect Olaf Scholz, but he is wrong on this,” Emmanuel Macron said.")).isEmpty();
        assertThat(stances("Donald Trump said: “The economy is weak.” Asked about the Fed chair later, Donald Trump "
                + "said: “We will see what happens next week.”")).isEmpty();
    }
}
