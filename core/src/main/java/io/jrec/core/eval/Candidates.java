package io.jrec.core.eval;

/**
 * Which items a model ranks for each test user (the candidate protocol). Reports always name it.
 *
 * <ul>
 *   <li>{@link #allUnseen()} (the default): every item not in the user's training row; this is what a
 *       deployed recommender does.</li>
 *   <li>{@link #sampled(int, long)}: the user's test items plus {@code negatives} items drawn at
 *       random (without replacement) from the training catalogue among items the user has in neither
 *       training nor test data; with leave-one-out this is the "1 + 100 sampled negatives" protocol of
 *       many papers (He et al., Neural Collaborative Filtering, WWW 2017). Sampled figures are much
 *       higher than full-ranking ones and not comparable to them (Krichene and Rendle, On Sampled
 *       Metrics for Item Recommendation, KDD 2020). The draw for a user depends only on the seed, the
 *       split's position and the user id, so every algorithm sees the same candidates.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Candidates {
    private static final Candidates ALL_UNSEEN = new Candidates(-1, 0);

    private final int negatives;
    private final long seed;

    private Candidates(int negatives, long seed) {
        this.negatives = negatives;
        this.seed = seed;
    }

    /** Rank all items not in the user's training row. */
    public static Candidates allUnseen() {
        return ALL_UNSEEN;
    }

    /**
     * Rank the user's test items plus {@code negatives} random items the user has not interacted with.
     *
     * @throws IllegalArgumentException if {@code negatives < 1}
     */
    public static Candidates sampled(int negatives, long seed) {
        if (negatives < 1) {
            throw new IllegalArgumentException("number of sampled negatives must be >= 1, got " + negatives);
        }
        return new Candidates(negatives, seed);
    }

    /** Whether negatives are sampled (otherwise all unseen items are ranked). */
    public boolean isSampled() {
        return negatives > 0;
    }

    /** The number of sampled negatives per user, or 0 when all unseen items are ranked. */
    public int negatives() {
        return Math.max(negatives, 0);
    }

    /** The sampling seed (0 when not sampled). */
    public long seed() {
        return seed;
    }

    /** A description for reports. */
    @Override
    public String toString() {
        return isSampled()
                ? "the user's test items + " + negatives + " sampled unseen items (seed " + seed + ")"
                : "all items not in the user's training row";
    }
}
