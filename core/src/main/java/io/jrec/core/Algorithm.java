package io.jrec.core;

/**
 * A configured, not yet fitted, recommendation algorithm: {@code fit} learns from a training matrix
 * and returns an immutable {@link Recommender}. An algorithm holds settings only, so one instance can
 * fit many matrices, also concurrently.
 *
 * @since 0.1.0
 */
public interface Algorithm {

    /**
     * Learns a model from {@code train}, reporting progress of long work to {@code progress}.
     *
     * @throws IllegalArgumentException if the data cannot be fitted with these settings (the message
     *                                  says what to change)
     */
    Recommender fit(RatingMatrix train, ProgressListener progress);

    /** Learns a model from {@code train} without progress reporting. */
    default Recommender fit(RatingMatrix train) {
        return fit(train, ProgressListener.NONE);
    }

    /** A short label for reports, e.g. {@code "ItemKNN(cosine, k=50)"}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
