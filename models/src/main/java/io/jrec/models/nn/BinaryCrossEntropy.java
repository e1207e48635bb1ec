package io.jrec.models.nn;

/**
 * Binary cross-entropy computed from logits, numerically stable for any finite logit.
 *
 * <p>For a logit z and a label y in [0, 1], with p = sigmoid(z):
 * <pre>
 *   L(z, y) = -y log p - (1 - y) log(1 - p) = max(z, 0) - z y + log1p(exp(-|z|))
 *   dL/dz   = sigmoid(z) - y
 * </pre>
 * The right-hand form never evaluates exp of a positive number, so it neither overflows nor loses the
 * loss of confidently wrong predictions to rounding (as log(sigmoid(z)) does for z below about -37).
 * All methods are pure functions, safe from any thread.
 *
 * @since 0.1.0
 */
public final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {
    }

    /**
     * The mean loss of the best constant prediction, {@code rate}, on labels whose positive rate is
     * {@code rate}: {@code -rate log(rate) - (1 - rate) log(1 - rate)}; 0 for a rate of 0 or 1.
     */
    public static double constantLoss(double rate) {
        return rate <= 0 || rate >= 1 ? 0 : -rate * Math.log(rate) - (1 - rate) * Math.log1p(-rate);
    }

    /** The loss L(z, y) (>= 0 for y in {0, 1}). */
    public static double loss(double logit, double label) {
        return Math.max(logit, 0.0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
    }

    /** dL/dz = sigmoid(z) - y. */
    public static double gradient(double logit, double label) {
        return sigmoid(logit) - label;
    }

    /** log(sigmoid(z)) = -(max(-z, 0) + log1p(exp(-|z|))), stable for any z. */
    public static double logSigmoid(double z) {
        return -(Math.max(-z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))));
    }

    /** sigmoid(z) = 1 / (1 + e^-z), computed from e^-|z| so it never overflows. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
