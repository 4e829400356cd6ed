package io.newsflow.tools.eval;

/**
 * Counts of (gold, predicted) class pairs with accuracy and per-class and macro-averaged precision, recall and F1,
 * all in percent. A class never predicted has precision 0; one never gold has recall 0. Not thread-safe.
 */
public final class ConfusionMatrix {

    private final int[][] counts;

    public ConfusionMatrix(int classes) {
        this.counts = new int[classes][classes];
    }

    /** Counts one decision. */
    public void add(int gold, int predicted) {
        counts[gold][predicted]++;
    }

    public int classes() {
        return counts.length;
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    public int gold(int c) {
        int n = 0;
        for (int v : counts[c]) {
            n += v;
        }
        return n;
    }

    public int predicted(int c) {
        int n = 0;
        for (int[] row : counts) {
            n += row[c];
        }
        return n;
    }

    public int count(int gold, int predicted) {
        return counts[gold][predicted];
    }

    public double accuracy() {
        int correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return total() == 0 ? 0 : 100.0 * correct / total();
    }

    public double precision(int c) {
        return predicted(c) == 0 ? 0 : 100.0 * counts[c][c] / predicted(c);
    }

    public double recall(int c) {
        return gold(c) == 0 ? 0 : 100.0 * counts[c][c] / gold(c);
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += f1(c);
        }
        return sum / counts.length;
    }
}
