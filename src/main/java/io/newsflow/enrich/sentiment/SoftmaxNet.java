package io.newsflow.enrich.sentiment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A softmax classifier: multinomial logistic regression ({@code hidden == 0}) or one ReLU hidden layer. Inputs are
 * standardised with the stored mean and scale. Trained by {@code io.newsflow.tools.train.SoftmaxTrainer}, which
 * updates the public weight arrays in place on its own copy; weights are not changed after training, so
 * {@link #probabilities} is thread-safe.
 */
public final class SoftmaxNet {

    public final int inputs;
    public final int hidden;
    public final int classes;
    public final float[] mean;
    public final float[] scale;
    /** hidden > 0: {@code w1[h * inputs + i]}, {@code w2[c * hidden + h]}; hidden == 0: {@code w2[c * inputs + i]}. */
    public final float[] w1;
    public final float[] b1;
    public final float[] w2;
    public final float[] b2;

    SoftmaxNet(int inputs, int hidden, int classes, float[] mean, float[] scale, float[] w1, float[] b1, float[] w2,
               float[] b2) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.mean = mean;
        this.scale = scale;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    public static SoftmaxNet initial(int inputs, int hidden, int classes, float[] mean, float[] scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (hidden == 0) {
            return new SoftmaxNet(inputs, 0, classes, mean, scale, new float[0], new float[0],
                    new float[classes * inputs], new float[classes]);
        }
        float[] w1 = new float[hidden * inputs];
        double s1 = Math.sqrt(2.0 / inputs);
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) (gaussian(random) * s1);
        }
        float[] w2 = new float[classes * hidden];
        double s2 = Math.sqrt(1.0 / hidden);
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) (gaussian(random) * s2);
        }
        return new SoftmaxNet(inputs, hidden, classes, mean, scale, w1, new float[hidden], w2, new float[classes]);
    }

    /** A standard normal sample (Box–Muller). */
    public static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public SoftmaxNet copy() {
        return new SoftmaxNet(inputs, hidden, classes, mean, scale, w1.clone(), b1.clone(), w2.clone(), b2.clone());
    }

    /** Standardised copy of a raw feature vector. */
    public float[] standardise(float[] x) {
        float[] z = new float[inputs];
        for (int i = 0; i < inputs; i++) {
            z[i] = (x[i] - mean[i]) / scale[i];
        }
        return z;
    }

    /** Class probabilities for a raw (not standardised) feature vector. */
    public double[] probabilities(float[] x) {
        float[] z = standardise(x);
        float[] h = hidden == 0 ? z : hiddenActivations(z);
        return softmax(logits(h));
    }

    public float[] hiddenActivations(float[] z) {
        float[] h = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            float s = b1[j];
            int off = j * inputs;
            for (int i = 0; i < inputs; i++) {
                s += w1[off + i] * z[i];
            }
            h[j] = Math.max(0f, s);
        }
        return h;
    }

    public double[] logits(float[] h) {
        int width = h.length;
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            double s = b2[c];
            int off = c * width;
            for (int i = 0; i < width; i++) {
                s += w2[off + i] * h[i];
            }
            out[c] = s;
        }
        return out;
    }

    public static double[] softmax(double[] logits) {
        double max = Arrays.stream(logits).max().orElse(0);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < logits.length; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
