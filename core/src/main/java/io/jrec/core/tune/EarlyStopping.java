package io.jrec.core.tune;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Split;

import java.util.List;
import java.util.Objects;

/**
 * Watches an {@link IterativeAlgorithm} while it trains: every offered model is evaluated on a
 * validation split with an {@link Evaluator}; the best one by the {@link Objective} is kept, and
 * training should stop once {@code patience} epochs in a row brought no improvement. The model is
 * fitted on the split's training part and judged on its held-out part, never on anything else.
 *
 * <pre>{@code
 * EarlyStopping stopping = EarlyStopping.on(split, Objective.of(Metrics.rmse()), 3);
 * Recommender best = iterativeAlgorithm.fit(stopping, ProgressListener.NONE);
 * stopping.bestEpoch();   // the epoch the returned model is from
 * }</pre>
 *
 * <p>One instance serves one fit and is not thread-safe (a fit offers from its own thread).
 *
 * @since 0.1.0
 */
public final class EarlyStopping {
    private final Split validation;
    private final Evaluator evaluator;
    private final Objective objective;
    private final int patience;
    private Recommender best;
    private int bestEpoch;
    private double bestScore = Double.NaN;
    private double[] bestScores;
    private int sinceBest;
    private int lastEpoch;

    private EarlyStopping(Split validation, Evaluator evaluator, Objective objective, int patience) {
        this.validation = Objects.requireNonNull(validation, "validation");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.objective = Objects.requireNonNull(objective, "objective");
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be >= 1 epoch, got " + patience);
        }
        if (!evaluator.metrics().contains(objective.metric())) {
            throw new IllegalArgumentException("the evaluator does not compute the objective's metric "
                    + objective.metric().name() + "; it computes " + evaluator.metrics());
        }
        this.patience = patience;
    }

    /**
     * Stops after {@code patience} epochs without a better objective on {@code validation}; the models
     * are judged by a single-threaded evaluator with the default relevance ({@code atLeast(4)}) and
     * candidates, unpredictable pairs filled with the training mean.
     *
     * @throws IllegalArgumentException if {@code patience < 1}
     */
    public static EarlyStopping on(Split validation, Objective objective, int patience) {
        Evaluator evaluator = Evaluator.builder().metrics(objective.metric()).threads(1).fillUnpredictable(true)
                .build();
        return new EarlyStopping(validation, evaluator, objective, patience);
    }

    /**
     * As {@link #on(Split, Objective, int)} with the caller's evaluator (which must compute the
     * objective's metric; its other metrics are recorded for the best epoch).
     *
     * @throws IllegalArgumentException if {@code patience < 1} or the evaluator lacks the metric
     */
    public static EarlyStopping on(Split validation, Evaluator evaluator, Objective objective, int patience) {
        return new EarlyStopping(validation, evaluator, objective, patience);
    }

    /** The split: fit on its training part; offered models are judged on its held-out part. */
    public Split validation() {
        return validation;
    }

    /** The data the algorithm must fit on (the split's training part). */
    public RatingMatrix trainingData() {
        return validation.train();
    }

    /**
     * Judges the model after {@code epoch}: keeps it if it beats every earlier one.
     *
     * @param model an immutable snapshot (training must not change it afterwards)
     * @return true when training should stop ({@code patience} epochs in a row without improvement)
     * @throws IllegalArgumentException if epochs are not offered in increasing order
     */
    public boolean offer(int epoch, Recommender model) {
        Objects.requireNonNull(model, "model");
        if (epoch <= lastEpoch) {
            throw new IllegalArgumentException("epochs must be offered in increasing order: " + epoch
                    + " after " + lastEpoch);
        }
        lastEpoch = epoch;
        String name = "epoch " + epoch;
        Algorithm fixed = new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener progress) {
                return model;
            }

            @Override
            public String name() {
                return name;
            }
        };
        EvaluationReport report = evaluator.evaluate(fixed, List.of(validation));
        double score = report.value(name, objective.metric().name(), validation.name());
        if (best == null || objective.isBetter(score, bestScore)) {
            best = model;
            bestEpoch = epoch;
            bestScore = score;
            bestScores = new double[evaluator.metrics().size()];
            for (int m = 0; m < bestScores.length; m++) {
                bestScores[m] = report.value(name, evaluator.metrics().get(m).name(), validation.name());
            }
            sinceBest = 0;
            return false;
        }
        return ++sinceBest >= patience;
    }

    /**
     * The best model offered so far.
     *
     * @throws IllegalStateException if nothing was offered
     */
    public Recommender best() {
        if (best == null) {
            throw new IllegalStateException("no model was offered to early stopping");
        }
        return best;
    }

    /** The epoch of {@link #best()}, 0 if nothing was offered. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The objective of {@link #best()} on the validation data; NaN if nothing was offered. */
    public double bestScore() {
        return bestScore;
    }

    /** The last epoch offered (0 if none). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The evaluator's metrics for the best model, in the evaluator's order; null if nothing was offered. */
    double[] bestScores() {
        return bestScores == null ? null : bestScores.clone();
    }
}
