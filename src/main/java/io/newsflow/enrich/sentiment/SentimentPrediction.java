package io.newsflow.enrich.sentiment;

/** The predicted class toward one target and the probabilities of all three classes (they sum to 1). */
public record SentimentPrediction(Sentiment label, double negative, double neutral, double positive) {

    static SentimentPrediction of(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new SentimentPrediction(Sentiment.values()[best], p[0], p[1], p[2]);
    }

    /** Probability of {@code s}. */
    public double probability(Sentiment s) {
        return switch (s) {
            case NEGATIVE -> negative;
            case NEUTRAL -> neutral;
            case POSITIVE -> positive;
        };
    }
}
