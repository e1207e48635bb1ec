package io.jrec.core.eval;

import io.jrec.core.RatingMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {
    private static final double EPS = 1e-12;

    private static RankedList list(long... items) {
        return new RankedList(1, items, new double[items.length], new double[] {1});
    }

    /** Four users; item 10 rated by 2 users, item 20 by 1, item 30 by all 4; item 40 by nobody. */
    private static RatingMatrix train() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1, 10, 5).add(2, 10, 3)
                .add(3, 20, 4)
                .add(1, 30, 1).add(2, 30, 2).add(3, 30, 3).add(4, 30, 4)
                .add(4, 40, 2)
                .build();
        // drop the single rating of item 40, keeping the item in the index with no ratings
        java.util.BitSet keep = new java.util.BitSet();
        keep.set(0, m.size());
        keep.clear(m.byUser().position(m.users().indexOf(4), m.items().indexOf(40)));
        return m.select(keep);
    }

    @Test
    void errorMetricsByHand() {
        double[] errors = {1, -2, Double.NaN, 3};   // NaN = unpredictable, left out
        assertEquals(Math.sqrt((1 + 4 + 9) / 3.0), Metrics.rmse().evaluate(errors), EPS);
        assertEquals((1 + 2 + 3) / 3.0, Metrics.mae().evaluate(errors), EPS);
        assertTrue(Double.isNaN(Metrics.rmse().evaluate(new double[] {Double.NaN})));
        assertTrue(Double.isNaN(Metrics.mae().evaluate(new double[0])));
    }

    @Test
    void coverageByHand() {
        RatingMatrix train = train();                 // 4 items in the index
        List<RankedList> lists = List.of(list(10, 20), list(20, 30));
        assertEquals(2 / 4.0, Metrics.coverage(1).evaluate(lists, train), EPS);   // {10, 20}
        assertEquals(3 / 4.0, Metrics.coverage(2).evaluate(lists, train), EPS);   // {10, 20, 30}
        assertTrue(Double.isNaN(Metrics.coverage(2).evaluate(List.of(), train)));
    }

    @Test
    void noveltyByHand() {
        RatingMatrix train = train();                 // 4 users with ratings
        // user A: -log2(2/4) = 1 for item 10, -log2(1/4) = 2 for item 20 -> 1.5
        // user B: -log2(4/4) = 0 for item 30
        // user C: item 40 has no training rating, counts as rated once: -log2(1/4) = 2
        // user D: empty list, left out
        List<RankedList> lists = List.of(list(10, 20), list(30), list(40), list());
        assertEquals((1.5 + 0 + 2) / 3, Metrics.novelty(10).evaluate(lists, train), EPS);
        // @1 only the first item counts: (1 + 0 + 2) / 3
        assertEquals(1.0, Metrics.novelty(1).evaluate(lists, train), EPS);
    }

    @Test
    void diversityByHand() {
        ItemSimilarity sameParity = (a, b) -> (a % 2) == (b % 2) ? 1 : 0;
        // list 1, 2, 3: pairs (1,2) -> 1, (1,3) -> 0, (2,3) -> 1: mean 2/3
        // list 2, 4: (2,4) -> 0
        // list 5: fewer than two items, left out
        List<RankedList> lists = List.of(list(1, 2, 3), list(2, 4), list(5));
        assertEquals((2.0 / 3 + 0) / 2, Metrics.diversity(10, sameParity).evaluate(lists, train()), EPS);
        // @2: (1,2) -> 1 and (2,4) -> 0
        assertEquals(0.5, Metrics.diversity(2, sameParity).evaluate(lists, train()), EPS);
    }

    @Test
    void perUserMetricsAverageOverUsers() {
        RankedList a = new RankedList(1, new long[] {1, 2}, new double[] {1, 0}, new double[] {1});
        RankedList b = new RankedList(2, new long[] {3, 4}, new double[] {0, 0}, new double[] {1, 1});
        // P@2: (1/2 + 0/2) / 2; Recall@2: (1/1 + 0/2) / 2; HitRate: (1 + 0) / 2; MRR: (1 + 0) / 2
        assertEquals(0.25, Metrics.precision(2).evaluate(List.of(a, b), train()), EPS);
        assertEquals(0.5, Metrics.recall(2).evaluate(List.of(a, b), train()), EPS);
        assertEquals(0.5, Metrics.hitRate(2).evaluate(List.of(a, b), train()), EPS);
        assertEquals(0.5, Metrics.mrr(2).evaluate(List.of(a, b), train()), EPS);
        assertEquals(0.5, Metrics.map(2).evaluate(List.of(a, b), train()), EPS);
        assertEquals(0.5, Metrics.ndcg(2).evaluate(List.of(a, b), train()), EPS);
        assertTrue(Double.isNaN(Metrics.ndcg(2).evaluate(List.of(), train())));
    }

    @Test
    void namesAndCutoffs() {
        assertEquals(List.of("Precision@10", "Recall@10", "NDCG@10", "MAP@10", "MRR@10", "HitRate@10",
                        "Coverage@10", "Novelty@10"),
                Metrics.ranking(10).stream().map(Metric::name).toList());
        assertEquals("gNDCG@5", Metrics.gradedNdcg(5).name());
        assertEquals("ILD@3", Metrics.diversity(3, (a, b) -> 0).name());
        assertEquals(3, Metrics.diversity(3, (a, b) -> 0).k());
        assertEquals("RMSE", Metrics.rmse().name());
        assertEquals("MAE", Metrics.mae().name());
    }

    @Test
    void badCutoffIsRejected() {
        assertEquals("cutoff k must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Metrics.ndcg(0)).getMessage());
        assertEquals("cutoff k must be >= 1, got -1",
                assertThrows(IllegalArgumentException.class, () -> Metrics.coverage(-1)).getMessage());
        assertThrows(NullPointerException.class, () -> Metrics.diversity(5, null));
    }

    @Test
    void relevanceAndCandidates() {
        Relevance r = Relevance.atLeast(4);
        assertTrue(r.isRelevant(4) && !r.isRelevant(3.5));
        assertEquals(5.0, r.gain(5), EPS);
        assertEquals(0.0, r.gain(3), EPS);
        assertEquals("test rating >= 4", r.toString());
        assertEquals("test rating >= 3.5", Relevance.atLeast(3.5).toString());
        Relevance any = Relevance.anyEvent();
        assertTrue(any.isRelevant(0.1) && any.isRelevant(-3));
        assertEquals(1.0, any.gain(7), EPS);
        assertEquals("relevance threshold must be a positive finite number (the rating is used as graded gain),"
                + " got 0.0", assertThrows(IllegalArgumentException.class, () -> Relevance.atLeast(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Relevance.atLeast(Double.NaN));
        assertEquals("all items not in the user's training row", Candidates.allUnseen().toString());
        assertEquals("the user's test items + 100 sampled unseen items (seed 7)",
                Candidates.sampled(100, 7).toString());
        assertEquals("number of sampled negatives must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Candidates.sampled(0, 1)).getMessage());
    }
}
