package io.jrec.models.hybrid;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.models.TableAlgorithm;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.content.ContentBasedRecommenderTest;
import io.jrec.models.hybrid.HybridRecommender.Normalization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HybridRecommenderTest {
    private static final double NaN = Double.NaN;
    private static final double EPS = 1e-9;

    /**
     * Items 1..6 (indices 0..5); user 100 (index 0) has item 1, user 200 (index 1) has items 2 and 3,
     * user 300 (index 2) has items 4, 5, 6. Each item has one interaction.
     */
    static RatingMatrix train() {
        return RatingMatrix.builder().add(100, 1, 5).add(200, 2, 1).add(200, 3, 2)
                .add(300, 4, 3).add(300, 5, 4).add(300, 6, 5).build();
    }

    static TableAlgorithm x() {
        return new TableAlgorithm("X", new double[][] {{9, 5, 4, 3, 2, 1}, {0, 0, 0, 0, 0, 0}, {3, 2, 1, 9, 9, 9}});
    }

    static TableAlgorithm y() {
        return new TableAlgorithm("Y", new double[][] {{9, 1, 2, 6, 8, 7}, {0, 0, 0, 0, 0, 0}, {1, 2, 3, 9, 9, 9}});
    }

    static TableAlgorithm content() {
        return new TableAlgorithm("C", new double[][] {{NaN, NaN, NaN, 0, 0, 10}, {0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}});
    }

    static TableAlgorithm popularity() {
        return new TableAlgorithm("P", new double[][] {{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}});
    }

    @Test
    void minMaxBlendByHand() {
        HybridRecommender h = HybridRecommender.builder().add(x(), 2).add(y(), 1)
                .normalization(Normalization.MIN_MAX).candidatesPerModel(3).build().fit(train());
        // user 100 has item 1. X's top 3: 2 (5), 3 (4), 4 (3) -> min-max 1, 0.5, 0; missing 0.
        // Y's top 3: 5 (8), 6 (7), 4 (6) -> 1, 0.5, 0; missing 0.
        // b = 2 X + Y: 2 -> 2, 3 -> 1, 4 -> 0, 5 -> 1, 6 -> 0.5; 3 and 5 tie, 3 has the lower id
        Recommendations r = h.topN(100, 3);
        assertEquals("Hybrid(min-max: X*2.00 + Y*1.00)", r.source());
        assertArrayEquals(new long[] {2, 3, 5}, r.itemIds());
        assertScores(r, 2, 1, 1);
        assertArrayEquals(new long[] {2, 3}, h.topN(100, 2).itemIds());
        // n = 5 > candidatesPerModel: each member lists 5 items.
        // X: 2 (5), 3 (4), 4 (3), 5 (2), 6 (1) -> 1, 3/4, 1/2, 1/4, 0
        // Y: 5 (8), 6 (7), 4 (6), 3 (2), 2 (1) -> 1, 6/7, 5/7, 1/7, 0
        // b: 2 -> 2, 3 -> 3/2 + 1/7, 4 -> 1 + 5/7, 5 -> 1/2 + 1, 6 -> 6/7
        Recommendations five = h.topN(100, 5);
        assertArrayEquals(new long[] {2, 4, 3, 5, 6}, five.itemIds());
        assertScores(five, 2, 1 + 5 / 7.0, 1.5 + 1 / 7.0, 1.5, 6 / 7.0);
    }

    private static void assertScores(Recommendations r, double... expected) {
        assertEquals(expected.length, r.size());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], r.get(k).score(), 1e-6, "rank " + k);   // member scores may be floats
        }
    }

    @Test
    void zScoreBlendByHand() {
        HybridRecommender h = HybridRecommender.builder().add(x(), 2).add(y(), 1)
                .normalization(Normalization.Z_SCORE).candidatesPerModel(3).build().fit(train());
        // X's list {5, 4, 3}: mean 4, sd sqrt(2/3) = 0.816497 -> 2: +1.224745, 3: 0, 4: -1.224745 (= missing)
        // Y's list {8, 7, 6}: 5: +1.224745, 6: 0, 4: -1.224745 (= missing)
        double z = 1 / Math.sqrt(2.0 / 3);
        // b(2) = 2z - z = z; b(3) = 0 - z; b(5) = -2z + z = -z; b(6) = -2z + 0; b(4) = -2z - z (top 3 shown)
        Recommendations r = h.topN(100, 3);
        assertArrayEquals(new long[] {2, 3, 5}, r.itemIds());
        assertScores(r, z, -z, -z);
        assertEquals(1.224745, z, 1e-6);
    }

    @Test
    void aModelWithConstantScoresContributesNothing() {
        TableAlgorithm flat = new TableAlgorithm("F", new double[][] {{7, 7, 7, 7, 7, 7}, {7, 7, 7, 7, 7, 7}, {7, 7, 7, 7, 7, 7}});
        for (Normalization norm : Normalization.values()) {
            HybridRecommender alone = HybridRecommender.builder().add(x(), 1).normalization(norm)
                    .candidatesPerModel(3).build().fit(train());
            HybridRecommender withFlat = HybridRecommender.builder().add(x(), 1).add(flat, 5).normalization(norm)
                    .candidatesPerModel(3).build().fit(train());
            Recommendations a = alone.topN(100, 3);
            Recommendations b = withFlat.topN(100, 3);
            assertArrayEquals(a.itemIds(), b.itemIds(), norm.toString());
            for (int k = 0; k < a.size(); k++) {
                assertEquals(a.get(k).score(), b.get(k).score(), EPS, norm.toString());
            }
        }
        // X alone under min-max: 2 -> 1, 3 -> 0.5, 4 -> 0 (no NaN from 0/0 with the flat model)
        HybridRecommender h = HybridRecommender.builder().add(flat, 1).normalization(Normalization.MIN_MAX)
                .build().fit(train());
        for (ScoredItem s : h.topN(100, 5)) {
            assertEquals(0.0, s.score());
        }
    }

    @Test
    void aSingleMemberHybridRanksLikeTheMember() {
        Random rnd = new Random(3);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (long u = 0; u < 20; u++) {
            for (long i = 0; i < 40; i++) {
                if (rnd.nextInt(6) == 0) {
                    b.add(u, i, 1 + rnd.nextInt(5));
                }
            }
        }
        RatingMatrix m = b.build();
        double[][] table = new double[m.userCount()][m.itemCount()];
        for (double[] row : table) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rnd.nextGaussian();
            }
        }
        TableAlgorithm t = new TableAlgorithm("T", table);
        var member = t.fit(m);
        for (Normalization norm : Normalization.values()) {
            HybridRecommender h = HybridRecommender.builder().add(t, 0.7).normalization(norm).candidatesPerModel(15)
                    .build().fit(m);
            for (int u = 0; u < m.userCount(); u++) {
                long id = m.users().idAt(u);
                assertArrayEquals(member.topN(id, 10).itemIds(), h.topN(id, 10).itemIds());
            }
        }
    }

    @Test
    void usersBelowTheThresholdAreServedByTheFallbackChain() {
        HybridRecommender h = HybridRecommender.builder().add(x(), 2).add(y(), 1).normalization(Normalization.MIN_MAX)
                .candidatesPerModel(3).switching(2, content(), popularity()).build().fit(train());
        // user 100 has 1 < 2 interactions: C serves: 6 (10), then 4 and 5 (0) by index
        Recommendations few = h.topN(100, 2);
        assertEquals("Hybrid fallback (1 < 2 interactions): C", few.source());
        assertArrayEquals(new long[] {6, 4}, few.itemIds());
        // user 300 has 3 >= 2: blend. X: 1 (3), 2 (2), 3 (1) -> 1, 0.5, 0; Y: 3 (3), 2 (2), 1 (1) -> 1, 0.5, 0
        // b = 2X + Y: 1 -> 2, 2 -> 1.5, 3 -> 1
        Recommendations enough = h.topN(300, 3);
        assertEquals("Hybrid(min-max: X*2.00 + Y*1.00)", enough.source());
        assertArrayEquals(new long[] {1, 2, 3}, enough.itemIds());
        // unknown user: C is skipped (it does not know the user), the last chain model serves; P's own
        // unknown-user path is training popularity: every item once -> ties by id: 1, 2
        Recommendations unknown = h.topN(999, 2);
        assertEquals("Hybrid fallback (0 < 2 interactions): Popularity (unknown user)", unknown.source());
        assertArrayEquals(new long[] {1, 2}, unknown.itemIds());
        // C cannot score item 3 (NaN) for user 100, so P serves the allow-listed item
        Recommendations next = h.topN(100, 5, ItemFilter.allowOnly(3));
        assertEquals("Hybrid fallback (1 < 2 interactions): P", next.source());
        assertArrayEquals(new long[] {3}, next.itemIds());
        // nothing passes the filter anywhere: the blend answers, empty
        Recommendations none = h.topN(100, 5, ItemFilter.allowOnly(12345));
        assertTrue(none.isEmpty());
        assertEquals("Hybrid(min-max: X*2.00 + Y*1.00)", none.source());
    }

    @Test
    void theThresholdIsStrict() {
        // user 300 has exactly 3 interactions: served by the blend at m = 3, by the chain at m = 4
        assertTrue(HybridRecommender.builder().add(x(), 1).switching(3, content()).build().fit(train())
                .topN(300, 2).source().startsWith("Hybrid(z-score"));
        Recommendations r = HybridRecommender.builder().add(x(), 1).switching(4, content()).build().fit(train())
                .topN(300, 2);
        assertEquals("Hybrid fallback (3 < 4 interactions): C", r.source());
        assertArrayEquals(new long[] {1, 2}, r.itemIds());
    }

    @Test
    void newProductsOfAContentMemberReachTheBlend() {
        // the content model's universe has item 50 (features, no ratings); popularity's does not
        var content = ContentBasedRecommender.builder().features(ContentBasedRecommenderTest.features()).build();
        HybridRecommender h = HybridRecommender.builder().add(content, 1).add(PopularityRecommender.builder().build(), 1)
                .normalization(Normalization.MIN_MAX).build().fit(ContentBasedRecommenderTest.ratings());
        // user 1 has 10, 20, 30, 60. Content lists 50 (0.085), 40 (-0.120) -> 1, 0; popularity lists
        // only 40 (count 1) -> constant, contributes 0. b(50) = 1, b(40) = 0.
        Recommendations r = h.topN(1, 5);
        assertArrayEquals(new long[] {50, 40}, r.itemIds());
        assertScores(r, 1, 0);
    }

    @Test
    void aMemberWithWeightZeroIsNotQueried() {
        Algorithm failing = (train, progress) -> new Recommender() {
            @Override
            public Recommendations topN(long userId, int n, ItemFilter filter) {
                throw new AssertionError("a weight-0 member was queried");
            }

            @Override
            public double predict(long userId, long itemId) {
                return Double.NaN;
            }
        };
        HybridRecommender h = HybridRecommender.builder().add(x(), 1).add(failing, 0).candidatesPerModel(3).build()
                .fit(train());
        assertArrayEquals(new long[] {2, 3, 4}, h.topN(100, 3).itemIds());
    }

    @Test
    void sessionsAreBlendedBySessionCapableMembers() {
        var content = ContentBasedRecommender.builder().features(ContentBasedRecommenderTest.features()).build();
        var popularity = PopularityRecommender.builder().build();
        RatingMatrix train = ContentBasedRecommenderTest.ratings();
        long[] session = {20, 30};
        float[] weights = {3, 1};
        HybridRecommender h = HybridRecommender.builder().add(content, 1).add(popularity, 1)
                .normalization(Normalization.MIN_MAX).build().fit(train);
        // content (see ContentBasedRecommenderTest): 50 (2R/|p|), 10 (1.5R/|p|), 40 (0.5R/|p|) -> 1, 2/3, 0
        // popularity without the session's items: 60 (3), 10 (2), 40 (1) -> 1, 1/2, 0
        // b: 10 -> 2/3 + 1/2 = 7/6, 50 -> 1, 60 -> 1 (tie, lower id first), 40 -> 0
        Recommendations r = h.topNForSession(session, weights, 5, ItemFilter.excludeSeen());
        assertEquals("Hybrid session(min-max: ContentBased*1.00 + Popularity(count)*1.00)", r.source());
        assertArrayEquals(new long[] {10, 50, 60, 40}, r.itemIds());
        assertScores(r, 7 / 6.0, 1, 1, 0);

        // a member that cannot serve sessions is skipped: only the content list counts
        Recommendations contentOnly = HybridRecommender.builder().add(content, 1).add(x(), 1)
                .normalization(Normalization.MIN_MAX).build().fit(train)
                .topNForSession(session, weights, 5, ItemFilter.excludeSeen());
        assertArrayEquals(new long[] {50, 10, 40}, contentOnly.itemIds());
        assertScores(contentOnly, 1, 2 / 3.0, 0);

        // two session items < 3: the chain serves
        Recommendations switched = HybridRecommender.builder().add(content, 1).switching(3, content, popularity)
                .build().fit(train).topNForSession(session, weights, 2, ItemFilter.excludeSeen());
        assertEquals("Hybrid session fallback (2 < 3 interactions): ContentBased (session)", switched.source());
        assertArrayEquals(new long[] {50, 10}, switched.itemIds());

        assertEquals("itemIds and weights differ in length: 2 vs 1", assertThrows(IllegalArgumentException.class,
                () -> h.topNForSession(session, new float[] {1}, 5, ItemFilter.excludeSeen())).getMessage());
    }

    @Test
    void unknownUsersNeverThrow() {
        HybridRecommender h = HybridRecommender.builder().add(x(), 1).add(y(), 1).build().fit(train());
        Recommendations r = h.topN(-5, 3);
        assertEquals("Hybrid(z-score: X*1.00 + Y*1.00) (unknown user)", r.source());
        assertEquals(3, r.size());
        assertTrue(Double.isNaN(h.predict(-5, 1)));
        assertEquals(0, h.topN(100, 0).size());
    }

    @Test
    void predictionIsTheWeightedMeanOfMembersOrTheServingChainModel() {
        HybridRecommender blend = HybridRecommender.builder().add(x(), 2).add(y(), 1).build().fit(train());
        assertEquals((2 * 5 + 1 * 1) / 3.0, blend.predict(100, 2), EPS);
        HybridRecommender switching = HybridRecommender.builder().add(x(), 2).add(y(), 1)
                .switching(2, content(), popularity()).build().fit(train());
        assertEquals(10, switching.predict(100, 6), EPS);    // C can predict
        assertEquals(2, switching.predict(100, 2), EPS);     // C gives NaN, P gives 2
        assertEquals((2 * 2 + 1 * 2) / 3.0, switching.predict(300, 2), EPS);
    }

    @Test
    void fitsEachAlgorithmOnceAndReportsProgressPerMember() {
        TableAlgorithm x = x();
        TableAlgorithm c = content();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        HybridRecommender h = HybridRecommender.builder().add(x, 1).add(c, 1).switching(2, c, popularity()).build()
                .fit(train(), (stage, done, total, message) -> events.add(stage + " " + done + "/" + total
                        + " " + message));
        assertEquals(1, x.fits.get());
        assertEquals(1, c.fits.get(), "C is in the blend and in the chain: fitted once");
        assertEquals(List.of("Hybrid 0/3 fitting X", "X: table 1/1 ", "Hybrid 1/3 fitted X",
                "Hybrid 1/3 fitting C", "C: table 1/1 ", "Hybrid 2/3 fitted C",
                "Hybrid 2/3 fitting P", "P: table 1/1 ", "Hybrid 3/3 fitted P"), events);
        assertEquals(2, h.members().size());
        assertEquals(2, h.fallbackChain().size());
        assertEquals("Hybrid(X + C)", HybridRecommender.builder().add(x, 1).add(c, 1).build().name());
    }

    @Test
    void concurrentQueriesAgreeWithSingleThreaded() throws Exception {
        HybridRecommender h = HybridRecommender.builder().add(x(), 2).add(y(), 1).candidatesPerModel(4)
                .switching(2, content(), popularity()).build().fit(train());
        long[] users = {100, 300, 999};
        List<Recommendations> expected = new ArrayList<>();
        for (long u : users) {
            expected.add(h.topN(u, 4));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(pool.submit(() -> {
                    for (int rep = 0; rep < 300; rep++) {
                        for (int k = 0; k < users.length; k++) {
                            Recommendations r = h.topN(users[k], 4);
                            if (!expected.get(k).equals(r) || !expected.get(k).source().equals(r.source())) {
                                return false;
                            }
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
    void badSettingsAreRejectedWithAClearMessage() {
        assertEquals("a hybrid needs at least one member: call add(algorithm, weight)",
                message(HybridRecommender.builder()));
        assertEquals("weight of member 1 (Y) must be finite and >= 0, got -1.0",
                message(HybridRecommender.builder().add(x(), 1).add(y(), -1)));
        assertEquals("weight of member 0 (X) must be finite and >= 0, got NaN",
                message(HybridRecommender.builder().add(x(), NaN)));
        assertEquals("weight of member 0 (X) must be finite and >= 0, got Infinity",
                message(HybridRecommender.builder().add(x(), Double.POSITIVE_INFINITY)));
        assertEquals("at least one member weight must be > 0, all are 0",
                message(HybridRecommender.builder().add(x(), 0)));
        assertEquals("member 0 is null", message(HybridRecommender.builder().add(null, 1)));
        assertEquals("candidatesPerModel must be >= 1, got 0",
                message(HybridRecommender.builder().add(x(), 1).candidatesPerModel(0)));
        assertEquals("minInteractions must be >= 0, got -2",
                message(HybridRecommender.builder().add(x(), 1).switching(-2, content())));
        assertEquals("minInteractions is 3 but the fallback chain is empty: pass at least one algorithm to "
                + "switching(m, ...)", message(HybridRecommender.builder().add(x(), 1).switching(3)));
        assertEquals("fallback chain model 1 is null",
                message(HybridRecommender.builder().add(x(), 1).switching(3, content(), null)));
        assertEquals("normalization must not be null; use Z_SCORE or MIN_MAX",
                message(HybridRecommender.builder().add(x(), 1).normalization(null)));
        HybridRecommender h = HybridRecommender.builder().add(x(), 1).build().fit(train());
        assertEquals("n must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> h.topN(100, -1)).getMessage());
    }

    private static String message(HybridRecommender.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
