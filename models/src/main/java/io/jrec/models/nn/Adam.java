package io.jrec.models.nn;

import java.util.List;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015):
 * <pre>
 *   g = grad + l2 w;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 *   w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * with t the number of steps taken. Lazy: sparse parameters update only touched rows (their moments
 * decay only when touched, as in TensorFlow's LazyAdam / PyTorch's SparseAdam). Dense: every entry of
 * every parameter is updated at every step with gradient 0 where untouched, so the momentum keeps
 * moving rows the batch did not use (PyTorch's {@code torch.optim.Adam} on a non-sparse
 * {@code nn.Embedding}). See {@link Optimizer#adam} and {@link Optimizer#denseAdam}.
 */
final class Adam implements Optimizer {
    private final List<Parameter> parameters;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double l2;
    private final double[][] first;
    private final double[][] second;
    private long steps;
    private double stepSize;
    private double scaledEpsilon;
    private final boolean lazy;

    Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon, double l2,
         boolean lazy) {
        Optimizer.validate(learningRate, l2);
        this.lazy = lazy;
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.l2 = l2;
        this.first = new double[this.parameters.size()][];
        this.second = new double[this.parameters.size()][];
        for (int p = 0; p < first.length; p++) {
            first[p] = new double[this.parameters.get(p).value().length];
            second[p] = new double[first[p].length];
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void advance() {
        steps++;
        double correction1 = 1.0 - Math.pow(beta1, steps);
        double correction2 = 1.0 - Math.pow(beta2, steps);
        stepSize = learningRate * Math.sqrt(correction2) / correction1;
        scaledEpsilon = epsilon * Math.sqrt(correction2);
    }

    @Override
    public void update(int index) {
        Parameter p = parameters.get(index);
        double decay = p.decayed() ? l2 : 0.0;
        if (p.sparse() && lazy) {
            int width = p.rowWidth();
            for (int k = 0, n = p.touchedCount(); k < n; k++) {
                int from = p.touchedRow(k) * width;
                update(p, first[index], second[index], from, from + width, decay, stepSize, scaledEpsilon);
            }
        } else {
            update(p, first[index], second[index], 0, first[index].length, decay, stepSize, scaledEpsilon);
        }
        p.zeroGradient();
    }

    // The epsilon is added to sqrt(v_hat); folding the corrections into stepSize is the paper's
    // "more efficient" ordering, with eps scaled accordingly.
    private void update(Parameter p, double[] m, double[] v, int from, int to, double decay, double stepSize,
                        double eps) {
        final double[] w = p.value();
        final double[] g = p.gradient();
        final double b1 = beta1;
        final double b2 = beta2;
        for (int j = from; j < to; j++) {
            double grad = g[j] + decay * w[j];
            m[j] = b1 * m[j] + (1.0 - b1) * grad;
            v[j] = b2 * v[j] + (1.0 - b2) * grad * grad;
            w[j] -= stepSize * m[j] / (Math.sqrt(v[j]) + eps);
        }
    }
}
