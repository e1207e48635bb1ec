package io.jrec.core.eval;

/**
 * A rating-prediction error over the test pairs: RMSE = sqrt(mean((p - r)^2)) or MAE = mean(|p - r|),
 * where p is {@link io.jrec.core.Recommender#predict} and r the test rating. Pairs the model cannot
 * predict ({@code NaN}) are left out and counted, or filled with the training mean when the evaluator
 * is told to (see {@link Evaluator.Builder#fillUnpredictable(boolean)}). Immutable.
 *
 * @since 0.1.0
 */
public final class ErrorMetric implements Metric {
    static final ErrorMetric RMSE = new ErrorMetric("RMSE", true);
    static final ErrorMetric MAE = new ErrorMetric("MAE", false);

    private final String name;
    private final boolean squared;

    private ErrorMetric(String name, boolean squared) {
        this.name = name;
        this.squared = squared;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The error over {@code errors} (prediction minus rating); {@code NaN} entries are skipped, and the
     * result is {@code NaN} when no entry is left.
     */
    public double evaluate(double[] errors) {
        double sum = 0;
        int n = 0;
        for (double e : errors) {
            if (e == e) {
                sum += squared ? e * e : Math.abs(e);
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return squared ? Math.sqrt(sum / n) : sum / n;
    }

    @Override
    public String toString() {
        return name;
    }
}
