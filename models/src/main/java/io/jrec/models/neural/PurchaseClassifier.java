package io.jrec.models.neural;

import io.jrec.core.DivergenceGuard;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ProgressListener;
import io.jrec.models.nn.Activation;
import io.jrec.models.nn.BinaryCrossEntropy;
import io.jrec.models.nn.Mlp;
import io.jrec.models.nn.Optimizer;
import io.jrec.models.nn.Parameter;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Purchase probability: an MLP that estimates P(customer buys product | history), trained with binary
 * cross-entropy on a time window of shop events.
 *
 * <h2>Examples</h2>
 * {@link Config#fit} takes the events <em>before</em> a cut ({@code history}: the customers' and
 * products' past) and the events of the window <em>after</em> it ({@code window}: the labels). Every
 * (customer, product) pair touched in the window is an example, labelled 1 if it was bought in the window
 * and 0 if it was only viewed or carted; for each such pair {@code negatives} products the customer did not
 * touch in the window are drawn uniformly from the catalogue ({@link ItemFeatures#items()}) as further
 * 0-examples (seeded). Features are computed from the history only, so labels never leak into them.
 *
 * <h2>Features (F = number of item features)</h2>
 * <ol>
 *   <li>the product's feature vector from {@link ItemFeatures} (F values; choose the attributes when
 *       building it, e.g. category, brand and price band one-hots and a scaled price);</li>
 *   <li>the customer's profile: the average of the feature vectors of the products in their history,
 *       weighted by event type (view 1, cart 3, purchase 5) (F values: category shares, mean price band,
 *       ...), and the cosine between profile and product;</li>
 *   <li>customer activity: ln(1 + views / carts / purchases), whether there is any history, ln(1 + days
 *       since the last event);</li>
 *   <li>product popularity in the history: ln(1 + views / carts / purchases) and the smoothed conversion
 *       (purchases + 1) / (views + 10);</li>
 *   <li>the pair's own history: ln(1 + views / carts / purchases of this product by this customer), ln(1 +
 *       days since), whether touched.</li>
 * </ol>
 * Days are counted back from the latest history event. Each input is standardised with the training
 * examples' mean and standard deviation. The network: ReLU hidden layers ({@code hiddenLayers}, default
 * 32, 16) and a linear output giving the logit; Adam, mini-batches, L2, all seeded; single-threaded.
 *
 * <pre>{@code
 * ShopEvents events = ShopEvents.of(shop);
 * long cut = SyntheticShop.START + 240 * 86_400L, end = SyntheticShop.START + 300 * 86_400L;
 * PurchaseClassifier model = PurchaseClassifier.builder().seed(7).build()
 *         .fit(features, events.before(cut), events.between(cut, end));
 * double p = model.probability(customerId, productId);
 * PurchaseClassifier.Evaluation e = model.withHistory(events.before(end)).evaluate(events.between(end, Long.MAX_VALUE), 1, 11);
 * }</pre>
 *
 * <p>A fitted model is immutable and thread-safe. Unknown customers (no history) are scored from the
 * product and cold-start inputs; products not in the {@link ItemFeatures} get NaN.
 *
 * @since 0.1.0
 */
public final class PurchaseClassifier {
    /** Inputs beyond the two feature blocks (history and cold-start signals, see {@link PurchaseHistory}). */
    static final int EXTRA = 15;

    private final ItemFeatures items;
    private final Mlp network;
    private final double[] mean;
    private final double[] scale;
    private final double basePositiveRate;
    private final PurchaseHistory history;

    private PurchaseClassifier(ItemFeatures items, Mlp network, double[] mean, double[] scale, double baseRate,
                               PurchaseHistory history) {
        this.items = items;
        this.network = network;
        this.mean = mean;
        this.scale = scale;
        this.basePositiveRate = baseRate;
        this.history = history;
    }

    /** A builder with the defaults listed on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The probability in (0, 1) that the customer buys the product, given the history this model holds
     * (the one it was fitted with, or the one given to {@link #withHistory}); NaN if the product has no
     * features. A customer without history is scored as a new customer.
     */
    public double probability(long customerId, long productId) {
        int p = items.items().indexOf(productId);
        if (p < 0) {
            return Double.NaN;
        }
        double[] x = new double[network.inputs()];
        features(customerId, p, x, 0);
        double[] z = network.forward(network.workspace(1), x, 1);
        return BinaryCrossEntropy.sigmoid(z[0]);
    }

    /** The same network reading its customer and product inputs from another history (e.g. a later one). */
    public PurchaseClassifier withHistory(ShopEvents events) {
        return new PurchaseClassifier(items, network, mean, scale, basePositiveRate, new PurchaseHistory(items, events));
    }

    /** The share of positives among the training examples: the base-rate predictor's constant. */
    public double basePositiveRate() {
        return basePositiveRate;
    }

    /** Number of network inputs (2 F + 15). */
    public int inputCount() {
        return network.inputs();
    }

    /**
     * Builds examples from {@code window} exactly as training does (touched pairs plus {@code negatives}
     * sampled products each, seeded) and measures this model on them against the base-rate predictor.
     *
     * @throws IllegalArgumentException if the window yields no example or negatives &lt; 0
     */
    public Evaluation evaluate(ShopEvents window, int negatives, long seed) {
        if (negatives < 0) {
            throw new IllegalArgumentException("negatives must be >= 0, got " + negatives);
        }
        PurchaseExamples examples = PurchaseExamples.of(items, window, negatives, new SplittableRandom(seed));
        if (examples.size == 0) {
            throw new IllegalArgumentException("the window has no event on a product with features: no example");
        }
        int n = examples.size;
        int width = network.inputs();
        double[] x = new double[n * width];
        for (int e = 0; e < n; e++) {
            features(examples.customers[e], examples.products[e], x, e * width);
        }
        double[] p = predictAll(x, n);
        double[] base = new double[n];
        Arrays.fill(base, basePositiveRate);
        return new Evaluation(n, rate(examples.labels), ProbabilityMetrics.logLoss(p, examples.labels),
                ProbabilityMetrics.logLoss(base, examples.labels), ProbabilityMetrics.auc(p, examples.labels),
                ProbabilityMetrics.calibration(p, examples.labels, 10));
    }

    /**
     * Measured quality on a set of examples.
     *
     * @param examples        number of examples
     * @param positiveRate    share of purchases among them
     * @param logLoss         the model's mean log loss
     * @param baseRateLogLoss the log loss of always predicting the training base rate
     * @param auc             ROC AUC (rank-based, ties count one half)
     * @param calibration     10 equal-width reliability bins
     */
    public record Evaluation(int examples, double positiveRate, double logLoss, double baseRateLogLoss, double auc,
                             List<ProbabilityMetrics.CalibrationBin> calibration) {

        /** A plain-text report: the figures and the reliability table. */
        public String toTable() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "examples %d, positive rate %.4f%nlog loss %.4f (base rate %.4f), AUC %.4f%n"
                            + "bin          | mean predicted | observed rate | count%n",
                    examples, positiveRate, logLoss, baseRateLogLoss, auc));
            for (ProbabilityMetrics.CalibrationBin b : calibration) {
                s.append(String.format(Locale.ROOT, "[%.1f, %.1f%s |         %6.4f |        %6.4f | %d%n",
                        b.lower(), b.upper(), b.upper() == 1.0 ? "]" : ")", b.meanPredicted(), b.observedRate(),
                        b.count()));
            }
            return s.toString();
        }
    }

    private double[] predictAll(double[] x, int n) {
        final int width = network.inputs();
        Mlp.Workspace ws = network.workspace(256);
        double[] p = new double[n];
        double[] chunk = new double[256 * width];
        for (int from = 0; from < n; from += 256) {
            int batch = Math.min(256, n - from);
            System.arraycopy(x, from * width, chunk, 0, batch * width);
            double[] z = network.forward(ws, chunk, batch);
            for (int e = 0; e < batch; e++) {
                p[from + e] = BinaryCrossEntropy.sigmoid(z[e]);
            }
        }
        return p;
    }

    /** Writes the standardised inputs of (customer, product index) into x[offset .. offset + width). */
    private void features(long customerId, int product, double[] x, int offset) {
        history.rawFeatures(customerId, product, x, offset);
        for (int j = 0; j < mean.length; j++) {
            x[offset + j] = (x[offset + j] - mean[j]) * scale[j];
        }
    }

    private static double rate(boolean[] labels) {
        int positives = 0;
        for (boolean y : labels) {
            if (y) {
                positives++;
            }
        }
        return (double) positives / labels.length;
    }

    /** Settings of a {@link PurchaseClassifier}, checked at {@link #build()}. */
    public static final class Builder {
        private int[] hiddenLayers = {32, 16};
        private int negatives = 1;
        private double learningRate = 0.001;
        private int batchSize = 128;
        private int epochs = 20;
        private double l2 = 1e-5;
        private long seed = 42;

        private Builder() {
        }

        /** Widths of the ReLU hidden layers (default 32, 16); none gives logistic regression. */
        public Builder hiddenLayers(int... hiddenLayers) {
            this.hiddenLayers = hiddenLayers.clone();
            return this;
        }

        /** Sampled untouched products per touched pair (default 1). */
        public Builder negatives(int negatives) {
            this.negatives = negatives;
            return this;
        }

        /** Adam learning rate (default 0.001). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Examples per mini-batch (default 128). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Passes over the examples (default 20). */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** L2 coefficient on the weights (default 1e-5). */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** Seed of negative sampling, initialisation and shuffling (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public Config build() {
            for (int width : hiddenLayers) {
                if (width < 1) {
                    throw new IllegalArgumentException("hiddenLayers must all be >= 1, got "
                            + Arrays.toString(hiddenLayers));
                }
            }
            if (negatives < 0) {
                throw new IllegalArgumentException("negatives must be >= 0, got " + negatives);
            }
            Optimizer.validate(learningRate, l2);
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            return new Config(this);
        }
    }

    /** An immutable configuration; {@link #fit} trains a classifier. Safe to share between threads. */
    public static final class Config {
        private final int[] hiddenLayers;
        private final int negatives;
        private final double learningRate;
        private final int batchSize;
        private final int epochs;
        private final double l2;
        private final long seed;

        private Config(Builder b) {
            hiddenLayers = b.hiddenLayers.clone();
            negatives = b.negatives;
            learningRate = b.learningRate;
            batchSize = b.batchSize;
            epochs = b.epochs;
            l2 = b.l2;
            seed = b.seed;
        }

        /** {@link #fit(ItemFeatures, ShopEvents, ShopEvents, ProgressListener)} without progress. */
        public PurchaseClassifier fit(ItemFeatures items, ShopEvents history, ShopEvents window) {
            return fit(items, history, window, ProgressListener.NONE);
        }

        /**
         * Trains on the examples of {@code window} with inputs from {@code history} (see the class
         * comment). Reports stage {@code "PurchaseClassifier epoch"} with the mean training loss. After
         * every epoch a {@link DivergenceGuard} checks that the mean loss is finite and at most 100 times
         * the lowest so far, counting the loss of always predicting the base rate, and that every weight
         * is finite.
         *
         * @throws IllegalArgumentException               if the window gives no example, or only one class
         * @throws io.jrec.core.TrainingDivergedException if training diverged (learning rate too high)
         */
        public PurchaseClassifier fit(ItemFeatures items, ShopEvents history, ShopEvents window,
                                      ProgressListener progress) {
            Objects.requireNonNull(items, "items");
            Objects.requireNonNull(progress, "progress");
            SplittableRandom random = new SplittableRandom(seed);
            PurchaseHistory past = new PurchaseHistory(items, history);
            PurchaseExamples examples = PurchaseExamples.of(items, window, negatives, random);
            int n = examples.size;
            double baseRate = n == 0 ? 0 : rate(Arrays.copyOf(examples.labels, n));
            if (n == 0 || baseRate == 0 || baseRate == 1) {
                throw new IllegalArgumentException("the training window needs purchases and non-purchases, got "
                        + n + " examples with positive rate " + baseRate);
            }
            int width = 2 * items.featureCount() + EXTRA;
            double[] x = new double[n * width];
            for (int e = 0; e < n; e++) {
                past.rawFeatures(examples.customers[e], examples.products[e], x, e * width);
            }
            double[] mean = new double[width];
            double[] scale = new double[width];
            standardise(x, n, width, mean, scale);

            int[] sizes = new int[hiddenLayers.length + 2];
            sizes[0] = width;
            System.arraycopy(hiddenLayers, 0, sizes, 1, hiddenLayers.length);
            sizes[sizes.length - 1] = 1;
            Mlp network = new Mlp("purchase", sizes, Activation.RELU, Activation.IDENTITY, random);
            Optimizer adam = Optimizer.adam(network.parameters(), learningRate, l2);
            Mlp.Workspace ws = network.workspace(batchSize);
            int[] order = new int[n];
            for (int e = 0; e < n; e++) {
                order[e] = e;
            }
            double[] batchX = new double[batchSize * width];
            double[] dz = new double[batchSize];
            String name = "PurchaseClassifier(hidden=" + Arrays.toString(hiddenLayers) + ", lr=" + learningRate
                    + ", epochs=" + epochs + ")";
            DivergenceGuard guard = new DivergenceGuard(name, DivergenceGuard.tooHigh("learningRate", learningRate, 0.001))
                    .startingLoss(BinaryCrossEntropy.constantLoss(baseRate));
            for (int epoch = 1; epoch <= epochs; epoch++) {
                for (int k = n - 1; k > 0; k--) {
                    int r = random.nextInt(k + 1);
                    int t = order[k];
                    order[k] = order[r];
                    order[r] = t;
                }
                double loss = 0;
                for (int from = 0; from < n; from += batchSize) {
                    int batch = Math.min(batchSize, n - from);
                    for (int e = 0; e < batch; e++) {
                        System.arraycopy(x, order[from + e] * width, batchX, e * width, width);
                    }
                    double[] z = network.forward(ws, batchX, batch);
                    for (int e = 0; e < batch; e++) {
                        double y = examples.labels[order[from + e]] ? 1 : 0;
                        loss += BinaryCrossEntropy.loss(z[e], y);
                        dz[e] = BinaryCrossEntropy.gradient(z[e], y) / batch;
                    }
                    network.backward(ws, batchX, dz, null, batch);
                    adam.step();
                }
                guard.checkLoss(epoch, loss / n);
                for (Parameter p : network.parameters()) {
                    guard.checkFinite(epoch, p.name(), p.value());
                }
                progress.progress("PurchaseClassifier epoch", epoch, epochs,
                        String.format(Locale.ROOT, "loss %.4f", loss / n));
            }
            return new PurchaseClassifier(items, network, mean, scale, baseRate, past);
        }

        /** Column means and 1 / standard deviations (1 for a constant column); x is standardised in place. */
        private static void standardise(double[] x, int n, int width, double[] mean, double[] scale) {
            for (int e = 0; e < n; e++) {
                for (int j = 0; j < width; j++) {
                    mean[j] += x[e * width + j] / n;
                }
            }
            double[] variance = new double[width];
            for (int e = 0; e < n; e++) {
                for (int j = 0; j < width; j++) {
                    double d = x[e * width + j] - mean[j];
                    variance[j] += d * d / n;
                }
            }
            for (int j = 0; j < width; j++) {
                scale[j] = variance[j] > 1e-12 ? 1 / Math.sqrt(variance[j]) : 1;
            }
            for (int e = 0; e < n; e++) {
                for (int j = 0; j < width; j++) {
                    x[e * width + j] = (x[e * width + j] - mean[j]) * scale[j];
                }
            }
        }
    }
}
