package io.jrec.core.tune;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.Recommender;

/**
 * An algorithm that trains in epochs (iterations) and can stop early on a validation metric: after
 * every epoch it offers the current model to an {@link EarlyStopping}, stops when told to, and returns
 * the best offered model. A {@link Tuner} with {@link Tuner.Builder#earlyStopping early stopping} uses
 * this to make the number of epochs a tuned result. Like every {@link Algorithm}, implementations are
 * immutable and may fit concurrently.
 *
 * @since 0.1.0
 */
public interface IterativeAlgorithm extends Algorithm {

    /**
     * Fits on {@code stopping.validation().train()}, offering a snapshot of the model to
     * {@link EarlyStopping#offer} after every epoch (epochs counted from 1) and stopping as soon as it
     * returns true or the configured epochs are done.
     *
     * @return {@link EarlyStopping#best()}: the model of the best epoch
     * @throws IllegalArgumentException as {@link Algorithm#fit}
     */
    Recommender fit(EarlyStopping stopping, ProgressListener progress);
}
