package io.newsflow.tools.directed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.pairs.DirectedLabel;
import org.junit.jupiter.api.Test;

/** Reading rows of the Park, Pan &amp; Joo TSV format, on rows written for newsflow. */
class DirectedSentimentDataTest {

    @Test
    void stripsMarkersAndKeepsSpans() {
        DirectedExample e = DirectedSentimentData.parse(
                "Senator [Alvarez] praised [Governor Lin]'s bridge deal.\tAlvarez\tGovernor Lin\t1");
        assertThat(e.sentence()).isEqualTo("Senator Alvarez praised Governor Lin's bridge deal.");
        assertThat(e.sentence().substring(e.pFrom(), e.pTo())).isEqualTo("Alvarez");
        assertThat(e.sentence().substring(e.qFrom(), e.qTo())).isEqualTo("Governor Lin");
        assertThat(e.label()).isEqualTo(DirectedLabel.P_POSITIVE_Q);
    }

    @Test
    void unquotesCsvStyleFields() {
        DirectedExample e = DirectedSentimentData.parse(
                "\"[Okoro] said \"\"no\"\" to [Baker].\"\t\"Okoro\"\tBaker\t4");
        assertThat(e.sentence()).isEqualTo("Okoro said \"no\" to Baker.");
        assertThat(e.sentence().substring(e.qFrom(), e.qTo())).isEqualTo("Baker");
        assertThat(e.label()).isEqualTo(DirectedLabel.Q_NEGATIVE_P);
    }

    @Test
    void rejectsMalformedRows() {
        assertThatThrownBy(() -> DirectedSentimentData.parse("[Only one] here.\tOnly one\tx\t0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectedSentimentData.parse("[A] and [B].\tA\tB\t7"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectedSentimentData.parse("[A] and [B].\tA\tB"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
