package io.jrec.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * In-place inverse of a dense symmetric positive definite matrix by the blocked sweep operator
 * (symmetric Gauss-Jordan, Goodnight 1979). Sweeping a block K of indices maps
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
    /** Indices swept together; the update panels (2 x 64 rows of n doubles) stay in L2. */
    static final int BLOCK = 64;

    private SymmetricInverse() {
    }

    /**
     * Replaces {@code a}, an {@code n x n} row-major symmetric positive definite matrix of which only the
     * upper triangle (column >= row) is read, by its full inverse.
     *
     * @param pool    runs the row updates, or {@code null} to run them in the caller
     * @param threads the number of parallel tasks per update, >= 1 (1 when {@code pool} is null)
     * @throws IllegalArgumentException if {@code a} is not positive definite, or so near to singular that
     *                                  a pivot falls to n·ε of its diagonal entry; {@code a} is then garbage
     */
    static void invert(double[] a, int n, ExecutorService pool, int threads) {
        if ((long) n * n != a.length) {
            throw new IllegalArgumentException("expected " + n + " x " + n + " entries, got " + a.length);
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = a[i * n + i];
        }
        double[] v = new double[BLOCK * n];
        double[] w = new double[BLOCK * n];
        double[] d = new double[BLOCK * BLOCK];
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            final int k1 = Math.min(n, k0 + BLOCK);
            final int kb = k1 - k0;
            gather(a, n, k0, k1, v);
            invertDiagonalBlock(a, n, k0, kb, diagonal, d);
            multiply(d, kb, v, n, k0, k1, w);
            if (pool == null || threads == 1) {
                updateRows(a, n, k0, k1, v, w, 0, n);
            } else {
                parallelUpdate(a, n, k0, k1, v, w, pool, threads);
            }
            for (int k = 0; k < kb; k++) {
                int row = (k0 + k) * n;
                System.arraycopy(w, k * n + k1, a, row + k1, n - k1);
                for (int m = k; m < kb; m++) {
                    a[row + k0 + m] = d[k * kb + m];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] = -a[i * n + i];
            for (int j = i + 1; j < n; j++) {
                double x = -a[i * n + j];
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
    }

    /** v[k][r] = A[k0 + k][r] for r outside [k0, k1), read from the upper triangle. */
    private static void gather(double[] a, int n, int k0, int k1, double[] v) {
        int kb = k1 - k0;
        for (int r = 0; r < k0; r++) {
            for (int k = 0; k < kb; k++) {
                v[k * n + r] = a[r * n + k0 + k];
            }
        }
        for (int k = 0; k < kb; k++) {
            System.arraycopy(a, (k0 + k) * n + k1, v, k * n + k1, n - k1);
        }
    }

    /** d = -A_KK⁻¹ (kb x kb, full) by scalar sweeps of the diagonal block, checking every pivot. */
    private static void invertDiagonalBlock(double[] a, int n, int k0, int kb, double[] diagonal, double[] d) {
        for (int i = 0; i < kb; i++) {
            for (int j = i; j < kb; j++) {
                d[i * kb + j] = a[(k0 + i) * n + k0 + j];
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
    private static void multiply(double[] d, int kb, double[] v, int n, int k0, int k1, double[] w) {
        Arrays.fill(w, 0);
        for (int k = 0; k < kb; k++) {
            subtract(w, k * n, 0, k0, d, k * kb, 1, v, n, kb);
            subtract(w, k * n, k1, n, d, k * kb, 1, v, n, kb);
        }
    }

    /** Splits the rows outside [k0, k1) into chunks of about equal work and waits for them. */
    private static void parallelUpdate(double[] a, int n, int k0, int k1, double[] v, double[] w,
                                       ExecutorService pool, int threads) {
        int chunks = threads * 4;
        List<Future<?>> futures = new ArrayList<>(chunks);
        int from = 0;
        for (int c = 1; c <= chunks; c++) {
            // row i of the triangle costs about n - i: equal areas end where (n - to)² = (1 - c/chunks) n²
            int to = c == chunks ? n : (int) Math.round(n - n * Math.sqrt(1 - (double) c / chunks));
            final int f = from;
            final int t = Math.max(from, to);
            futures.add(pool.submit(() -> updateRows(a, n, k0, k1, v, w, f, t)));
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
    private static void updateRows(double[] a, int n, int k0, int k1, double[] v, double[] w, int from, int to) {
        int kb = k1 - k0;
        for (int i = from; i < to; i++) {
            if (i >= k0 && i < k1) {
                continue;
            }
            int row = i * n;
            if (i < k0) {
                subtract(a, row, i, k0, v, i, n, w, n, kb);
                subtract(a, row, k1, n, v, i, n, w, n, kb);
                for (int k = 0; k < kb; k++) {
                    a[row + k0 + k] = w[k * n + i];
                }
            } else {
                subtract(a, row, i, n, v, i, n, w, n, kb);
            }
        }
    }

    /**
     * y[at + j] -= Σ_k f[fAt + k fStride] x[k xStride + j] for j in [from, to), k in [0, kb): four k per
     * pass over the row, so y is loaded and stored a quarter as often.
     */
    private static void subtract(double[] y, int at, int from, int to, double[] f, int fAt, int fStride,
                                 double[] x, int xStride, int kb) {
        int k = 0;
        for (; k + 4 <= kb; k += 4) {
            double f0 = f[fAt + k * fStride];
            double f1 = f[fAt + (k + 1) * fStride];
            double f2 = f[fAt + (k + 2) * fStride];
            double f3 = f[fAt + (k + 3) * fStride];
            int x0 = k * xStride - at;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            for (int j = at + from; j < at + to; j++) {
                y[j] -= f0 * x[x0 + j] + f1 * x[x1 + j] + f2 * x[x2 + j] + f3 * x[x3 + j];
            }
        }
        for (; k < kb; k++) {
            double fk = f[fAt + k * fStride];
            int xk = k * xStride - at;
            for (int j = at + from; j < at + to; j++) {
                y[j] -= fk * x[xk + j];
            }
        }
    }
}
