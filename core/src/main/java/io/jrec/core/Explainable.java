package io.jrec.core;

/**
 * A recommender that can say why it scores an item for a user. Thread-safe like the recommender.
 *
 * @since 0.1.0
 */
public interface Explainable {

    /**
     * The contributions behind the score of {@code itemId} for {@code userId}; an empty contribution
     * list with a {@code NaN} score when the user or item is unknown.
     */
    Explanation explain(long userId, long itemId);
}
