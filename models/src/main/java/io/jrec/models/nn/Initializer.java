package io.jrec.models.nn;

import java.util.SplittableRandom;

/**
 * Seeded weight initialisation schemes. All draw from the caller's {@link SplittableRandom}, so a
 * network built with the same seed is the same network.
 *
 * @since 0.1.0
 */
public enum Initializer {
    /**
     * Glorot and Bengio (2010), uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)); for tanh,
     * sigmoid and linear layers.
     */
    XAVIER {
        @Override
        public void fill(double[] w, int from, int to, int fanIn, int fanOut, SplittableRandom random) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int j = from; j < to; j++) {
                w[j] = (2.0 * random.nextDouble() - 1.0) * limit;
            }
        }
    },
    /** He et al. (2015), normal: N(0, 2 / fanIn); for ReLU layers. */
    HE {
        @Override
        public void fill(double[] w, int from, int to, int fanIn, int fanOut, SplittableRandom random) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int j = from; j < to; j++) {
                w[j] = gaussian(random) * std;
            }
        }
    },
    /**
     * U(-a, a) with a = 1 / sqrt(fanIn) for the weights <em>and</em> the biases: PyTorch's default for
     * {@code nn.Linear} (Kaiming-uniform with a negative slope of sqrt(5)), which is what a PyTorch model
     * that does not initialise its layers explicitly trains from.
     */
    FAN_IN_UNIFORM {
        @Override
        public void fill(double[] w, int from, int to, int fanIn, int fanOut, SplittableRandom random) {
            double limit = 1.0 / Math.sqrt(fanIn);
            for (int j = from; j < to; j++) {
                w[j] = (2.0 * random.nextDouble() - 1.0) * limit;
            }
        }

        @Override
        public void fillBias(double[] b, int fanIn, SplittableRandom random) {
            fill(b, 0, b.length, fanIn, b.length, random);
        }
    };

    /**
     * Fills the biases of a layer with the given fan-in: zeros (drawing nothing) for every scheme but
     * {@link #FAN_IN_UNIFORM}.
     */
    public void fillBias(double[] b, int fanIn, SplittableRandom random) {
        java.util.Arrays.fill(b, 0.0);
    }

    /** Fills {@code w[from..to)} for a layer with the given fan-in and fan-out. */
    public abstract void fill(double[] w, int from, int to, int fanIn, int fanOut, SplittableRandom random);

    /** The scheme that suits an activation: He for ReLU, Xavier otherwise. */
    public static Initializer forActivation(Activation activation) {
        return activation == Activation.RELU ? HE : XAVIER;
    }

    /** A standard normal draw (Box-Muller), deterministic for a given generator state. */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // in (0, 1]
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
