package io.newsflow.enrich.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.tools.train.SoftmaxTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file round trip and the p/q reordering, on a small net trained here (no encoder needed). */
class DirectedStanceModelFileTest {

    static DirectedStanceModel smallModel() {
        PairFeatures features = new PairFeatures(List.of("p", "q", "geom"));
        SplittableRandom random = new SplittableRandom(7);
        int n = 60;
        float[][] x = new float[n][features.dimension()];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            y[k] = k % DirectedLabel.values().length;
            for (int i = 0; i < x[k].length; i++) {
                x[k][i] = (float) random.nextDouble() + (i % 5 == y[k] ? 1f : 0f);
            }
        }
        SoftmaxTrainer.Config config = new SoftmaxTrainer.Config(0, 1e-3, 1e-2, 5, 16, 3, 0, 13);
        return new DirectedStanceModel(SentenceEncoder.DEFAULT, features,
                SoftmaxTrainer.train(config, x, y, DirectedLabel.values().length, null, null).net(),
                Map.of("data", "synthetic"));
    }

    @Test
    void savedModelLoadsWithTheSameWeights(@TempDir Path dir) throws Exception {
        DirectedStanceModel model = smallModel();
        Path file = dir.resolve("m.json");
        model.save(file);
        DirectedStanceModel loaded = DirectedStanceModel.load(file);
        assertThat(loaded.features()).isEqualTo(model.features());
        assertThat(loaded.encoderName()).isEqualTo(model.encoderName());
        assertThat(loaded.metadata()).containsEntry("data", "synthetic");
        SentenceEncoder.Encoding enc = PairFeaturesTest.encoding();
        DirectedStanceModel.Pair pair = new DirectedStanceModel.Pair(6, 10, 23, 36);
        assertThat(loaded.predict(enc, pair)).isEqualTo(model.predict(enc, pair));
        double sum = 0;
        for (double p : loaded.predict(enc, pair).probabilities()) {
            sum += p;
        }
        assertThat(sum).isBetween(1 - 1e-9, 1 + 1e-9);
    }

    @Test
    void rejectsOtherFilesAndMismatchedShapes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\":\"something-else\"}");
        assertThatThrownBy(() -> DirectedStanceModel.load(file)).isInstanceOf(IllegalArgumentException.class);
        Path good = dir.resolve("m.json");
        smallModel().save(good);
        Files.writeString(good, Files.readString(good).replace("\"geom\"", "\"sent\""));
        assertThatThrownBy(() -> DirectedStanceModel.load(good)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mentionsGivenInEitherOrderGiveTheSameRelation() {
        DirectedStanceModel model = smallModel();
        SentenceEncoder.Encoding enc = PairFeaturesTest.encoding();
        DirectedPrediction forward = model.predict(enc, new DirectedStanceModel.Pair(6, 10, 23, 36));
        DirectedPrediction backward = model.predict(enc, new DirectedStanceModel.Pair(23, 36, 6, 10));
        assertThat(backward).isEqualTo(forward.swapped());
        assertThat(backward.label()).isEqualTo(forward.label().swapped());
    }

    @Test
    void holderTowardReadsTheAskedDirection() {
        DirectedPrediction p = new DirectedPrediction(new double[] {0.2, 0.05, 0.05, 0.1, 0.6});
        assertThat(p.label()).isEqualTo(DirectedLabel.Q_NEGATIVE_P);
        assertThat(p.best()).isEqualTo(new DirectedPrediction.PairStance(DirectedLabel.Direction.Q_TO_P,
                DirectedLabel.Stance.AGAINST, 0.6));
        assertThat(p.holderToward(false).stance()).isEqualTo(DirectedLabel.Stance.AGAINST);
        assertThat(p.holderToward(true).stance()).isEqualTo(DirectedLabel.Stance.NONE);
        assertThat(p.holderToward(true).probability()).isBetween(0.85 - 1e-9, 0.85 + 1e-9);
    }
}
