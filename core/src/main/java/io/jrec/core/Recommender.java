package io.jrec.core;

/**
 * A fitted recommendation model: what an application queries from its request threads.
 *
 * <p>Contract for every implementation in jrec:
 * <ul>
 *   <li>Immutable and thread-safe: any number of threads may call any method concurrently.</li>
 *   <li>{@link #topN} returns at most {@code n} items, best first, ties broken by ascending item index
 *       (ascending item id for matrices built by {@link RatingMatrix.Builder}). Items the user already
 *       has in the training data are excluded unless the filter says otherwise.</li>
 *   <li>An unknown user is not an error: the model falls back (for example to popularity) and
 *       {@link Recommendations#source()} says so.</li>
 *   <li>{@link #predict} returns {@code NaN} when the model cannot score the pair (unknown user or
 *       item, no neighbours, ...).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public interface Recommender {

    /**
     * The best {@code n} items for {@code userId} that pass {@code filter}.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws NullPointerException     if {@code filter} is null
     */
    Recommendations topN(long userId, int n, ItemFilter filter);

    /** The best {@code n} items for {@code userId}, excluding items the user already has. */
    default Recommendations topN(long userId, int n) {
        return topN(userId, n, ItemFilter.excludeSeen());
    }

    /**
     * The model's estimate for the pair: a rating for rating-prediction models, a relevance score for
     * ranking-only models (see each model's documentation), or {@code NaN} if it cannot score the pair.
     */
    double predict(long userId, long itemId);
}
