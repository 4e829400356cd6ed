package io.newsflow.enrich.sentiment;

/** Sentiment toward a target, in the NewsMTSC class order (index 0, 1, 2). */
public enum Sentiment {
    NEGATIVE, NEUTRAL, POSITIVE;

    /** NewsMTSC polarity: 2.0 negative, 4.0 neutral, 6.0 positive. */
    public static Sentiment fromPolarity(double polarity) {
        if (polarity == 2.0) {
            return NEGATIVE;
        }
        if (polarity == 4.0) {
            return NEUTRAL;
        }
        if (polarity == 6.0) {
            return POSITIVE;
        }
        throw new IllegalArgumentException("unknown NewsMTSC polarity " + polarity);
    }
}
