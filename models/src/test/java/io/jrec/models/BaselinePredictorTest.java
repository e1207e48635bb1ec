package io.jrec.models;

import io.jrec.core.RatingMatrix;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        e = assertThrows(IllegalArgumentException.class,
                () -> BaselinePredictor.builder().build().fit(RatingMatrix.builder().build()));
        assertEquals("the training data has no ratings; a baseline needs at least one", e.getMessage());
    }
}
