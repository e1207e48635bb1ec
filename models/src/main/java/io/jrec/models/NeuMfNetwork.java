package io.jrec.models;

import io.jrec.models.nn.Activation;
import io.jrec.models.nn.BinaryCrossEntropy;
import io.jrec.models.nn.Dense;
import io.jrec.models.nn.Embedding;
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
    private final Mlp.Workspace workspace;
    private final double[] gmfUser;
    private final double[] gmfItem;
    private final double[] mlpInput;
    private final double[] fused;
    private final double[] logits;
    private final double[] dLogits;
    private final double[] dFused;
    private final double[] dGmfUser;
    private final double[] dGmfItem;
    private final double[] dTower;
    private final double[] dMlpInput;

    /** Embeddings N(0, 0.01^2) as in the paper's code; dense layers He (ReLU) / Xavier (output). */
    NeuMfNetwork(int users, int items, int factors, int[] mlpLayers, int maxBatch, SplittableRandom random) {
        this(new Embedding("userGmf", users, factors, 0.01, random),
                new Embedding("itemGmf", items, factors, 0.01, random),
                new Embedding("userMlp", users, mlpLayers[0] / 2, 0.01, random),
                new Embedding("itemMlp", items, mlpLayers[0] / 2, 0.01, random),
                new Mlp("mlp", mlpLayers, Activation.RELU, Activation.RELU, random),
                new Dense("output", factors + mlpLayers[mlpLayers.length - 1], 1, Activation.IDENTITY, random),
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
        workspace = tower.workspace(maxBatch);
        gmfUser = new double[maxBatch * factors];
        gmfItem = new double[maxBatch * factors];
        mlpInput = new double[maxBatch * 2 * mlpEmbedding];
        fused = new double[maxBatch * fusedWidth];
        logits = new double[maxBatch];
        dLogits = new double[maxBatch];
        dFused = new double[maxBatch * fusedWidth];
        dGmfUser = new double[maxBatch * factors];
        dGmfItem = new double[maxBatch * factors];
        dTower = new double[maxBatch * mlpOut];
        dMlpInput = new double[maxBatch * 2 * mlpEmbedding];
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
        final int f = factors;
        final int fw = fusedWidth;
        final int in = 2 * mlpEmbedding;
        userGmf.forward(users, batch, gmfUser, f, 0);
        itemGmf.forward(items, batch, gmfItem, f, 0);
        userMlp.forward(users, batch, mlpInput, in, 0);
        itemMlp.forward(items, batch, mlpInput, in, mlpEmbedding);
        double[] towerOut = tower.forward(workspace, mlpInput, batch);
        for (int e = 0; e < batch; e++) {
            int base = e * fw;
            for (int k = 0; k < f; k++) {
                fused[base + k] = gmfUser[e * f + k] * gmfItem[e * f + k];
            }
            System.arraycopy(towerOut, e * mlpOut, fused, base + f, mlpOut);
        }
        output.forward(fused, logits, batch);
        return logits;
    }

    /**
     * Forward and backward pass of the binary cross-entropy of the first {@code batch} examples in
     * {@link #users}, {@link #items}, {@link #labels}: adds {@code scale} x the gradient of their summed
     * loss to the parameters' gradients (the trainer passes 1 / mini-batch size, so shards of one
     * mini-batch add up to the mean) and returns the summed, unscaled loss.
     */
    double accumulateGradients(int batch, double scale) {
        double[] z = forward(users, items, batch);
        double loss = 0;
        for (int e = 0; e < batch; e++) {
            loss += BinaryCrossEntropy.loss(z[e], labels[e]);
            dLogits[e] = BinaryCrossEntropy.gradient(z[e], labels[e]) * scale;
        }
        output.backward(fused, z, dLogits, dFused, batch);
        final int f = factors;
        final int fw = fusedWidth;
        for (int e = 0; e < batch; e++) {
            int base = e * fw;
            for (int k = 0; k < f; k++) {
                double g = dFused[base + k];
                dGmfUser[e * f + k] = g * gmfItem[e * f + k];
                dGmfItem[e * f + k] = g * gmfUser[e * f + k];
            }
            System.arraycopy(dFused, base + f, dTower, e * mlpOut, mlpOut);
        }
        userGmf.backward(users, batch, dGmfUser, f, 0);
        itemGmf.backward(items, batch, dGmfItem, f, 0);
        tower.backward(workspace, mlpInput, dTower, dMlpInput, batch);
        int in = 2 * mlpEmbedding;
        userMlp.backward(users, batch, dMlpInput, in, 0);
        itemMlp.backward(items, batch, dMlpInput, in, mlpEmbedding);
        return loss;
    }

    int maxBatch() {
        return maxBatch;
    }
}
