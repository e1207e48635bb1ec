package io.jrec.core;

/**
 * A recommender that can also serve interactions that are not in its training data: an anonymous
 * visitor or a brand-new customer whose session so far is a few items with weights (e.g. view 1,
 * cart 3, purchase 5). Nothing is refitted.
 *
 * @since 0.1.0
 */
public interface SessionRecommender extends Recommender {

    /**
     * The best {@code n} items for a session of {@code itemIds} with {@code weights}. Unknown item ids
     * are ignored; with {@link ItemFilter#excludesSeen()} the session's own items are excluded.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a weight is not finite, or {@code n < 0}
     */
    Recommendations topNForSession(long[] itemIds, float[] weights, int n, ItemFilter filter);
}
