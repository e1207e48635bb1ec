package io.jrec.models.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multi-layer perceptron: a stack of {@link Dense} layers with sizes {@code sizes[0] -> sizes[1] ->
 * ... -> sizes[L]}, the hidden activation on every layer but the last, which uses the output activation
 * (usually {@link Activation#IDENTITY}, producing logits for {@link BinaryCrossEntropy}).
 *
 * <p>Buffers for a mini-batch live in a {@link Workspace}, one per training or scoring thread; the
 * network itself holds only parameters. Forward passes read parameters only and may run concurrently
 * with separate workspaces; backward passes accumulate gradients and must be single-threaded.
 *
 * @since 0.1.0
 */
public final class Mlp {
    private final Dense[] layers;

    /**
     * @param name   prefix of the parameter names
     * @param sizes  layer widths, input first; at least two entries, all positive
     * @param random the seeded generator the weights are drawn from
     * @throws IllegalArgumentException if fewer than two sizes are given or one is not positive
     */
    public Mlp(String name, int[] sizes, Activation hidden, Activation output, SplittableRandom random) {
        this(name, sizes, hidden, output, null, random);
    }

    /**
     * An MLP whose layers are all initialised by {@code init} (null: by each layer's activation, see
     * {@link Initializer#forActivation}), input side first.
     *
     * @throws IllegalArgumentException if fewer than two sizes are given or one is not positive
     */
    public Mlp(String name, int[] sizes, Activation hidden, Activation output, Initializer init,
               SplittableRandom random) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException(name + ": an MLP needs at least an input and an output size, got "
                    + sizes.length + " size(s)");
        }
        layers = new Dense[sizes.length - 1];
        for (int l = 0; l < layers.length; l++) {
            Activation f = l == layers.length - 1 ? output : hidden;
            Initializer layerInit = init == null ? Initializer.forActivation(f) : init;
            layers[l] = new Dense(name + "." + l, sizes[l], sizes[l + 1], f, layerInit, random);
        }
    }

    private Mlp(Dense[] layers) {
        this.layers = layers;
    }

    /** A network sharing this one's weights with gradients of its own (see {@link Parameter#shadow()}). */
    public Mlp shadow() {
        Dense[] copies = new Dense[layers.length];
        for (int l = 0; l < layers.length; l++) {
            copies[l] = layers[l].shadow();
        }
        return new Mlp(copies);
    }

    /** The layers, input side first. */
    public List<Dense> layers() {
        return Collections.unmodifiableList(java.util.Arrays.asList(layers));
    }

    /** Input width. */
    public int inputs() {
        return layers[0].inputs();
    }

    /** Output width. */
    public int outputs() {
        return layers[layers.length - 1].outputs();
    }

    /** All trainable parameters, input side first. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Dense d : layers) {
            all.addAll(d.parameters());
        }
        return all;
    }

    /** Buffers for batches of up to {@code maxBatch} examples. */
    public Workspace workspace(int maxBatch) {
        return new Workspace(maxBatch);
    }

    /**
     * Runs the first {@code batch} rows of {@code x} (row-major, {@code inputs()} wide) through the
     * network and returns the output buffer (row-major, {@code outputs()} wide), owned by {@code ws} and
     * overwritten by its next forward pass.
     */
    public double[] forward(Workspace ws, double[] x, int batch) {
        ws.requireBatch(batch);
        double[] in = x;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(in, ws.activations[l], batch);
            in = ws.activations[l];
        }
        return in;
    }

    /**
     * Back-propagates dL/d(output) (row-major, read but not modified) after {@link #forward} on the same
     * workspace and input: accumulates every layer's parameter gradients and, if {@code dx} is not null,
     * writes dL/dx into it.
     */
    public void backward(Workspace ws, double[] x, double[] dOut, double[] dx, int batch) {
        ws.requireBatch(batch);
        int last = layers.length - 1;
        System.arraycopy(dOut, 0, ws.gradients[last], 0, batch * layers[last].outputs());
        for (int l = last; l >= 0; l--) {
            double[] in = l == 0 ? x : ws.activations[l - 1];
            double[] dIn = l == 0 ? dx : ws.gradients[l - 1];
            layers[l].backward(in, ws.activations[l], ws.gradients[l], dIn, batch);
        }
    }

    /** Per-thread activation and gradient buffers of an {@link Mlp}. */
    public final class Workspace {
        private final int maxBatch;
        private final double[][] activations;
        private final double[][] gradients;

        private Workspace(int maxBatch) {
            if (maxBatch <= 0) {
                throw new IllegalArgumentException("maxBatch must be > 0, got " + maxBatch);
            }
            this.maxBatch = maxBatch;
            activations = new double[layers.length][];
            gradients = new double[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                activations[l] = new double[maxBatch * layers[l].outputs()];
                gradients[l] = new double[maxBatch * layers[l].outputs()];
            }
        }

        private void requireBatch(int batch) {
            if (batch < 0 || batch > maxBatch) {
                throw new IllegalArgumentException("batch must be in [0, " + maxBatch + "], got " + batch);
            }
        }
    }
}
