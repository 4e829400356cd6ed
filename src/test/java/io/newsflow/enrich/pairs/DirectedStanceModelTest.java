package io.newsflow.enrich.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped weights with the real encoder, on clear sentences written for newsflow (not from the dataset). */
class DirectedStanceModelTest {

    private static final DirectedStanceModel MODEL = DirectedStanceModel.shared();

    private record Case(String sentence, String p, String q, DirectedLabel expected) {
    }

    private static final List<Case> CASES = List.of(
            new Case("Senator Alvarez praised Governor Lin for the bridge deal.", "Senator Alvarez", "Governor Lin",
                    DirectedLabel.P_POSITIVE_Q),
            new Case("Mayor Brandt accused the Coastal Agency of lying about the flood warnings.", "Mayor Brandt",
                    "the Coastal Agency", DirectedLabel.P_NEGATIVE_Q),
            new Case("Minister Okafor met President Duval in Geneva on Tuesday.", "Minister Okafor", "President Duval",
                    DirectedLabel.NEUTRAL));

    private static DirectedPrediction predict(Case c) {
        int p = c.sentence().indexOf(c.p());
        int q = c.sentence().indexOf(c.q());
        return MODEL.predict(c.sentence(), p, p + c.p().length(), q, q + c.q().length());
    }

    @Test
    void findsWhoHoldsTheSentiment() {
        for (Case c : CASES) {
            DirectedPrediction p = predict(c);
            assertThat(p.label()).as("%s (%s)", c.sentence(), p).isEqualTo(c.expected());
        }
    }

    @Test
    void holderGivenSecondGetsTheSameAnswer() {
        Case c = CASES.get(0);
        int p = c.sentence().indexOf(c.p());
        int q = c.sentence().indexOf(c.q());
        DirectedPrediction.PairStance s = MODEL.stance(c.sentence(), p, p + c.p().length(), q, q + c.q().length());
        assertThat(s.stance()).isEqualTo(DirectedLabel.Stance.FAVOR);
        DirectedPrediction reversed = MODEL.predict(c.sentence(), q, q + c.q().length(), p, p + c.p().length());
        assertThat(reversed.label()).isEqualTo(DirectedLabel.Q_POSITIVE_P);
        assertThat(MODEL.metadata()).containsKey("validMacroF1");
    }
}
