package io.jrec.core.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankedListTest {
    private static final double EPS = 1e-12;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);   // 1.5849625007211562

    /** Items 1..5 recommended; 1 and 3 are relevant; the user has a third relevant item (9) not listed. */
    private static RankedList binaryExample() {
        return new RankedList(7, new long[] {1, 2, 3, 4, 5}, new double[] {1, 0, 1, 0, 0}, new double[] {1, 1, 1});
    }

    @Test
    void precisionRecallHitAndReciprocalRankByHand() {
        RankedList l = binaryExample();
        assertEquals(2.0 / 5, l.precision(5), EPS);      // 2 hits in the top 5
        assertEquals(2.0 / 3, l.recall(5), EPS);         // 2 of 3 relevant
        assertEquals(1.0 / 2, l.precision(2), EPS);      // item 1 only
        assertEquals(1.0 / 3, l.recall(2), EPS);
        assertEquals(1.0, l.reciprocalRank(5), EPS);     // first relevant at rank 1
        assertEquals(1.0, l.hit(1), EPS);
        RankedList late = new RankedList(7, new long[] {1, 2, 3}, new double[] {0, 0, 4}, new double[] {4});
        assertEquals(1.0 / 3, late.reciprocalRank(3), EPS);
        assertEquals(0.0, late.reciprocalRank(2), EPS);  // outside the cutoff
        assertEquals(0.0, late.hit(2), EPS);
    }

    @Test
    void ndcgByHand() {
        RankedList l = binaryExample();
        // DCG@5 = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5
        // IDCG over min(5, 3) = 3 ranks = 1 + 1/log2(3) + 1/log2(4) = 2.1309297535714575
        assertEquals(1.5 / (1 + 1 / LOG2_3 + 0.5), l.ndcg(5), EPS);
        assertEquals(0.7039180890341347, l.ndcg(5), 1e-12);
        // @2: DCG = 1; IDCG over min(2, 3) = 2 ranks = 1 + 1/log2(3)
        assertEquals(1 / (1 + 1 / LOG2_3), l.ndcg(2), EPS);
    }

    @Test
    void gradedNdcgByHand() {
        // ratings 5 and 4 listed at ranks 1 and 3; the unlisted relevant item was rated 4
        RankedList l = new RankedList(7, new long[] {1, 2, 3, 4, 5}, new double[] {5, 0, 4, 0, 0},
                new double[] {4, 5, 4});
        // DCG = 5/1 + 4/log2(4) = 7; IDCG = 5/1 + 4/log2(3) + 4/log2(4) = 5 + 2.5237190142858297 + 2
        assertEquals(7 / (5 + 4 / LOG2_3 + 2), l.gradedNdcg(5), EPS);
        assertEquals(0.735007, l.gradedNdcg(5), 1e-6);
        // binary NDCG of the same list ignores the grades
        assertEquals(binaryExample().ndcg(5), l.ndcg(5), EPS);
    }

    @Test
    void averagePrecisionByHand() {
        RankedList l = binaryExample();
        // relevant at ranks 1 and 3: (P@1 + P@3) / min(5, 3) = (1/1 + 2/3) / 3
        assertEquals((1 + 2.0 / 3) / 3, l.averagePrecision(5), EPS);
        // @2: only rank 1 counts, divided by min(2, 3) = 2
        assertEquals(1.0 / 2, l.averagePrecision(2), EPS);
    }

    @Test
    void cutoffLargerThanTheList() {
        RankedList l = new RankedList(1, new long[] {4}, new double[] {1}, new double[] {1});
        assertEquals(1.0 / 10, l.precision(10), EPS);    // missing slots are misses
        assertEquals(1.0, l.recall(10), EPS);
        assertEquals(1.0, l.ndcg(10), EPS);               // IDCG over min(10, 1) = 1 rank
        assertEquals(1.0, l.averagePrecision(10), EPS);   // 1/1 divided by min(10, 1)
        assertEquals(1.0, l.hit(10), EPS);
    }

    @Test
    void emptyList() {
        RankedList l = new RankedList(1, new long[0], new double[0], new double[] {5, 4});
        assertEquals(0.0, l.precision(10), EPS);
        assertEquals(0.0, l.recall(10), EPS);
        assertEquals(0.0, l.ndcg(10), EPS);
        assertEquals(0.0, l.averagePrecision(10), EPS);
        assertEquals(0.0, l.reciprocalRank(10), EPS);
        assertEquals(0.0, l.hit(10), EPS);
    }

    @Test
    void noRelevantItemsGiveNaNWhereTheDenominatorIsTheRelevantCount() {
        RankedList l = new RankedList(1, new long[] {1, 2}, new double[] {0, 0}, new double[0]);
        assertEquals(0.0, l.precision(2), EPS);
        assertTrue(Double.isNaN(l.recall(2)));
        assertTrue(Double.isNaN(l.ndcg(2)));
        assertTrue(Double.isNaN(l.gradedNdcg(2)));
        assertTrue(Double.isNaN(l.averagePrecision(2)));
        assertEquals(0.0, l.reciprocalRank(2), EPS);
    }

    @Test
    void allRelevantIsPerfect() {
        RankedList l = new RankedList(1, new long[] {1, 2, 3}, new double[] {5, 5, 5}, new double[] {5, 5, 5});
        for (int k = 1; k <= 4; k++) {
            assertEquals(1.0, l.ndcg(k), EPS);
            assertEquals(1.0, l.gradedNdcg(k), EPS);
            assertEquals(1.0, l.averagePrecision(k), EPS);
        }
    }

    @Test
    void badInputsAreRejectedWithMessages() {
        RankedList l = binaryExample();
        assertEquals("cutoff k must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> l.precision(0)).getMessage());
        assertEquals("2 items but 1 gains", assertThrows(IllegalArgumentException.class,
                () -> new RankedList(1, new long[] {1, 2}, new double[] {1}, new double[] {1})).getMessage());
        assertEquals("gains must be finite and >= 0, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> new RankedList(1, new long[] {1}, new double[] {-1}, new double[] {1})).getMessage());
        assertEquals("ideal gains must be finite and > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new RankedList(1, new long[] {1}, new double[] {0}, new double[] {0})).getMessage());
        assertEquals("the list holds 2 relevant items but only 1 ideal gains were given",
                assertThrows(IllegalArgumentException.class,
                        () -> new RankedList(1, new long[] {1, 2}, new double[] {1, 1}, new double[] {1})).getMessage());
    }
}
