package io.jrec.core.tune;

import io.jrec.core.eval.ErrorMetric;
import io.jrec.core.eval.Metric;
import io.jrec.core.eval.Metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Tuner} optimises: one evaluator {@link Metric} on the validation data, minimised or
 * maximised. {@link #of(Metric)} picks the direction that is right for jrec's metrics (errors such as
 * RMSE are minimised, top-N metrics maximised); {@link #parse(String)} reads command-line names.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Objective {
    private final Metric metric;
    private final boolean minimize;

    private Objective(Metric metric, boolean minimize) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.minimize = minimize;
    }

    /** Lower is better. */
    public static Objective minimize(Metric metric) {
        return new Objective(metric, true);
    }

    /** Higher is better. */
    public static Objective maximize(Metric metric) {
        return new Objective(metric, false);
    }

    /** Minimises an {@link ErrorMetric} (RMSE, MAE), maximises a top-N metric (NDCG, precision, ...). */
    public static Objective of(Metric metric) {
        return new Objective(metric, metric instanceof ErrorMetric);
    }

    /**
     * The objective named like a report column, case-insensitive: {@code rmse}, {@code mae}, or a top-N
     * metric at a cutoff: {@code ndcg@10}, {@code gndcg@10}, {@code precision@10}, {@code recall@10},
     * {@code map@10}, {@code mrr@10}, {@code hitrate@10}, {@code coverage@10}, {@code novelty@10}.
     *
     * @throws IllegalArgumentException for an unknown name or a bad cutoff, listing the known names
     */
    public static Objective parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("rmse")) {
            return of(Metrics.rmse());
        }
        if (t.equals("mae")) {
            return of(Metrics.mae());
        }
        int at = t.indexOf('@');
        String known = "known: rmse, mae, ndcg@K, gndcg@K, precision@K, recall@K, map@K, mrr@K, hitrate@K,"
                + " coverage@K, novelty@K";
        if (at < 0) {
            throw new IllegalArgumentException("unknown metric '" + text + "'; " + known);
        }
        int k;
        try {
            k = Integer.parseInt(t.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric '" + text + "' needs an integer cutoff after '@', e.g. ndcg@10");
        }
        if (k < 1) {
            throw new IllegalArgumentException("metric '" + text + "' needs a cutoff >= 1");
        }
        Metric m = switch (t.substring(0, at)) {
            case "ndcg" -> Metrics.ndcg(k);
            case "gndcg" -> Metrics.gradedNdcg(k);
            case "precision", "p" -> Metrics.precision(k);
            case "recall", "r" -> Metrics.recall(k);
            case "map" -> Metrics.map(k);
            case "mrr" -> Metrics.mrr(k);
            case "hitrate", "hr" -> Metrics.hitRate(k);
            case "coverage" -> Metrics.coverage(k);
            case "novelty" -> Metrics.novelty(k);
            default -> throw new IllegalArgumentException("unknown metric '" + text + "'; " + known);
        };
        return of(m);
    }

    /** The metric. */
    public Metric metric() {
        return metric;
    }

    /** Whether lower values are better. */
    public boolean minimizes() {
        return minimize;
    }

    /** Whether the objective is a rating error (RMSE, MAE) rather than a top-N metric. */
    public boolean isRatingError() {
        return metric instanceof ErrorMetric;
    }

    /**
     * Whether {@code a} is strictly better than {@code b}. NaN is worse than any number; two NaNs are
     * not better than each other.
     */
    public boolean isBetter(double a, double b) {
        if (a != a) {
            return false;
        }
        if (b != b) {
            return true;
        }
        return minimize ? a < b : a > b;
    }

    /** {@code "minimise RMSE"} or {@code "maximise NDCG@10"}. */
    @Override
    public String toString() {
        return (minimize ? "minimise " : "maximise ") + metric.name();
    }
}
