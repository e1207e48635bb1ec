package io.jrec.models.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * In-place inverse of a dense symmetric positive definite matrix, stored as {@code double[][]} rows, by the
 * blocked sweep operator (symmetric Gauss-Jordan, Goodnight 1979). Sweeping a block K of indices maps
 * <pre>
 *   A_KK -> -A_KK⁻¹,   A_KR -> A_KK⁻¹ A_KR,   A_RR -> A_RR - A_RK A_KK⁻¹ A_KR
 * </pre>
 * (R = the other indices), which keeps the matrix symmetric, so only the upper triangle is read and
 * updated; after all blocks it holds -A⁻¹. That is n³/2 multiply-adds, almost all in the rank-{@value #BLOCK}
 * update of A_RR, whose stride-1 inner loops the JIT vectorises. No pivoting is needed: for a positive
 * definite A every pivot is a positive Schur complement.
 *
 * <p>The update is split by rows over an optional pool; each row's arithmetic is the same whatever the
 * split, so the result is bit-for-bit the same for any number of threads. Stateless and thread-safe.
 */
final class SymmetricInverse {
    /**
     * Indices swept together: the serial panel work grows with it (about BLOCK x n² multiply-adds in all),
     * the passes over the matrix shrink (n / BLOCK); 32 to 128 measured alike on ML-100K.
     */
    static final int BLOCK = 64;

    private SymmetricInverse() {
    }

    /**
     * Replaces {@code a}, a square symmetric positive definite matrix (rows of equal length n) of which only
     * the upper triangle (column >= row) is read, by its full inverse.
     *
     * @param pool    runs the row updates, or {@code null} to run them in the caller
     * @param threads the number of parallel tasks per update, >= 1 (1 when {@code pool} is null)
     * @throws IllegalArgumentException if {@code a} is not positive definite, or so near to singular that
     *                                  a pivot falls to n·ε of its diagonal entry; {@code a} is then garbage
     */
    static void invert(double[][] a, ExecutorService pool, int threads) {
        final int n = a.length;
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " entries, expected " + n);
            }
            diagonal[i] = a[i][i];
        }
        double[][] v = new double[Math.min(BLOCK, n)][n];
        double[][] w = new double[Math.min(BLOCK, n)][n];
        double[] d = new double[BLOCK * BLOCK];
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            final int k1 = Math.min(n, k0 + BLOCK);
            final int kb = k1 - k0;
            gather(a, k0, k1, v);
            invertDiagonalBlock(a, k0, kb, diagonal, d);
            multiply(d, kb, v, k0, k1, w);
            if (pool == null || threads == 1) {
                updateRows(a, k0, k1, v, w, 0, n);
            } else {
                parallelUpdate(a, k0, k1, v, w, pool, threads);
            }
            for (int k = 0; k < kb; k++) {
                double[] row = a[k0 + k];
                System.arraycopy(w[k], k1, row, k1, n - k1);
                for (int m = k; m < kb; m++) {
                    row[k0 + m] = d[k * kb + m];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i][i] = -a[i][i];
            for (int j = i + 1; j < n; j++) {
                double x = -a[i][j];
                a[i][j] = x;
                a[j][i] = x;
            }
        }
    }

    /** v[k][r] = A[k0 + k][r] for r outside [k0, k1), read from the upper triangle. */
    private static void gather(double[][] a, int k0, int k1, double[][] v) {
        int n = a.length;
        for (int r = 0; r < k0; r++) {
            for (int k = k0; k < k1; k++) {
                v[k - k0][r] = a[r][k];
            }
        }
        for (int k = k0; k < k1; k++) {
            System.arraycopy(a[k], k1, v[k - k0], k1, n - k1);
        }
    }

    /** d = -A_KK⁻¹ (kb x kb, full, row-major) by scalar sweeps of the diagonal block, checking every pivot. */
    private static void invertDiagonalBlock(double[][] a, int k0, int kb, double[] diagonal, double[] d) {
        int n = a.length;
        for (int i = 0; i < kb; i++) {
            for (int j = i; j < kb; j++) {
                d[i * kb + j] = a[k0 + i][k0 + j];
                d[j * kb + i] = d[i * kb + j];
            }
        }
        for (int p = 0; p < kb; p++) {
            double pivot = d[p * kb + p];
            if (!(pivot > Math.abs(diagonal[k0 + p]) * n * Math.ulp(1.0))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "matrix is not positive definite: pivot %d is %.6g (diagonal entry %.6g)",
                        k0 + p, pivot, diagonal[k0 + p]));
            }
            double r = 1 / pivot;
            for (int i = 0; i < kb; i++) {
                if (i == p) {
                    continue;
                }
                double f = d[i * kb + p] * r;
                for (int j = 0; j < kb; j++) {
                    if (j != p) {
                        d[i * kb + j] -= f * d[p * kb + j];
                    }
                }
            }
            for (int j = 0; j < kb; j++) {
                d[p * kb + j] *= r;
                d[j * kb + p] = d[p * kb + j];
            }
            d[p * kb + p] = -r;
        }
    }

    /** w[k][r] = -Σ_m d[k][m] v[m][r] for r outside [k0, k1): the swept panel A_KK⁻¹ A_KR. */
    private static void multiply(double[] d, int kb, double[][] v, int k0, int k1, double[][] w) {
        int n = v[0].length;
        double[] f = new double[kb];
        for (int k = 0; k < kb; k++) {
            Arrays.fill(w[k], 0);
            System.arraycopy(d, k * kb, f, 0, kb);
            subtract(w[k], 0, k0, f, v, kb);
            subtract(w[k], k1, n, f, v, kb);
        }
    }

    /** Splits the rows outside [k0, k1) into chunks of about equal work and waits for them. */
    private static void parallelUpdate(double[][] a, int k0, int k1, double[][] v, double[][] w,
                                       ExecutorService pool, int threads) {
        int n = a.length;
        int chunks = threads * 4;
        List<Future<?>> futures = new ArrayList<>(chunks);
        int from = 0;
        for (int c = 1; c <= chunks; c++) {
            // row i of the triangle costs about n - i: equal areas end where (n - to)² = (1 - c/chunks) n²
            int to = c == chunks ? n : (int) Math.round(n - n * Math.sqrt(1 - (double) c / chunks));
            final int f = from;
            final int t = Math.max(from, to);
            futures.add(pool.submit(() -> updateRows(a, k0, k1, v, w, f, t)));
            from = t;
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inverting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("inverting failed", e.getCause());
        }
    }

    /**
     * For rows i in [from, to) outside [k0, k1): A[i][j] -= Σ_k v[k][i] w[k][j] for j >= i outside
     * [k0, k1), and the swept column A[i][K] = w[K][i] above the diagonal block.
     */
    private static void updateRows(double[][] a, int k0, int k1, double[][] v, double[][] w, int from, int to) {
        int n = a.length;
        int kb = k1 - k0;
        double[] f = new double[kb];
        for (int i = from; i < to; i++) {
            if (i >= k0 && i < k1) {
                continue;
            }
            double[] row = a[i];
            for (int k = 0; k < kb; k++) {
                f[k] = v[k][i];
            }
            if (i < k0) {
                subtract(row, i, k0, f, w, kb);
                subtract(row, k1, n, f, w, kb);
                for (int k = 0; k < kb; k++) {
                    row[k0 + k] = w[k][i];
                }
            } else {
                subtract(row, i, n, f, w, kb);
            }
        }
    }

    /**
     * y[j] -= Σ_k f[k] x[k][j] for j in [from, to), k in [0, kb): four k per pass over y, so y is loaded
     * and stored a quarter as often. (Every array indexed by the bare loop index is what lets C2 vectorise.)
     */
    private static void subtract(double[] y, int from, int to, double[] f, double[][] x, int kb) {
        int k = 0;
        for (; k + 4 <= kb; k += 4) {
            double f0 = f[k];
            double f1 = f[k + 1];
            double f2 = f[k + 2];
            double f3 = f[k + 3];
            double[] x0 = x[k];
            double[] x1 = x[k + 1];
            double[] x2 = x[k + 2];
            double[] x3 = x[k + 3];
            for (int j = from; j < to; j++) {
                y[j] -= f0 * x0[j] + f1 * x1[j] + f2 * x2[j] + f3 * x3[j];
            }
        }
        for (; k < kb; k++) {
            double fk = f[k];
            double[] xk = x[k];
            for (int j = from; j < to; j++) {
                y[j] -= fk * xk[j];
            }
        }
    }
}
