package io.jrec.models.baseline;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.DuplicatePolicy;
import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.SessionRecommender;
import io.jrec.core.SparseMatrix;
import io.jrec.models.internal.Sessions;

import java.util.Arrays;
import java.util.Objects;

/**
 * Recommends the most popular items: the same ranking for everyone, minus what each user already
 * has. The non-personalised baseline every other model must beat, and the usual fallback for new
 * customers.
 *
 * <p>The popularity of item {@code i} is {@code pop(i) = sum_{u in R(i)} w_ui * d_ui}, where
 * {@code w_ui} is 1 (count, the default) or the stored value ({@link Builder#weighted(boolean)}), and
 * {@code d_ui = 2^(-(tMax - t_ui) / halfLife)} is an optional exponential time decay relative to the
 * latest timestamp {@code tMax} in the training data (1 when no half-life is set).
 *
 * <pre>{@code
 * PopularityRecommender top = PopularityRecommender.builder().halfLife(30 * 86400).build().fit(train);
 * top.topN(userId, 10);
 * }</pre>
 *
 * <p>{@link #predict} returns {@code pop(i)} (a relevance score, not a rating) for a known user and
 * item, else {@code NaN}. Unknown users get the same ranking, labelled
 * {@code "Popularity (unknown user)"}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PopularityRecommender extends AbstractRecommender implements SessionRecommender {
    final float[] popularity;

    final Config config;

    PopularityRecommender(RatingMatrix train, Config config, float[] popularity) {
        super(train, config.name());
        this.config = config;
        this.popularity = popularity;
    }

    /**
     * This model after a batch of new interactions, as a new model; this one is unchanged. The training
     * data becomes {@code trainingData().merge(batch, DuplicatePolicy.LAST)} (new users and items
     * included). Without a half-life only the items the batch rates are recounted, the others are copied;
     * with a half-life every weight depends on the latest timestamp, so all items are recounted. Either
     * way the result equals a full {@code fit} on the merged data exactly. Thread-safe.
     *
     * @throws IllegalArgumentException if exactly one of the training data and the batch has timestamps
     */
    public PopularityRecommender update(RatingMatrix batch) {
        Objects.requireNonNull(batch, "batch");
        RatingMatrix merged = trainingData().merge(batch, DuplicatePolicy.LAST);
        if (merged == trainingData()) {
            return this;
        }
        if (config.halfLife != Double.POSITIVE_INFINITY) {
            return config.fit(merged);
        }
        float[] pop = Arrays.copyOf(popularity, merged.itemCount());
        SparseMatrix byItem = merged.byItem();
        for (int b = 0; b < batch.itemCount(); b++) {
            int i = merged.items().indexOf(batch.items().idAt(b));
            pop[i] = config.popularity(byItem, i, Long.MIN_VALUE);
        }
        return new PopularityRecommender(merged, config, pop);
    }

    /** A builder with the defaults: count interactions, no time decay. */
    public static Builder builder() {
        return new Builder();
    }

    /** The popularity {@code pop(i)} of item {@code itemId}, or {@code NaN} if the item is unknown. */
    public double popularity(long itemId) {
        int i = train.items().indexOf(itemId);
        return i < 0 ? Double.NaN : popularity[i];
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        System.arraycopy(popularity, 0, scores, 0, popularity.length);
    }

    @Override
    protected double predictIndex(int user, int item) {
        return popularity[item];
    }

    @Override
    protected String scoreUnknownUser(long userId, float[] scores) {
        System.arraycopy(popularity, 0, scores, 0, popularity.length);
        return "Popularity (unknown user)";
    }

    /**
     * The most popular items, excluding the session's own items when {@code filter.excludesSeen()};
     * the weights are not used (popularity does not depend on the session).
     */
    @Override
    public Recommendations topNForSession(long[] itemIds, float[] weights, int n, ItemFilter filter) {
        Sessions.check(itemIds, weights, n, filter);
        float[] scores = scratchScores();
        System.arraycopy(popularity, 0, scores, 0, popularity.length);
        if (filter.excludesSeen()) {
            IdIndex items = train.items();
            for (long id : itemIds) {
                int i = items.indexOf(id);
                if (i >= 0) {
                    scores[i] = Float.NaN;
                }
            }
        }
        return select(scores, n, filter, null, name() + " (session)");
    }

    /** Settings of a {@link PopularityRecommender}; not thread-safe, validated by {@link #build()}. */
    public static final class Builder {
        private boolean weighted;
        private double halfLife = Double.POSITIVE_INFINITY;

        private Builder() {
        }

        /** Sum the stored values (e.g. purchase = 5, view = 1) instead of counting (default false). */
        public Builder weighted(boolean weighted) {
            this.weighted = weighted;
            return this;
        }

        /**
         * Exponential time decay: an interaction {@code halfLife} timestamp units older than the latest
         * one counts half. Default {@code +Infinity} (no decay). Needs timestamps in the training data.
         */
        public Builder halfLife(double halfLife) {
            this.halfLife = halfLife;
            return this;
        }

        /**
         * The configured algorithm.
         *
         * @throws IllegalArgumentException if {@code halfLife} is not positive (NaN, zero or negative)
         */
        public Config build() {
            if (!(halfLife > 0)) {
                throw new IllegalArgumentException("halfLife must be > 0 (or +Infinity for no decay), got "
                        + halfLife);
            }
            return new Config(weighted, halfLife);
        }
    }

    /** A configured popularity algorithm; immutable, {@link #fit} may be called concurrently. */
    public static final class Config implements Algorithm {
        final boolean weighted;
        final double halfLife;

        Config(boolean weighted, double halfLife) {
            this.weighted = weighted;
            this.halfLife = halfLife;
        }

        /**
         * @throws IllegalArgumentException if a half-life is set but {@code train} has no timestamps
         */
        @Override
        public PopularityRecommender fit(RatingMatrix train, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            boolean decay = halfLife != Double.POSITIVE_INFINITY;
            if (decay && !train.hasTimestamps() && !train.isEmpty()) {
                throw new IllegalArgumentException("halfLife " + halfLife
                        + " needs timestamps, but the training data has none; add ratings with timestamps "
                        + "or leave halfLife unset");
            }
            SparseMatrix byItem = train.byItem();
            long latest = Long.MIN_VALUE;
            if (decay) {
                for (int k = 0; k < byItem.size(); k++) {
                    latest = Math.max(latest, byItem.timestamp(k));
                }
            }
            float[] pop = new float[train.itemCount()];
            for (int i = 0; i < pop.length; i++) {
                pop[i] = popularity(byItem, i, latest);
            }
            progress.progress("popularity", 1, 1, "");
            return new PopularityRecommender(train, this, pop);
        }

        /** pop(i) from column {@code i}, with weights decayed from {@code latest} when a half-life is set. */
        float popularity(SparseMatrix byItem, int i, long latest) {
            boolean decay = halfLife != Double.POSITIVE_INFINITY;
            double sum = 0;
            for (int k = byItem.rowStart(i), end = byItem.rowEnd(i); k < end; k++) {
                double w = weighted ? byItem.value(k) : 1.0;
                if (decay) {
                    w *= Math.pow(2.0, -(latest - byItem.timestamp(k)) / halfLife);
                }
                sum += w;
            }
            return (float) sum;
        }

        @Override
        public PopularityRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        @Override
        public String name() {
            return "Popularity(" + (weighted ? "weighted" : "count")
                    + (halfLife != Double.POSITIVE_INFINITY ? ", halfLife=" + halfLife : "") + ")";
        }
    }
}
