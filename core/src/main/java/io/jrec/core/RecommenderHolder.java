package io.jrec.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the model a service is currently serving and swaps in a newly fitted one atomically, while
 * request threads keep querying. A query that started on the old model finishes on it (models are
 * immutable); every query that starts after {@link #swap} returns sees the new one.
 *
 * <pre>{@code
 * RecommenderHolder live = new RecommenderHolder(algorithm.fit(data));
 * // request threads:   live.topN(userId, 10)
 * // refresh thread:    live.swap(algorithm.fit(newData));
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class RecommenderHolder implements Recommender {
    private final AtomicReference<Recommender> current;

    /** A holder serving {@code initial}. */
    public RecommenderHolder(Recommender initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial model"));
    }

    /** The model served now. */
    public Recommender current() {
        return current.get();
    }

    /** Serves {@code next} from now on and returns the model it replaces. */
    public Recommender swap(Recommender next) {
        return current.getAndSet(Objects.requireNonNull(next, "next model"));
    }

    @Override
    public Recommendations topN(long userId, int n, ItemFilter filter) {
        return current.get().topN(userId, n, filter);
    }

    @Override
    public Recommendations topN(long userId, int n) {
        return current.get().topN(userId, n);
    }

    @Override
    public double predict(long userId, long itemId) {
        return current.get().predict(userId, itemId);
    }
}
