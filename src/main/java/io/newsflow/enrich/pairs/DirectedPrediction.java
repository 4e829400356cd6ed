package io.newsflow.enrich.pairs;

import java.util.Arrays;

/**
 * The five class probabilities of one pair, indexed by {@link DirectedLabel#ordinal()}. Immutable (the array is
 * copied in and out).
 */
public record DirectedPrediction(double[] probabilities) {

    /** A decision for one direction: who holds it, FAVOR / AGAINST / NONE, and its probability. */
    public record PairStance(DirectedLabel.Direction direction, DirectedLabel.Stance stance, double probability) {
    }

    public DirectedPrediction {
        if (probabilities.length != DirectedLabel.values().length) {
            throw new IllegalArgumentException("need " + DirectedLabel.values().length + " probabilities");
        }
        probabilities = probabilities.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    public double probability(DirectedLabel label) {
        return probabilities[label.ordinal()];
    }

    /** The most probable of the five classes. */
    public DirectedLabel label() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return DirectedLabel.ofIndex(best);
    }

    /** The most probable class as (direction, stance, probability). */
    public PairStance best() {
        DirectedLabel l = label();
        return new PairStance(l.direction(), l.stance(), probabilities[l.ordinal()]);
    }

    /**
     * The stance of p toward q ({@code holderIsP}) or of q toward p: FAVOR or AGAINST with its class probability, or
     * NONE with the probability of everything else, whichever is largest. The direction is the asked one, or NONE.
     */
    public PairStance holderToward(boolean holderIsP) {
        double favor = probability(holderIsP ? DirectedLabel.P_POSITIVE_Q : DirectedLabel.Q_POSITIVE_P);
        double against = probability(holderIsP ? DirectedLabel.P_NEGATIVE_Q : DirectedLabel.Q_NEGATIVE_P);
        double none = 1 - favor - against;
        DirectedLabel.Direction dir = holderIsP ? DirectedLabel.Direction.P_TO_Q : DirectedLabel.Direction.Q_TO_P;
        if (favor >= against && favor > none) {
            return new PairStance(dir, DirectedLabel.Stance.FAVOR, favor);
        }
        if (against > favor && against > none) {
            return new PairStance(dir, DirectedLabel.Stance.AGAINST, against);
        }
        return new PairStance(DirectedLabel.Direction.NONE, DirectedLabel.Stance.NONE, none);
    }

    /** The same prediction with p and q exchanged. */
    public DirectedPrediction swapped() {
        double[] out = new double[probabilities.length];
        for (DirectedLabel l : DirectedLabel.values()) {
            out[l.swapped().ordinal()] = probabilities[l.ordinal()];
        }
        return new DirectedPrediction(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectedPrediction other && Arrays.equals(probabilities, other.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "DirectedPrediction" + Arrays.toString(probabilities);
    }
}
