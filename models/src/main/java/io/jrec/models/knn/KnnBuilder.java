package io.jrec.models.knn;

import io.jrec.models.internal.MemoryGuard;
import io.jrec.similarity.Similarity;

/**
 * The settings shared by {@link ItemKnnRecommender.Builder} and {@link UserKnnRecommender.Builder}.
 * "Rows" are items for item-KNN and users for user-KNN. Not thread-safe; values are validated when the
 * subclass builds.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class KnnBuilder<B extends KnnBuilder<B>> {
    /**
     * The shrinkage a centred measure (Pearson, adjusted cosine) gets when none is set: Koren's
     * {@code n / (n + 100)} (TKDD 2010).
     */
    static final double CENTRED_SHRINKAGE = 100;

    private Similarity similarity = Similarity.cosine();
    private int neighbors = 50;
    private int modelSize = Integer.MAX_VALUE;
    private double minSimilarity;
    private double shrinkage;
    private boolean shrinkageSet;
    private Centering centering;
    private boolean implicit;
    private int threads = 1;
    private double lambdaItem = 5;
    private double lambdaUser = 5;
    private long memoryBudget = -1;

    KnnBuilder(Centering defaultCentering) {
        this.centering = defaultCentering;
    }

    abstract B self();

    /**
     * The similarity between rows (default {@link Similarity#cosine()}); Pearson and adjusted cosine get
     * a default {@link #shrinkage}.
     */
    public B similarity(Similarity similarity) {
        this.similarity = similarity;
        return self();
    }

    /** {@code k}: neighbours per row for top-N and per prediction, {@code >= 1} (default 50). */
    public B neighbors(int k) {
        this.neighbors = k;
        return self();
    }

    /**
     * Neighbours kept per row by {@code fit}, {@code >= neighbors}: prediction picks the {@code k} most
     * similar rows that rated the pair from this list. Default {@code Integer.MAX_VALUE}: every co-rated
     * row with positive similarity, so memory grows with the number of co-rated pairs (8 bytes each); a
     * smaller value bounds it at {@code 8 * modelSize} bytes per row.
     */
    public B modelSize(int modelSize) {
        this.modelSize = modelSize;
        return self();
    }

    /** Neighbours less similar than this are ignored, {@code >= 0} (default 0: all positive ones). */
    public B minSimilarity(double minSimilarity) {
        this.minSimilarity = minSimilarity;
        return self();
    }

    /**
     * Shrinks each similarity by {@code n / (n + shrinkage)}, {@code n} the co-rated count; {@code >= 0}.
     *
     * <p>Default: {@value #CENTRED_SHRINKAGE} for a centred measure ({@link Similarity#pearson()},
     * {@link Similarity#adjustedCosine(double[])}) that carries no damping of its own, else 0. A centred
     * measure reaches 1 on pairs that share one or two ratings, and without damping such pairs fill the
     * neighbour lists: on MovieLens 100K u1, item-KNN with Pearson and 50 neighbours ranks top-10 lists
     * worse than a random list (P@10 0.0013; popularity 0.2136). Shrinkage by {@code n / (n + 100)}, as
     * Koren uses for Pearson neighbourhoods ("Factor in the neighbors", TKDD 2010), gives P@10 0.2787
     * (user-KNN Pearson 0.1320 to 0.3118, adjusted cosine item 0.2667 to 0.3132, user 0.3145 to 0.3401).
     * It was preferred to Herlocker et al.'s significance weighting {@code min(n, 50) / 50} (SIGIR 1999),
     * which leaves every pair with 50 or more co-ratings undamped and reached only P@10 0.1779 on item
     * Pearson. Set {@code shrinkage(0)} explicitly for the undamped measure.
     */
    public B shrinkage(double shrinkage) {
        this.shrinkage = shrinkage;
        this.shrinkageSet = true;
        return self();
    }

    /** What rating prediction subtracts and adds back (default: see the concrete builder). */
    public B centering(Centering centering) {
        this.centering = centering;
        return self();
    }

    /** Top-N scores sum similarities only, ignoring rating values (default false). */
    public B implicit(boolean implicit) {
        this.implicit = implicit;
        return self();
    }

    /** Threads for the neighbour computation in {@code fit}, {@code >= 1} (default 1); same result for any value. */
    public B threads(int threads) {
        this.threads = threads;
        return self();
    }

    /**
     * Regularisation of the baseline used by {@link Centering#BASELINE} (defaults 5 and 5; fitted to
     * convergence as by {@link io.jrec.models.baseline.BaselinePredictor}).
     */
    public B baselineRegularization(double lambdaItem, double lambdaUser) {
        this.lambdaItem = lambdaItem;
        this.lambdaUser = lambdaUser;
        return self();
    }

    /**
     * The most bytes {@code fit} may plan for its neighbour lists and scratch, {@code > 0} (default three
     * quarters of the maximum heap); checked before allocating (see {@link #modelSize}).
     */
    public B memoryBudget(long bytes) {
        this.memoryBudget = bytes;
        return self();
    }

    /**
     * @throws IllegalArgumentException naming the first bad setting
     */
    final KnnSettings settings() {
        double shrink = shrinkageSet ? shrinkage
                : similarity != null && similarity.centred() && !similarity.supportWeighted() ? CENTRED_SHRINKAGE : 0;
        return new KnnSettings(similarity, neighbors, modelSize, minSimilarity, shrink, centering, implicit,
                threads, lambdaItem, lambdaUser);
    }

    /**
     * @throws IllegalArgumentException if the budget was set to a value {@code <= 0}
     */
    final long budget() {
        return memoryBudget == -1 ? MemoryGuard.defaultBudget() : MemoryGuard.requireBudget(memoryBudget);
    }
}
