package io.jrec.models.factor;

import io.jrec.core.RatingMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static io.jrec.models.factor.MatrixFactorizationRecommenderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImplicitAlsRecommenderTest {

    private static RatingMatrix random(long seed, int users, int items, double density) {
        SplittableRandom random = new SplittableRandom(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < density) {
                    b.add(u, i, 1 + random.nextInt(5));
                }
            }
        }
        return b.build();
    }

    private static ImplicitAlsRecommender.Builder small() {
        return ImplicitAlsRecommender.builder().factors(4).alpha(2).regularization(0.5).iterations(3).threads(1);
    }

    @Test
    void lastHalfStepSolvesTheDenseNormalEquations() {
        // After fit the last half-step solved every item given X. Check y_i against the normal equations
        // written out densely over ALL users (no YᵀY trick): (Σ_u c_ui x_u x_uᵀ + λI) y_i = Σ_u c_ui p_ui x_u,
        // c_ui = 1 + α r_ui for stored entries, 1 otherwise; p_ui = 1 for stored entries, 0 otherwise.
        RatingMatrix m = random(1, 12, 7, 0.4);
        double alpha = 2;
        double lambda = 0.5;
        int f = 4;
        ImplicitAlsRecommender als = small().build().fit(m);
        float[] x = als.userFactors();
        float[] y = als.itemFactors();
        for (int i = 0; i < m.itemCount(); i++) {
            double[][] a = new double[f][f + 1];
            for (int d = 0; d < f; d++) {
                a[d][d] = lambda;
            }
            for (int u = 0; u < m.userCount(); u++) {
                double r = m.get(u, i);
                double c = Double.isNaN(r) ? 1 : 1 + alpha * r;
                double pref = Double.isNaN(r) ? 0 : 1;
                for (int p = 0; p < f; p++) {
                    for (int q = 0; q < f; q++) {
                        a[p][q] += c * x[u * f + p] * x[u * f + q];
                    }
                    a[p][f] += c * pref * x[u * f + p];
                }
            }
            double[] want = solve(a);
            for (int p = 0; p < f; p++) {
                assertEquals(want[p], y[i * f + p], 1e-5, "y[" + i + "][" + p + "]");
            }
        }
    }

    /** Gaussian elimination on an augmented f x (f+1) system. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            for (int r = c + 1; r < n; r++) {
                double k = a[r][c] / a[c][c];
                for (int j = c; j <= n; j++) {
                    a[r][j] -= k * a[c][j];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int j = r + 1; j < n; j++) {
                s -= a[r][j] * x[j];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    @Test
    void conjugateGradientWithAsManyStepsAsFactorsSolvesExactly() {
        // CG on an f x f positive definite system is exact after f steps (up to rounding), so every
        // half-step equals the Cholesky solve and so does the whole fit
        RatingMatrix m = random(5, 40, 25, 0.3);
        ImplicitAlsRecommender exact = small().build().fit(m);
        ImplicitAlsRecommender cg = small().conjugateGradient(8).build().fit(m);
        assertArrayEquals(exact.userFactors(), cg.userFactors(), 1e-4f);
        assertArrayEquals(exact.itemFactors(), cg.itemFactors(), 1e-4f);
        assertTrue(cg.name().contains("cg=8"), cg.name());
    }

    @Test
    void conjugateGradientStepsLowerTheLossEveryIterationAndApproachTheExactLoss() {
        RatingMatrix m = random(6, 80, 40, 0.15);
        List<Double> one = losses(small().factors(8).iterations(6).conjugateGradient(1), m);
        List<Double> three = losses(small().factors(8).iterations(6).conjugateGradient(3), m);
        List<Double> exact = losses(small().factors(8).iterations(6), m);
        for (List<Double> run : List.of(one, three, exact)) {
            for (int k = 1; k < run.size(); k++) {
                assertTrue(run.get(k) <= run.get(k - 1) * (1 + 1e-9), "loss went up: " + run);
            }
        }
        // more steps per solve: at least as close to the exact fit's loss after the same iterations
        assertTrue(exact.get(5) <= three.get(5) * (1 + 1e-9) && three.get(5) <= one.get(5) * (1 + 1e-9),
                "exact " + exact + ", 3 steps " + three + ", 1 step " + one);
    }

    @Test
    void conjugateGradientIsTheSameForAnyThreadCount() {
        RatingMatrix m = random(7, 200, 60, 0.1);
        ImplicitAlsRecommender one = small().factors(8).conjugateGradient(3).threads(1).build().fit(m);
        ImplicitAlsRecommender three = small().factors(8).conjugateGradient(3).threads(3).build().fit(m);
        assertArrayEquals(one.userFactors(), three.userFactors());
        assertArrayEquals(one.itemFactors(), three.itemFactors());
    }

    private static List<Double> losses(ImplicitAlsRecommender.Builder builder, RatingMatrix m) {
        List<Double> losses = new ArrayList<>();
        builder.build().fit(m, (stage, done, total, message) ->
                losses.add(Double.parseDouble(message.substring(5, message.indexOf(',')))));
        return losses;
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        RatingMatrix m = random(2, 200, 60, 0.1);
        ImplicitAlsRecommender one = small().factors(8).threads(1).build().fit(m);
        ImplicitAlsRecommender three = small().factors(8).threads(3).build().fit(m);
        assertArrayEquals(one.userFactors(), three.userFactors());
        assertArrayEquals(one.itemFactors(), three.itemFactors());
    }

    @Test
    void seedDeterminesTheModel() {
        RatingMatrix m = random(3, 30, 20, 0.3);
        assertArrayEquals(small().build().fit(m).itemFactors(), small().build().fit(m).itemFactors());
        assertFalse(java.util.Arrays.equals(small().build().fit(m).itemFactors(),
                small().seed(7).build().fit(m).itemFactors()));
    }

    @Test
    void lossDecreasesAndIsReportedPerIteration() {
        List<Double> losses = new ArrayList<>();
        small().iterations(5).build().fit(random(4, 40, 30, 0.2), (stage, done, total, message) -> {
            assertEquals("iteration", stage);
            assertEquals(losses.size() + 1, done);
            assertEquals(5, total);
            losses.add(Double.parseDouble(message.substring(5, message.indexOf(','))));
        });
        assertEquals(5, losses.size());
        for (int k = 1; k < losses.size(); k++) {
            assertTrue(losses.get(k) <= losses.get(k - 1) * (1 + 1e-9), "loss went up: " + losses);
        }
    }

    @Test
    void recommendsTheObviousItem() {
        // two groups of users with disjoint tastes; a user of group A who lacks one A item gets it first
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 10; u++) {
            for (int i = 0; i < 5; i++) {
                if (!(u == 0 && i == 4)) {
                    b.add(u, i, 1);
                }
                b.add(100 + u, 10 + i, 1);
            }
        }
        ImplicitAlsRecommender als = small().factors(2).iterations(10).build().fit(b.build());
        assertEquals(4, als.topN(0, 1).get(0).itemId());
        assertTrue(als.predict(0, 4) > als.predict(0, 12));
    }

    @Test
    void everyHyperParameterChangesTheModel() {
        RatingMatrix m = random(5, 30, 20, 0.3);
        double base = small().build().fit(m).predict(1, 2);
        List<UnaryOperator<ImplicitAlsRecommender.Builder>> changes = List.of(
                b -> b.factors(5), b -> b.alpha(3), b -> b.regularization(1), b -> b.iterations(4),
                b -> b.seed(9), b -> b.initStd(0.5), b -> b.binary(true));
        for (int k = 0; k < changes.size(); k++) {
            double other = changes.get(k).apply(small()).build().fit(m).predict(1, 2);
            assertTrue(Math.abs(other - base) > 1e-7, "change " + k + " had no effect");
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertMessage("factors must be >= 1, got 0", () -> ImplicitAlsRecommender.builder().factors(0).build());
        assertMessage("alpha must be a finite number >= 0, got -1.0", () -> ImplicitAlsRecommender.builder().alpha(-1).build());
        assertMessage("regularization must be a finite number > 0, got 0.0",
                () -> ImplicitAlsRecommender.builder().regularization(0).build());
        assertMessage("iterations must be >= 1, got 0", () -> ImplicitAlsRecommender.builder().iterations(0).build());
        assertMessage("initStd must be a finite number > 0, got 0.0", () -> ImplicitAlsRecommender.builder().initStd(0).build());
        assertMessage("threads must be >= 1, got 0", () -> ImplicitAlsRecommender.builder().threads(0).build());
        assertMessage("conjugateGradient must be >= 0 (0: exact Cholesky solves), got -1",
                () -> ImplicitAlsRecommender.builder().conjugateGradient(-1).build());
        RatingMatrix three = RatingMatrix.builder().add(1, 1, 3).add(2, 2, 4).add(3, 3, 5).build();
        assertMessage("user factors: 3 x 1000000000 factors exceed one Java array; use fewer factors",
                () -> ImplicitAlsRecommender.builder().factors(1_000_000_000).build().fit(three));
        RatingMatrix negative = RatingMatrix.builder().add(1, 1, -2).build();
        assertMessage("implicit ALS needs values >= 0 as confidence, found -2.0; use binary(true) or shift the values",
                () -> ImplicitAlsRecommender.builder().build().fit(negative));
    }
}
