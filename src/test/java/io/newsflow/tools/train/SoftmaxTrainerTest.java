package io.newsflow.tools.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.sentiment.SentenceEncoder;
import io.newsflow.enrich.sentiment.SoftmaxNet;
import io.newsflow.enrich.sentiment.TargetFeatures;
import io.newsflow.enrich.sentiment.TargetSentimentModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftmaxTrainerTest {

    @TempDir
    Path dir;

    /** Three well-separated Gaussian blobs in {@code dim} dimensions (class c centred at +3 on axis c). */
    private static float[][] blobs(int n, int dim, long seed, int[] labels) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            for (int d = 0; d < dim; d++) {
                x[i][d] = (float) (SoftmaxNet.gaussian(random) + (d == c ? 3.0 : 0.0));
            }
        }
        return x;
    }

    private static double accuracy(SoftmaxNet net, float[][] x, int[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            if (SoftmaxTrainer.argmax(net.probabilities(x[i])) == y[i]) {
                correct++;
            }
        }
        return (double) correct / x.length;
    }

    @Test
    void logisticRegressionAndMlpLearnSeparableClassesDeterministically() {
        int[] y = new int[600];
        float[][] x = blobs(600, 8, 1, y);
        int[] yVal = new int[300];
        float[][] xVal = blobs(300, 8, 2, yVal);
        int[] yTest = new int[300];
        float[][] xTest = blobs(300, 8, 3, yTest);
        for (int hidden : new int[] {0, 16}) {
            SoftmaxTrainer.Config config = new SoftmaxTrainer.Config(hidden, 1e-4, 1e-2, 30, 32, 5, 0.1, 7);
            SoftmaxTrainer.Result a = SoftmaxTrainer.train(config, x, y, 3, xVal, yVal);
            SoftmaxTrainer.Result b = SoftmaxTrainer.train(config, x, y, 3, xVal, yVal);
            assertThat(a.net().w2).as("same seed, same weights").isEqualTo(b.net().w2);
            assertThat(a.net().w1).isEqualTo(b.net().w1);
            assertThat(a.bestEpoch()).isEqualTo(b.bestEpoch());
            // Bayes accuracy of these blobs is about 98%; a model that learned nothing scores about 33%
            assertThat(accuracy(a.net(), xTest, yTest)).as("hidden=%d", hidden).isGreaterThan(0.9);
            SoftmaxTrainer.Result other = SoftmaxTrainer.train(
                    new SoftmaxTrainer.Config(hidden, 1e-4, 1e-2, 30, 32, 5, 0.1, 8), x, y, 3, xVal, yVal);
            if (hidden > 0) {
                assertThat(other.net().w1).as("another seed starts elsewhere").isNotEqualTo(a.net().w1);
            }
        }
    }

    @Test
    void savedModelLoadsWithIdenticalPredictions() throws Exception {
        int dim = SentenceEncoder.DIM;
        int[] y = new int[90];
        float[][] x = blobs(90, dim, 4, y);
        SoftmaxNet net = SoftmaxTrainer.train(new SoftmaxTrainer.Config(4, 1e-4, 1e-2, 3, 16, 3, 0, 1), x, y, 3,
                null, null).net();
        TargetSentimentModel model = new TargetSentimentModel(SentenceEncoder.DEFAULT, new TargetFeatures(List.of("tgt")), net,
                Map.of("note", "toy"));
        Path file = dir.resolve("m.json");
        model.save(file);
        TargetSentimentModel loaded = TargetSentimentModel.load(file);
        assertThat(loaded.metadata()).containsEntry("note", "toy");
        assertThat(loaded.encoderName()).isEqualTo(SentenceEncoder.DEFAULT);
        float[][] pooled = new float[TargetFeatures.POOLED][dim];
        pooled[TargetFeatures.P_TGT] = x[5];
        TargetFeatures.Pooled p = new TargetFeatures.Pooled(pooled);
        assertThat(loaded.predict(p)).isEqualTo(model.predict(p));
    }
}
