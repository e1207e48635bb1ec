package io.jrec.core.tune;

import java.util.Optional;

/**
 * One tried point of a search: its settings, its validation scores (mean over the validation splits),
 * what it cost, and why it failed if its factory or fit threw. Immutable.
 *
 * @since 0.1.0
 */
public final class Trial {
    private final int index;
    private final int rung;
    private final Settings settings;
    private final double[] scores;
    private final int stoppedEpoch;
    private final double seconds;
    private final String failure;

    Trial(int index, int rung, Settings settings, double[] scores, int stoppedEpoch, double seconds, String failure) {
        this.index = index;
        this.rung = rung;
        this.settings = settings;
        this.scores = scores;
        this.stoppedEpoch = stoppedEpoch;
        this.seconds = seconds;
        this.failure = failure;
    }

    /** The trial's number, from 0, in the order trials were started. */
    public int index() {
        return index;
    }

    /** The successive-halving rung (0 for the first and for grid or random searches). */
    public int rung() {
        return rung;
    }

    /** The settings it was fitted with (for successive halving including the rung's resource). */
    public Settings settings() {
        return settings;
    }

    /** The objective's value on the validation data; NaN if the trial failed. */
    public double score() {
        return scores[0];
    }

    /**
     * Every reported metric, objective first, in the order of {@link TuningResult#metrics()} (a copy;
     * NaN entries if the trial failed).
     */
    public double[] scores() {
        return scores.clone();
    }

    /**
     * With early stopping, the best epoch (rounded mean over the validation splits) that the refit
     * would use; -1 when the trial did not stop early (not iterative, or early stopping off).
     */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Wall time of the trial (fits and evaluation on every validation split), seconds. */
    public double seconds() {
        return seconds;
    }

    /** Whether the factory or a fit threw, or the objective was NaN. */
    public boolean failed() {
        return failure != null;
    }

    /** The reason of a failure ("IllegalArgumentException: factors must be >= 1, got 0"). */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "Trial " + index + (rung > 0 ? " (rung " + rung + ")" : "") + " [" + settings + "]: "
                + (failed() ? "failed: " + failure : String.valueOf(score()));
    }
}
