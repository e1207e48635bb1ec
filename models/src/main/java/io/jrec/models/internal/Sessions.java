package io.jrec.models.internal;

import io.jrec.core.ItemFilter;

import java.util.Objects;

/**
 * Argument checks shared by the {@link io.jrec.core.SessionRecommender} implementations of several
 * families. <b>Internal:</b> public only for that; not part of jrec's API, it may change without notice.
 * Stateless, thread-safe.
 *
 * @since 0.1.0
 */
public final class Sessions {
    private Sessions() {
    }

    /**
     * Checks a session query.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a weight is not finite, or {@code n < 0}
     * @throws NullPointerException     if an argument is null
     */
    public static void check(long[] itemIds, float[] weights, int n, ItemFilter filter) {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(filter, "filter");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (itemIds.length != weights.length) {
            throw new IllegalArgumentException("itemIds and weights differ in length: "
                    + itemIds.length + " vs " + weights.length);
        }
        for (int k = 0; k < weights.length; k++) {
            if (!Float.isFinite(weights[k])) {
                throw new IllegalArgumentException("weight of session item " + itemIds[k] + " is " + weights[k]
                        + "; weights must be finite");
            }
        }
    }
}
