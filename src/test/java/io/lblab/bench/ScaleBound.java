package io.lblab.bench;

/**
 * Lower bound on the time to bring N labs to Ready in one subscription: the larger of one lab's critical path and
 * the time ARM's per-subscription write budget needs to admit every write (the burst at once, then the refill
 * rate). Both in simulated seconds.
 */
public final class ScaleBound {

    private ScaleBound() {
    }

    /** Seconds until the last of {@code writes} writes gets a token from a full bucket of {@code burst} refilling at {@code perSecond}. */
    public static double writeBudgetSeconds(long writes, int burst, double perSecond) {
        if (writes <= burst) {
            return 0;
        }
        return (writes - burst) / perSecond;
    }

    public static double seconds(double criticalPathSeconds, int labs, int writesPerLab, int burst, double perSecond) {
        return Math.max(criticalPathSeconds, writeBudgetSeconds((long) labs * writesPerLab, burst, perSecond));
    }
}
