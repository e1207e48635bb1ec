package io.jrec.models.factor;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ImplicitAlsRecommender#topN}'s visit by descending item norm against scoring every item. */
class NormOrderedTopNTest {

    /**
     * Hand case, f = 2: user 1 = (1, 0) has item 10; items 10 (3, 0), 11 (2, 0), 12 (0, 5), 13 (1, 1),
     * 14 (0.5, 0). Scores: 11 -> 2, 12 -> 0, 13 -> 1, 14 -> 0.5 (10 is seen). Norms in order: 12 (5),
     * 10 (3), 11 (2), 13 (1.41), 14 (0.5). The top 2 are 11 and 13; once both are kept (the 4th item
     * visited) the n-th best is 1, and item 14's bound 0.5 is below it: 14 is never scored.
     */
    @Test
    void handCase() {
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 1).add(2, 11, 1).add(2, 12, 1).add(2, 13, 1)
                .add(2, 14, 1).build();
        float[] users = {1, 0, 0, 1};
        float[] items = {3, 0, 2, 0, 0, 5, 1, 1, 0.5f, 0};
        ImplicitAlsRecommender als = ImplicitAlsRecommender.fromFactors(m, "ALS", 2, users, items);
        Recommendations top = als.topN(1, 2);
        assertArrayEquals(new long[] {11, 13}, top.itemIds());
        assertEquals(2.0, top.get(0).score());
        assertEquals(1.0, top.get(1).score());
        assertEquals("ALS", top.source());
        assertEquals(4, als.normReach(1, 1.0), "items whose bound reaches the 2nd best: 12, 10, 11, 13");
        assertEquals(5, als.normReach(1, 0.5), "a bound equal to the score is still visited");
        assertEquals(als.topNScoringAll(1, 2, ItemFilter.excludeSeen()), top);
        // seen items count when not excluded: 10 scores 3
        assertArrayEquals(new long[] {10, 11, 13}, als.topN(1, 3, ItemFilter.none()).itemIds());
    }

    /** Random factors with long-tail norms, every filter kind, n from 0 past the catalogue: same lists. */
    @Test
    void equalsScoringEveryItemOnRandomFactors() {
        Random rnd = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            int users = 30;
            int itemCount = 50 + rnd.nextInt(400);
            int f = 1 + rnd.nextInt(12);
            RatingMatrix.Builder b = RatingMatrix.builder();
            for (int u = 0; u < users; u++) {
                for (int k = 0, n = 1 + rnd.nextInt(8); k < n; k++) {
                    b.add(u, rnd.nextInt(itemCount), 1);
                }
            }
            for (int i = 0; i < itemCount; i++) {
                b.add(1000, i, 1);   // every item is in the matrix
            }
            RatingMatrix m = b.build();
            float[] x = new float[m.userCount() * f];
            float[] y = new float[m.itemCount() * f];
            for (int p = 0; p < x.length; p++) {
                x[p] = trial % 5 == 0 ? -Math.abs((float) rnd.nextGaussian()) : (float) rnd.nextGaussian();
            }
            for (int i = 0; i < m.itemCount(); i++) {
                double scale = Math.pow(rnd.nextDouble(), 4) * (trial % 3 == 0 ? 1e-3 : 1);   // long tail
                boolean twin = i > 0 && rnd.nextInt(10) == 0;   // equal vectors: ties by index
                for (int k = 0; k < f; k++) {
                    y[i * f + k] = twin ? y[(i - 1) * f + k] : (float) (rnd.nextGaussian() * scale);
                }
            }
            if (trial % 4 == 1) {
                java.util.Arrays.fill(x, 0, f, 0f);   // a user whose every score is 0
            }
            ImplicitAlsRecommender als = ImplicitAlsRecommender.fromFactors(m, "ALS", f, x, y);
            ItemFilter rules = ItemFilter.builder().deny(3, 5, 8).require(id -> id % 7 != 2).build();
            ItemFilter[] filters = {ItemFilter.excludeSeen(), ItemFilter.none(), rules,
                ItemFilter.builder().excludeSeen(false).require(id -> id % 2 == 0).build()};
            for (int u = 0; u < m.userCount(); u++) {
                long user = m.users().idAt(u);
                for (ItemFilter filter : filters) {
                    for (int n : new int[] {0, 1, 3, 10, itemCount + 5}) {
                        Recommendations visited = als.topN(user, n, filter);
                        Recommendations all = als.topNScoringAll(user, n, filter);
                        assertEquals(all, visited, "trial " + trial + ", user " + user + ", n " + n + ", " + filter);
                        assertEquals(all.source(), visited.source());
                    }
                }
            }
        }
    }

    /**
     * A visit that cannot stop (a user whose every score is 0 or below) gives up at its limit, and
     * {@code topN} then scores every item: 20,000 items, limit 4,096.
     */
    @Test
    void aVisitThatCannotStopHandsOverAtItsLimit() {
        int items = 20_000;
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int i = 0; i < items; i++) {
            b.add(i % 3, i, 1);
        }
        RatingMatrix m = b.build();
        float[] x = {0, 0, -1, -1, 1, 0.5f};
        float[] y = new float[2 * items];
        Random rnd = new Random(5);
        for (int p = 0; p < y.length; p++) {
            y[p] = (float) Math.abs(rnd.nextGaussian()) / (1 + p / 2);
        }
        ImplicitAlsRecommender als = ImplicitAlsRecommender.fromFactors(m, "ALS", 2, x, y);
        NormOrderedTopN byNorm = new NormOrderedTopN(y, items, 2);
        for (int u = 0; u < 3; u++) {
            Recommendations visited = byNorm.topN(x, 2 * u, 10, ItemFilter.none(), m.byUser(), u, m.items(), "ALS",
                    ImplicitAlsRecommender.VISIT_LIMIT);
            // users 0 (all scores 0) and 1 (all negative) cannot stop; user 2 stops early
            assertEquals(u == 2, visited != null, "user " + u);
            assertEquals(als.topNScoringAll(u, 10, ItemFilter.none()), als.topN(u, 10, ItemFilter.none()));
        }
        assertEquals(items, byNorm.reach(x, 0, 0.0), "a zero user's bound reaches every item");
    }

    /** An allow list, and a user without training data, take the other paths and agree with them. */
    @Test
    void allowListsAndUnknownUsersKeepTheOtherPaths() {
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 1).add(2, 11, 1).add(2, 12, 1).build();
        float[] users = {1, 0, 0, 1};
        float[] items = {3, 0, 2, 0, 0, 5};
        ImplicitAlsRecommender als = ImplicitAlsRecommender.fromFactors(m, "ALS", 2, users, items);
        assertArrayEquals(new long[] {12}, als.topN(1, 5, ItemFilter.allowOnly(12, 99)).itemIds());
        assertEquals("Popularity (unknown user)", als.topN(77, 2).source());
    }

    /** A fitted model: same lists for every user; the visit reaches a fraction of a long-tail catalogue. */
    @Test
    void aFittedModelVisitsFewItems() {
        Random rnd = new Random(3);
        RatingMatrix.Builder b = RatingMatrix.builder();
        int items = 2_000;
        for (int u = 0; u < 400; u++) {
            for (int k = 0; k < 12; k++) {
                b.add(u, (int) (items * Math.pow(rnd.nextDouble(), 3)), 1);
            }
        }
        RatingMatrix m = b.build();
        ImplicitAlsRecommender als = ImplicitAlsRecommender.builder().factors(8).iterations(5).threads(2).build()
                .fit(m);
        long reached = 0;
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            Recommendations visited = als.topN(user, 10);
            assertEquals(als.topNScoringAll(user, 10, ItemFilter.excludeSeen()), visited);
            reached += als.normReach(user, visited.get(visited.size() - 1).score());
        }
        double share = reached / (double) m.userCount() / m.itemCount();
        assertTrue(share < 0.1, "share of the catalogue a query reaches: " + share);   // 0.8% measured
    }
}
