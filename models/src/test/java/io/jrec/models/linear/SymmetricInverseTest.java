package io.jrec.models.linear;

import io.jrec.models.internal.Workers;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

import static io.jrec.models.Messages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymmetricInverseTest {

    /** RᵀR / n + 0.1 I with R uniform in [-1, 1): symmetric positive definite, condition number ~ 10²..10⁴. */
    private static double[] randomSpd(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] r = new double[n * n];
        for (int i = 0; i < r.length; i++) {
            r[i] = random.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += r[k * n + i] * r[k * n + j];
                }
                a[i * n + j] = s / n + (i == j ? 0.1 : 0);
            }
        }
        return a;
    }

    /** The rows of {@code a} with NaN below the diagonal: the inverse must read the upper triangle only. */
    private static double[][] upperRows(double[] a, int n) {
        double[][] u = new double[n][];
        for (int i = 0; i < n; i++) {
            u[i] = Arrays.copyOfRange(a, i * n, i * n + n);
            Arrays.fill(u[i], 0, i, Double.NaN);
        }
        return u;
    }

    private static double[] flat(double[][] rows) {
        int n = rows.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, a, i * n, n);
        }
        return a;
    }

    private static double[] invert(double[] a, int n, ExecutorService pool, int threads) {
        double[][] rows = upperRows(a, n);
        SymmetricInverse.invert(rows, pool, threads);
        return flat(rows);
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void matchesEjmlAndInvertsOnAwkwardSizes() {
        for (int n : new int[] {1, 2, 63, 64, 65, 130, 300}) {
            double[] a = randomSpd(n, n);
            double[] inverse = invert(a, n, null, 1);

            DMatrixRMaj ejml = new DMatrixRMaj(n, n, true, a);
            assertTrue(CommonOps_DDRM.invert(ejml));
            double scale = maxAbs(ejml.data);
            double error = 0;
            for (int i = 0; i < n * n; i++) {
                error = Math.max(error, Math.abs(inverse[i] - ejml.data[i]));
            }
            assertTrue(error <= 1e-11 * scale, "n = " + n + ": max |P - P_ejml| = " + error + " of " + scale);

            double residual = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += a[i * n + k] * inverse[k * n + j];
                    }
                    residual = Math.max(residual, Math.abs(s - (i == j ? 1 : 0)));
                }
            }
            assertTrue(residual <= 1e-10, "n = " + n + ": max |A P - I| = " + residual);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    assertTrue(inverse[i * n + j] == inverse[j * n + i], "symmetric at " + i + ", " + j);
                }
            }
        }
    }

    @Test
    void sameBitsForAnyThreadCount() {
        ExecutorService pool = Workers.pool("inverse-test", 3);
        try {
            for (int n : new int[] {65, 300}) {
                double[] a = randomSpd(n, 7);
                double[] one = invert(a, n, null, 1);
                for (int threads = 2; threads <= 3; threads++) {
                    double[] many = invert(a, n, pool, threads);
                    assertArrayEquals(one, many, "n = " + n + ", " + threads + " threads");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesMatricesThatAreNotPositiveDefinite() {
        assertMessage("matrix is not positive definite: pivot 1 is -3.00000 (diagonal entry 1.00000)",
                () -> invert(new double[] {1, 2, 2, 1}, 2, null, 1));
        assertMessage("matrix is not positive definite: pivot 1 is 0.00000 (diagonal entry 4.00000)",
                () -> invert(new double[] {1, 2, 2, 4}, 2, null, 1));
        assertMessage("matrix is not positive definite: pivot 0 is -1.00000 (diagonal entry -1.00000)",
                () -> invert(new double[] {-1}, 1, null, 1));
        // singular up to rounding: rank 1 in a 70 x 70 (the pivot is a rounding residue, not exactly 0)
        int n = 70;
        double[] rank1 = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rank1[i * n + j] = Math.sqrt(i + 1.0) * Math.sqrt(j + 1.0) / 3;
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> invert(rank1, n, null, 1));
        assertTrue(e.getMessage().startsWith("matrix is not positive definite: pivot 1 is "), e.getMessage());
    }
}
