package io.jrec.models.content;

import io.jrec.core.Explanation;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import io.jrec.models.content.ContentBasedRecommender.Weighting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ContentBasedRecommenderTest {
    private static final double EPS = 1e-6;   // features are stored as floats
    private static final double R = Math.sqrt(0.5);   // 1/sqrt(2): a two-feature item, L2-normalised

    /**
     * Features (indexed by name: a=0, b=1, c=2), L2-normalised:
     * 10: {a,b} -> (R, R, 0); 20: {a} -> (1, 0, 0); 30: {c} -> (0, 0, 1); 40: {b,c} -> (0, R, R);
     * 50: {a,c} -> (R, 0, R), a new product nobody rated; 60: rated but without features.
     */
    public static ItemFeatures features() {
        return ItemFeatures.builder()
                .categorical(10, "genre", "a").categorical(10, "genre", "b")
                .categorical(20, "genre", "a")
                .categorical(30, "genre", "c")
                .categorical(40, "genre", "b").categorical(40, "genre", "c")
                .categorical(50, "genre", "a").categorical(50, "genre", "c")
                .build();
    }

    /** User 1: 10->5, 20->4, 30->1, 60->2 (mean 3); user 2: 40->3; user 3: 10->4, 60->5; user 4: 60->3. */
    public static RatingMatrix ratings() {
        return RatingMatrix.builder()
                .add(1, 10, 5).add(1, 20, 4).add(1, 30, 1).add(1, 60, 2)
                .add(2, 40, 3)
                .add(3, 10, 4).add(3, 60, 5)
                .add(4, 60, 3)
                .build();
    }

    static ContentBasedRecommender model() {
        return ContentBasedRecommender.builder().features(features()).build().fit(ratings());
    }

    // User 1, centred weights: 10: 5-3=+2, 20: 4-3=+1, 30: 1-3=-2 (60 has no features; it still counts
    // in the mean). p = (2(R,R,0) + (1,0,0) - 2(0,0,1)) / 3 = ((2R+1)/3, 2R/3, -2/3).
    private static final double PA = (2 * R + 1) / 3;
    private static final double PB = 2 * R / 3;
    private static final double PC = -2.0 / 3;
    private static final double NORM = Math.sqrt(PA * PA + PB * PB + PC * PC);

    @Test
    void scoresAreCosineToTheCentredProfileAndIncludeNewProducts() {
        ContentBasedRecommender m = model();
        assertEquals(Weighting.CENTERED, m.weighting());
        assertEquals(1, m.newItemCount());
        // 50 = (R,0,R): (PA*R + PC*R) / |p| = (0.569036 - 0.471405) / 1.146416 = 0.085162
        double s50 = (PA * R + PC * R) / NORM;
        // 40 = (0,R,R): (PB*R + PC*R) / |p| = (0.333333 - 0.471405) / 1.146416 = -0.120437
        double s40 = (PB * R + PC * R) / NORM;
        assertEquals(0.085162, s50, 1e-6);
        assertEquals(-0.120437, s40, 1e-6);
        Recommendations top = m.topN(1, 10);
        assertEquals("ContentBased", top.source());
        assertArrayEquals(new long[] {50, 40}, top.itemIds());   // seen 10,20,30,60 excluded; 60 has no features anyway
        assertEquals(s50, top.get(0).score(), EPS);
        assertEquals(s40, top.get(1).score(), EPS);
        assertEquals(s50, m.predict(1, 50), EPS);
        assertEquals(s40, m.predict(1, 40), EPS);
        assertTrue(Double.isNaN(m.predict(1, 60)), "no features, no score");
        assertTrue(Double.isNaN(m.predict(99, 10)), "unknown user");
        assertTrue(Double.isNaN(m.predict(1, 99)), "unknown item");
    }

    @Test
    void equalRatingsGiveUniformWeightsAndTiesGoByIndex() {
        // user 2 rated only 40 -> p = (0,R,R), |p| = 1. 10: R*R = 0.5; 20: 0; 30: R = 0.7071; 50: R*R = 0.5.
        Recommendations top = model().topN(2, 10);
        assertArrayEquals(new long[] {30, 10, 50, 20}, top.itemIds());   // 10 and 50 tie; 10 has the lower index
        assertEquals(R, top.get(0).score(), EPS);
        assertEquals(0.5, top.get(1).score(), EPS);
        assertEquals(0.5, top.get(2).score(), EPS);
        assertEquals(0.0, top.get(3).score(), EPS);
    }

    @Test
    void rawWeightingUsesValuesAsGiven() {
        ContentBasedRecommender m = ContentBasedRecommender.builder().features(features())
                .weighting(Weighting.RAW).build().fit(ratings());
        // user 1: p = (5(R,R,0) + 4(1,0,0) + 1(0,0,1)) / 3 = ((5R+4)/3, 5R/3, 1/3)
        double a = (5 * R + 4) / 3, b = 5 * R / 3, c = 1.0 / 3;
        double norm = Math.sqrt(a * a + b * b + c * c);
        assertEquals((a * R + c * R) / norm, m.predict(1, 50), EPS);
        assertEquals((b * R + c * R) / norm, m.predict(1, 40), EPS);
        assertNotEquals(model().predict(1, 50), m.predict(1, 50), 1e-3);
    }

    @Test
    void autoWeightingIsRawForUnaryData() {
        RatingMatrix unary = RatingMatrix.builder().add(1, 10, 1).add(1, 20, 1).add(2, 30, 1).build();
        ContentBasedRecommender m = ContentBasedRecommender.builder().features(features()).build().fit(unary);
        assertEquals(Weighting.RAW, m.weighting());
        // user 1: p = ((R,R,0) + (1,0,0)) / 2; 50 = (R,0,R): (R+1)/2*R / |p|
        double a = (R + 1) / 2, b = R / 2;
        assertEquals(a * R / Math.sqrt(a * a + b * b), m.predict(1, 50), EPS);
        assertEquals(2, m.newItemCount());   // 40 and 50 have features but no interactions
    }

    @Test
    void newProductsCanBeFilteredLikeAnyItem() {
        ContentBasedRecommender m = model();
        assertArrayEquals(new long[] {50}, m.topN(1, 10, ItemFilter.allowOnly(50, 99)).itemIds());
        assertArrayEquals(new long[] {40}, m.topN(1, 10, ItemFilter.builder().deny(50).build()).itemIds());
        assertArrayEquals(new long[] {40}, m.topN(1, 10, ItemFilter.builder().require(id -> id != 50).build())
                .itemIds());
        // without seen-exclusion user 1's own items compete: 10 = (R,R,0): (PA+PB)R/|p| = 0.787158,
        // 20 = (1,0,0): PA/|p| = 0.701964
        Recommendations all = m.topN(1, 2, ItemFilter.none());
        assertArrayEquals(new long[] {10, 20}, all.itemIds());
        assertEquals((PA + PB) * R / NORM, all.get(0).score(), EPS);
        assertEquals(PA / NORM, all.get(1).score(), EPS);
        assertEquals(0, m.topN(1, 0).size());
    }

    @Test
    void explanationFeaturesSumToTheScore() {
        Explanation e = model().explain(1, 50);
        // a: PA*R/|p| = 0.496365, c: PC*R/|p| = -0.411203, sum 0.085162
        assertEquals(2, e.contributions().size());
        assertEquals("genre=a", e.contributions().get(0).feature());
        assertEquals(PA * R / NORM, e.contributions().get(0).weight(), EPS);
        assertEquals("genre=c", e.contributions().get(1).feature());
        assertEquals(PC * R / NORM, e.contributions().get(1).weight(), EPS);
        assertEquals(model().predict(1, 50), e.score(), EPS);
        double sum = 0;
        for (Explanation.Contribution c : e.contributions()) {
            sum += c.weight();
        }
        assertEquals(e.score(), sum, 1e-12);
        assertTrue(Double.isNaN(model().explain(99, 50).score()));
        assertTrue(model().explain(1, 60).contributions().isEmpty());
        assertTrue(Double.isNaN(model().explain(4, 10).score()), "user 4 has no feature profile");
    }

    @Test
    void similarItemsWorkForItemsWithoutRatings() {
        ContentBasedRecommender m = model();
        // 50 = (R,0,R): 20 -> R, 30 -> R, 10 -> 0.5, 40 -> 0.5; 60 shares nothing (no features)
        Recommendations similar = m.similarItems(50, 10);
        assertArrayEquals(new long[] {20, 30, 10, 40}, similar.itemIds());
        assertEquals(R, similar.get(0).score(), EPS);
        assertEquals(0.5, similar.get(3).score(), EPS);
        assertTrue(similar.source().startsWith("ContentBased"));
        // 20 = (1,0,0): only items with feature a are candidates: 10 -> R, 50 -> R
        assertArrayEquals(new long[] {10, 50}, m.similarItems(20, 5).itemIds());
        assertArrayEquals(new long[] {50}, m.similarItems(20, 5, ItemFilter.builder().deny(10).build()).itemIds());
        assertTrue(m.similarItems(60, 5).isEmpty(), "no features");
        assertTrue(m.similarItems(99, 5).isEmpty(), "unknown item");
    }

    @Test
    void sessionProfileUsesTheGivenWeights() {
        ContentBasedRecommender m = model();
        // p = (3(1,0,0) + 1(0,0,1)) / 2 = (1.5, 0, 0.5), |p| = sqrt(2.5) = 1.581139
        // 10: 1.5R/|p| = 0.670820; 40: 0.5R/|p| = 0.223607; 50: 2R/|p| = 0.894427; 99 is ignored
        Recommendations r = m.topNForSession(new long[] {20, 30, 99}, new float[] {3, 1, 7}, 10,
                ItemFilter.excludeSeen());
        assertEquals("ContentBased (session)", r.source());
        assertArrayEquals(new long[] {50, 10, 40}, r.itemIds());
        double norm = Math.sqrt(2.5);
        assertEquals(2 * R / norm, r.get(0).score(), EPS);
        assertEquals(1.5 * R / norm, r.get(1).score(), EPS);
        assertEquals(0.5 * R / norm, r.get(2).score(), EPS);
        Recommendations empty = m.topNForSession(new long[] {60, 99}, new float[] {1, 1}, 2, ItemFilter.excludeSeen());
        assertEquals("Popularity (empty session profile)", empty.source());
        assertArrayEquals(new long[] {10, 20}, empty.itemIds());   // 60 (count 3) is in the session
    }

    @Test
    void unknownUsersAndEmptyProfilesFallBackToPopularity() {
        ContentBasedRecommender m = model();
        // counts: 60 -> 3, 10 -> 2, 20/30/40 -> 1, 50 -> 0
        Recommendations unknown = m.topN(99, 3);
        assertEquals("Popularity (unknown user)", unknown.source());
        assertArrayEquals(new long[] {60, 10, 20}, unknown.itemIds());
        Recommendations noProfile = m.topN(4, 2);    // user 4 has only 60, which has no features
        assertEquals("Popularity (no feature profile)", noProfile.source());
        assertArrayEquals(new long[] {10, 20}, noProfile.itemIds());
    }

    @Test
    void idfChangesTheScores() {
        ContentBasedRecommender plain = model();
        ContentBasedRecommender idf = ContentBasedRecommender.builder().features(features()).idf(true).build()
                .fit(ratings());
        // df: a=3, b=2, c=3 of N=5 items, so b weighs ln(5/2) against ln(5/3) for a and c
        assertNotEquals(plain.predict(1, 40), idf.predict(1, 40), 1e-3);
        double wa = Math.log(5.0 / 3), wb = Math.log(5.0 / 2);
        // 10 = (wa, wb, 0)/|.|, 40 = (0, wb, wa)/|.|; user 2 has only 40: cos = wb*wb / (wa^2 + wb^2)
        assertEquals(wb * wb / (wa * wa + wb * wb), idf.predict(2, 10), 1e-6);
        assertEquals("ContentBased(idf)", ContentBasedRecommender.builder().features(features()).idf(true).build()
                .name());
    }

    @Test
    void matchesABruteForceReferenceOnRandomData() {
        Random rnd = new Random(7);
        ItemFeatures.Builder fb = ItemFeatures.builder();
        for (long item = 0; item < 60; item++) {
            for (int g = 0; g < 8; g++) {
                if (rnd.nextInt(4) == 0) {
                    fb.categorical(item, "g", "v" + g);
                }
            }
        }
        ItemFeatures f = fb.build();
        RatingMatrix.Builder rb = RatingMatrix.builder();
        for (long u = 0; u < 30; u++) {
            for (long item = 0; item < 50; item++) {     // 50..59 stay new products
                if (rnd.nextInt(5) == 0) {
                    rb.add(u, item, 1 + rnd.nextInt(5));
                }
            }
        }
        RatingMatrix train = rb.build();
        ContentBasedRecommender m = ContentBasedRecommender.builder().features(f).build().fit(train);
        int fc = f.featureCount();
        for (int u = 0; u < train.userCount(); u++) {
            long userId = train.users().idAt(u);
            double mean = train.userMean(u);
            double[] p = new double[fc];
            int counted = 0;
            boolean allEqual = true;
            for (int k = 0; k < train.userRow(u).size(); k++) {
                allEqual &= train.userRow(u).value(k) == train.userRow(u).value(0);
            }
            for (int k = 0; k < train.userRow(u).size(); k++) {
                long itemId = train.items().idAt(train.userRow(u).index(k));
                double[] x = dense(f, itemId);
                if (x == null) {
                    continue;
                }
                double w = allEqual ? 1 : train.userRow(u).value(k) - mean;
                for (int j = 0; j < fc; j++) {
                    p[j] += w * x[j];
                }
                counted++;
            }
            for (long itemId = 0; itemId < 60; itemId++) {
                double[] x = dense(f, itemId);
                double expected = Double.NaN;
                if (x != null && counted > 0) {
                    expected = dot(p, x) / Math.sqrt(dot(p, p));
                }
                double actual = m.predict(userId, itemId);
                if (Double.isNaN(expected) || Double.isNaN(actual)) {
                    assertEquals(Double.isNaN(expected), Double.isNaN(actual), "user " + userId + " item " + itemId);
                } else {
                    assertEquals(expected, actual, 1e-5, "user " + userId + " item " + itemId);
                }
            }
            for (ScoredItem s : m.topN(userId, 5)) {
                assertEquals(m.predict(userId, s.itemId()), s.score(), 1e-5);
            }
        }
    }

    private static double[] dense(ItemFeatures f, long itemId) {
        var v = f.featuresOf(itemId);
        if (v.isEmpty()) {
            return null;
        }
        double[] x = new double[f.featureCount()];
        double norm = v.norm();
        for (int k = 0; k < v.size(); k++) {
            x[v.index(k)] = v.value(k) / norm;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    @Test
    void concurrentQueriesAgreeWithSingleThreaded() throws Exception {
        ContentBasedRecommender m = model();
        long[] users = {1, 2, 3, 4, 99};
        List<List<ScoredItem>> expected = new ArrayList<>();
        for (long u : users) {
            expected.add(List.copyOf(m.topN(u, 4)));
        }
        List<ScoredItem> expectedSimilar = List.copyOf(m.similarItems(50, 3));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(pool.submit(() -> {
                    for (int rep = 0; rep < 500; rep++) {
                        for (int k = 0; k < users.length; k++) {
                            if (!expected.get(k).equals(m.topN(users[k], 4))) {
                                return false;
                            }
                        }
                        if (!expectedSimilar.equals(m.similarItems(50, 3))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        assertEquals("features must be set: call features(ItemFeatures)",
                assertThrows(IllegalArgumentException.class, () -> ContentBasedRecommender.builder().build())
                        .getMessage());
        assertEquals("weighting must not be null; use AUTO, CENTERED or RAW",
                assertThrows(IllegalArgumentException.class, () -> ContentBasedRecommender.builder()
                        .features(features()).weighting(null).build()).getMessage());
        RatingMatrix other = RatingMatrix.builder().add(1, 1000, 5).build();
        assertEquals("none of the 1 training items has features (5 feature items): check that both use the "
                        + "same item ids",
                assertThrows(IllegalArgumentException.class, () -> ContentBasedRecommender.builder()
                        .features(features()).build().fit(other)).getMessage());
        ContentBasedRecommender m = model();
        assertEquals("n must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> m.topN(1, -1)).getMessage());
        assertEquals("n must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> m.similarItems(10, -1)).getMessage());
        assertEquals("itemIds and weights differ in length: 2 vs 1",
                assertThrows(IllegalArgumentException.class, () -> m.topNForSession(new long[] {10, 20},
                        new float[] {1}, 5, ItemFilter.excludeSeen())).getMessage());
        assertEquals("weight of session item 20 is NaN; weights must be finite",
                assertThrows(IllegalArgumentException.class, () -> m.topNForSession(new long[] {10, 20},
                        new float[] {1, Float.NaN}, 5, ItemFilter.excludeSeen())).getMessage());
    }
}
