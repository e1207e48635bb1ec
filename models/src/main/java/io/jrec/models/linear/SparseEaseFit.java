package io.jrec.models.linear;

import io.jrec.core.ParallelRows;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;

import java.util.Arrays;

/**
 * The state of one {@link SparseEaseRecommender} fit, discarded afterwards: X (binary or as stored) in
 * both orientations, the supports (cosine neighbours), the hub table and the column-wise output the
 * {@link SparseEaseColumn} workers write, then transposed into the model's rows.
 *
 * <p><b>Hubs.</b> The {@code h} most popular items (ties by the lower index) have their pairwise Gram
 * entries {@code G_ab = Σ_u x_ua x_ub} computed once, in one pass over the users, into a dense
 * {@code h x h} table (upper triangle by popularity rank). A column's block then never walks the users
 * of a hub: on catalogues where a few bestsellers have tens of thousands of buyers and sit in most
 * supports, those walks were the cost of the whole fit. The table is exact, so B does not depend on
 * {@code h} (beyond the rounding of the sums' order for non-binary X).
 */
final class SparseEaseFit {
    final SparseMatrix byItem;
    final SparseMatrix byUser;
    final NeighborTable supports;   // null: every support is all other items
    final double lambda;
    final int k;                    // slots per column
    final int hubs;
    final int[] hubOf;              // per item: its popularity rank if a hub, else -1
    final double[] hubGram;         // hubs x hubs, upper triangle: G between the hubs of ranks r <= c at r * hubs + c
    final int[] colItem;            // by column: N(j) (ascending item index) and its weights, k slots per column
    final float[] colWeight;
    final int[] colCount;

    private SparseEaseFit(SparseMatrix byItem, NeighborTable supports, double lambda, int k, int hubs) {
        this.byItem = byItem;
        this.byUser = byItem.transpose();
        this.supports = supports;
        this.lambda = lambda;
        this.k = k;
        int items = byItem.rowCount();
        this.hubs = Math.min(hubs, items);
        this.hubOf = hubRanks(byItem, this.hubs);
        this.hubGram = hubGram(byUser, hubOf, this.hubs);
        this.colItem = new int[items * k];
        this.colWeight = new float[items * k];
        this.colCount = new int[items];
    }

    /**
     * Fits B for {@code settings} with {@code hubs} hubs (the memory check has been made by the caller):
     * the neighbour search (the kernel's stages), then stage {@code "sparse-ease"} per block of columns.
     */
    static SparseEaseRecommender fit(RatingMatrix train, SparseEaseRecommender.Settings settings, int hubs,
                                     ProgressListener progress) {
        int items = train.itemCount();
        int support = (int) Math.min(settings.support(), Math.max(items - 1, 0));
        int k = Math.min(settings.neighbors(), support);
        SparseMatrix byItem = settings.binary() ? binary(train.byItem()) : train.byItem();
        NeighborTable supports = support >= items - 1 ? null : Neighbors.builder().similarity(Similarity.cosine())
                .k(support).threads(settings.threads()).progress(progress).build().compute(byItem);
        SparseEaseFit fit = new SparseEaseFit(byItem, supports, settings.lambda(), k, hubs);
        ParallelRows.run(items, settings.threads(), 16, () -> new SparseEaseColumn(fit, support, k), progress,
                "sparse-ease");
        return fit.model(train, settings);
    }

    /** The model from the column-wise weights: row i lists the j with i in N(j), ascending j. */
    private SparseEaseRecommender model(RatingMatrix train, SparseEaseRecommender.Settings settings) {
        int items = colCount.length;
        int[] start = new int[items + 1];
        for (int j = 0; j < items; j++) {
            for (int p = j * k, end = p + colCount[j]; p < end; p++) {
                start[colItem[p] + 1]++;
            }
        }
        for (int i = 0; i < items; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, items);
        int[] target = new int[start[items]];
        float[] weight = new float[start[items]];
        for (int j = 0; j < items; j++) {   // ascending j keeps every row sorted
            for (int p = j * k, end = p + colCount[j]; p < end; p++) {
                int dst = next[colItem[p]]++;
                target[dst] = j;
                weight[dst] = colWeight[p];
            }
        }
        return new SparseEaseRecommender(train, settings, start, target, weight);
    }

    /** Per item its rank among the {@code hubs} most popular (most users first, ties by lower index), else -1. */
    static int[] hubRanks(SparseMatrix byItem, int hubs) {
        int items = byItem.rowCount();
        long[] keys = new long[items];   // (users descending, index ascending) as one ascending long
        for (int i = 0; i < items; i++) {
            keys[i] = ((long) (Integer.MAX_VALUE - byItem.rowSize(i)) << 32) | i;
        }
        Arrays.sort(keys);
        int[] hubOf = new int[items];
        Arrays.fill(hubOf, -1);
        for (int r = 0; r < hubs; r++) {
            hubOf[(int) keys[r]] = r;
        }
        return hubOf;
    }

    /** The Gram entries between hubs, upper triangle by rank, from one pass over the users in order. */
    private static double[] hubGram(SparseMatrix byUser, int[] hubOf, int hubs) {
        double[] table = new double[hubs * hubs];
        int[] rank = new int[16];
        double[] value = new double[16];
        for (int u = 0; u < byUser.rowCount(); u++) {
            int count = 0;
            for (int r = byUser.rowStart(u), end = byUser.rowEnd(u); r < end; r++) {
                int h = hubOf[byUser.column(r)];
                if (h >= 0) {
                    if (count == rank.length) {
                        rank = Arrays.copyOf(rank, 2 * count);
                        value = Arrays.copyOf(value, 2 * count);
                    }
                    rank[count] = h;
                    value[count] = byUser.value(r);
                    count++;
                }
            }
            for (int p = 0; p < count; p++) {
                int a = rank[p];
                double x = value[p];
                for (int q = p; q < count; q++) {
                    int c = rank[q];
                    table[a <= c ? a * hubs + c : c * hubs + a] += x * value[q];
                }
            }
        }
        return table;
    }

    /** The same pattern with every value 1. */
    private static SparseMatrix binary(SparseMatrix m) {
        int[] pointers = new int[m.rowCount() + 1];
        int[] cols = new int[m.size()];
        for (int r = 0; r < m.rowCount(); r++) {
            pointers[r + 1] = m.rowEnd(r);
        }
        for (int p = 0; p < cols.length; p++) {
            cols[p] = m.column(p);
        }
        float[] ones = new float[m.size()];
        Arrays.fill(ones, 1f);
        return SparseMatrix.fromCsr(m.rowCount(), m.columnCount(), pointers, cols, ones);
    }
}
