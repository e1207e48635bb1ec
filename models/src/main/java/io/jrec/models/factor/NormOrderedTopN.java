package io.jrec.models.factor;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import io.jrec.core.Recommendations;
import io.jrec.core.SparseMatrix;
import io.jrec.core.TopN;

import java.util.Arrays;

/**
 * The exact top-N of the dot products {@code x_u·y_i} over every item, without computing every one: the
 * items are visited in descending order of their norm {@code |y_i|}, and the visit stops at the first
 * item whose bound {@code |x_u| |y_i|} (Cauchy-Schwarz) is below the n-th best score kept, since no later
 * item can score as high. On an implicit-feedback model the norms fall steeply along the long tail (the
 * synthetic shop at 10^6 products: median 0.002, p99 0.06, largest 32), so a query visits a few hundred
 * items where the dense pass computes 10^6 dot products.
 *
 * <p>The scores are the dense pass's bit for bit: each is the float sum of {@code x_u[k] y_i[k]} in
 * ascending {@code k}, as {@link FactorModels#dot} and {@link FactorModels#addDots} compute it, and the
 * selection ({@link TopN}: higher score first, ties by ascending index, {@code NaN} never kept) does not
 * depend on the order items are offered in. A float sum of f products differs from the real dot product
 * by at most {@code f 2^-24 / (1 - f 2^-24)} times {@code |x_u| |y_i|}, so the bound carries a margin of
 * {@code (f + 2) 2^-23}; the norms are computed in double and kept rounded up to float. A user whose n-th
 * best score is not positive would get every item visited (the bound, never negative, does not fall below
 * it), and flat norms (explicit models) prune little: past a limit the caller scores every item instead.
 *
 * <p>Memory: 8 bytes per item (the order and the norms); built in one sort when the model is made.
 * Immutable and thread-safe.
 */
final class NormOrderedTopN {
    private final float[] itemFactors;   // row-major items x f
    private final int factors;
    private final int[] order;           // items by descending norm; NaN norms first
    private final float[] norm;          // norm[k]: the norm of order[k], rounded up
    private final double margin;

    NormOrderedTopN(float[] itemFactors, int items, int factors) {
        this.itemFactors = itemFactors;
        this.factors = factors;
        this.margin = 1 + (factors + 2) * 0x1p-23;
        long[] packed = new long[items];   // (largest norm first, then ascending item), sorted as longs
        float[] byItem = new float[items];
        for (int i = 0; i < items; i++) {
            double n = norm(itemFactors, i * factors, factors);
            float up = (float) n;
            if (up < n) {
                up = Math.nextUp(up);   // rounded up: still a bound
            }
            byItem[i] = n == n ? up : Float.NaN;
            // a non-negative float's bits order as the float does; NaN first, as the largest
            int bits = n == n ? Float.floatToRawIntBits(up) : Integer.MAX_VALUE;
            packed[i] = (long) (Integer.MAX_VALUE - bits) << 32 | i;
        }
        Arrays.sort(packed);
        this.order = new int[items];
        this.norm = new float[items];
        for (int k = 0; k < items; k++) {
            order[k] = (int) packed[k];
            norm[k] = byItem[order[k]];
        }
    }

    private static double norm(float[] v, int off, int f) {
        double s = 0;
        for (int k = 0; k < f; k++) {
            s += (double) v[off + k] * v[off + k];
        }
        return Math.sqrt(s);
    }

    /**
     * The best {@code n} items for the user whose factors start at {@code userFactors[offset]}, skipping
     * the items of {@code seen}'s row {@code user} when {@code filter} excludes seen items, and those the
     * filter's rules refuse (asked only of items that would enter). {@code filter} must have no allow
     * list. Returns {@code null} once {@code limit} items are visited without a stop: the caller's dense
     * pass, which reads the factors in order, is then cheaper than visiting the rest out of order.
     */
    Recommendations topN(float[] userFactors, int offset, int n, ItemFilter filter, SparseMatrix seen, int user,
                         IdIndex ids, String source, int limit) {
        final float[] y = itemFactors;
        final int f = factors;
        double userNorm = norm(userFactors, offset, f) * margin;
        boolean excludeSeen = filter.excludesSeen();
        boolean rules = filter.hasRules();
        TopN best = new TopN(Math.min(n, order.length));
        if (best.capacity() == 0) {
            return best.drain(ids, source);   // nothing to visit for
        }
        double worst = Double.NaN;   // the n-th best kept, once the list is full
        for (int k = 0; k < order.length; k++) {
            if (userNorm * norm[k] < worst) {
                break;   // no item from here on scores as high as the n-th best kept
            }
            if (k == limit) {
                return null;
            }
            int i = order[k];
            float score = FactorModels.dot(userFactors, offset, y, i * f, f);
            if (best.wouldAccept(i, score)
                    && !(excludeSeen && seen.position(user, i) >= 0)
                    && !(rules && !filter.accepts(ids.idAt(i)))) {
                best.offer(i, score);
                if (best.size() == best.capacity()) {
                    worst = best.worstScore();
                }
            }
        }
        return best.drain(ids, source);
    }

    /** The number of items, in norm order, whose bound reaches {@code score} (for tests). */
    int reach(float[] userFactors, int offset, double score) {
        double userNorm = norm(userFactors, offset, factors) * margin;
        int k = 0;
        while (k < order.length && !(userNorm * norm[k] < score)) {
            k++;
        }
        return k;
    }
}
