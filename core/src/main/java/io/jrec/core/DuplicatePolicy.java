package io.jrec.core;

/**
 * What {@link RatingMatrix.Builder} does when the same (user, item) pair is added more than once.
 * The timestamp kept is the one of the value kept ({@link #LAST}, {@link #MAX}) or the latest one
 * ({@link #SUM}).
 *
 * @since 0.1.0
 */
public enum DuplicatePolicy {
    /** The value added last wins (explicit ratings that users may revise). The default. */
    LAST,
    /** Values are summed (implicit counts: views, purchases). */
    SUM,
    /** The largest value wins (e.g. the strongest of view/cart/purchase). */
    MAX,
    /** A duplicate is an error: {@link RatingMatrix.Builder#build()} throws naming the pair. */
    REJECT
}
