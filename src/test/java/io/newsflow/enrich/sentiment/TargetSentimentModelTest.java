package io.newsflow.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shipped model with the real encoder, on clear-cut sentences written for newsflow (not from NewsMTSC). */
class TargetSentimentModelTest {

    private static final TargetSentimentModel MODEL = TargetSentimentModel.shared();

    private record Case(String sentence, String mention, Sentiment expected) {
    }

    private static final List<Case> CASES = List.of(
            new Case("Critics accused Smith of lying to parliament.", "Smith", Sentiment.NEGATIVE),
            new Case("Prosecutors charged Patel with fraud and bribery after a two-year investigation.", "Patel",
                    Sentiment.NEGATIVE),
            new Case("Residents thanked Dr. Okafor for her tireless and generous work during the floods.", "Dr. Okafor",
                    Sentiment.POSITIVE),
            new Case("Colleagues praised Lindqvist as an honest, brilliant and inspiring leader.", "Lindqvist",
                    Sentiment.POSITIVE),
            new Case("Garcia will travel to Brussels on Tuesday, a spokesman said.", "Garcia", Sentiment.NEUTRAL),
            new Case("The committee meeting chaired by Nakamura starts at 10 a.m. in room 4.", "Nakamura",
                    Sentiment.NEUTRAL));

    @Test
    void classifiesClearCutSentences() {
        for (Case c : CASES) {
            SentimentPrediction p = MODEL.predict(c.sentence(), c.mention());
            assertThat(p.label()).as("%s -> %s (%s)", c.sentence(), c.mention(), p).isEqualTo(c.expected());
            assertThat(p.negative() + p.neutral() + p.positive()).isCloseTo(1.0, offset(1e-9));
            assertThat(p.probability(p.label())).isGreaterThanOrEqualTo(1.0 / 3);
        }
    }

    @Test
    void sentimentDependsOnTheTarget() {
        String sentence = "Brown praised the firefighters, while Jones was jailed for fraud.";
        List<SentimentPrediction> both = MODEL.predict(sentence, List.of(
                new TargetSentimentModel.Span(0, 5), new TargetSentimentModel.Span(38, 43)));
        assertThat(sentence.substring(38, 43)).isEqualTo("Jones");
        assertThat(both.get(1).label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(both.get(1).negative()).isGreaterThan(both.get(0).negative());
    }

    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        List<SentimentPrediction> sequential = CASES.stream().map(c -> MODEL.predict(c.sentence(), c.mention())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<SentimentPrediction>> futures = CASES.stream()
                    .map(c -> pool.submit(() -> MODEL.predict(c.sentence(), c.mention()))).toList();
            for (int i = 0; i < CASES.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shippedModelRecordsHowItWasTrained() {
        assertThat(MODEL.metadata()).containsKeys("data", "variant", "heldOutMacroF1");
        assertThat(MODEL.features().dimension()).isEqualTo(MODEL.features().parts().size() * SentenceEncoder.DIM);
    }
}
