package io.jrec.models.factor;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.models.internal.DenseSolver;

import java.util.Arrays;
import java.util.Objects;

/**
 * The incremental update of {@link MatrixFactorizationRecommender} ({@link MatrixFactorizationRecommender#foldIn}):
 * new users get a bias and factors by a ridge regression on their ratings of known items, with the item
 * side fixed. The old model is untouched (models stay immutable).
 */
final class FoldIn {
    private FoldIn() {
    }

    /** See {@link MatrixFactorizationRecommender#foldIn}. */
    static MatrixFactorizationRecommender foldIn(MatrixFactorizationRecommender old, RatingMatrix batch) {
        Objects.requireNonNull(batch, "batch");
        RatingMatrix merged = old.trainingData().merge(batch, DuplicatePolicy.LAST);
        if (merged == old.trainingData()) {
            return old;
        }
        int f = old.factors;
        int oldUsers = old.trainingData().userCount();
        int oldItems = old.trainingData().itemCount();
        float[] userBias = Arrays.copyOf(old.userBias, merged.userCount());
        float[] userFactors = Arrays.copyOf(old.userFactors, merged.userCount() * f);
        float[] itemBias = Arrays.copyOf(old.itemBias, merged.itemCount());
        float[] itemFactors = Arrays.copyOf(old.itemFactors, merged.itemCount() * f);
        int d = f + 1;                       // unknowns: b_u, p_u
        double[] a = new double[d * d];
        double[] rhs = new double[d];
        double[] row = new double[d];
        SparseMatrix byUser = merged.byUser();
        for (int u = oldUsers; u < merged.userCount(); u++) {
            Arrays.fill(a, 0);
            Arrays.fill(rhs, 0);
            int n = 0;
            for (int k = byUser.rowStart(u), end = byUser.rowEnd(u); k < end; k++) {
                int i = byUser.column(k);
                if (i >= oldItems) {
                    continue;                // a new item has no factors yet
                }
                row[0] = 1;
                for (int c = 0; c < f; c++) {
                    row[c + 1] = itemFactors[i * f + c];
                }
                double y = byUser.value(k) - old.mean - itemBias[i];
                for (int r = 0; r < d; r++) {
                    rhs[r] += row[r] * y;
                    for (int c = 0; c < d; c++) {
                        a[r * d + c] += row[r] * row[c];
                    }
                }
                n++;
            }
            if (n == 0) {
                continue;                    // nothing to learn from: bias 0, zero factors
            }
            a[0] += n * (double) old.biasRegularization;
            for (int c = 1; c < d; c++) {
                a[c * d + c] += n * (double) old.factorRegularization;
            }
            double[] x = DenseSolver.solve(a, rhs, d);
            userBias[u] = (float) x[0];
            for (int c = 0; c < f; c++) {
                userFactors[u * f + c] = (float) x[c + 1];
            }
        }
        return new MatrixFactorizationRecommender(merged, old.name(), f, old.mean, old.minRating, old.maxRating,
                userBias, itemBias, userFactors, itemFactors, old.epochsTrained, old.biasRegularization,
                old.factorRegularization);
    }
}
