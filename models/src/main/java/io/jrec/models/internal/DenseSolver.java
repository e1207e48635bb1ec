package io.jrec.models.internal;

/**
 * A small dense linear solver: the fold-in of new users in {@code factor} and the exact reference the
 * baseline tests compare with. <b>Internal:</b> public only for that; not part of jrec's API, it may
 * change without notice. Stateless, thread-safe.
 *
 * @since 0.1.0
 */
public final class DenseSolver {
    private DenseSolver() {
    }

    /**
     * Solves {@code A x = b} ({@code d x d}, row-major) by Gaussian elimination with partial pivoting; an
     * unknown whose pivot vanishes (a degenerate system without regularisation) gets 0. Overwrites
     * {@code a} and {@code b}.
     */
    public static double[] solve(double[] a, double[] b, int d) {
        for (int p = 0; p < d; p++) {
            int best = p;
            for (int r = p + 1; r < d; r++) {
                if (Math.abs(a[r * d + p]) > Math.abs(a[best * d + p])) {
                    best = r;
                }
            }
            if (best != p) {
                for (int c = 0; c < d; c++) {
                    double t = a[p * d + c];
                    a[p * d + c] = a[best * d + c];
                    a[best * d + c] = t;
                }
                double t = b[p];
                b[p] = b[best];
                b[best] = t;
            }
            double pivot = a[p * d + p];
            if (Math.abs(pivot) < 1e-12) {
                continue;
            }
            for (int r = p + 1; r < d; r++) {
                double factor = a[r * d + p] / pivot;
                if (factor != 0) {
                    for (int c = p; c < d; c++) {
                        a[r * d + c] -= factor * a[p * d + c];
                    }
                    b[r] -= factor * b[p];
                }
            }
        }
        double[] x = new double[d];
        for (int r = d - 1; r >= 0; r--) {
            double pivot = a[r * d + r];
            if (Math.abs(pivot) < 1e-12) {
                continue;
            }
            double sum = b[r];
            for (int c = r + 1; c < d; c++) {
                sum -= a[r * d + c] * x[c];
            }
            x[r] = sum / pivot;
        }
        return x;
    }
}
