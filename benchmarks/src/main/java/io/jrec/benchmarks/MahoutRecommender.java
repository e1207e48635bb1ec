package io.jrec.benchmarks;

import io.jrec.core.ItemFilter;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import org.apache.mahout.cf.taste.common.NoSuchItemException;
import org.apache.mahout.cf.taste.common.NoSuchUserException;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Mahout Taste recommender seen through jrec's {@link Recommender} interface, so that jrec's own
 * evaluation code scores both libraries the same way.
 *
 * <p>{@code topN} calls Mahout's {@code recommend(userId, n)}, which excludes the user's rated items
 * (the only filter supported here: any other {@link ItemFilter} is rejected) and ranks by Mahout's
 * estimated preference. An unknown user gets an empty list. {@code predict} is Mahout's
 * {@code estimatePreference}, {@code NaN} when Mahout cannot estimate or the user or item is
 * unknown. Thread-safety is Mahout's: its generic recommenders may be queried concurrently.
 */
public final class MahoutRecommender implements Recommender {
    private final org.apache.mahout.cf.taste.recommender.Recommender delegate;
    private final String name;

    /** Wraps {@code delegate}, labelling results with {@code name}. */
    public MahoutRecommender(org.apache.mahout.cf.taste.recommender.Recommender delegate, String name) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The wrapped Mahout recommender. */
    public org.apache.mahout.cf.taste.recommender.Recommender delegate() {
        return delegate;
    }

    @Override
    public Recommendations topN(long userId, int n, ItemFilter filter) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (!filter.excludesSeen() || filter.hasRules()) {
            throw new IllegalArgumentException("the Mahout adapter supports only ItemFilter.excludeSeen(), got "
                    + filter);
        }
        try {
            List<RecommendedItem> items = delegate.recommend(userId, n);
            List<ScoredItem> out = new ArrayList<>(items.size());
            for (RecommendedItem item : items) {
                out.add(new ScoredItem(item.getItemID(), item.getValue()));
            }
            return Recommendations.of(out, name);
        } catch (NoSuchUserException e) {
            return Recommendations.empty(name + " (unknown user)");
        } catch (TasteException e) {
            throw new IllegalStateException(name + ": recommend(" + userId + ") failed", e);
        }
    }

    @Override
    public double predict(long userId, long itemId) {
        try {
            float estimate = delegate.estimatePreference(userId, itemId);
            return Float.isNaN(estimate) ? Double.NaN : estimate;
        } catch (NoSuchUserException | NoSuchItemException e) {
            return Double.NaN;
        } catch (TasteException e) {
            throw new IllegalStateException(name + ": estimatePreference(" + userId + ", " + itemId + ") failed", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
