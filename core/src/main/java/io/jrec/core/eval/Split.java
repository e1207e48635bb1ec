package io.jrec.core.eval;

import io.jrec.core.RatingMatrix;

import java.util.Objects;

/**
 * One train/test pair of an offline evaluation, e.g. one fold of a k-fold split.
 *
 * <p>Splits made from one matrix by {@link Splits} share that matrix's user and item indices; splits
 * from separate files ({@link Splits#given}) do not. The evaluator therefore only ever compares
 * external ids, never indices across the two matrices. Immutable.
 *
 * @param name  a label for reports, e.g. {@code "fold 1/5"} or {@code "u1"}
 * @param train the data a model is fitted on
 * @param test  the held-out data it is judged against
 * @since 0.1.0
 */
public record Split(String name, RatingMatrix train, RatingMatrix test) {

    /**
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException     if any argument is null
     */
    public Split {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (name.isBlank()) {
            throw new IllegalArgumentException("split name must not be blank");
        }
    }

    @Override
    public String toString() {
        return "Split[" + name + ": train " + train.size() + " ratings, test " + test.size() + " ratings]";
    }
}
