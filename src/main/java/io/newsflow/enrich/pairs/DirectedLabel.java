package io.newsflow.enrich.pairs;

/**
 * The five classes of entity-to-entity directed sentiment between mentions {@code p} and {@code q} of a sentence, in
 * the order of the labels of Park, Pan &amp; Joo (2021): 0 neutral, 1 p positive toward q, 2 q positive toward p,
 * 3 p negative toward q, 4 q negative toward p.
 */
public enum DirectedLabel {
    NEUTRAL(Direction.NONE, Stance.NONE),
    P_POSITIVE_Q(Direction.P_TO_Q, Stance.FAVOR),
    Q_POSITIVE_P(Direction.Q_TO_P, Stance.FAVOR),
    P_NEGATIVE_Q(Direction.P_TO_Q, Stance.AGAINST),
    Q_NEGATIVE_P(Direction.Q_TO_P, Stance.AGAINST);

    /** Who holds the sentiment. */
    public enum Direction { P_TO_Q, Q_TO_P, NONE }

    /** The holder's stance toward the other mention. */
    public enum Stance { FAVOR, AGAINST, NONE }

    private final Direction direction;
    private final Stance stance;

    DirectedLabel(Direction direction, Stance stance) {
        this.direction = direction;
        this.stance = stance;
    }

    public Direction direction() {
        return direction;
    }

    public Stance stance() {
        return stance;
    }

    /** The same relation with the roles of p and q exchanged. */
    public DirectedLabel swapped() {
        return switch (this) {
            case NEUTRAL -> NEUTRAL;
            case P_POSITIVE_Q -> Q_POSITIVE_P;
            case Q_POSITIVE_P -> P_POSITIVE_Q;
            case P_NEGATIVE_Q -> Q_NEGATIVE_P;
            case Q_NEGATIVE_P -> P_NEGATIVE_Q;
        };
    }

    /** The label with the dataset's number {@code 0..4}. */
    public static DirectedLabel ofIndex(int index) {
        return values()[index];
    }
}
