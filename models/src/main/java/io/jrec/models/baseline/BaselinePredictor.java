package io.jrec.models.baseline;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.DuplicatePolicy;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.models.internal.Baselines;

import java.util.Objects;

/**
 * The global mean plus user and item biases: {@code r^_ui = mu + b_u + b_i} (Koren, "Factor in the
 * neighbors: scalable and accurate collaborative filtering", TKDD 2010, section 2.1).
 *
 * <p>The biases minimise {@code sum (r_ui - mu - b_u - b_i)^2 + lambdaItem * sum b_i^2 + lambdaUser * sum b_u^2}
 * by alternating exact updates, starting from zero; each round sets
 * <pre>
 *   b_i = sum_{u in R(i)} (r_ui - mu - b_u) / (lambdaItem + |R(i)|)     for every item, then
 *   b_u = sum_{i in R(u)} (r_ui - mu - b_i) / (lambdaUser + |R(u)|)     for every user,
 * </pre>
 * until a round changes no bias by {@code 1e-7} or more, or after {@link Builder#iterations} rounds
 * (default 1000). With both lambdas {@code > 0} the objective is strictly convex and every bias ends
 * within {@code 1e-7 / (1 - rho)} of the unique minimiser, {@code rho} being the contraction factor
 * {@code max_i |R(i)|/(lambdaItem + |R(i)|) * max_u |R(u)|/(lambdaUser + |R(u)|)}; on MovieLens 100K
 * that bound is about {@code 7e-6}, reached after about 115 rounds from zero. Defaults: lambdaItem 5,
 * lambdaUser 5 (MovieLens 100K u1..u5 RMSE 0.9435; Surprise's {@code BaselineOnly} uses 10 and 15).
 *
 * <p>{@link #predict} gives {@code mu + b_u + b_i} for a known user and item, else {@code NaN}. Top-N
 * ranks by predicted rating, which for a known user is the order of {@code b_i}; an unknown user is
 * ranked by {@code mu + b_i}, labelled {@code "Baseline (unknown user)"}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class BaselinePredictor extends AbstractRecommender {
    final Config config;
    final Baselines baselines;

    BaselinePredictor(RatingMatrix train, Config config, Baselines baselines) {
        super(train, config.name());
        this.config = config;
        this.baselines = baselines;
    }

    /** A builder with the defaults lambdaItem 5, lambdaUser 5, at most 1000 rounds. */
    public static Builder builder() {
        return new Builder();
    }

    /** The global mean {@code mu} of the training ratings. */
    public double globalMean() {
        return baselines.mu();
    }

    /** The bias {@code b_u} of {@code userId}, or {@code NaN} if the user is unknown. */
    public double userBias(long userId) {
        int u = train.users().indexOf(userId);
        return u < 0 ? Double.NaN : baselines.userBias(u);
    }

    /** The bias {@code b_i} of {@code itemId}, or {@code NaN} if the item is unknown. */
    public double itemBias(long itemId) {
        int i = train.items().indexOf(itemId);
        return i < 0 ? Double.NaN : baselines.itemBias(i);
    }

    /**
     * This model after a batch of new ratings, as a new model; this one is unchanged. The training data
     * becomes {@code trainingData().merge(batch, DuplicatePolicy.LAST)} (new users and items included);
     * the alternating rounds restart from this model's biases (new users and items from 0) and run to
     * the same tolerance as {@code fit}. With both lambdas {@code > 0} the result equals a full
     * {@code fit} of the same settings on the merged data up to the convergence tolerance: every bias
     * of either is within {@code 1e-7 / (1 - rho)} of the exact minimiser (see the class comment), so
     * they differ by at most twice that, and predictions by at most four times. A small batch needs
     * fewer rounds than a fit from zero. An empty batch returns this model. Thread-safe.
     *
     * @throws IllegalArgumentException if exactly one of the training data and the batch has timestamps
     */
    public BaselinePredictor update(RatingMatrix batch) {
        Objects.requireNonNull(batch, "batch");
        RatingMatrix merged = train.merge(batch, DuplicatePolicy.LAST);
        if (merged == train) {
            return this;
        }
        return new BaselinePredictor(merged, config,
                baselines.warmStart(merged, config.lambdaItem, config.lambdaUser, config.iterations));
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        double base = baselines.mu() + baselines.userBias(user);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) (base + baselines.itemBias(i));
        }
    }

    @Override
    protected double predictIndex(int user, int item) {
        return baselines.estimate(user, item);
    }

    @Override
    protected String scoreUnknownUser(long userId, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) (baselines.mu() + baselines.itemBias(i));
        }
        return "Baseline (unknown user)";
    }

    /** Settings of a {@link BaselinePredictor}; not thread-safe, validated by {@link #build()}. */
    public static final class Builder {
        private double lambdaItem = 5;
        private double lambdaUser = 5;
        private int iterations = Baselines.MAX_ROUNDS;

        private Builder() {
        }

        /** Regularisation of the item biases, {@code >= 0} (default 5). */
        public Builder lambdaItem(double lambda) {
            this.lambdaItem = lambda;
            return this;
        }

        /** Regularisation of the user biases, {@code >= 0} (default 5). */
        public Builder lambdaUser(double lambda) {
            this.lambdaUser = lambda;
            return this;
        }

        /**
         * The most alternating update rounds a fit runs, {@code >= 1} (default 1000); it stops earlier,
         * after the first round that changes no bias by {@code 1e-7} or more.
         */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * The configured algorithm.
         *
         * @throws IllegalArgumentException if a lambda is negative or not finite, or {@code iterations < 1}
         */
        public Config build() {
            checkLambda("lambdaItem", lambdaItem);
            checkLambda("lambdaUser", lambdaUser);
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            return new Config(lambdaItem, lambdaUser, iterations);
        }

        static void checkLambda(String setting, double value) {
            if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(setting + " must be a finite number >= 0, got " + value);
            }
        }
    }

    /** A configured baseline algorithm; immutable, {@link #fit} may be called concurrently. */
    public static final class Config implements Algorithm {
        final double lambdaItem;
        final double lambdaUser;
        final int iterations;

        Config(double lambdaItem, double lambdaUser, int iterations) {
            this.lambdaItem = lambdaItem;
            this.lambdaUser = lambdaUser;
            this.iterations = iterations;
        }

        /**
         * @throws IllegalArgumentException if {@code train} has no ratings
         */
        @Override
        public BaselinePredictor fit(RatingMatrix train, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            if (train.isEmpty()) {
                throw new IllegalArgumentException("the training data has no ratings; a baseline needs at least one");
            }
            Baselines b = Baselines.fit(train, lambdaItem, lambdaUser, iterations);
            progress.progress("baseline", 1, 1, b.rounds() + " rounds");
            return new BaselinePredictor(train, this, b);
        }

        @Override
        public BaselinePredictor fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        @Override
        public String name() {
            return "Baseline(lambdaItem=" + lambdaItem + ", lambdaUser=" + lambdaUser
                    + ", maxIterations=" + iterations + ")";
        }
    }
}
