package io.newsflow.tools.train;

import io.newsflow.enrich.sentiment.SoftmaxNet;
import io.newsflow.tools.eval.ConfusionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SoftmaxNet} with mini-batch Adam on class-weighted cross-entropy (weights inverse to class
 * frequency) plus L2, optional dropout on the hidden layer, and early stopping on the macro-F1 of a validation set
 * (the weights of the best epoch are kept). Deterministic for a given seed and input order. Stateless; each call is
 * independent.
 */
public final class SoftmaxTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SoftmaxTrainer.class);

    /** Hyper-parameters; {@code hidden == 0} is multinomial logistic regression. */
    public record Config(int hidden, double l2, double learningRate, int maxEpochs, int batchSize, int patience,
                         double dropout, long seed) {
    }

    /** The trained net, the epoch it came from (1-based) and its validation macro-F1 (NaN without validation). */
    public record Result(SoftmaxNet net, int bestEpoch, double validationMacroF1) {
    }

    private SoftmaxTrainer() {
    }

    /**
     * Trains on {@code x}/{@code y}; with {@code valX == null} it runs exactly {@code maxEpochs} epochs and returns
     * the last weights.
     */
    public static Result train(Config config, float[][] x, int[] y, int classes, float[][] valX, int[] valY) {
        int n = x.length;
        int d = x[0].length;
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (float[] row : x) {
            for (int i = 0; i < d; i++) {
                mean[i] += row[i] / n;
            }
        }
        for (float[] row : x) {
            for (int i = 0; i < d; i++) {
                float c = row[i] - mean[i];
                scale[i] += c * c / n;
            }
        }
        for (int i = 0; i < d; i++) {
            scale[i] = (float) Math.sqrt(scale[i] + 1e-6);
        }
        SoftmaxNet net = SoftmaxNet.initial(d, config.hidden(), classes, mean, scale, config.seed());
        float[][] z = new float[n][];
        for (int k = 0; k < n; k++) {
            z[k] = net.standardise(x[k]);
        }
        int[] perClass = new int[classes];
        for (int label : y) {
            perClass[label]++;
        }
        double[] classWeight = new double[classes];
        for (int c = 0; c < classes; c++) {
            classWeight[c] = perClass[c] == 0 ? 0 : (double) n / (classes * perClass[c]);
        }
        Adam adam1 = new Adam(net.w1.length);
        Adam adamB1 = new Adam(net.b1.length);
        Adam adam2 = new Adam(net.w2.length);
        Adam adamB2 = new Adam(net.b2.length);
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        SoftmaxNet best = null;
        int bestEpoch = 0;
        double bestF1 = Double.NEGATIVE_INFINITY;
        int width = config.hidden() == 0 ? d : config.hidden();
        float[] g1 = new float[net.w1.length];
        float[] gb1 = new float[net.b1.length];
        float[] g2 = new float[net.w2.length];
        float[] gb2 = new float[net.b2.length];
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += config.batchSize()) {
                int end = Math.min(n, start + config.batchSize());
                Arrays.fill(g1, 0f);
                Arrays.fill(gb1, 0f);
                Arrays.fill(g2, 0f);
                Arrays.fill(gb2, 0f);
                double weightSum = 0;
                for (int b = start; b < end; b++) {
                    weightSum += classWeight[y[order[b]]];
                }
                for (int b = start; b < end; b++) {
                    int idx = order[b];
                    float[] in = z[idx];
                    float[] h;
                    float[] keep = null;
                    if (config.hidden() == 0) {
                        h = in;
                    } else {
                        h = net.hiddenActivations(in);
                        if (config.dropout() > 0) {
                            keep = new float[h.length];
                            float inv = (float) (1 / (1 - config.dropout()));
                            for (int j = 0; j < h.length; j++) {
                                keep[j] = random.nextDouble() < config.dropout() ? 0f : inv;
                                h[j] *= keep[j];
                            }
                        }
                    }
                    double[] p = SoftmaxNet.softmax(net.logits(h));
                    double w = classWeight[y[idx]] / weightSum;
                    float[] dh = config.hidden() == 0 ? null : new float[width];
                    for (int c = 0; c < classes; c++) {
                        float dl = (float) (w * (p[c] - (c == y[idx] ? 1 : 0)));
                        gb2[c] += dl;
                        int off = c * width;
                        for (int i = 0; i < width; i++) {
                            g2[off + i] += dl * h[i];
                            if (dh != null) {
                                dh[i] += dl * net.w2[off + i];
                            }
                        }
                    }
                    if (dh != null) {
                        for (int j = 0; j < width; j++) {
                            if (h[j] <= 0f) {
                                continue;
                            }
                            float gj = keep == null ? dh[j] : dh[j] * keep[j];
                            gb1[j] += gj;
                            int off = j * d;
                            for (int i = 0; i < d; i++) {
                                g1[off + i] += gj * in[i];
                            }
                        }
                    }
                }
                float l2 = (float) config.l2();
                for (int i = 0; i < g1.length; i++) {
                    g1[i] += l2 * net.w1[i];
                }
                for (int i = 0; i < g2.length; i++) {
                    g2[i] += l2 * net.w2[i];
                }
                adam1.step(net.w1, g1, config.learningRate());
                adamB1.step(net.b1, gb1, config.learningRate());
                adam2.step(net.w2, g2, config.learningRate());
                adamB2.step(net.b2, gb2, config.learningRate());
            }
            if (valX != null) {
                double f1 = macroF1(net, valX, valY, classes);
                LOG.debug("epoch {} validation macro-F1 {}", epoch, f1);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestEpoch = epoch;
                    best = net.copy();
                } else if (epoch - bestEpoch >= config.patience()) {
                    break;
                }
            }
        }
        if (valX == null) {
            return new Result(net, config.maxEpochs(), Double.NaN);
        }
        return new Result(best, bestEpoch, bestF1);
    }

    /** Macro-F1 (percent) of {@code net} on a labelled set. */
    public static double macroF1(SoftmaxNet net, float[][] x, int[] y, int classes) {
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int k = 0; k < x.length; k++) {
            m.add(y[k], argmax(net.probabilities(x[k])));
        }
        return m.macroF1();
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Adam state for one parameter array. */
    private static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private final float[] m;
        private final float[] v;
        private int t;

        Adam(int size) {
            m = new float[size];
            v = new float[size];
        }

        void step(float[] w, float[] g, double lr) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int i = 0; i < w.length; i++) {
                m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g[i]);
                v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g[i] * g[i]);
                w[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
            }
        }
    }
}
