package io.jrec.models.linear;

import io.jrec.core.ParallelRows;
import io.jrec.core.SparseMatrix;
import io.jrec.core.TopN;
import io.jrec.similarity.NeighborTable;

import java.util.Arrays;

/**
 * One worker of a {@link SparseEaseFit}: per column j, gathers the Gram block of {@code S(j) ∪ {j}},
 * factors it and solves the ridge regressions (the first on the whole support, the second on the
 * {@code k} strongest weights), writing column j's slots of the shared output. Each column depends only
 * on the shared read-only inputs, so the output is the same for every thread count. Not thread-safe:
 * one instance per worker.
 */
final class SparseEaseColumn implements ParallelRows.RowTask {
    private final SparseEaseFit fit;
    private final SparseMatrix byUser;
    private final SparseMatrix byItem;
    private final int k;
    private final double lambda;
    private final int[] support;         // local index -> item; the last one is j
    private final double[] g;            // (m+1) x (m+1), row-major upper triangle; the last row/column is j
    private final double[] b;
    private final double[] saved;        // the Gram block before the first solve, when pruning
    private final int[] local;
    private final double[] magnitude;
    private final TopN top;
    private final int[] localOf;         // per item: its local index in this column's block, or -1
    private final boolean[] hubAt;       // per local index: whether the item is a hub
    private final int[] hubLocal;        // the local indices of the block's hubs, ascending
    private final int[] hubRank;         // and their ranks in the hub table
    private final int[] seen;            // per user: the stamp of the last column that gathered it
    private int stamp;
    private final int[] userLocal;       // one user's items in the block: local indices and values
    private final double[] userValue;

    SparseEaseColumn(SparseEaseFit fit, int s, int k) {
        this.fit = fit;
        this.byUser = fit.byUser;
        this.byItem = fit.byItem;
        this.k = k;
        this.lambda = fit.lambda;
        this.support = new int[s + 1];
        this.g = new double[(s + 1) * (s + 1)];
        this.b = new double[s + 1];
        this.saved = k < s ? new double[(s + 1) * (s + 1)] : null;
        this.local = new int[k];
        this.magnitude = new double[k];
        this.top = new TopN(k);
        this.localOf = new int[byItem.rowCount()];
        Arrays.fill(localOf, -1);
        this.hubAt = new boolean[s + 1];
        this.hubLocal = new int[s + 1];
        this.hubRank = new int[s + 1];
        this.seen = new int[byUser.rowCount()];
        this.userLocal = new int[s + 1];
        this.userValue = new double[s + 1];
    }

    @Override
    public void row(int j) {
        int m = supportOf(j);
        if (m == 0 || byItem.rowSize(j) == 0) {
            return;
        }
        support[m] = j;
        int n = m + 1;
        gram(n);
        int kept = m;
        if (k < m) {
            System.arraycopy(g, 0, saved, 0, n * n);
            solve(m, n);
            kept = strongest(m);                      // support[0..k-1]: the largest |b|, ascending index
            for (int a = 0; a < kept; a++) {           // the Gram block of the kept support and j
                int from = local[a] * n;
                for (int c = a; c < kept; c++) {
                    g[a * (kept + 1) + c] = saved[from + local[c]];
                }
                g[a * (kept + 1) + kept] = saved[from + m];
            }
            n = kept + 1;
        }
        solve(kept, n);
        int off = j * fit.k;
        int stored = 0;
        for (int a = 0; a < kept; a++) {
            float w = (float) b[a];
            if (w != 0f) {
                fit.colItem[off + stored] = support[a];
                fit.colWeight[off + stored] = w;
                stored++;
            }
        }
        fit.colCount[j] = stored;
    }

    /** b = (G_NN + λI)⁻¹ G_Nj for the leading m of the n x n Gram block in g (overwritten). */
    private void solve(int m, int n) {
        for (int a = 0; a < m; a++) {
            g[a * n + a] += lambda;
            b[a] = g[a * n + m];
        }
        cholesky(m, n);
        substitute(m, n);
    }

    /**
     * Keeps in support[0..k-1] (ascending item index) the {@code k} items with the largest |b| (ties by
     * the lower item index), their former local positions in local[]; returns the number kept.
     */
    private int strongest(int m) {
        top.clear();
        for (int a = 0; a < m; a++) {
            top.offer(a, Math.abs(b[a]));
        }
        int kept = top.drainTo(local, magnitude);
        Arrays.sort(local, 0, kept);                   // support is ascending, so local order = item order
        for (int a = 0; a < kept; a++) {
            support[a] = support[local[a]];            // local[a] >= a: reads ahead of the writes
        }
        return kept;
    }

    /** Fills support[0..m-1] with S(j) in ascending item index and returns m. */
    private int supportOf(int j) {
        int m = 0;
        NeighborTable supports = fit.supports;
        if (supports == null) {
            for (int i = 0; i < byItem.rowCount(); i++) {
                if (i != j) {
                    support[m++] = i;
                }
            }
            return m;
        }
        for (int t = 0, size = supports.size(j); t < size; t++) {
            support[m++] = supports.neighbor(j, t);
        }
        Arrays.sort(support, 0, m);
        return m;
    }

    /**
     * The upper triangle of the n x n Gram block of support[0..n-1], exactly. Entries between two hubs
     * are read from the fit's shared hub table. Every other entry involves a non-hub item, so every user
     * it counts bought a non-hub item of the block: each such user is visited once (through the users of
     * the block's non-hub items) and adds the products of its items in the block, except hub-hub pairs.
     * Cost: the non-hub items' popularity, the visited users' row lengths and the squares of their
     * block items, plus one table read per hub pair; never a walk over a hub's users.
     */
    private void gram(int n) {
        Arrays.fill(g, 0, n * n, 0.0);
        final int[] hubOf = fit.hubOf;
        final double[] hubGram = fit.hubGram;
        final int hubs = fit.hubs;
        int h = 0;
        for (int a = 0; a < n; a++) {
            int item = support[a];
            localOf[item] = a;
            hubAt[a] = hubOf[item] >= 0;
            if (hubAt[a]) {
                hubLocal[h] = a;
                hubRank[h++] = hubOf[item];
            }
        }
        for (int p = 0; p < h; p++) {               // hub pairs: the shared table (upper triangle by rank)
            int row = hubLocal[p] * n;
            int ha = hubRank[p];
            for (int q = p; q < h; q++) {
                int hc = hubRank[q];
                g[row + hubLocal[q]] = ha <= hc ? hubGram[ha * hubs + hc] : hubGram[hc * hubs + ha];
            }
        }
        stamp++;
        for (int a = 0; a < n; a++) {
            if (hubAt[a]) {
                continue;
            }
            int item = support[a];
            for (int q = byItem.rowStart(item), end = byItem.rowEnd(item); q < end; q++) {
                int u = byItem.column(q);
                if (seen[u] != stamp) {
                    seen[u] = stamp;
                    addUser(u, n);
                }
            }
        }
        for (int a = 0; a < n; a++) {
            localOf[support[a]] = -1;
        }
    }

    /** Adds user u's products x_ua x_uc for its items a, c in the block, except pairs of two hubs. */
    private void addUser(int u, int n) {
        int count = 0;
        for (int r = byUser.rowStart(u), end = byUser.rowEnd(u); r < end; r++) {
            int l = localOf[byUser.column(r)];
            if (l >= 0) {
                userLocal[count] = l;
                userValue[count] = byUser.value(r);
                count++;
            }
        }
        for (int p = 0; p < count; p++) {
            int a = userLocal[p];
            double x = userValue[p];
            boolean hub = hubAt[a];
            for (int q = p; q < count; q++) {
                int c = userLocal[q];
                if (hub && hubAt[c]) {
                    continue;
                }
                g[a <= c ? a * n + c : c * n + a] += x * userValue[q];
            }
        }
    }

    /**
     * In place, right-looking: the upper triangle of the leading m x m block becomes R with A = RᵀR
     * (R upper triangular); every inner loop runs along a row.
     */
    private void cholesky(int m, int n) {
        for (int c = 0; c < m; c++) {
            int rowC = c * n;
            double d = g[rowC + c];
            if (!(d > 0)) {
                throw new IllegalStateException("the Gram block is not positive definite at column " + c
                        + " (pivot " + d + "); raise lambda");
            }
            double root = Math.sqrt(d);
            g[rowC + c] = root;
            double inv = 1 / root;
            for (int e = c + 1; e < m; e++) {
                g[rowC + e] *= inv;
            }
            for (int e = c + 1; e < m; e++) {
                double r = g[rowC + e];
                if (r != 0) {
                    int rowE = e * n;
                    for (int f = e; f < m; f++) {
                        g[rowE + f] -= r * g[rowC + f];
                    }
                }
            }
        }
    }

    /** Solves RᵀR x = b in place (R upper triangular in the leading block of g). */
    private void substitute(int m, int n) {
        for (int r = 0; r < m; r++) {          // Rᵀ y = b, by rows of R
            int row = r * n;
            double y = b[r] / g[row + r];
            b[r] = y;
            for (int e = r + 1; e < m; e++) {
                b[e] -= g[row + e] * y;
            }
        }
        for (int r = m - 1; r >= 0; r--) {     // R x = y
            int row = r * n;
            double s = b[r];
            for (int t = r + 1; t < m; t++) {
                s -= g[row + t] * b[t];
            }
            b[r] = s / g[row + r];
        }
    }
}
