package io.jrec.models;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;

/**
 * Fitted baseline estimates {@code b_ui = mu + b_u + b_i} (Koren 2010, section 2.1), shared by
 * {@link BaselinePredictor} and the baseline-centred neighbourhood models. Immutable.
 *
 * <p>Fitted by alternating least squares on the regularised objective
 * {@code sum (r_ui - mu - b_u - b_i)^2 + lambdaItem * sum b_i^2 + lambdaUser * sum b_u^2}: starting
 * from zero, each iteration sets
 * <pre>
 *   b_i = sum_{u in R(i)} (r_ui - mu - b_u) / (lambdaItem + |R(i)|)
 *   b_u = sum_{i in R(u)} (r_ui - mu - b_i) / (lambdaUser + |R(u)|)
 * </pre>
 * A user or item without ratings keeps bias 0.
 */
final class Baselines {
    final double mu;
    final double[] userBias;
    final double[] itemBias;

    Baselines(double mu, double[] userBias, double[] itemBias) {
        this.mu = mu;
        this.userBias = userBias;
        this.itemBias = itemBias;
    }

    /** Fits the biases; {@code train} must not be empty. */
    static Baselines fit(RatingMatrix train, double lambdaItem, double lambdaUser, int iterations) {
        double mu = train.globalMean();
        SparseMatrix byUser = train.byUser();
        SparseMatrix byItem = train.byItem();
        double[] bu = new double[train.userCount()];
        double[] bi = new double[train.itemCount()];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < bi.length; i++) {
                int start = byItem.rowStart(i);
                int end = byItem.rowEnd(i);
                double sum = 0;
                for (int k = start; k < end; k++) {
                    sum += byItem.value(k) - mu - bu[byItem.column(k)];
                }
                bi[i] = end > start ? sum / (lambdaItem + (end - start)) : 0;
            }
            for (int u = 0; u < bu.length; u++) {
                int start = byUser.rowStart(u);
                int end = byUser.rowEnd(u);
                double sum = 0;
                for (int k = start; k < end; k++) {
                    sum += byUser.value(k) - mu - bi[byUser.column(k)];
                }
                bu[u] = end > start ? sum / (lambdaUser + (end - start)) : 0;
            }
        }
        return new Baselines(mu, bu, bi);
    }

    double userBias(int u) {
        return userBias[u];
    }

    double itemBias(int i) {
        return itemBias[i];
    }

    /** {@code mu + b_u + b_i}. */
    double estimate(int u, int i) {
        return mu + userBias[u] + itemBias[i];
    }
}
