package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.newsflow.enrich.sentiment.Sentiment;
import io.newsflow.enrich.sentiment.TargetExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsMtscEvaluatorTest {

    /** Six targets in four sentences: gold NEG, NEG, NEU, NEU, POS, POS (polarity 2, 2, 4, 4, 6, 6). */
    private static final String FILE = String.join("\n",
            "{\"sentence_normalized\": \"Ann blamed Bob.\", \"targets\": ["
                    + "{\"from\": 0, \"to\": 3, \"mention\": \"Ann\", \"polarity\": 2.0},"
                    + "{\"from\": 11, \"to\": 14, \"mention\": \"Bob\", \"polarity\": 2.0}]}",
            "{\"sentence_normalized\": \"Cy met Dee.\", \"targets\": ["
                    + "{\"from\": 0, \"to\": 2, \"mention\": \"Cy\", \"polarity\": 4.0},"
                    + "{\"from\": 7, \"to\": 10, \"mention\": \"Dee\", \"polarity\": 4.0}]}",
            "{\"sentence_normalized\": \"Eve won.\", \"targets\": [{\"from\": 0, \"to\": 3, \"mention\": \"Eve\", \"polarity\": 6.0}]}",
            "",
            "{\"sentence_normalized\": \"Fay shone.\", \"targets\": [{\"from\": 0, \"to\": 3, \"mention\": \"Fay\", \"polarity\": 6.0}]}",
            "");

    @TempDir
    Path dir;

    @Test
    void computesPerClassScoresAndMacroF1() throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.jsonl"), FILE);
        // Ann right, Bob -> NEUTRAL, Cy right, Dee -> POSITIVE, Eve right, Fay -> NEUTRAL
        Map<String, Sentiment> predicted = Map.of("Ann", Sentiment.NEGATIVE, "Bob", Sentiment.NEUTRAL,
                "Cy", Sentiment.NEUTRAL, "Dee", Sentiment.POSITIVE, "Eve", Sentiment.POSITIVE, "Fay", Sentiment.NEUTRAL);
        NewsMtscEvaluator.Result r = NewsMtscEvaluator.evaluate(file,
                targets -> targets.stream().map(t -> predicted.get(t.mention())).toList());

        assertThat(r.matrix().total()).isEqualTo(6);
        assertThat(r.sentences()).isEqualTo(4);
        // NEG: 1 predicted, 1 correct, 2 gold -> P 100, R 50, F1 2*100*50/150
        // NEU: 3 predicted, 1 correct, 2 gold -> P 33.3, R 50, F1 40
        // POS: 2 predicted, 1 correct, 2 gold -> P 50, R 50, F1 50
        double f1Neg = 2 * 100.0 * 50.0 / 150.0;
        double f1Neu = 2 * (100.0 / 3) * 50.0 / (100.0 / 3 + 50.0);
        double f1Pos = 50.0;
        assertThat(r.matrix().precision(0)).isCloseTo(100.0, offset(1e-9));
        assertThat(r.matrix().recall(1)).isCloseTo(50.0, offset(1e-9));
        assertThat(r.matrix().f1(1)).isCloseTo(40.0, offset(1e-9));
        assertThat(r.macroF1()).isCloseTo((f1Neg + f1Neu + f1Pos) / 3, offset(1e-9));
        assertThat(r.accuracy()).isCloseTo(100.0 * 3 / 6, offset(1e-9));
        String report = r.report();
        assertThat(report).contains(String.format(Locale.ROOT, "macro_f1=%.2f", (f1Neg + f1Neu + f1Pos) / 3));
        assertThat(report.strip().lines().toList()).last().isEqualTo("accuracy=50.00");
    }

    @Test
    void perfectClassifierScoresOneHundred() {
        List<TargetExample> targets = List.of(
                new TargetExample("A b.", 0, 1, "A", Sentiment.NEGATIVE),
                new TargetExample("C d.", 0, 1, "C", Sentiment.POSITIVE));
        NewsMtscEvaluator.Result r = NewsMtscEvaluator.evaluate(targets,
                ts -> ts.stream().map(TargetExample::gold).toList());
        assertThat(r.accuracy()).isEqualTo(100.0);
        // NEUTRAL is neither gold nor predicted: its F1 is 0, so macro-F1 over three classes is 200/3
        assertThat(r.macroF1()).isCloseTo(200.0 / 3, offset(1e-9));
    }
}
