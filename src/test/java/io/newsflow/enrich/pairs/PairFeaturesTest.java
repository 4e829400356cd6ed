package io.newsflow.enrich.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.enrich.sentiment.WordPieceTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pair pooling on a hand-made encoding whose word-piece vectors are their own positions. */
class PairFeaturesTest {

    // "Mayor Ruiz thanked the Harbour Trust today ."  word pieces with character spans (CLS and SEP at the ends)
    static final String TEXT = "Mayor Ruiz thanked the Harbour Trust today.";
    static final int[] STARTS = {0, 0, 6, 11, 19, 23, 31, 37, 42, 0};
    static final int[] ENDS = {0, 5, 10, 18, 22, 30, 36, 42, 43, 0};

    static SentenceEncoder.Encoding encoding() {
        int n = STARTS.length;
        float[][] h = new float[n][SentenceEncoder.DIM];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(h[i], i);
        }
        return new SentenceEncoder.Encoding(new WordPieceTokenizer.Tokens(new int[n], STARTS, ENDS), h);
    }

    @Test
    void poolsMentionsBetweenAndWindows() {
        int pFrom = TEXT.indexOf("Ruiz");
        int qFrom = TEXT.indexOf("Harbour Trust");
        PairFeatures.Pooled pooled = PairFeatures.pool(encoding(), pFrom, pFrom + 4, qFrom, qFrom + 13);
        float[][] v = pooled.vectors();
        assertThat(v[PairFeatures.P_P][0]).isEqualTo(2f);                  // "ruiz" is word piece 2
        assertThat(v[PairFeatures.P_Q][5]).isEqualTo(5.5f);                // "harbour" 5, "trust" 6
        assertThat(v[PairFeatures.P_BETWEEN][0]).isEqualTo(3.5f);          // "thanked" 3, "the" 4
        assertThat(v[PairFeatures.P_BETWEEN_MAX][0]).isEqualTo(4f);
        assertThat(v[PairFeatures.P_LEFT][0]).isEqualTo(1f);               // "mayor"
        assertThat(v[PairFeatures.P_RIGHT][0]).isEqualTo(7.5f);            // "today", "."
        assertThat(v[PairFeatures.P_PL4][0]).isEqualTo(1f);
        assertThat(v[PairFeatures.P_PR4][0]).isEqualTo(4.5f);             // 3, 4, 5, 6
        assertThat(v[PairFeatures.P_QR4][0]).isEqualTo(7.5f);             // 7, 8 (SEP excluded)
        assertThat(v[PairFeatures.P_SENT][0]).isEqualTo(4.5f);            // 0..9
        assertThat(v[PairFeatures.P_MAX][0]).isEqualTo(9f);
        float[] g = pooled.geom();
        assertThat(g[0]).isEqualTo(1f);                                    // p first
        assertThat(g[1]).isCloseTo(2 / 20f, offset(1e-6f));               // two word pieces between
        assertThat(g[3]).isEqualTo(0f);
        assertThat(g[5]).isCloseTo(1 / 8f, offset(1e-6f));
        assertThat(g[6]).isCloseTo(2 / 8f, offset(1e-6f));
    }

    @Test
    void vectorConcatenatesPartsInOrder() {
        PairFeatures f = new PairFeatures(List.of("p", "q", "p-q", "geom"));
        assertThat(f.dimension()).isEqualTo(3 * SentenceEncoder.DIM + PairFeatures.GEOM);
        int pFrom = TEXT.indexOf("Ruiz");
        int qFrom = TEXT.indexOf("Harbour");
        float[] x = f.vector(PairFeatures.pool(encoding(), pFrom, pFrom + 4, qFrom, qFrom + 7));
        assertThat(x[0]).isEqualTo(2f);
        assertThat(x[SentenceEncoder.DIM]).isEqualTo(5f);
        assertThat(x[2 * SentenceEncoder.DIM]).isEqualTo(-3f);
        assertThat(x[3 * SentenceEncoder.DIM]).isEqualTo(1f);
        assertThatThrownBy(() -> new PairFeatures(List.of("nonsense"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adjacentMentionsHaveNothingBetween() {
        int pFrom = TEXT.indexOf("Harbour");
        int qFrom = TEXT.indexOf("Trust");
        PairFeatures.Pooled pooled = PairFeatures.pool(encoding(), pFrom, pFrom + 7, qFrom, qFrom + 5);
        assertThat(pooled.vectors()[PairFeatures.P_BETWEEN][0]).isEqualTo(0f);
        assertThat(pooled.geom()[3]).isEqualTo(1f);
    }
}
