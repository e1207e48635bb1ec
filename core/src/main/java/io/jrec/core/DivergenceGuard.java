package io.jrec.core;

import java.util.Locale;

/**
 * Watches one iterative fit and stops it with a {@link TrainingDivergedException} as soon as training
 * goes wrong numerically, instead of returning a model full of NaN. After every epoch the fit calls
 * {@link #checkLoss} with its training loss and {@link #checkFinite} with its parameter arrays; they fail
 * when
 * <ul>
 *   <li>the loss is NaN or infinite,</li>
 *   <li>the loss exceeds {@code maxGrowth} times the lowest loss so far (default
 *       {@value #DEFAULT_MAX_GROWTH}), counting the {@link #startingLoss} if one was given, so that an
 *       explosion within the first epoch is caught too (only once a lowest loss {@code > 0} exists; losses
 *       must be non-negative, as squared errors, cross-entropies and ALS objectives are), or</li>
 *   <li>a parameter is NaN or infinite.</li>
 * </ul>
 * The exception's message names the model, the epoch, the reason, the last finite loss and the advice
 * given at construction (the setting to change, see {@link #tooHigh}). Checking a loss is O(1), checking
 * an array one pass over it: negligible against an epoch, which touches every parameter many times.
 *
 * <pre>{@code
 * DivergenceGuard guard = new DivergenceGuard(name(), DivergenceGuard.tooHigh("learningRate", lr, 0.01))
 *         .startingLoss(varianceOfTheRatings);
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     double loss = runEpoch();
 *     guard.checkLoss(epoch, loss);
 *     guard.checkFinite(epoch, "user factors", p);
 * }
 * }</pre>
 *
 * <p>One guard per fit; not thread-safe: call {@code checkLoss} and {@code checkFinite} from the thread
 * that runs the epochs. {@link #failure} only reads, so workers may call it while that thread waits for them.
 *
 * @since 0.1.0
 */
public final class DivergenceGuard {
    /** The default {@code maxGrowth}: a loss 100 times its best means training has blown up. */
    public static final double DEFAULT_MAX_GROWTH = 100;

    private final String model;
    private final String advice;
    private final double maxGrowth;
    private String unit = "epoch";
    private double best = Double.POSITIVE_INFINITY;
    private double lastLoss = Double.NaN;
    private int lastEpoch;

    /** A guard with the default growth limit; see {@link #DivergenceGuard(String, String, double)}. */
    public DivergenceGuard(String model, String advice) {
        this(model, advice, DEFAULT_MAX_GROWTH);
    }

    /**
     * @param model     the model's name as the user knows it (e.g. the algorithm's {@code name()})
     * @param advice    what to change, appended to every message (e.g. from {@link #tooHigh})
     * @param maxGrowth the largest allowed ratio of a loss to the best loss so far, {@code > 1}
     * @throws IllegalArgumentException if {@code maxGrowth} is not a number {@code > 1}
     */
    public DivergenceGuard(String model, String advice, double maxGrowth) {
        if (!(maxGrowth > 1)) {
            throw new IllegalArgumentException("maxGrowth must be > 1, got " + maxGrowth);
        }
        this.model = model;
        this.advice = advice;
        this.maxGrowth = maxGrowth;
    }

    /**
     * The loss before the first epoch, e.g. of a constant predictor (for squared error the training
     * variance, for cross-entropy that of always predicting the base rate): the reference for the growth
     * test of epoch 1. Not reported as a training loss. Ignored unless finite and {@code > 0}.
     *
     * @return this guard
     */
    public DivergenceGuard startingLoss(double loss) {
        if (Double.isFinite(loss) && loss > 0) {
            best = Math.min(best, loss);
        }
        return this;
    }

    /**
     * The word for one pass in messages, e.g. {@code "iteration"} for ALS (default {@code "epoch"}).
     *
     * @return this guard
     */
    public DivergenceGuard unit(String unit) {
        this.unit = unit;
        return this;
    }

    /**
     * Advice for a step-size-like setting that is too large: {@code "learningRate 1.0 is too high: lower
     * it, e.g. to 0.01"}. The suggestion is {@code typical} when {@code value} is more than ten times it,
     * else a tenth of {@code value}.
     */
    public static String tooHigh(String setting, double value, double typical) {
        double suggestion = value > 10 * typical ? typical : value / 10;
        return setting + " " + value + " is too high: lower it, e.g. to " + suggestion;
    }

    /**
     * Checks the training loss of {@code epoch} (from 1) and records it as the last finite loss.
     *
     * @throws TrainingDivergedException if the loss is NaN, infinite or more than {@code maxGrowth}
     *                                    times the best loss so far
     */
    public void checkLoss(int epoch, double loss) {
        if (!Double.isFinite(loss)) {
            throw failure(epoch, "the training loss is " + loss);
        }
        if (best > 0 && loss > maxGrowth * best) {
            throw failure(epoch, String.format(Locale.ROOT, "the training loss %.6g is more than %s times the lowest so far, %.6g",
                    loss, format(maxGrowth), best));
        }
        best = Math.min(best, loss);
        lastLoss = loss;
        lastEpoch = epoch;
    }

    /**
     * Checks that every value of {@code values} is finite.
     *
     * @param what the parameters' name in the message, e.g. {@code "user factors"}
     * @throws TrainingDivergedException naming the first value that is NaN or infinite
     */
    public void checkFinite(int epoch, String what, float[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw failure(epoch, what + " [" + k + "] is " + values[k]);
            }
        }
    }

    /** As {@link #checkFinite(int, String, float[])}, for {@code double} parameters. */
    public void checkFinite(int epoch, String what, double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw failure(epoch, what + " [" + k + "] is " + values[k]);
            }
        }
    }

    /**
     * The exception for a failure in {@code epoch} that the model detected itself (e.g. a linear system
     * that lost positive definiteness), with the standard message: model, epoch, {@code reason}, last
     * finite loss, advice. The caller throws it.
     */
    public TrainingDivergedException failure(int epoch, String reason) {
        String last = lastEpoch == 0 ? "no finite training loss before it"
                : String.format(Locale.ROOT, "last finite training loss %.6g in %s %d", lastLoss, unit, lastEpoch);
        return new TrainingDivergedException(model + " diverged in " + unit + " " + epoch + ": " + reason + " (" + last
                + "). " + advice, model, epoch, lastLoss);
    }

    /** The last loss that passed {@link #checkLoss}; NaN before the first. */
    public double lastFiniteLoss() {
        return lastLoss;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
