package io.jrec.core.eval;

/**
 * Which test entries count as relevant for ranking metrics, and their gain for graded NDCG.
 *
 * <ul>
 *   <li>{@link #atLeast(double)} (explicit ratings; the default is {@code atLeast(4)}): a test rating
 *       {@code >= threshold} is relevant; its graded gain is the rating itself.</li>
 *   <li>{@link #anyEvent()} (implicit feedback): every test entry is relevant with gain 1, so graded
 *       and binary NDCG agree.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Relevance {
    private final double threshold;   // NaN for "any event"

    private Relevance(double threshold) {
        this.threshold = threshold;
    }

    /**
     * Test ratings {@code >= threshold} are relevant, with the rating as graded gain.
     *
     * @throws IllegalArgumentException if {@code threshold} is not a positive finite number (graded gains
     *                                  must be positive)
     */
    public static Relevance atLeast(double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("relevance threshold must be a positive finite number (the rating"
                    + " is used as graded gain), got " + threshold);
        }
        return new Relevance(threshold);
    }

    /** Every test entry is relevant, with gain 1 (implicit feedback). */
    public static Relevance anyEvent() {
        return new Relevance(Double.NaN);
    }

    /** Whether a test entry with this value is relevant. */
    public boolean isRelevant(double value) {
        return threshold != threshold || value >= threshold;
    }

    /** The graded gain of a test entry with this value: 0 if not relevant, otherwise positive. */
    public double gain(double value) {
        if (!isRelevant(value)) {
            return 0;
        }
        return threshold != threshold ? 1 : value;
    }

    /** A description for reports, e.g. {@code "test rating >= 4"}. */
    @Override
    public String toString() {
        return threshold != threshold ? "any test event" : "test rating >= " + format(threshold);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
