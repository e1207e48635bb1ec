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
    private Similarity similarity = Similarity.cosine();
    private int neighbors = 50;
    private int modelSize = Integer.MAX_VALUE;
    private double minSimilarity;
    private double shrinkage;
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

    /** The similarity between rows (default {@link Similarity#cosine()}). */
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

    /** Shrinks each similarity by {@code n / (n + shrinkage)}, {@code n} the co-rated count; {@code >= 0} (default 0). */
    public B shrinkage(double shrinkage) {
        this.shrinkage = shrinkage;
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
        return new KnnSettings(similarity, neighbors, modelSize, minSimilarity, shrinkage, centering, implicit,
                threads, lambdaItem, lambdaUser);
    }

    /**
     * @throws IllegalArgumentException if the budget was set to a value {@code <= 0}
     */
    final long budget() {
        return memoryBudget == -1 ? MemoryGuard.defaultBudget() : MemoryGuard.requireBudget(memoryBudget);
    }
}
