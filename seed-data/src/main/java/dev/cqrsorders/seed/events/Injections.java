package dev.cqrsorders.seed.events;

/**
 * The share (0.0–1.0) of sent records that are deliberately out of order, duplicated, early or malformed; the
 * rest are valid, in-order events. The shares must add up to at most 1.
 */
public record Injections(double outOfOrder, double duplicates, double early, double malformed) {
    public static final Injections NONE = new Injections(0, 0, 0, 0);

    public Injections {
        for (double share : new double[] {outOfOrder, duplicates, early, malformed}) {
            if (!(share >= 0.0 && share <= 1.0)) {
                throw new IllegalArgumentException("a share must be between 0.0 and 1.0, not " + share);
            }
        }
        if (total(outOfOrder, duplicates, early, malformed) > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the shares add up to more than 1.0");
        }
    }

    static double total(double outOfOrder, double duplicates, double early, double malformed) {
        return outOfOrder + duplicates + early + malformed;
    }

    /** The share of records drawn from order lifecycles (valid, out-of-order or early). */
    double lifecycleShare() {
        return 1.0 - duplicates - malformed;
    }

    /** The probability that a new lifecycle is for an early order, so that early records make up {@link #early}. */
    double earlyLifecycleProbability() {
        double lifecycles = lifecycleShare();
        return lifecycles <= 0 ? 0 : Math.min(1.0, early / lifecycles);
    }
}
