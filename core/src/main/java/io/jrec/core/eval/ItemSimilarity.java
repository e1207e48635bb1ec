package io.jrec.core.eval;

/**
 * The similarity of two items given by external id, for intra-list diversity: typically in [0, 1],
 * symmetric, 1 for identical items (e.g. Jaccard of genre sets, or cosine of rating columns). Must be
 * thread-safe; it is called for every pair of items in every evaluated list.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ItemSimilarity {

    /** The similarity of {@code itemA} and {@code itemB}. */
    double similarity(long itemA, long itemB);
}
