package io.jrec.core;

/**
 * Thrown by an iterative {@code fit} (SGD, ALS, Adam, ...) when training went wrong numerically: the
 * training loss or a parameter became NaN or infinite, or the loss grew far above its best, so the model
 * it would return is useless (NaN scores, empty top-N lists). The message names the model, the epoch,
 * the last finite training loss and the setting to change, e.g.
 * {@code "BiasedMF(...) diverged in epoch 1: the training loss is NaN (no finite loss before it).
 * learningRate 1.0 is too high: lower it, e.g. to 0.01"}.
 *
 * <p>It is an {@link IllegalArgumentException} because the cause is a setting (or data) the caller gave:
 * code that treats a bad setting as a failed trial, such as a tuner, needs no extra catch clause.
 * Instances are created by {@link DivergenceGuard}; immutable.
 *
 * @since 0.1.0
 */
public class TrainingDivergedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String model;
    private final int epoch;
    private final double lastFiniteLoss;

    /**
     * @param message        the full message (what happened, where, and what to change)
     * @param model          the name of the model or algorithm being fitted
     * @param epoch          the epoch (or iteration), from 1, in which training diverged
     * @param lastFiniteLoss the last training loss that was finite and not exploded, NaN if there was none
     */
    public TrainingDivergedException(String message, String model, int epoch, double lastFiniteLoss) {
        super(message);
        this.model = model;
        this.epoch = epoch;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /** The name of the model or algorithm whose training diverged. */
    public String model() {
        return model;
    }

    /** The epoch (or iteration), counted from 1, in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The last training loss that was finite and had not exploded; NaN if no epoch produced one. */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
