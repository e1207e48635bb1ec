package io.jrec.models.neural;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.DivergenceGuard;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.tune.EarlyStopping;
import io.jrec.core.tune.IterativeAlgorithm;
import io.jrec.models.nn.BinaryCrossEntropy;
import io.jrec.models.nn.Dense;
import io.jrec.models.nn.Optimizer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Neural Matrix Factorisation (NeuMF) for implicit feedback: He, Liao, Zhang, Nie, Hu and Chua, "Neural
 * Collaborative Filtering", WWW 2017. Every stored entry of the training matrix is a positive (its value
 * is ignored); the model is
 * <pre>
 *   gmf(u, i)   = p_u^G (.) q_i^G                                (element-wise product, gmfFactors values)
 *   mlp(u, i)   = ReLU layers mlpLayers[1..] over [p_u^M ; q_i^M] (each embedding mlpLayers[0] / 2 wide)
 *   logit(u, i) = h^T [gmf ; mlp] + b,      P(interaction) = sigmoid(logit)
 * </pre>
 * trained from scratch (no GMF/MLP pre-training) with binary cross-entropy on every positive plus
 * {@code negatives} items sampled uniformly, per epoch, from the items the user has not interacted with,
 * shuffled into mini-batches (the loss averaged over each) and optimised with dense Adam (every
 * embedding row moves at every step, as PyTorch's {@code torch.optim.Adam} does on {@code nn.Embedding}).
 * Embeddings start at N(0, 0.01^2) (the paper's code), the tower and output layers as PyTorch's
 * {@code nn.Linear} (weights and biases U(-1/sqrt(fanIn), 1/sqrt(fanIn))). L2 (if set) applies to the
 * weights and embeddings at every step, not to biases.
 *
 * <p>{@link #topN} ranks by the logit (monotone in the probability); {@link #predict} returns the
 * probability of interaction in (0, 1), NaN for an unknown user or item. Unknown users get the base
 * class's popularity fallback. Training is data-parallel over {@code threads} with a fixed reduction
 * order, so the model is fully determined by the seed and the settings (not by the thread count); the
 * fitted model is immutable and thread-safe. Precision is {@code double} throughout.
 *
 * <pre>{@code
 * Recommender neumf = NeuralCollaborativeFiltering.builder().epochs(20).seed(7).build().fit(train);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NeuralCollaborativeFiltering extends AbstractRecommender {
    final int factors;
    final int embedding;
    final double[] userGmf;
    final double[] itemGmf;
    final double[] userMlp;
    /** W1 restricted to the user half of the first layer's input: h1 x embedding. */
    final double[] firstUser;
    /** W1 [.. ; q_i^M] + b1 for every item, precomputed: items x h1. */
    final double[] firstItem;
    final int[] widths;
    final double[][] weights;
    final double[][] biases;
    final double[] outWeights;
    final double outBias;
    private final int maxWidth;
    final List<Epoch> history;

    /** Statistics of one training epoch; {@code validationHitRate} is NaN without a validation set. */
    public record Epoch(int epoch, double loss, double validationHitRate, long millis) {
    }

    NeuralCollaborativeFiltering(RatingMatrix train, NeuMfNetwork net, List<Epoch> history) {
        super(train, "NeuMF");
        this.factors = net.factors;
        this.embedding = net.mlpEmbedding;
        this.userGmf = net.userGmf.table().value().clone();
        this.itemGmf = net.itemGmf.table().value().clone();
        this.userMlp = net.userMlp.table().value().clone();
        this.firstUser = net.firstLayerUserWeights();
        this.firstItem = net.firstLayerItemActivations(train.itemCount());
        List<Dense> layers = net.tower.layers();
        widths = new int[layers.size()];
        weights = new double[layers.size()][];
        biases = new double[layers.size()][];
        int widest = 0;
        for (int l = 0; l < layers.size(); l++) {
            widths[l] = layers.get(l).outputs();
            weights[l] = layers.get(l).weights().value().clone();
            biases[l] = layers.get(l).bias().value().clone();
            widest = Math.max(widest, widths[l]);
        }
        maxWidth = widest;
        outWeights = net.output.weights().value().clone();
        outBias = net.output.bias().value()[0];
        this.history = List.copyOf(history);
    }

    /** A model from saved parameters (see {@link NeuMfCodec}); the arrays are taken, not copied. */
    NeuralCollaborativeFiltering(RatingMatrix train, int factors, int embedding, double[] userGmf, double[] itemGmf,
                                 double[] userMlp, double[] firstUser, double[] firstItem, int[] widths,
                                 double[][] weights, double[][] biases, double[] outWeights, double outBias,
                                 List<Epoch> history) {
        super(train, "NeuMF");
        this.factors = factors;
        this.embedding = embedding;
        this.userGmf = userGmf;
        this.itemGmf = itemGmf;
        this.userMlp = userMlp;
        this.firstUser = firstUser;
        this.firstItem = firstItem;
        this.widths = widths;
        this.weights = weights;
        this.biases = biases;
        this.outWeights = outWeights;
        this.outBias = outBias;
        int widest = 0;
        for (int w : widths) {
            widest = Math.max(widest, w);
        }
        this.maxWidth = widest;
        this.history = List.copyOf(history);
    }

    /** A builder with the paper's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Per-epoch training statistics, first epoch first (up to the kept epoch when early stopping chose one). */
    public List<Epoch> history() {
        return history;
    }

    /** The probability that {@code userId} interacts with {@code itemId}; NaN for unknown ids. */
    @Override
    public double predict(long userId, long itemId) {
        return super.predict(userId, itemId);
    }

    @Override
    protected double predictIndex(int user, int item) {
        float[] one = new float[1];
        logits(user, item, item + 1, one, 0);
        return BinaryCrossEntropy.sigmoid(one[0]);
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        logits(user, 0, scores.length, scores, 0);
    }

    /** Writes logit(user, i) for items {@code from <= i < to} into {@code out[offset + i - from]}. */
    private void logits(int user, int from, int to, float[] out, int offset) {
        final int f = factors;
        final int e = embedding;
        final int h1 = widths[0];
        double[] gmfWeighted = new double[f];
        for (int k = 0; k < f; k++) {
            gmfWeighted[k] = outWeights[k] * userGmf[user * f + k];
        }
        double[] userFirst = new double[h1];
        for (int o = 0; o < h1; o++) {
            double s = 0;
            for (int k = 0; k < e; k++) {
                s += firstUser[o * e + k] * userMlp[user * e + k];
            }
            userFirst[o] = s;
        }
        double[] a = new double[maxWidth];
        double[] b = new double[maxWidth];
        final int layers = widths.length;
        final int last = widths[layers - 1];
        for (int i = from; i < to; i++) {
            for (int o = 0; o < h1; o++) {
                double s = userFirst[o] + firstItem[i * h1 + o];
                a[o] = s > 0 ? s : 0;
            }
            for (int l = 1; l < layers; l++) {
                double[] w = weights[l];
                double[] bias = biases[l];
                int in = widths[l - 1];
                for (int o = 0, width = widths[l]; o < width; o++) {
                    double s = bias[o];
                    for (int k = 0; k < in; k++) {
                        s += w[o * in + k] * a[k];
                    }
                    b[o] = s > 0 ? s : 0;
                }
                double[] t = a;
                a = b;
                b = t;
            }
            double z = outBias;
            for (int k = 0; k < f; k++) {
                z += gmfWeighted[k] * itemGmf[i * f + k];
            }
            for (int k = 0; k < last; k++) {
                z += outWeights[f + k] * a[k];
            }
            out[offset + i - from] = (float) z;
        }
    }

    /** Settings of {@link NeuralCollaborativeFiltering}; defaults are the paper's. */
    public static final class Builder {
        private int gmfFactors = 8;
        private int[] mlpLayers = {64, 32, 16, 8};
        private int negatives = 4;
        private double learningRate = 0.001;
        private int batchSize = 256;
        private int epochs = 20;
        private double l2 = 0.0;
        private long seed = 42;
        private RatingMatrix validation;
        private int patience = 0;
        private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /** Width of the GMF embeddings (default 8). */
        public Builder gmfFactors(int gmfFactors) {
            this.gmfFactors = gmfFactors;
            return this;
        }

        /**
         * MLP widths, input first (default 64, 32, 16, 8): the input is the concatenation of a user and
         * an item embedding of {@code mlpLayers[0] / 2} each, followed by ReLU layers of the other widths.
         */
        public Builder mlpLayers(int... mlpLayers) {
            this.mlpLayers = mlpLayers.clone();
            return this;
        }

        /** Negatives sampled per positive and epoch (default 4). */
        public Builder negatives(int negatives) {
            this.negatives = negatives;
            return this;
        }

        /** Adam learning rate (default 0.001). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Examples per mini-batch (default 256). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Maximum number of epochs (default 20). */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** L2 coefficient added to the gradient of weights and embeddings (default 0). */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** Seed of initialisation, negative sampling and shuffling (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Held-out interactions (by external ids, e.g. each user's latest item) on which HR@10 over all
         * unseen items is computed after every epoch and reported to the progress listener; null for none.
         */
        public Builder validation(RatingMatrix validation) {
            this.validation = validation;
            return this;
        }

        /**
         * Stops when validation HR@10 has not improved for {@code patience} epochs and keeps the best
         * epoch's model; 0 (the default) trains all epochs. Needs a {@link #validation} set.
         */
        public Builder earlyStopping(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Training threads (default min(4, available processors)). Each mini-batch is split into shards
         * of 64 examples whose gradients are summed in a fixed order, so the model does not depend on
         * this setting; more threads than shards per batch are not used.
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public Config build() {
            if (gmfFactors < 1) {
                throw new IllegalArgumentException("gmfFactors must be >= 1, got " + gmfFactors);
            }
            if (mlpLayers.length < 2) {
                throw new IllegalArgumentException("mlpLayers needs an input width and at least one layer, got "
                        + Arrays.toString(mlpLayers));
            }
            for (int width : mlpLayers) {
                if (width < 1) {
                    throw new IllegalArgumentException("mlpLayers must all be >= 1, got " + Arrays.toString(mlpLayers));
                }
            }
            if (mlpLayers[0] % 2 != 0) {
                throw new IllegalArgumentException("mlpLayers[0] (two concatenated embeddings) must be even, got "
                        + mlpLayers[0]);
            }
            if (negatives < 1) {
                throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
            }
            Optimizer.validate(learningRate, l2);
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (patience < 0) {
                throw new IllegalArgumentException("earlyStopping patience must be >= 0, got " + patience);
            }
            if (patience > 0 && validation == null) {
                throw new IllegalArgumentException("earlyStopping(" + patience + ") needs a validation set");
            }
            return new Config(this);
        }
    }

    /**
     * An immutable NeuMF configuration; {@link #fit} trains a model. Safe to share between threads. As an
     * {@link IterativeAlgorithm} it can also stop early on any evaluator metric (the tuner's objective).
     */
    public static final class Config implements IterativeAlgorithm {
        final int gmfFactors;
        final int[] mlpLayers;
        final int negatives;
        final double learningRate;
        final int batchSize;
        final int epochs;
        final double l2;
        final long seed;
        final RatingMatrix validation;
        final int patience;
        final int threads;

        private Config(Builder b) {
            gmfFactors = b.gmfFactors;
            mlpLayers = b.mlpLayers.clone();
            negatives = b.negatives;
            learningRate = b.learningRate;
            batchSize = b.batchSize;
            epochs = b.epochs;
            l2 = b.l2;
            seed = b.seed;
            validation = b.validation;
            patience = b.patience;
            threads = b.threads;
        }

        /**
         * Trains NeuMF on the entries of {@code train} (all treated as positives). Reports stage
         * {@code "NeuMF epoch"}, done = epoch, total = epochs, message with loss, HR@10 and time. After
         * every epoch a {@link DivergenceGuard} checks that the mean loss is finite and at most 100 times
         * the lowest so far, counting the loss of always predicting the positive rate
         * {@code 1 / (1 + negatives)}, and that every parameter is finite.
         *
         * @throws IllegalArgumentException               if {@code train} has no entries
         * @throws io.jrec.core.TrainingDivergedException if training diverged (e.g. learningRate 10: mean
         *                                                loss 35761 in epoch 1 on MovieLens 100K)
         */
        @Override
        public NeuralCollaborativeFiltering fit(RatingMatrix train, ProgressListener progress) {
            return fit(train, null, progress);
        }

        /**
         * Trains on {@code stopping.trainingData()}, offering the model to {@code stopping} after every
         * epoch and stopping when it says so; returns the best epoch's model. {@link Builder#epochs} is the
         * most epochs trained. Do not combine with {@link Builder#earlyStopping}: its HR@10 rule would end
         * the fit first and return its own best.
         *
         * @throws IllegalArgumentException if the training data has no entries
         */
        @Override
        public NeuralCollaborativeFiltering fit(EarlyStopping stopping, ProgressListener progress) {
            return fit(stopping.trainingData(), stopping, progress);
        }

        private NeuralCollaborativeFiltering fit(RatingMatrix train, EarlyStopping stopping, ProgressListener progress) {
            Objects.requireNonNull(progress, "progress");
            return NeuMfFit.run(this, train, stopping, progress);
        }

        /** Trains without progress reporting; see {@link #fit(RatingMatrix, ProgressListener)}. */
        @Override
        public NeuralCollaborativeFiltering fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        @Override
        public String name() {
            StringBuilder mlp = new StringBuilder();
            for (int l = 0; l < mlpLayers.length; l++) {
                mlp.append(l == 0 ? "" : "-").append(mlpLayers[l]);
            }
            return "NeuMF(gmf=" + gmfFactors + ", mlp=" + mlp + ", neg=" + negatives + ", epochs=" + epochs + ")";
        }
    }
}
