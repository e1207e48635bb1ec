package io.jrec.core.eval;

/**
 * The outcome of a two-sided paired t-test between two algorithms on one metric over the same splits
 * ({@link EvaluationReport#pairedTTest}).
 *
 * @param metric         the metric name
 * @param algorithmA     the first algorithm
 * @param algorithmB     the second algorithm
 * @param meanDifference the mean over splits of (A - B)
 * @param pValue         the two-sided p-value of "the mean difference is 0"; {@code NaN} when every
 *                       split shows the same difference (zero variance)
 * @param splits         the number of paired values
 * @since 0.1.0
 */
public record PairedTest(String metric, String algorithmA, String algorithmB, double meanDifference,
                         double pValue, int splits) {

    @Override
    public String toString() {
        return metric + ": " + algorithmA + " - " + algorithmB + " = " + String.format("%+.4f", meanDifference)
                + " over " + splits + " splits, p = " + String.format("%.4g", pValue);
    }
}
