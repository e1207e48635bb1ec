package io.jrec.models.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected layer y = f(W x + b) applied to a mini-batch, with W of shape outputs x inputs
 * (row-major) and f an {@link Activation}. Inputs and outputs are row-major batches in primitive
 * {@code double[]} arrays: example {@code e} occupies {@code x[e * inputs .. (e + 1) * inputs)}.
 *
 * <p>Weights are initialised by {@link Initializer#forActivation} (He for ReLU, Xavier otherwise) and
 * biases at 0, unless another {@link Initializer} is given. Forward is pure; backward accumulates into the parameters' gradients, so the layer is not
 * thread-safe during training.
 *
 * @since 0.1.0
 */
public final class Dense {
    private final int inputs;
    private final int outputs;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;

    /**
     * @throws IllegalArgumentException if {@code inputs} or {@code outputs} is not positive
     */
    public Dense(String name, int inputs, int outputs, Activation activation, SplittableRandom random) {
        this(name, inputs, outputs, activation, Initializer.forActivation(activation), random);
    }

    /**
     * A layer whose weights, then biases, are drawn by {@code init}.
     *
     * @throws IllegalArgumentException if {@code inputs} or {@code outputs} is not positive
     */
    public Dense(String name, int inputs, int outputs, Activation activation, Initializer init,
                 SplittableRandom random) {
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException(name + ": inputs and outputs must be > 0, got " + inputs + " -> " + outputs);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.activation = activation;
        this.weights = Parameter.dense(name + ".weights", outputs * inputs, true);
        this.bias = Parameter.dense(name + ".bias", outputs, false);
        init.fill(weights.value(), 0, outputs * inputs, inputs, outputs, random);
        init.fillBias(bias.value(), inputs, random);
    }

    private Dense(Dense original) {
        this.inputs = original.inputs;
        this.outputs = original.outputs;
        this.activation = original.activation;
        this.weights = original.weights.shadow();
        this.bias = original.bias.shadow();
    }

    /** A layer sharing this one's weights with gradients of its own (see {@link Parameter#shadow()}). */
    public Dense shadow() {
        return new Dense(this);
    }

    /** Number of inputs per example. */
    public int inputs() {
        return inputs;
    }

    /** Number of outputs per example. */
    public int outputs() {
        return outputs;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** W (outputs x inputs, row-major). */
    public Parameter weights() {
        return weights;
    }

    /** b (outputs). */
    public Parameter bias() {
        return bias;
    }

    /** Both trainable parameters. */
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    /** y = f(W x + b) for the first {@code batch} examples of {@code x}, written into {@code y}. */
    public void forward(double[] x, double[] y, int batch) {
        final double[] w = weights.value();
        final double[] b = bias.value();
        final int in = inputs;
        final int out = outputs;
        final Activation f = activation;
        for (int e = 0; e < batch; e++) {
            int xBase = e * in;
            int yBase = e * out;
            for (int o = 0; o < out; o++) {
                y[yBase + o] = f.apply(b[o] + dot(w, o * in, x, xBase, in));
            }
        }
    }

    /**
     * sum_k a[aFrom + k] * b[bFrom + k] for k &lt; n, with four independent partial sums: the JIT cannot
     * reorder a floating-point reduction by itself, and one serial chain of adds is latency-bound.
     * Public for fused kernels over a layer's row-major weights; no bounds beyond the arrays' are checked.
     */
    public static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[aFrom + k] * b[bFrom + k];
            s1 += a[aFrom + k + 1] * b[bFrom + k + 1];
            s2 += a[aFrom + k + 2] * b[bFrom + k + 2];
            s3 += a[aFrom + k + 3] * b[bFrom + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[aFrom + k] * b[bFrom + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Back-propagates dL/dy: adds dL/dW and dL/db to the parameters' gradients and, when {@code dx} is
     * not null, writes dL/dx into it (overwriting). {@code x} and {@code y} must be the forward pass's
     * input and output. {@code dy} is overwritten with dL/d(Wx + b).
     */
    public void backward(double[] x, double[] y, double[] dy, double[] dx, int batch) {
        final double[] w = weights.value();
        final double[] gw = weights.gradient();
        final double[] gb = bias.gradient();
        final int in = inputs;
        final int out = outputs;
        final Activation f = activation;
        if (dx != null) {
            java.util.Arrays.fill(dx, 0, batch * in, 0.0);
        }
        for (int e = 0; e < batch; e++) {
            int xBase = e * in;
            int yBase = e * out;
            for (int o = 0; o < out; o++) {
                double g = dy[yBase + o] * f.derivativeFromOutput(y[yBase + o]);
                dy[yBase + o] = g;
                if (g == 0.0) {
                    continue; // inactive ReLU unit: nothing flows
                }
                gb[o] += g;
                int wBase = o * in;
                if (dx == null) {
                    for (int k = 0; k < in; k++) {
                        gw[wBase + k] += g * x[xBase + k];
                    }
                } else {
                    for (int k = 0; k < in; k++) { // one pass over the row: dL/dW and dL/dx together
                        gw[wBase + k] += g * x[xBase + k];
                        dx[xBase + k] += w[wBase + k] * g;
                    }
                }
            }
        }
    }
}
