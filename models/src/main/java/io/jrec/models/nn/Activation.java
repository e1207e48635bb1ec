package io.jrec.models.nn;

/**
 * Element-wise activation functions of a {@link Dense} layer.
 *
 * <p>Each activation also gives its derivative expressed through its <em>output</em> y = f(x), which is
 * what back-propagation has at hand without keeping the pre-activations: ReLU 1[y > 0], sigmoid
 * y(1 - y), tanh 1 - y^2, identity 1. (ReLU's derivative at exactly 0 is taken as 0.)
 *
 * @since 0.1.0
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY {
        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return 1.0;
        }
    },
    /** f(x) = max(x, 0). */
    RELU {
        @Override
        public double apply(double x) {
            return x > 0.0 ? x : 0.0;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y > 0.0 ? 1.0 : 0.0;
        }
    },
    /** f(x) = 1 / (1 + e^-x), evaluated without overflow for large |x|. */
    SIGMOID {
        @Override
        public double apply(double x) {
            return BinaryCrossEntropy.sigmoid(x);
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y * (1.0 - y);
        }
    },
    /** f(x) = tanh(x). */
    TANH {
        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivativeFromOutput(double y) {
            return 1.0 - y * y;
        }
    };

    /** f(x). */
    public abstract double apply(double x);

    /** f'(x) written as a function of y = f(x). */
    public abstract double derivativeFromOutput(double y);
}
