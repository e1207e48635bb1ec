package io.jrec.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks in double precision: central differences with h = 1e-6, relative
 * error |analytic - numeric| / max(|analytic|, |numeric|) below 1e-4 for every entry whose gradient is
 * not negligibly small (below 1e-9 in both, where the relative error is meaningless, the absolute error
 * must be below 1e-9).
 */
public class GradientCheckTest {
    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-4;

    /** Checks analytic[j] against (L(v[j] + h) - L(v[j] - h)) / 2h for every j. */
    public static void check(String what, double[] v, double[] analytic, DoubleSupplier loss) {
        for (int j = 0; j < v.length; j++) {
            double saved = v[j];
            v[j] = saved + H;
            double plus = loss.getAsDouble();
            v[j] = saved - H;
            double minus = loss.getAsDouble();
            v[j] = saved;
            double numeric = (plus - minus) / (2 * H);
            double a = analytic[j];
            double scale = Math.max(Math.abs(a), Math.abs(numeric));
            if (scale < 1e-9) {
                assertTrue(Math.abs(a - numeric) < 1e-9, what + "[" + j + "]: " + a + " vs " + numeric);
            } else {
                double rel = Math.abs(a - numeric) / scale;
                assertTrue(rel < TOLERANCE, what + "[" + j + "]: analytic " + a + ", numeric " + numeric + ", rel " + rel);
            }
        }
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = 2 * r.nextDouble() - 1;
        }
        return x;
    }

    /** L = sum c .* f(W x + b) for a batch of 3, 4 inputs, 5 outputs: dL/dy = c. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseLayerEveryActivation(Activation activation) {
        SplittableRandom r = new SplittableRandom(7);
        int batch = 3;
        Dense layer = new Dense("d", 4, 5, activation, r);
        double[] x = random(r, batch * 4);
        double[] c = random(r, batch * 5);
        double[] y = new double[batch * 5];
        DoubleSupplier loss = () -> {
            layer.forward(x, y, batch);
            double s = 0;
            for (int j = 0; j < y.length; j++) {
                s += c[j] * y[j];
            }
            return s;
        };
        loss.getAsDouble();
        double[] dy = c.clone();
        double[] dx = new double[x.length];
        layer.backward(x, y, dy, dx, batch);
        double[] gw = layer.weights().gradient().clone();
        double[] gb = layer.bias().gradient().clone();
        check(activation + " W", layer.weights().value(), gw, loss);
        check(activation + " b", layer.bias().value(), gb, loss);
        check(activation + " x", x, dx, loss);
    }

    @Test
    void binaryCrossEntropyFromLogits() {
        double[] labels = {0.0, 1.0, 0.3};
        double[] logits = {-30, -4.2, -0.7, 0.0, 0.9, 3.3, 25};
        for (double y : labels) {
            double[] z = logits.clone();
            double[] analytic = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                analytic[j] = BinaryCrossEntropy.gradient(z[j], y);
            }
            check("bce(y=" + y + ")", z, analytic, () -> {
                double s = 0;
                for (double v : z) {
                    s += BinaryCrossEntropy.loss(v, y);
                }
                return s;
            });
        }
    }

    /** Rows used twice in a batch get both contributions; untouched rows get none. */
    @Test
    void embeddingWithRepeatedRows() {
        SplittableRandom r = new SplittableRandom(3);
        Embedding table = new Embedding("e", 5, 3, 0.5, r);
        int[] ids = {2, 0, 2, 4};
        int stride = 7; // the rows go into columns 2..4 of a 7-wide buffer
        double[] out = new double[ids.length * stride];
        double[] c = random(r, out.length);
        DoubleSupplier loss = () -> {
            table.forward(ids, ids.length, out, stride, 2);
            double s = 0;
            for (int e = 0; e < ids.length; e++) {
                for (int k = 2; k < 5; k++) {
                    s += c[e * stride + k] * out[e * stride + k];
                }
            }
            return s;
        };
        loss.getAsDouble();
        table.backward(ids, ids.length, c, stride, 2);
        check("embedding", table.table().value(), table.table().gradient().clone(), loss);
        for (int k = 0; k < 3; k++) {
            assertEquals(0.0, table.table().gradient()[3 + k], "row 1 untouched");
            assertEquals(0.0, table.table().gradient()[9 + k], "row 3 untouched");
        }
    }

    /** End to end: mean BCE of a 3-layer MLP with every hidden activation, through every parameter and the input. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpWithBinaryCrossEntropy(Activation hidden) {
        SplittableRandom r = new SplittableRandom(11);
        int batch = 4;
        Mlp net = new Mlp("m", new int[] {3, 6, 4, 1}, hidden, Activation.IDENTITY, r);
        Mlp.Workspace ws = net.workspace(batch);
        double[] x = random(r, batch * 3);
        double[] labels = {1, 0, 0, 1};
        DoubleSupplier loss = () -> {
            double[] z = net.forward(ws, x, batch);
            double s = 0;
            for (int e = 0; e < batch; e++) {
                s += BinaryCrossEntropy.loss(z[e], labels[e]);
            }
            return s / batch;
        };
        loss.getAsDouble();
        double[] z = net.forward(ws, x, batch);
        double[] dz = new double[batch];
        for (int e = 0; e < batch; e++) {
            dz[e] = BinaryCrossEntropy.gradient(z[e], labels[e]) / batch;
        }
        double[] dx = new double[x.length];
        net.backward(ws, x, dz, dx, batch);
        List<Parameter> params = net.parameters();
        double[][] grads = new double[params.size()][];
        for (int p = 0; p < grads.length; p++) {
            grads[p] = params.get(p).gradient().clone();
        }
        for (int p = 0; p < grads.length; p++) {
            check(hidden + " " + params.get(p).name(), params.get(p).value(), grads[p], loss);
        }
        check(hidden + " input", x, dx, loss);
    }
}
