package io.jrec.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NnKitTest {

    @Test
    void crossEntropyHandComputedAndStableAtExtremes() {
        // z = 0: p = 1/2, L = log 2 for either label
        assertEquals(Math.log(2), BinaryCrossEntropy.loss(0, 1), 1e-15);
        assertEquals(Math.log(2), BinaryCrossEntropy.loss(0, 0), 1e-15);
        // z = 2, y = 1: L = -log(sigmoid(2)) = log(1 + e^-2) = 0.126928...
        assertEquals(Math.log1p(Math.exp(-2)), BinaryCrossEntropy.loss(2, 1), 1e-15);
        assertEquals(0.12692801104297263, BinaryCrossEntropy.loss(2, 1), 1e-15);
        // confidently wrong: L = |z| exactly, where log(sigmoid(z)) would give -infinity
        assertEquals(1000.0, BinaryCrossEntropy.loss(-1000, 1), 1e-12);
        assertEquals(1000.0, BinaryCrossEntropy.loss(1000, 0), 1e-12);
        assertEquals(0.0, BinaryCrossEntropy.loss(1000, 1), 1e-300);
        assertEquals(-1000.0, BinaryCrossEntropy.logSigmoid(-1000), 1e-12);
        assertEquals(1.0, BinaryCrossEntropy.sigmoid(800), 0);
        assertEquals(0.0, BinaryCrossEntropy.sigmoid(-800), 1e-300);
        assertEquals(BinaryCrossEntropy.sigmoid(1.5) - 1, BinaryCrossEntropy.gradient(1.5, 1), 1e-15);
    }

    @Test
    void sgdStepIsHandComputed() {
        Parameter w = Parameter.dense("w", 2, true);
        Parameter b = Parameter.dense("b", 1, false);
        w.value()[0] = 1.0;
        w.value()[1] = -2.0;
        b.value()[0] = 0.5;
        w.gradient()[0] = 0.3;
        w.gradient()[1] = 0.1;
        b.gradient()[0] = -1.0;
        Optimizer.sgd(List.of(w, b), 0.1, 0.5).step();
        // w0 = 1 - 0.1 (0.3 + 0.5 * 1) = 0.92; w1 = -2 - 0.1 (0.1 + 0.5 * -2) = -1.91; b: no decay, 0.5 + 0.1 = 0.6
        assertArrayEquals(new double[] {0.92, -1.91}, w.value(), 1e-15);
        assertEquals(0.6, b.value()[0], 1e-15);
        assertArrayEquals(new double[] {0, 0}, w.gradient(), "gradients cleared");
    }

    @Test
    void adamFirstStepsAreHandComputed() {
        Parameter w = Parameter.dense("w", 2, false);
        Optimizer adam = Optimizer.adam(List.of(w), 0.01, 0);
        w.gradient()[0] = 4.0;
        w.gradient()[1] = -0.001;
        adam.step();
        // step 1: m_hat = g, v_hat = g^2, so each weight moves by lr * g / (|g| + eps) ~ lr * sign(g)
        assertEquals(-0.01 * 4 / (4 + 1e-8), w.value()[0], 1e-15);
        assertEquals(0.01 * 0.001 / (0.001 + 1e-8), w.value()[1], 1e-15);
        // step 2 with g = 0: m = 0.09 * 4... m_hat = 0.9 * 0.4 / 0.19, v_hat = 0.999 * 0.016 / 0.001999
        double before = w.value()[0];
        adam.step();
        double m = 0.9 * 0.4;
        double v = 0.999 * 0.001 * 16;
        double expected = before - 0.01 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(expected, w.value()[0], 1e-12);
    }

    @Test
    void sparseRowsOnlyTouchedRowsMove() {
        Parameter table = Parameter.sparseRows("t", 3, 2, true);
        java.util.Arrays.fill(table.value(), 1.0);
        table.addToRow(1, new double[] {0, 0, 2, 4}, 2);
        Optimizer.sgd(List.of(table), 0.1, 1.0).step();
        // row 1: 1 - 0.1 (2 + 1) = 0.7 and 1 - 0.1 (4 + 1) = 0.5; rows 0 and 2 get no decay either
        assertArrayEquals(new double[] {1, 1, 0.7, 0.5, 1, 1}, table.value(), 1e-15);
        assertArrayEquals(new double[6], table.gradient());
    }

    @Test
    void lazyAdamLeavesUntouchedRowsDenseAdamKeepsMovingThem() {
        Parameter lazyTable = Parameter.sparseRows("t", 2, 1, true);
        Parameter denseTable = Parameter.sparseRows("t", 2, 1, true);
        Optimizer lazy = Optimizer.adam(List.of(lazyTable), 0.01, 0);
        Optimizer dense = Optimizer.denseAdam(List.of(denseTable), 0.01, 0);
        lazyTable.addToRow(0, new double[] {2}, 0);
        denseTable.addToRow(0, new double[] {2}, 0);
        lazy.step();
        dense.step();
        // step 1 is the same: each row 0 moves by lr * g / (|g| + eps); row 1 (gradient 0) stays at 0
        assertEquals(-0.01 * 2 / (2 + 1e-8), lazyTable.value()[0], 1e-15);
        assertEquals(lazyTable.value()[0], denseTable.value()[0], 0.0);
        // step 2 touches only row 1, with gradient 0: lazy Adam leaves row 0; dense Adam moves it by the
        // momentum, lr * (0.9 * 0.2 / 0.19) / (sqrt(0.999 * 0.001 * 4 / 0.001999) + 1e-8)
        lazyTable.addToRow(1, new double[] {0}, 0);
        denseTable.addToRow(1, new double[] {0}, 0);
        double before = denseTable.value()[0];
        lazy.step();
        dense.step();
        assertEquals(before, lazyTable.value()[0], 0.0);
        double m = 0.9 * 0.2 / (1 - 0.81);
        double v = 0.999 * 0.001 * 4 / (1 - 0.999 * 0.999);
        assertEquals(before - 0.01 * m / (Math.sqrt(v) + 1e-8), denseTable.value()[0], 1e-12);
        assertEquals(0.0, denseTable.value()[1], 0.0);
    }

    @Test
    void fanInUniformDrawsWeightsAndBiasesLikePyTorchLinear() {
        // U(-a, a), a = 1 / sqrt(fanIn) = 1 / sqrt(64) = 0.125, for the weights and the biases alike
        Dense layer = new Dense("d", 64, 200, Activation.RELU, Initializer.FAN_IN_UNIFORM, new SplittableRandom(4));
        for (double[] v : new double[][] {layer.weights().value(), layer.bias().value()}) {
            double max = 0;
            for (double x : v) {
                max = Math.max(max, Math.abs(x));
            }
            assertTrue(max <= 0.125 && max > 0.12, "max " + max);
        }
        // the other schemes start biases at 0
        Dense he = new Dense("d", 64, 200, Activation.RELU, new SplittableRandom(4));
        assertArrayEquals(new double[200], he.bias().value());
    }

    @Test
    void mlpLearnsXor() {
        double[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        double[] y = {0, 1, 1, 0};
        Mlp net = new Mlp("xor", new int[] {2, 8, 1}, Activation.TANH, Activation.IDENTITY, new SplittableRandom(1));
        Mlp.Workspace ws = net.workspace(4);
        Optimizer adam = Optimizer.adam(net.parameters(), 0.05, 0);
        double[] dz = new double[4];
        double loss = Double.NaN;
        for (int step = 0; step < 1000; step++) {
            double[] z = net.forward(ws, x, 4);
            loss = 0;
            for (int e = 0; e < 4; e++) {
                loss += BinaryCrossEntropy.loss(z[e], y[e]) / 4;
                dz[e] = BinaryCrossEntropy.gradient(z[e], y[e]) / 4;
            }
            net.backward(ws, x, dz, null, 4);
            adam.step();
        }
        double[] z = net.forward(ws, x, 4);
        for (int e = 0; e < 4; e++) {
            double p = BinaryCrossEntropy.sigmoid(z[e]);
            assertTrue(Math.abs(p - y[e]) < 0.1, "example " + e + ": p = " + p);
        }
        assertTrue(loss < 0.05, "loss " + loss);
    }

    @Test
    void sameSeedSameNetwork() {
        Mlp a = new Mlp("m", new int[] {4, 3, 2}, Activation.RELU, Activation.SIGMOID, new SplittableRandom(5));
        Mlp b = new Mlp("m", new int[] {4, 3, 2}, Activation.RELU, Activation.SIGMOID, new SplittableRandom(5));
        Mlp c = new Mlp("m", new int[] {4, 3, 2}, Activation.RELU, Activation.SIGMOID, new SplittableRandom(6));
        assertArrayEquals(a.parameters().get(0).value(), b.parameters().get(0).value());
        assertTrue(a.parameters().get(0).value()[0] != c.parameters().get(0).value()[0]);
    }

    @Test
    void initialisationHasTheDocumentedScale() {
        // He: N(0, 2/fanIn); with fanIn 50 the std is 0.2. Xavier: U(-a, a), a = sqrt(6 / (50 + 100)) = 0.2
        SplittableRandom r = new SplittableRandom(9);
        double[] w = new double[20000];
        Initializer.HE.fill(w, 0, w.length, 50, 100, r);
        double ss = 0;
        for (double v : w) {
            ss += v * v;
        }
        assertEquals(0.2, Math.sqrt(ss / w.length), 0.005);
        Initializer.XAVIER.fill(w, 0, w.length, 50, 100, r);
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= 0.2 && max > 0.199, "max " + max);
    }

    @Test
    void badInputMessages() {
        assertEquals("learningRate must be a finite number > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(List.of(), 0, 0)).getMessage());
        assertEquals("l2 must be a finite number >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(List.of(), 0.1, -1)).getMessage());
        assertEquals("d: inputs and outputs must be > 0, got 0 -> 3",
                assertThrows(IllegalArgumentException.class,
                        () -> new Dense("d", 0, 3, Activation.RELU, new SplittableRandom(1))).getMessage());
        assertEquals("m: an MLP needs at least an input and an output size, got 1 size(s)",
                assertThrows(IllegalArgumentException.class,
                        () -> new Mlp("m", new int[] {3}, Activation.RELU, Activation.IDENTITY, new SplittableRandom(1)))
                        .getMessage());
        Mlp net = new Mlp("m", new int[] {2, 1}, Activation.RELU, Activation.IDENTITY, new SplittableRandom(1));
        assertEquals("batch must be in [0, 2], got 3",
                assertThrows(IllegalArgumentException.class,
                        () -> net.forward(net.workspace(2), new double[6], 3)).getMessage());
    }
}
