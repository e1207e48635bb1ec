package io.jrec.models.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Quality measures of predicted probabilities against binary outcomes: log loss, ROC AUC and a
 * reliability (calibration) table. Pure functions of their arguments; thread-safe.
 *
 * @since 0.1.0
 */
public final class ProbabilityMetrics {
    /** Predictions are clipped to [EPS, 1 - EPS] in the log loss (as scikit-learn does), so 0 and 1 stay finite. */
    public static final double EPS = 1e-15;

    private ProbabilityMetrics() {
    }

    /**
     * One bin of a reliability table: predictions in [lower, upper) (the last bin includes 1), their mean,
     * the observed share of positives among them, and how many there are (empty bins have NaN means).
     */
    public record CalibrationBin(double lower, double upper, double meanPredicted, double observedRate, int count) {
    }

    /**
     * Mean log loss -(1/n) sum [y ln p + (1 - y) ln(1 - p)], p clipped to [EPS, 1 - EPS].
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty or a p is NaN / outside [0, 1]
     */
    public static double logLoss(double[] predicted, boolean[] actual) {
        check(predicted, actual);
        double sum = 0;
        for (int k = 0; k < predicted.length; k++) {
            double p = Math.min(Math.max(predicted[k], EPS), 1 - EPS);
            sum -= actual[k] ? Math.log(p) : Math.log1p(-p);
        }
        return sum / predicted.length;
    }

    /**
     * ROC AUC by ranks (Mann-Whitney U): (sum of the positives' ranks - P (P + 1) / 2) / (P N), with tied
     * predictions given their average rank, so a tie between a positive and a negative counts one half.
     * NaN when there are no positives or no negatives.
     *
     * @throws IllegalArgumentException as {@link #logLoss}
     */
    public static double auc(double[] predicted, boolean[] actual) {
        check(predicted, actual);
        int n = predicted.length;
        double[] sorted = predicted.clone();
        Arrays.sort(sorted);
        // rank of each value: the average of the 1-based positions its ties occupy
        double rankSumPositives = 0;
        long positives = 0;
        for (int k = 0; k < n; k++) {
            if (actual[k]) {
                positives++;
                rankSumPositives += averageRank(sorted, predicted[k]);
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The average 1-based position of {@code value} in {@code sorted}. */
    private static double averageRank(double[] sorted, double value) {
        int first = lowerBound(sorted, value);
        int last = lowerBound(sorted, Math.nextUp(value)) - 1;
        return (first + last) / 2.0 + 1;
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * A reliability table of {@code bins} equal-width bins over [0, 1].
     *
     * @throws IllegalArgumentException as {@link #logLoss}, or if {@code bins < 1}
     */
    public static List<CalibrationBin> calibration(double[] predicted, boolean[] actual, int bins) {
        check(predicted, actual);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double[] sum = new double[bins];
        int[] positives = new int[bins];
        int[] count = new int[bins];
        for (int k = 0; k < predicted.length; k++) {
            int b = Math.min((int) (predicted[k] * bins), bins - 1);
            sum[b] += predicted[k];
            count[b]++;
            if (actual[k]) {
                positives[b]++;
            }
        }
        List<CalibrationBin> table = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            table.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins,
                    count[b] == 0 ? Double.NaN : sum[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) positives[b] / count[b], count[b]));
        }
        return List.copyOf(table);
    }

    private static void check(double[] predicted, boolean[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predicted and actual differ in length: " + predicted.length + " vs "
                    + actual.length);
        }
        if (predicted.length == 0) {
            throw new IllegalArgumentException("no predictions");
        }
        for (int k = 0; k < predicted.length; k++) {
            if (!(predicted[k] >= 0 && predicted[k] <= 1)) {
                throw new IllegalArgumentException("predicted[" + k + "] must be a probability in [0, 1], got "
                        + predicted[k]);
            }
        }
    }
}
