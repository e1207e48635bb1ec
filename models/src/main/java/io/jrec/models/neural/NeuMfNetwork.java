package io.jrec.models.neural;

import io.jrec.models.nn.Activation;
import io.jrec.models.nn.BinaryCrossEntropy;
import io.jrec.models.nn.Dense;
import io.jrec.models.nn.Embedding;
import io.jrec.models.nn.Initializer;
import io.jrec.models.nn.Mlp;
import io.jrec.models.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The trainable NeuMF network of {@link NeuralCollaborativeFiltering} with its mini-batch buffers:
 * <pre>
 *   gmf   = p_u^G (.) q_i^G                                   (element-wise product, F values)
 *   mlp   = ReLU-MLP([p_u^M ; q_i^M])                        (sizes mlpLayers, input = 2 x embedding)
 *   logit = h^T [gmf ; mlp] + b
 * </pre>
 * Mutable, single training thread.
 */
final class NeuMfNetwork {
    final int factors;
    final int mlpEmbedding;
    final int mlpOut;
    final int fusedWidth;
    final Embedding userGmf;
    final Embedding itemGmf;
    final Embedding userMlp;
    final Embedding itemMlp;
    final Mlp tower;
    final Dense output;

    private final int maxBatch;
    /** The examples of this network's current (sub-)batch, filled by the trainer. */
    final int[] users;
    final int[] items;
    final double[] labels;
    private final double[] logits;

    // The tower as plain arrays (the layers' own values and gradients): layer l maps widths[l] inputs to
    // widths[l + 1] outputs, W row-major (outputs x inputs).
    private final int layers;
    private final int[] widths;
    private final double[][] weights;
    private final double[][] biases;
    private final double[][] weightGradients;
    private final double[][] biasGradients;
    /** Per-example activations (after ReLU) and back-propagated deltas of each tower layer. */
    private final double[][] activation;
    private final double[][] delta;
    /**
     * Per-example gradients of the four embedding rows, example e at {@code e * rowStride}: user GMF,
     * item GMF (factors each), user MLP, item MLP (mlpEmbedding each). Kept apart so that they can be
     * added to the tables in example order, whatever thread computed them.
     */
    private final double[] rowGradients;
    private final int rowStride;

    /**
     * Embeddings N(0, 0.01^2) as in the paper's code; the tower and output layers as PyTorch's
     * {@code nn.Linear} starts them (weights and biases U(-1/sqrt(fanIn), 1/sqrt(fanIn))), the setup of the
     * PyTorch reference the README compares with.
     */
    NeuMfNetwork(int users, int items, int factors, int[] mlpLayers, int maxBatch, SplittableRandom random) {
        this(new Embedding("userGmf", users, factors, 0.01, random),
                new Embedding("itemGmf", items, factors, 0.01, random),
                new Embedding("userMlp", users, mlpLayers[0] / 2, 0.01, random),
                new Embedding("itemMlp", items, mlpLayers[0] / 2, 0.01, random),
                new Mlp("mlp", mlpLayers, Activation.RELU, Activation.RELU, Initializer.FAN_IN_UNIFORM, random),
                new Dense("output", factors + mlpLayers[mlpLayers.length - 1], 1, Activation.IDENTITY,
                        Initializer.FAN_IN_UNIFORM, random),
                maxBatch);
    }

    /**
     * A worker copy for data-parallel training: shares {@code master}'s parameter values, has gradients
     * and buffers (for up to {@code maxBatch} examples) of its own.
     */
    NeuMfNetwork(NeuMfNetwork master, int maxBatch) {
        this(master.userGmf.shadow(), master.itemGmf.shadow(), master.userMlp.shadow(), master.itemMlp.shadow(),
                master.tower.shadow(), master.output.shadow(), maxBatch);
    }

    private NeuMfNetwork(Embedding userGmf, Embedding itemGmf, Embedding userMlp, Embedding itemMlp, Mlp tower,
                         Dense output, int maxBatch) {
        this.factors = userGmf.width();
        this.mlpEmbedding = userMlp.width();
        this.mlpOut = tower.outputs();
        this.fusedWidth = factors + mlpOut;
        this.maxBatch = maxBatch;
        this.userGmf = userGmf;
        this.itemGmf = itemGmf;
        this.userMlp = userMlp;
        this.itemMlp = itemMlp;
        this.tower = tower;
        this.output = output;
        this.users = new int[maxBatch];
        this.items = new int[maxBatch];
        this.labels = new double[maxBatch];
        this.logits = new double[maxBatch];
        List<Dense> dense = tower.layers();
        layers = dense.size();
        widths = new int[layers + 1];
        widths[0] = tower.inputs();
        weights = new double[layers][];
        biases = new double[layers][];
        weightGradients = new double[layers][];
        biasGradients = new double[layers][];
        activation = new double[layers][];
        delta = new double[layers][];
        for (int l = 0; l < layers; l++) {
            widths[l + 1] = dense.get(l).outputs();
            weights[l] = dense.get(l).weights().value();
            biases[l] = dense.get(l).bias().value();
            weightGradients[l] = dense.get(l).weights().gradient();
            biasGradients[l] = dense.get(l).bias().gradient();
            activation[l] = new double[widths[l + 1]];
            delta[l] = new double[widths[l + 1]];
        }
        rowStride = 2 * factors + 2 * mlpEmbedding;
        rowGradients = new double[maxBatch * rowStride];
    }

    /** All parameters: the four embedding tables (sparse), then the tower and output layers. */
    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        all.add(userGmf.table());
        all.add(itemGmf.table());
        all.add(userMlp.table());
        all.add(itemMlp.table());
        all.addAll(tower.parameters());
        all.addAll(output.parameters());
        return all;
    }

    /** Logits of the first {@code batch} (user, item) pairs; the returned buffer is reused. */
    double[] forward(int[] users, int[] items, int batch) {
        for (int e = 0; e < batch; e++) {
            logits[e] = forward(users[e], items[e]);
        }
        return logits;
    }

    /**
     * Forward and backward pass of the binary cross-entropy of the first {@code batch} examples in
     * {@link #users}, {@link #items}, {@link #labels}: adds {@code scale} x the gradient of their summed
     * loss to the parameters' gradients (the trainer passes 1 / mini-batch size, so shards of one
     * mini-batch add up to the mean) and returns the summed, unscaled loss. The parameter values do not
     * change during the call, so running each example's backward pass right after its forward pass gives
     * the mini-batch gradient while the example's activations are still in the L1 cache.
     */
    double accumulateGradients(int batch, double scale) {
        double loss = backpropagate(batch, scale);
        for (int table = 0; table < 4; table++) {
            addRowGradients(table, table(table).table(), batch);
        }
        return loss;
    }

    /**
     * As {@link #accumulateGradients}, but the embedding rows' gradients are only recorded per example;
     * {@link #addRowGradients} adds them to a table's gradient.
     */
    double backpropagate(int batch, double scale) {
        double loss = 0;
        for (int e = 0; e < batch; e++) {
            double z = forward(users[e], items[e]);
            loss += BinaryCrossEntropy.loss(z, labels[e]);
            backward(e, users[e], items[e], BinaryCrossEntropy.gradient(z, labels[e]) * scale);
        }
        return loss;
    }

    /** Embedding table 0..3 in {@link #parameters()} order: user GMF, item GMF, user MLP, item MLP. */
    Embedding table(int table) {
        return switch (table) {
            case 0 -> userGmf;
            case 1 -> itemGmf;
            case 2 -> userMlp;
            default -> itemMlp;
        };
    }

    /**
     * Adds the recorded gradients of embedding table {@code table} (0..3, see {@link #table}) for the
     * first {@code batch} examples, in example order, to {@code target}'s gradient.
     */
    void addRowGradients(int table, Parameter target, int batch) {
        int offset = table == 0 ? 0 : table == 1 ? factors : table == 2 ? 2 * factors : 2 * factors + mlpEmbedding;
        int[] rows = table == 0 || table == 2 ? users : items;
        for (int e = 0; e < batch; e++) {
            target.addToRow(rows[e], rowGradients, e * rowStride + offset);
        }
    }

    /** The logit of one pair; leaves the tower's activations in {@link #activation}. */
    private double forward(int u, int i) {
        final int e = mlpEmbedding;
        // layer 0 over [p_u^M ; q_i^M], read in place from the tables
        double[] h = activation[0];
        double[] w = weights[0];
        double[] b = biases[0];
        double[] um = userMlp.table().value();
        double[] im = itemMlp.table().value();
        int in = 2 * e;
        int out = widths[1];
        for (int o = 0; o < out; o++) {
            double s = b[o] + Dense.dot(w, o * in, um, u * e, e) + Dense.dot(w, o * in + e, im, i * e, e);
            h[o] = s > 0.0 ? s : 0.0;
        }
        for (int l = 1; l < layers; l++) {
            double[] x = h;
            h = activation[l];
            w = weights[l];
            b = biases[l];
            in = out;
            out = widths[l + 1];
            for (int o = 0; o < out; o++) {
                double s = b[o] + Dense.dot(w, o * in, x, 0, in);
                h[o] = s > 0.0 ? s : 0.0;
            }
        }
        final int f = factors;
        double[] wo = output.weights().value();
        double[] pu = userGmf.table().value();
        double[] qi = itemGmf.table().value();
        int gu = u * f;
        int gi = i * f;
        double z = output.bias().value()[0];
        for (int k = 0; k < f; k++) {
            z += wo[k] * pu[gu + k] * qi[gi + k];
        }
        for (int k = 0; k < out; k++) {
            z += wo[f + k] * h[k];
        }
        return z;
    }

    /** Back-propagates dL/dlogit = {@code g} of the pair whose forward pass ran last. */
    private void backward(int ex, int u, int i, double g) {
        final double[] rg = rowGradients;
        final int base = ex * rowStride;
        final int f = factors;
        final int e = mlpEmbedding;
        // output layer over [p_u^G (.) q_i^G ; h_L]
        double[] wo = output.weights().value();
        double[] gwo = output.weights().gradient();
        output.bias().gradient()[0] += g;
        double[] pu = userGmf.table().value();
        double[] qi = itemGmf.table().value();
        int gu = u * f;
        int gi = i * f;
        for (int k = 0; k < f; k++) {
            double p = pu[gu + k];
            double q = qi[gi + k];
            gwo[k] += g * p * q;
            rg[base + k] = g * wo[k] * q;
            rg[base + f + k] = g * wo[k] * p;
        }
        int last = layers - 1;
        double[] h = activation[last];
        double[] d = delta[last];
        for (int k = 0, out = widths[layers]; k < out; k++) {
            gwo[f + k] += g * h[k];
            d[k] = h[k] > 0.0 ? g * wo[f + k] : 0.0;
        }
        // hidden layers, top down: dW += d x^T, db += d, dx = W^T d masked by ReLU'
        for (int l = last; l >= 1; l--) {
            double[] w = weights[l];
            double[] gw = weightGradients[l];
            double[] gb = biasGradients[l];
            double[] x = activation[l - 1];
            double[] dx = delta[l - 1];
            int in = widths[l];
            java.util.Arrays.fill(dx, 0, in, 0.0);
            d = delta[l];
            for (int o = 0, out = widths[l + 1]; o < out; o++) {
                double go = d[o];
                if (go != 0.0) {
                    gb[o] += go;
                    axpy(go, x, 0, gw, o * in, in);
                    axpy(go, w, o * in, dx, 0, in);
                }
            }
            for (int k = 0; k < in; k++) {
                if (x[k] <= 0.0) {
                    dx[k] = 0.0;
                }
            }
        }
        // layer 0: its input is [p_u^M ; q_i^M]
        double[] w = weights[0];
        double[] gw = weightGradients[0];
        double[] gb = biasGradients[0];
        double[] um = userMlp.table().value();
        double[] im = itemMlp.table().value();
        int in = 2 * e;
        final int du = base + 2 * f;
        final int di = du + e;
        java.util.Arrays.fill(rg, du, di + e, 0.0);
        d = delta[0];
        final int ub = u * e;
        final int ib = i * e;
        for (int o = 0, out = widths[1]; o < out; o++) {
            double go = d[o];
            if (go != 0.0) {
                gb[o] += go;
                int row = o * in;
                int rowItem = row + e;
                for (int k = 0; k < e; k++) { // one unit-stride pass: dW (both halves) and dx (both halves)
                    gw[row + k] += go * um[ub + k];
                    gw[rowItem + k] += go * im[ib + k];
                    rg[du + k] += go * w[row + k];
                    rg[di + k] += go * w[rowItem + k];
                }
            }
        }
    }

    /** y[yFrom..yFrom + n) += a x[xFrom..xFrom + n). */
    private static void axpy(double a, double[] x, int xFrom, double[] y, int yFrom, int n) {
        for (int k = 0; k < n; k++) {
            y[yFrom + k] += a * x[xFrom + k];
        }
    }

    int maxBatch() {
        return maxBatch;
    }

    /** The first tower layer's weights on the user half of its input: {@code h1 x mlpEmbedding}, row-major. */
    double[] firstLayerUserWeights() {
        Dense first = tower.layers().get(0);
        int h1 = first.outputs();
        int in = first.inputs();
        double[] w1 = first.weights().value();
        double[] firstUser = new double[h1 * mlpEmbedding];
        for (int o = 0; o < h1; o++) {
            System.arraycopy(w1, o * in, firstUser, o * mlpEmbedding, mlpEmbedding);
        }
        return firstUser;
    }

    /**
     * The first tower layer's pre-activation from the item half of its input, bias included, for each of
     * the first {@code items} items: {@code W1 [.. ; q_i^M] + b1}, {@code items x h1}, row-major.
     */
    double[] firstLayerItemActivations(int items) {
        Dense first = tower.layers().get(0);
        int h1 = first.outputs();
        int in = first.inputs();
        int embedding = mlpEmbedding;
        double[] w1 = first.weights().value();
        double[] b1 = first.bias().value();
        double[] itemMlp = this.itemMlp.table().value();
        double[] firstItem = new double[items * h1];
        for (int i = 0; i < items; i++) {
            for (int o = 0; o < h1; o++) {
                double s = b1[o];
                for (int k = 0; k < embedding; k++) {
                    s += w1[o * in + embedding + k] * itemMlp[i * embedding + k];
                }
                firstItem[i * h1 + o] = s;
            }
        }
        return firstItem;
    }
}
