package io.jrec.models.linear;

import io.jrec.core.Explanation;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.jrec.models.Messages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EaseRecommenderTest {

    /** Users 1..3 over items 10, 20, 30: X = [[1,1,0],[1,0,1],[1,1,1]]. */
    private static RatingMatrix tiny() {
        return RatingMatrix.builder()
                .add(1, 10, 1).add(1, 20, 1)
                .add(2, 10, 1).add(2, 30, 1)
                .add(3, 10, 1).add(3, 20, 1).add(3, 30, 1)
                .build();
    }

    @Test
    void tinyMatrixEqualsClosedForm() {
        // XᵀX = [[3,2,2],[2,2,1],[2,1,2]];  lambda = 1:  G = [[4,2,2],[2,3,1],[2,1,3]], det G = 16
        // cofactors: C00 = 8, C01 = -4, C02 = -4, C11 = 8, C12 = 0, C22 = 8
        // P = G^-1 = [[0.5,-0.25,-0.25],[-0.25,0.5,0],[-0.25,0,0.5]]   (check: G P = I)
        // B_ij = -P_ij / P_jj: B_01 = B_02 = 0.5, B_10 = B_20 = 0.5, B_12 = B_21 = 0, diagonal 0
        double[][] expected = {{0, 0.5, 0.5}, {0.5, 0, 0}, {0.5, 0, 0}};
        EaseRecommender ease = EaseRecommender.builder().lambda(1).build().fit(tiny());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], ease.weight(i, j), 1e-6, "B[" + i + "][" + j + "]");
            }
        }
        // user 1 has items 10, 20: score(30) = B_02 + B_12 = 0.5 + 0
        assertEquals(0.5, ease.predict(1, 30), 1e-6);
        Recommendations top = ease.topN(1, 5);
        assertEquals(1, top.size());
        assertEquals(30, top.get(0).itemId());
        assertEquals(0.5, top.get(0).score(), 1e-6);
        // user 2 has 10, 30: score(20) = B_01 + B_21 = 0.5
        assertEquals(0.5, ease.predict(2, 20), 1e-6);
        assertTrue(Double.isNaN(ease.predict(9, 10)));
        assertTrue(Double.isNaN(ease.predict(1, 99)));
    }

    @Test
    void randomMatrixMatchesGaussJordanReference() {
        SplittableRandom random = new SplittableRandom(5);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i < 12; i++) {
                if (random.nextDouble() < 0.3) {
                    b.add(u, i, 1 + random.nextInt(5));
                }
            }
        }
        RatingMatrix m = b.build();
        for (boolean binary : new boolean[] {true, false}) {
            double lambda = 3;
            int n = m.itemCount();
            double[][] g = new double[n][n];
            for (int u = 0; u < m.userCount(); u++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double xi = m.get(u, i);
                        double xj = m.get(u, j);
                        if (!Double.isNaN(xi) && !Double.isNaN(xj)) {
                            g[i][j] += binary ? 1 : xi * xj;
                        }
                    }
                }
                // (slow on purpose: the dense definition)
            }
            for (int i = 0; i < n; i++) {
                g[i][i] += lambda;
            }
            double[][] p = invert(g);
            EaseRecommender ease = EaseRecommender.builder().lambda(lambda).binary(binary).build().fit(m);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double want = i == j ? 0 : -p[i][j] / p[j][j];
                    assertEquals(want, ease.weight(i, j), 1e-6, "B[" + i + "][" + j + "] binary=" + binary);
                }
            }
        }
    }

    /** Plain Gauss-Jordan with partial pivoting. */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] w = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, w[i], 0, n);
            w[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(w[r][c]) > Math.abs(w[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = w[c];
            w[c] = w[pivot];
            w[pivot] = t;
            double d = w[c][c];
            for (int k = 0; k < 2 * n; k++) {
                w[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = w[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        w[r][k] -= f * w[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(w[i], n, inv[i], 0, n);
        }
        return inv;
    }

    @Test
    void weightedDiffersFromBinaryAndLambdaMatters() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1, 10, 5).add(1, 20, 1)
                .add(2, 10, 1).add(2, 30, 4)
                .add(3, 10, 2).add(3, 20, 3).add(3, 30, 1)
                .build();
        double binary = EaseRecommender.builder().lambda(1).build().fit(m).predict(1, 30);
        double weighted = EaseRecommender.builder().lambda(1).binary(false).build().fit(m).predict(1, 30);
        double strong = EaseRecommender.builder().lambda(10).build().fit(m).predict(1, 30);
        assertNotEquals(binary, weighted, 1e-6);
        assertNotEquals(binary, strong, 1e-6);
    }

    @Test
    void explanationAddsUpToTheScore() {
        EaseRecommender ease = EaseRecommender.builder().lambda(1).build().fit(tiny());
        Explanation e = ease.explain(1, 30);
        assertEquals(ease.predict(1, 30), e.score(), 1e-9);
        // B_02 = 0.5 from item 10; B_12 = 0 from item 20 is left out
        assertEquals(List.of(Explanation.Contribution.item(10, 0.5)), e.contributions());
        assertTrue(Double.isNaN(ease.explain(1, 99).score()));
    }

    @Test
    void refusesCatalogueAboveTheMemoryCap() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int i = 0; i < 100; i++) {
            b.add(1, i, 1);
        }
        // 100 items: 12 bytes x 100^2 + 1024 bytes x 100 = 222 400 bytes = 217.2 KiB
        assertEquals(222_400, EaseRecommender.estimateFitBytes(100));
        assertMessage("EASE on 100 items needs about 217.2 KiB for its dense item x item matrices"
                        + " (12 bytes x items^2 + 1024 bytes x items), above the memory cap of 100.0 KiB. Reduce the catalogue"
                        + " (e.g. keep the most frequent items), or raise EaseRecommender.builder().memoryCap(bytes)"
                        + " together with the JVM heap (-Xmx).",
                () -> EaseRecommender.builder().memoryCap(100 * 1024).build().fit(b.build()));
        // the same catalogue under a large enough cap fits
        EaseRecommender.builder().memoryCap(320_000).build().fit(b.build());
        assertTrue(EaseRecommender.builder().build().memoryCap() <= 2L << 30);
    }

    @Test
    void builderRejectsBadSettings() {
        assertMessage("lambda must be a finite number > 0, got 0.0", () -> EaseRecommender.builder().lambda(0).build());
        assertMessage("lambda must be a finite number > 0, got NaN",
                () -> EaseRecommender.builder().lambda(Double.NaN).build());
        assertMessage("memoryCap must be > 0 bytes, got 0", () -> EaseRecommender.builder().memoryCap(0));
        assertMessage("threads must be >= 1, got 0", () -> EaseRecommender.builder().threads(0).build());
    }

    @Test
    void refusesAGramMatrixThatIsSingularInDoublePrecision() {
        // XᵀX = [[2,2],[2,2]] is singular and lambda = 1e-300 vanishes next to 2
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 1).add(1, 20, 1).add(2, 10, 1).add(2, 20, 1).build();
        assertMessage("X^T X + lambda I is singular in double precision for EASE(lambda=1.0E-300) (matrix is not"
                        + " positive definite: pivot 1 is 0.00000 (diagonal entry 2.00000)); raise lambda or scale"
                        + " the stored values down",
                () -> EaseRecommender.builder().lambda(1e-300).build().fit(m));
    }

    @Test
    void sameWeightsForAnyThreadCount() {
        SplittableRandom random = new SplittableRandom(11);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 300; u++) {
            for (int i = 0; i < 150; i++) {
                if (random.nextDouble() < 0.1) {
                    b.add(u, i, 1);
                }
            }
        }
        RatingMatrix m = b.build();
        float[] one = EaseRecommender.builder().lambda(5).threads(1).build().fit(m).weights;
        float[] two = EaseRecommender.builder().lambda(5).threads(2).build().fit(m).weights;
        assertArrayEquals(one, two);
    }

    @Test
    void reportsStages() {
        List<String> stages = new ArrayList<>();
        EaseRecommender.builder().lambda(1).build().fit(tiny(), (stage, done, total, message) -> stages.add(stage + done + "/" + total));
        assertEquals(List.of("gram1/3", "invert2/3", "weights3/3"), stages);
    }
}
