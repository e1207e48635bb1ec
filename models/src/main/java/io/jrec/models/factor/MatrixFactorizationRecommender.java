package io.jrec.models.factor;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.tune.EarlyStopping;
import io.jrec.core.tune.IterativeAlgorithm;
import io.jrec.models.internal.Checks;
import io.jrec.models.internal.MemoryGuard;

import java.util.Locale;
import java.util.Objects;

/**
 * Biased matrix factorisation for explicit ratings, trained by stochastic gradient descent, with an
 * optional SVD++ implicit-feedback term (Koren, "Factorization meets the neighborhood", KDD 2008;
 * Koren, Bell, Volinsky, "Matrix factorization techniques for recommender systems", 2009).
 *
 * <p>The model predicts
 * <pre>
 *   r̂(u,i) = μ + b_u + b_i + q_i · p_u                                  (biased MF)
 *   r̂(u,i) = μ + b_u + b_i + q_i · (p_u + |N(u)|^-1/2 Σ_{j∈N(u)} y_j)    (SVD++)
 * </pre>
 * where μ is the training mean and N(u) the items user u rated in training. Each epoch visits the
 * training ratings in a fresh seeded random order and, for the error e = r - r̂, applies
 * <pre>
 *   b_u += η (e - λ_b b_u)        b_i += η (e - λ_b b_i)
 *   p_u += η (e q_i - λ_f p_u)    q_i += η (e p_u - λ_f q_i)      (old values on the right)
 * </pre>
 * with η = learningRate · learningRateDecay^epoch. SVD++ visits users in random order and each
 * user's ratings in random order; it keeps the implicit sum fixed during one user's visit and then
 * updates every y_j, j ∈ N(u), once with the accumulated gradient: y_j += η (|N(u)|^-1/2 Σ e q_i - λ_f y_j).
 * That makes an epoch O(|R| f) instead of O(Σ_u |N(u)|² f).
 *
 * <p>{@link #predict} clips r̂ to the range of ratings seen in training (e.g. 1..5); an unknown user
 * or item gives {@code NaN}. {@link #topN} ranks unseen items by the unclipped r̂ (so that items above
 * the top of the scale do not tie) and reports that value as the score. Unknown users get the
 * training-popularity fallback of {@link AbstractRecommender}.
 *
 * <p>Fitted state is plain final arrays (biases, and row-major {@code users x f} / {@code items x f}
 * factors; for SVD++ the implicit sum is folded into the user factors after training), plus a
 * factor-major copy of the item factors derived from them so that scoring all items is f vectorised
 * passes. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * MatrixFactorizationRecommender mf = MatrixFactorizationRecommender.builder()
 *         .factors(100).epochs(40).learningRate(0.01).seed(7).build()
 *         .fit(train);
 * double r = mf.predict(42L, 1001L);
 * MatrixFactorizationRecommender svdpp = MatrixFactorizationRecommender.svdPlusPlusBuilder().build().fit(train);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MatrixFactorizationRecommender extends AbstractRecommender {
    final int factors;
    final float mean;
    final float minRating;
    final float maxRating;
    final float[] userBias;
    final float[] itemBias;
    final float[] userFactors;
    final float[] itemFactors;
    private final float[] itemFactorsByFactor;   // derived: factor-major copy for vectorised scoring
    final int epochsTrained;
    final float biasRegularization;     // kept for fold-in
    final float factorRegularization;

    MatrixFactorizationRecommender(RatingMatrix train, String name, int factors, float mean,
                                           float minRating, float maxRating, float[] userBias, float[] itemBias,
                                           float[] userFactors, float[] itemFactors, int epochsTrained,
                                           float biasRegularization, float factorRegularization) {
        super(train, name);
        this.biasRegularization = biasRegularization;
        this.factorRegularization = factorRegularization;
        this.factors = factors;
        this.mean = mean;
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemFactorsByFactor = FactorModels.factorMajor(itemFactors, itemBias.length, factors);
        this.epochsTrained = epochsTrained;
    }

    /**
     * This model with the users of {@code batch} that it does not know folded in, as a new model; this one
     * is unchanged. Item factors and biases stay fixed; each new user's bias and factors are the
     * regularised least-squares solution on their ratings of known items,
     * <pre>
     *   argmin_{b_u, p_u} sum_{i in R(u)} (r_ui - mu - b_i - b_u - p_u . q_i)^2 + n_u (lambda_b b_u^2 + lambda_f |p_u|^2)
     * </pre>
     * with the fit's regularisation scaled by the user's rating count {@code n_u} (the batch form of the
     * per-rating SGD penalty). The training data becomes {@code trainingData().merge(batch, LAST)}, so
     * top-N excludes what the new users rated; users already known keep their factors (their new
     * ratings wait for a refit), and items new in the batch get bias 0 and zero factors. Predictions for
     * folded-in users are close to, not equal to, a full refit (see the tests for the measured gap).
     * For SVD++ the folded-in factors are plain {@code p_u} (the implicit term is not re-derived).
     * Thread-safe.
     *
     * @throws IllegalArgumentException if exactly one of the training data and the batch has timestamps
     */
    public MatrixFactorizationRecommender foldIn(RatingMatrix batch) {
        return FoldIn.foldIn(this, batch);
    }

    /**
     * A builder for biased MF with the documented defaults (100 factors, η 0.01 without decay,
     * λ_b 0.02, λ_f 0.1, 40 epochs): RMSE 0.9135 averaged over the MovieLens 100K folds u1..u5.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder for SVD++ preset to the settings tuned on MovieLens 100K: implicit feedback on,
     * 100 factors, η 0.007 with decay 0.97 per epoch, λ_b 0.02, λ_f 0.12, 80 epochs (RMSE 0.9095
     * averaged over u1..u5). Every setting can still be changed.
     */
    public static Builder svdPlusPlusBuilder() {
        return new Builder().implicitFeedback(true).factors(100).learningRate(0.007).learningRateDecay(0.97)
                .biasRegularization(0.02).factorRegularization(0.12).epochs(80);
    }

    /** The number of latent factors f. */
    public int factors() {
        return factors;
    }

    /**
     * The epochs whose parameters this model holds: the configured number, or with early stopping the
     * epoch with the best validation RMSE.
     */
    public int epochsTrained() {
        return epochsTrained;
    }

    /** The training mean μ. */
    public double globalMean() {
        return mean;
    }

    /** A copy of the user factors (row-major users x f; for SVD++ including the implicit term). */
    public float[] userFactors() {
        return userFactors.clone();
    }

    /** A copy of the item factors (row-major items x f). */
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        final float base = mean + userBias[user];
        final float[] bi = itemBias;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = base + bi[i];
        }
        FactorModels.addDots(userFactors, user * factors, itemFactorsByFactor, factors, scores);
    }

    @Override
    protected double predictIndex(int user, int item) {
        return clip(raw(user, item));
    }

    private float raw(int u, int i) {
        return mean + userBias[u] + itemBias[i] + FactorModels.dot(userFactors, u * factors, itemFactors, i * factors, factors);
    }

    private float clip(float r) {
        return Math.min(maxRating, Math.max(minRating, r));
    }

    /**
     * Settings of {@link MatrixFactorizationRecommender}. Not thread-safe; {@link #build()} validates
     * and returns an immutable {@link Trainer}.
     */
    public static final class Builder {
        private long memoryBudget = -1;
        private int factors = 100;
        private double learningRate = 0.01;
        private double learningRateDecay = 1.0;
        private double biasRegularization = 0.02;
        private double factorRegularization = 0.1;
        private int epochs = 40;
        private long seed = 42;
        private double initStd = 0.1;
        private boolean implicitFeedback;
        private int earlyStoppingPatience;

        private Builder() {
        }

        /** The number of latent factors f, >= 1; default 100. */
        public Builder factors(int factors) {
            this.factors = factors;
            return this;
        }

        /** The SGD step size η, > 0; default 0.01. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** The factor by which η is multiplied after every epoch, in (0, 1]; default 1 (no decay). */
        public Builder learningRateDecay(double decay) {
            this.learningRateDecay = decay;
            return this;
        }

        /** The L2 regularisation λ_b of the biases, >= 0; default 0.02. */
        public Builder biasRegularization(double lambda) {
            this.biasRegularization = lambda;
            return this;
        }

        /** The L2 regularisation λ_f of the factors (p, q and the SVD++ y), >= 0; default 0.1. */
        public Builder factorRegularization(double lambda) {
            this.factorRegularization = lambda;
            return this;
        }

        /** The number of passes over the training ratings, >= 1; default 40. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** The seed of the initial factors and of every epoch's visiting order; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The standard deviation of the N(0, σ²) initial factors, >= 0; default 0.1. */
        public Builder initStd(double std) {
            this.initStd = std;
            return this;
        }

        /** Whether to add the SVD++ implicit term |N(u)|^-1/2 Σ y_j (Koren 2008); default false. */
        public Builder implicitFeedback(boolean enabled) {
            this.implicitFeedback = enabled;
            return this;
        }

        /**
         * With a validation matrix given to {@link Trainer#fit(RatingMatrix, RatingMatrix, ProgressListener)}:
         * stop after this many epochs without a better validation RMSE and keep the best epoch's
         * parameters; 0 (default) trains all epochs. Must be >= 0.
         */
        public Builder earlyStoppingPatience(int epochs) {
            this.earlyStoppingPatience = epochs;
            return this;
        }

        /**
         * The most bytes {@code fit} may plan for its factor arrays, {@code > 0} (default three quarters
         * of the maximum heap); checked before allocating.
         */
        public Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException naming the first bad setting, its value and what is allowed
         */
        public Trainer build() {
            Checks.requirePositive("factors", factors);
            Checks.requirePositive("learningRate", learningRate);
            if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
                throw new IllegalArgumentException("learningRateDecay must be in (0, 1], got " + learningRateDecay);
            }
            Checks.requireNonNegative("biasRegularization", biasRegularization);
            Checks.requireNonNegative("factorRegularization", factorRegularization);
            Checks.requirePositive("epochs", epochs);
            Checks.requireNonNegative("initStd", initStd);
            Checks.requireNonNegative("earlyStoppingPatience", earlyStoppingPatience);
            if (memoryBudget != -1) {
                MemoryGuard.requireBudget(memoryBudget);
            }
            return new Trainer(this);
        }
    }

    /**
     * A configured, immutable, thread-safe MF algorithm; {@code fit} returns a new model each time. As an
     * {@link IterativeAlgorithm} it can stop early on any evaluator metric (the tuner's objective).
     */
    public static final class Trainer implements IterativeAlgorithm {
        final int factors;
        final double learningRateSetting;   // as given, for messages
        final float learningRate;
        final float learningRateDecay;
        final float biasRegularization;
        final float factorRegularization;
        final int epochs;
        final long seed;
        final double initStd;
        final boolean implicitFeedback;
        final int patience;
        final long memoryBudget;

        private Trainer(Builder b) {
            this.memoryBudget = b.memoryBudget == -1 ? MemoryGuard.defaultBudget() : b.memoryBudget;
            this.factors = b.factors;
            this.learningRateSetting = b.learningRate;
            this.learningRate = (float) b.learningRate;
            this.learningRateDecay = (float) b.learningRateDecay;
            this.biasRegularization = (float) b.biasRegularization;
            this.factorRegularization = (float) b.factorRegularization;
            this.epochs = b.epochs;
            this.seed = b.seed;
            this.initStd = b.initStd;
            this.implicitFeedback = b.implicitFeedback;
            this.patience = b.earlyStoppingPatience;
        }

        @Override
        public String name() {
            return String.format(Locale.ROOT, "%s(f=%d, epochs=%d, lr=%s, reg=%s/%s)",
                    implicitFeedback ? "SVD++" : "BiasedMF", factors, epochs, learningRate,
                    biasRegularization, factorRegularization);
        }

        /** Fits on {@code train} without progress reporting (the same as {@code fit(train, ProgressListener.NONE)}). */
        @Override
        public MatrixFactorizationRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        /**
         * Fits on {@code train}, reporting stage {@code "epoch"} after every epoch with the running
         * training RMSE (errors measured before each update) and the elapsed time.
         *
         * @throws IllegalArgumentException               if {@code train} is empty
         * @throws io.jrec.core.TrainingDivergedException if training diverged (see {@link #fit(RatingMatrix,
         *                                                RatingMatrix, ProgressListener)})
         */
        @Override
        public MatrixFactorizationRecommender fit(RatingMatrix train, ProgressListener progress) {
            return fit(train, null, progress);
        }

        /**
         * Fits on {@code train}; when {@code validation} is not null, reports its RMSE (clipped
         * predictions, pairs with a user or item unknown to {@code train} ignored) after every epoch
         * and, if {@link Builder#earlyStoppingPatience} is set, stops early and keeps the best epoch.
         * After every epoch an {@link io.jrec.core.DivergenceGuard} checks that the training RMSE is finite
         * and at most 100 times the lowest so far (starting from the RMSE of predicting the mean); the RMSE
         * reads every trained bias and factor, so a non-finite one shows in the next epoch's RMSE, and after
         * the last epoch every parameter is checked directly.
         *
         * @throws io.jrec.core.TrainingDivergedException if training diverged, naming the epoch, the last
         *                                                finite RMSE and the learning rate to use instead
         * @throws IllegalArgumentException if {@code train} is empty, or {@code validation} shares no
         *                                  (user, item) pair ids with {@code train}'s users and items
         */
        public MatrixFactorizationRecommender fit(RatingMatrix train, RatingMatrix validation,
                                                  ProgressListener progress) {
            return fit(train, validation, null, progress);
        }

        /**
         * Fits on {@code stopping.trainingData()}, offering the model to {@code stopping} after every epoch
         * and stopping when it says so; returns the best epoch's model. {@link Builder#epochs} is the most
         * epochs trained.
         *
         * @throws IllegalArgumentException if the training data is empty
         */
        @Override
        public MatrixFactorizationRecommender fit(EarlyStopping stopping, ProgressListener progress) {
            return fit(stopping.trainingData(), null, stopping, progress);
        }

        private MatrixFactorizationRecommender fit(RatingMatrix train, RatingMatrix validation,
                                                   EarlyStopping stopping, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(progress, "progress");
            if (train.isEmpty()) {
                throw new IllegalArgumentException("cannot fit matrix factorisation on an empty rating matrix");
            }
            FactorModels.requireArraySize("user factors", train.userCount(), factors);
            FactorModels.requireArraySize("item factors", train.itemCount(), factors);
            MemoryGuard.check(MemoryGuard.factorBytes(train.userCount(), train.itemCount(), factors, 3), memoryBudget,
                    "matrix factorisation with " + factors + " factors for " + train.userCount() + " users and "
                            + train.itemCount() + " items (3 copies of 4 bytes x factors x (users + items))",
                    "use fewer factors(f), fewer users or items, or raise memoryBudget(bytes)");
            return new MatrixFactorizationFit(this, train, validation, stopping, progress).run();
        }
    }
}
