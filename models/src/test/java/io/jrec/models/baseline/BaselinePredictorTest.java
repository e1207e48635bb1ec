package io.jrec.models.baseline;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.models.Fixtures;
import io.jrec.models.internal.Baselines;
import io.jrec.models.internal.DenseSolver;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselinePredictorTest {
    // u1: i1 = 5, i2 = 3; u2: i1 = 4.  mu = (5 + 3 + 4) / 3 = 4
    private static final RatingMatrix TINY = RatingMatrix.builder().add(1, 1, 5).add(1, 2, 3).add(2, 1, 4).build();

    @Test
    void oneIterationByHand() {
        BaselinePredictor b = BaselinePredictor.builder().lambdaItem(1).lambdaUser(1).iterations(1).build().fit(TINY);
        double bi1 = ((5 - 4) + (4 - 4)) / (1 + 2.0);          // 1/3
        double bi2 = (3 - 4) / (1 + 1.0);                      // -1/2
        double bu1 = ((5 - 4 - bi1) + (3 - 4 - bi2)) / (1 + 2.0); // (2/3 - 1/2) / 3 = 1/18
        double bu2 = (4 - 4 - bi1) / (1 + 1.0);                // -1/6
        assertEquals(4, b.globalMean(), 1e-12);
        assertEquals(bi1, b.itemBias(1), 1e-12);
        assertEquals(bi2, b.itemBias(2), 1e-12);
        assertEquals(bu1, b.userBias(1), 1e-12);
        assertEquals(bu2, b.userBias(2), 1e-12);
        assertEquals(4 + bu2 + bi2, b.predict(2, 2), 1e-12);
        assertEquals(4 + 1.0 / 18 - 0.5, b.predict(1, 2), 1e-12);
        assertTrue(Double.isNaN(b.userBias(3)));
        assertTrue(Double.isNaN(b.predict(3, 1)));
    }

    @Test
    void unregularisedFitZeroesTheResidualSums() {
        // with lambda 0 the fixed point is least squares: residuals sum to 0 per user and per item
        Random rnd = new Random(7);
        RatingMatrix.Builder mb = RatingMatrix.builder();
        for (int k = 0; k < 400; k++) {
            mb.add(rnd.nextInt(30), rnd.nextInt(20), 1 + rnd.nextInt(5));
        }
        RatingMatrix m = mb.build();
        BaselinePredictor b = BaselinePredictor.builder().lambdaItem(0).lambdaUser(0).iterations(500).build().fit(m);
        for (int u = 0; u < m.userCount(); u++) {
            double sum = 0;
            for (int k = 0; k < m.userRow(u).size(); k++) {
                long item = m.items().idAt(m.userRow(u).index(k));
                sum += m.userRow(u).value(k) - b.predict(m.users().idAt(u), item);
            }
            assertEquals(0, sum, 1e-6, "user " + u);
        }
        for (int i = 0; i < m.itemCount(); i++) {
            double sum = 0;
            for (int k = 0; k < m.itemColumn(i).size(); k++) {
                long user = m.users().idAt(m.itemColumn(i).index(k));
                sum += m.itemColumn(i).value(k) - b.predict(user, m.items().idAt(i));
            }
            assertEquals(0, sum, 1e-3, "item " + i);
        }
    }

    @Test
    void topNRanksByItemBiasAndServesUnknownUsers() {
        BaselinePredictor b = BaselinePredictor.builder().build().fit(TINY);
        assertArrayEquals(new long[] {1, 2}, b.topN(42, 2).itemIds());
        assertEquals("Baseline (unknown user)", b.topN(42, 2).source());
        assertArrayEquals(new long[] {2}, b.topN(2, 2).itemIds());
        assertEquals(b.predict(2, 2), b.topN(2, 2).get(0).score(), 1e-6);
    }

    @Test
    void eachSettingChangesTheFit() {
        double base = BaselinePredictor.builder().build().fit(TINY).predict(1, 2);
        assertNotEquals(base, BaselinePredictor.builder().lambdaItem(1).build().fit(TINY).predict(1, 2));
        assertNotEquals(base, BaselinePredictor.builder().lambdaUser(1).build().fit(TINY).predict(1, 2));
        assertNotEquals(base, BaselinePredictor.builder().iterations(1).build().fit(TINY).predict(1, 2));
    }

    @Test
    void builderRejectsBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaselinePredictor.builder().lambdaItem(-1).build());
        assertEquals("lambdaItem must be a finite number >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BaselinePredictor.builder().lambdaUser(Double.NaN).build());
        assertEquals("lambdaUser must be a finite number >= 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BaselinePredictor.builder().iterations(0).build());
        assertEquals("iterations must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BaselinePredictor.builder().build().fit(TINY)
                .update(RatingMatrix.builder().add(1, 1, 3, 1_700_000_000L).build()));
        assertTrue(e.getMessage().contains("timestamps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BaselinePredictor.builder().build().fit(RatingMatrix.builder().build()));
        assertEquals("the training data has no ratings; a baseline needs at least one", e.getMessage());
    }

    /**
     * Brute-force reference: the minimiser solves the normal equations
     * {@code (lambdaItem + |R(i)|) b_i + sum_{u in R(i)} b_u = sum_{u in R(i)} (r_ui - mu)} per item and
     * {@code (lambdaUser + |R(u)|) b_u + sum_{i in R(u)} b_i = sum_{i in R(u)} (r_ui - mu)} per user,
     * solved densely; the converged fit is within the documented bound {@code 1e-7 / (1 - rho)} of it.
     */
    @Test
    void convergedFitMatchesTheExactMinimiserWithinTheBound() {
        RatingMatrix m = Fixtures.random30x20();
        double li = 2;
        double lu = 3;
        int users = m.userCount();
        int items = m.itemCount();
        int d = items + users;                       // unknowns: b_i (0..items-1), then b_u
        double[] a = new double[d * d];
        double[] rhs = new double[d];
        double mu = m.globalMean();
        SparseMatrix byUser = m.byUser();
        for (int u = 0; u < users; u++) {
            for (int k = byUser.rowStart(u); k < byUser.rowEnd(u); k++) {
                int i = byUser.column(k);
                double r = byUser.value(k) - mu;
                a[i * d + i] += 1;
                a[i * d + items + u] += 1;
                rhs[i] += r;
                a[(items + u) * d + items + u] += 1;
                a[(items + u) * d + i] += 1;
                rhs[items + u] += r;
            }
        }
        for (int i = 0; i < items; i++) {
            a[i * d + i] += li;
        }
        for (int u = 0; u < users; u++) {
            a[(items + u) * d + items + u] += lu;
        }
        double[] exact = DenseSolver.solve(a, rhs, d);
        BaselinePredictor b = BaselinePredictor.builder().lambdaItem(li).lambdaUser(lu).build().fit(m);
        double bound = Baselines.errorBound(m, li, lu, Baselines.TOLERANCE);
        assertTrue(bound < 1e-5, "bound " + bound);
        assertTrue(b.baselines.rounds() > 1 && b.baselines.rounds() < Baselines.MAX_ROUNDS, "rounds " + b.baselines.rounds());
        for (int i = 0; i < items; i++) {
            assertEquals(exact[i], b.itemBias(m.items().idAt(i)), bound, "item " + i);
        }
        for (int u = 0; u < users; u++) {
            assertEquals(exact[items + u], b.userBias(m.users().idAt(u)), bound, "user " + u);
        }
    }

    /**
     * The update restarts from the old biases and stops on the same tolerance as a fit from zero, so
     * both are within {@code bound = 1e-7 / (1 - rho)} of the same unique minimiser: their biases differ
     * by at most {@code 2 * bound} and their predictions ({@code mu + b_u + b_i}, same {@code mu}) by at
     * most {@code 4 * bound}. The batch holds 400 held-out ratings, a new user, a new item and a changed
     * old rating.
     */
    @Test
    void updateEqualsAFullFitOnTheMergedDataWithinTheBoundInFewerRounds() {
        RatingMatrix[] data = Fixtures.baseAndBatch();
        RatingMatrix merged = data[0].merge(data[1], DuplicatePolicy.LAST);
        BaselinePredictor.Config config = BaselinePredictor.builder().build();
        BaselinePredictor old = config.fit(data[0]);
        BaselinePredictor updated = old.update(data[1]);
        BaselinePredictor full = config.fit(merged);
        double bound = Baselines.errorBound(merged, 5, 5, Baselines.TOLERANCE);
        assertTrue(bound < 1e-5, "bound " + bound);
        assertEquals(data[0].size(), old.trainingData().size(), "the old model is unchanged");
        assertEquals(merged.size(), updated.trainingData().size());
        assertEquals(full.globalMean(), updated.globalMean(), 0);
        for (int u = 0; u < merged.userCount(); u++) {
            long user = merged.users().idAt(u);
            assertEquals(full.userBias(user), updated.userBias(user), 2 * bound, "user " + user);
        }
        for (int i = 0; i < merged.itemCount(); i++) {
            long item = merged.items().idAt(i);
            assertEquals(full.itemBias(item), updated.itemBias(item), 2 * bound, "item " + item);
        }
        for (int u = 0; u < merged.userCount(); u += 3) {
            for (int i = 0; i < merged.itemCount(); i += 5) {
                long user = merged.users().idAt(u);
                long item = merged.items().idAt(i);
                assertEquals(full.predict(user, item), updated.predict(user, item), 4 * bound);
            }
        }
        assertTrue(Double.isFinite(updated.predict(5_000_000, 99_999)), "the new user and item are predicted");
        assertTrue(Double.isNaN(old.predict(5_000_000, 99_999)));
        assertTrue(updated.baselines.rounds() < full.baselines.rounds(),
                "warm start " + updated.baselines.rounds() + " rounds, cold " + full.baselines.rounds());
        assertEquals(full.name(), updated.name());
        assertSame(old, old.update(RatingMatrix.builder().build()));
    }

    /**
     * ML-100K (skipped without the data): 1,000 random ratings held out of u.data arrive as the batch; the
     * update equals a full fit within the derived bound and needs fewer rounds. Prints the rounds, the
     * bound and (informational, best of 5) the times.
     */
    @Test
    void movieLensUpdateVersusFullFit() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(dir),
                "MovieLens 100K not found at " + dir + "; skipping");
        RatingMatrix all = io.jrec.core.io.MovieLens.ratings(dir.resolve("u.data"));
        BitSet held = Fixtures.sample(all, 1000, 2);
        RatingMatrix base = Fixtures.subset(all, held, true);
        RatingMatrix batch = Fixtures.subset(all, held, false);
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        BaselinePredictor.Config config = BaselinePredictor.builder().build();
        BaselinePredictor old = config.fit(base);
        BaselinePredictor updated = null;
        BaselinePredictor full = null;
        long bestUpdate = Long.MAX_VALUE;
        long bestFit = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            updated = old.update(batch);
            long t1 = System.nanoTime();
            full = config.fit(merged);
            long t2 = System.nanoTime();
            bestUpdate = Math.min(bestUpdate, t1 - t0);
            bestFit = Math.min(bestFit, t2 - t1);
        }
        double bound = Baselines.errorBound(merged, 5, 5, Baselines.TOLERANCE);
        double maxDiff = 0;
        for (int u = 0; u < merged.userCount(); u++) {
            maxDiff = Math.max(maxDiff, Math.abs(full.baselines.userBias(u) - updated.baselines.userBias(u)));
        }
        for (int i = 0; i < merged.itemCount(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(full.baselines.itemBias(i) - updated.baselines.itemBias(i)));
        }
        System.out.printf("ML-100K baseline: fit %d rounds %.1f ms, update with 1,000 ratings %d rounds %.1f ms (best of 5); "
                        + "largest bias difference %.2e, bound 2 x %.2e%n", full.baselines.rounds(), bestFit / 1e6,
                updated.baselines.rounds(), bestUpdate / 1e6, maxDiff, bound);
        assertTrue(maxDiff <= 2 * bound, maxDiff + " > 2 x " + bound);
        assertTrue(updated.baselines.rounds() < full.baselines.rounds());
        assertTrue(full.baselines.rounds() < Baselines.MAX_ROUNDS);
    }
}
