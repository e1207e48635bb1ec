package io.jrec.models.knn;

import io.jrec.core.Explanation;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import io.jrec.models.Fixtures;
import io.jrec.models.baseline.BaselinePredictor;
import io.jrec.models.internal.Baselines;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemKnnRecommenderTest {
    // items a = 1, b = 2, c = 3; users 1..3:  u1: a=5 b=3;  u2: a=4 b=4 c=2;  u3: b=1 c=5
    // item columns over (u1, u2, u3): a = (5, 4, 0), b = (3, 4, 1), c = (0, 2, 5)
    static final RatingMatrix TINY = RatingMatrix.builder()
            .add(1, 1, 5).add(1, 2, 3)
            .add(2, 1, 4).add(2, 2, 4).add(2, 3, 2)
            .add(3, 2, 1).add(3, 3, 5).build();
    static final double SIM_AB = (5 * 3 + 4 * 4) / Math.sqrt((25 + 16) * (9 + 16 + 1));  // 31/sqrt(1066) = 0.9495
    static final double SIM_AC = (4 * 2) / Math.sqrt((25 + 16) * (4 + 25));               // 8/sqrt(1189)  = 0.2320
    static final double SIM_BC = (4 * 2 + 1 * 5) / Math.sqrt((9 + 16 + 1) * (4 + 25));    // 13/sqrt(754)  = 0.4734
    static final double EPS = 1e-5;

    private static ItemKnnRecommender.Builder cosine(int k) {
        return ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(k);
    }

    @Test
    void plainWeightedAverage() {
        ItemKnnRecommender knn = cosine(2).centering(Centering.NONE).build().fit(TINY);
        // u1 rated a = 5 and b = 3, both neighbours of c
        assertEquals((SIM_AC * 5 + SIM_BC * 3) / (SIM_AC + SIM_BC), knn.predict(1, 3), EPS);
        // k = 1 keeps the most similar of them, b (0.4734 > 0.2320)
        assertEquals(3, cosine(1).centering(Centering.NONE).build().fit(TINY).predict(1, 3), EPS);
    }

    @Test
    void meanCentredAverage() {
        ItemKnnRecommender knn = cosine(2).centering(Centering.MEAN).build().fit(TINY);
        double meanA = (5 + 4) / 2.0;
        double meanB = (3 + 4 + 1) / 3.0;
        double meanC = (2 + 5) / 2.0;
        double expected = meanC + (SIM_AC * (5 - meanA) + SIM_BC * (3 - meanB)) / (SIM_AC + SIM_BC);
        assertEquals(expected, knn.predict(1, 3), EPS);
    }

    @Test
    void baselineCentredAverage() {
        ItemKnnRecommender knn = cosine(2).baselineRegularization(1, 2).build().fit(TINY);
        BaselinePredictor b = BaselinePredictor.builder().lambdaItem(1).lambdaUser(2).build().fit(TINY);
        double expected = b.predict(1, 3)
                + (SIM_AC * (5 - b.predict(1, 1)) + SIM_BC * (3 - b.predict(1, 2))) / (SIM_AC + SIM_BC);
        assertEquals(expected, knn.predict(1, 3), EPS);
    }

    @Test
    void noNeighbourFallsBackToTheCentreOrNaN() {
        // minSimilarity 0.99 is above every similarity: c has no neighbour at all
        assertTrue(Double.isNaN(cosine(2).centering(Centering.NONE).minSimilarity(0.99).build().fit(TINY).predict(1, 3)));
        assertEquals((2 + 5) / 2.0, cosine(2).centering(Centering.MEAN).minSimilarity(0.99).build().fit(TINY).predict(1, 3), EPS);
        assertTrue(Double.isNaN(cosine(2).build().fit(TINY).predict(1, 42)));
        assertTrue(Double.isNaN(cosine(2).build().fit(TINY).predict(42, 3)));
    }

    @Test
    void minSimilarityAndShrinkageChangeTheWeights() {
        // minSimilarity 0.3 drops a (0.2320) from c's neighbours: only b = 3 remains
        assertEquals(3, cosine(2).centering(Centering.NONE).minSimilarity(0.3).build().fit(TINY).predict(1, 3), EPS);
        // shrinkage 1: sim * n / (n + 1) with co-raters n(a, c) = 1 (u2), n(b, c) = 2 (u2, u3)
        double sac = SIM_AC * 1 / 2.0;
        double sbc = SIM_BC * 2 / 3.0;
        assertEquals((sac * 5 + sbc * 3) / (sac + sbc),
                cosine(2).centering(Centering.NONE).shrinkage(1).build().fit(TINY).predict(1, 3), EPS);
    }

    @Test
    void topNSumsSimilarityTimesRating() {
        // u1 has a and b; the only candidate is c with N_2(c) = {b, a}: score = 0.2320 * 5 + 0.4734 * 3
        Recommendations top = cosine(2).build().fit(TINY).topN(1, 5);
        assertArrayEquals(new long[] {3}, top.itemIds());
        assertEquals(SIM_AC * 5 + SIM_BC * 3, top.get(0).score(), EPS);
        // k = 1: N_1(c) = {b}
        assertEquals(SIM_BC * 3, cosine(1).build().fit(TINY).topN(1, 5).get(0).score(), EPS);
        // implicit: similarities only
        assertEquals(SIM_AC + SIM_BC, cosine(2).implicit(true).build().fit(TINY).topN(1, 5).get(0).score(), EPS);
    }

    @Test
    void explanationSumsToTheTopNScore() {
        ItemKnnRecommender knn = cosine(2).build().fit(TINY);
        Explanation e = knn.explain(1, 3);
        assertEquals(knn.topN(1, 1).get(0).score(), e.score(), EPS);
        assertEquals(2, e.contributions().size());
        assertEquals(2, e.contributions().get(0).itemId());            // b: 0.4734 * 3 = 1.420 > a: 0.2320 * 5 = 1.160
        assertEquals(SIM_BC * 3, e.contributions().get(0).weight(), EPS);
        assertEquals(1, e.contributions().get(1).itemId());
        assertEquals(SIM_AC * 5, e.contributions().get(1).weight(), EPS);
        assertTrue(Double.isNaN(knn.explain(42, 3).score()));
        assertTrue(knn.explain(1, 42).contributions().isEmpty());
    }

    @Test
    void explanationsSumToScoresOnRandomData() {
        RatingMatrix m = random(40, 30, 300, 11);
        ItemKnnRecommender knn = cosine(5).build().fit(m);
        for (long userId : m.users().toArray()) {
            for (ScoredItem s : knn.topN(userId, 5)) {
                Explanation e = knn.explain(userId, s.itemId());
                double sum = 0;
                for (Explanation.Contribution c : e.contributions()) {
                    sum += c.weight();
                }
                assertEquals(s.score(), sum, 1e-4);
                assertEquals(s.score(), e.score(), 1e-4);
            }
        }
    }

    @Test
    void scoresOfExactlyZeroAreNotCandidatesButNegativeScoresAre() {
        ItemKnnRecommender knn = cosine(2).build().fit(TINY);
        float simCa = (float) knn.similarItems(3, 2).get(1).score();
        float simCb = (float) knn.similarItems(3, 2).get(0).score();
        assertEquals(SIM_AC, simCa, EPS);
        // session {a: simCb, b: -simCa}: c scores simCb * simCa - simCa * simCb = 0 exactly;
        // b scores simCb * SIM_AB > 0 and a scores -simCa * SIM_AB < 0
        Recommendations s = knn.topNForSession(new long[] {1, 2}, new float[] {simCb, -simCa}, 5, ItemFilter.none());
        assertArrayEquals(new long[] {2, 1}, s.itemIds());
        assertTrue(s.get(1).score() < 0);
    }

    @Test
    void sessionsAndSimilarItems() {
        ItemKnnRecommender knn = cosine(2).build().fit(TINY);
        // session {a with weight 2}: b scores 2 * 0.9495, c scores 2 * 0.2320; a itself is excluded
        Recommendations s = knn.topNForSession(new long[] {1, 77}, new float[] {2, 9}, 5, ItemFilter.excludeSeen());
        assertArrayEquals(new long[] {2, 3}, s.itemIds());
        assertEquals(2 * SIM_AB, s.get(0).score(), EPS);
        assertEquals(2 * SIM_AC, s.get(1).score(), EPS);
        assertTrue(knn.topNForSession(new long[] {77}, new float[] {1}, 5, ItemFilter.excludeSeen()).isEmpty());

        Recommendations similar = knn.similarItems(1, 5);
        assertArrayEquals(new long[] {2, 3}, similar.itemIds());
        assertEquals(SIM_AB, similar.get(0).score(), EPS);
        assertArrayEquals(new long[] {2}, knn.similarItems(1, 1).itemIds());
        assertTrue(knn.similarItems(42, 5).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> knn.similarItems(1, -1));
        assertEquals("n must be >= 0, got -1", e.getMessage());
    }

    @Test
    void matchesABruteForceReferenceOnRandomData() {
        RatingMatrix m = random(30, 25, 250, 5);
        int k = 4;
        ItemKnnRecommender knn = cosine(k).build().fit(m);
        ItemKnnRecommender plain = cosine(k).centering(Centering.NONE).build().fit(m);
        Similarity cos = Similarity.cosine();
        for (int u = 0; u < m.userCount(); u++) {
            for (int i = 0; i < m.itemCount(); i++) {
                // N_k(i): the k most similar items, positive similarity only
                List<Integer> order = new ArrayList<>();
                for (int j = 0; j < m.itemCount(); j++) {
                    if (j != i && cos.between(m.itemColumn(i), m.itemColumn(j)) > 0) {
                        order.add(j);
                    }
                }
                final int fi = i;
                order.sort((x, y) -> Double.compare(cos.between(m.itemColumn(fi), m.itemColumn(y)),
                        cos.between(m.itemColumn(fi), m.itemColumn(x))));
                double score = 0;
                boolean any = false;
                for (int j : order.subList(0, Math.min(k, order.size()))) {
                    if (m.userRow(u).contains(j)) {
                        score += cos.between(m.itemColumn(i), m.itemColumn(j)) * m.get(u, j);
                        any = true;
                    }
                }
                // S_k(i;u): the k most similar items u rated
                double num = 0;
                double den = 0;
                int found = 0;
                for (int j : order) {
                    if (found < k && m.userRow(u).contains(j)) {
                        double s = cos.between(m.itemColumn(i), m.itemColumn(j));
                        num += s * m.get(u, j);
                        den += s;
                        found++;
                    }
                }
                long userId = m.users().idAt(u);
                long itemId = m.items().idAt(i);
                ItemFilter all = ItemFilter.builder().excludeSeen(false).allow(itemId).build();
                Recommendations one = knn.topN(userId, 1, all);
                if (any) {
                    assertEquals(score, one.get(0).score(), 1e-4, "score of user " + u + ", item " + i);
                } else {
                    assertTrue(one.isEmpty());
                }
                double predicted = plain.predict(userId, itemId);
                if (found == 0) {
                    assertTrue(Double.isNaN(predicted));
                } else {
                    assertEquals(num / den, predicted, 1e-4, "prediction for user " + u + ", item " + i);
                }
            }
        }
    }

    @Test
    void threadsDoNotChangeTheModel() {
        RatingMatrix m = random(60, 40, 800, 3);
        ItemKnnRecommender one = cosine(5).build().fit(m);
        ItemKnnRecommender three = cosine(5).threads(3).build().fit(m);
        for (long userId : m.users().toArray()) {
            assertEquals(List.copyOf(one.topN(userId, 10)), List.copyOf(three.topN(userId, 10)));
            for (long itemId : m.items().toArray()) {
                assertEquals(one.predict(userId, itemId), three.predict(userId, itemId));
            }
        }
    }

    @Test
    void eachSettingChangesTheOutput() {
        RatingMatrix m = random(60, 40, 800, 3);
        ItemKnnRecommender base = cosine(5).build().fit(m);
        assertNotEquals(predictions(base, m), predictions(cosine(5).similarity(Similarity.pearson()).build().fit(m), m));
        assertNotEquals(predictions(base, m), predictions(cosine(3).build().fit(m), m));
        assertNotEquals(predictions(base, m), predictions(cosine(5).modelSize(5).build().fit(m), m));
        assertNotEquals(predictions(base, m), predictions(cosine(5).minSimilarity(0.3).build().fit(m), m));
        assertNotEquals(predictions(base, m), predictions(cosine(5).shrinkage(5).build().fit(m), m));
        assertNotEquals(predictions(base, m), predictions(cosine(5).centering(Centering.MEAN).build().fit(m), m));
        assertNotEquals(predictions(base, m), predictions(cosine(5).baselineRegularization(0, 0).build().fit(m), m));
        assertNotEquals(topLists(base, m), topLists(cosine(5).implicit(true).build().fit(m), m));
    }

    @Test
    void emptyTrainingDataGivesAnEmptyModel() {
        RatingMatrix empty = RatingMatrix.builder().build();
        ItemKnnRecommender knn = cosine(5).build().fit(empty);
        assertTrue(knn.topN(1, 5).isEmpty());
        assertTrue(Double.isNaN(knn.predict(1, 2)));
        assertTrue(knn.similarItems(2, 5).isEmpty());
        assertTrue(UserKnnRecommender.builder().build().fit(empty).topN(1, 5).isEmpty());
    }

    @Test
    void builderRejectsBadSettings() {
        assertMessage("neighbors must be >= 1, got 0", () -> cosine(0).build());
        assertMessage("modelSize must be >= neighbors (5), got 4", () -> cosine(5).modelSize(4).build());
        assertMessage("minSimilarity must be a finite number >= 0, got -0.1", () -> cosine(5).minSimilarity(-0.1).build());
        assertMessage("shrinkage must be a finite number >= 0, got NaN", () -> cosine(5).shrinkage(Double.NaN).build());
        assertMessage("threads must be >= 1, got 0", () -> cosine(5).threads(0).build());
        assertMessage("similarity must not be null; use e.g. Similarity.cosine()", () -> cosine(5).similarity(null).build());
        assertMessage("centering must not be null; use Centering.NONE, MEAN or BASELINE", () -> cosine(5).centering(null).build());
        assertMessage("lambdaUser must be a finite number >= 0, got -1.0", () -> cosine(5).baselineRegularization(1, -1).build());
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    static List<Double> predictions(io.jrec.core.Recommender r, RatingMatrix m) {
        List<Double> out = new ArrayList<>();
        for (long userId : m.users().toArray()) {
            for (long itemId : m.items().toArray()) {
                out.add(r.predict(userId, itemId));
            }
        }
        return out;
    }

    static List<List<ScoredItem>> topLists(io.jrec.core.Recommender r, RatingMatrix m) {
        List<List<ScoredItem>> out = new ArrayList<>();
        for (long userId : m.users().toArray()) {
            out.add(List.copyOf(r.topN(userId, 5)));
        }
        return out;
    }

    /** Random ratings with continuous values (so that similarities do not tie). */
    static RatingMatrix random(int users, int items, int ratings, long seed) {
        Random rnd = new Random(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int k = 0; k < ratings; k++) {
            b.add(rnd.nextInt(users), rnd.nextInt(items), 1 + 4 * rnd.nextDouble());
        }
        return b.build();
    }

    /** Item- and user-KNN with baseline centring use exactly the converged biases of {@link BaselinePredictor}. */
    @Test
    void baselineCentredKnnUsesTheConvergedBaselines() {
        RatingMatrix m = Fixtures.random30x20();
        BaselinePredictor predictor = BaselinePredictor.builder().lambdaItem(2).lambdaUser(3).build().fit(m);
        Baselines converged = Baselines.fit(m, 2, 3);
        Baselines item = ItemKnnRecommender.builder().centering(Centering.BASELINE).baselineRegularization(2, 3)
                .build().fit(m).baselines;
        Baselines user = UserKnnRecommender.builder().centering(Centering.BASELINE).baselineRegularization(2, 3)
                .build().fit(m).baselines;
        for (Baselines other : new Baselines[] {item, user}) {
            assertEquals(converged.rounds(), other.rounds());
            for (int u = 0; u < m.userCount(); u++) {
                assertEquals(predictor.userBias(m.users().idAt(u)), other.userBias(u), 0);
            }
            for (int i = 0; i < m.itemCount(); i++) {
                assertEquals(predictor.itemBias(m.items().idAt(i)), other.itemBias(i), 0);
            }
        }
    }
}
