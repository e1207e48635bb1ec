package io.jrec.models.nn;

import java.util.List;

/** Mini-batch SGD with L2: w -= lr * (g + l2 w). See {@link Optimizer#sgd}. */
final class Sgd implements Optimizer {
    private final List<Parameter> parameters;
    private final double learningRate;
    private final double l2;

    Sgd(List<Parameter> parameters, double learningRate, double l2) {
        Optimizer.validate(learningRate, l2);
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        this.l2 = l2;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void advance() {
        // plain SGD keeps no step count
    }

    @Override
    public void update(int index) {
        Parameter p = parameters.get(index);
        double decay = p.decayed() ? l2 : 0.0;
        if (p.sparse()) {
            int width = p.rowWidth();
            for (int k = 0, n = p.touchedCount(); k < n; k++) {
                int from = p.touchedRow(k) * width;
                update(p.value(), p.gradient(), from, from + width, decay);
            }
        } else {
            update(p.value(), p.gradient(), 0, p.value().length, decay);
        }
        p.zeroGradient();
    }

    private void update(double[] w, double[] g, int from, int to, double decay) {
        final double lr = learningRate;
        for (int j = from; j < to; j++) {
            w[j] -= lr * (g[j] + decay * w[j]);
        }
    }
}
