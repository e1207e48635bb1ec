package io.jrec.core.eval;

import io.jrec.core.RatingMatrix;

import java.util.List;

/**
 * A metric of the top-{@code k} lists of one split. The evaluator asks every model for
 * {@code max k} items per test user who has at least one relevant test item, and gives each metric
 * the judged lists of those users. Implementations must be immutable and thread-safe; the jrec ones
 * come from {@link Metrics}, and applications may add their own.
 *
 * @since 0.1.0
 */
public non-sealed interface TopNMetric extends Metric {

    /** The cutoff: only the first {@code k} items of each list count ({@code k >= 1}). */
    int k();

    /**
     * The metric over one split.
     *
     * @param lists the judged lists, one per evaluated user, in ascending test-user order
     * @param train the split's training data (for popularity or catalogue size)
     * @return the value, or {@code NaN} if it is undefined for these lists (e.g. no lists)
     */
    double evaluate(List<RankedList> lists, RatingMatrix train);
}
