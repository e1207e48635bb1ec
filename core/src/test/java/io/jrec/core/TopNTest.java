package io.jrec.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopNTest {

    /** The reference: sort all non-NaN entries by score descending, then index ascending; take n. */
    private static List<Integer> fullSort(float[] scores, int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (!Float.isNaN(scores[i])) {
                all.add(i);
            }
        }
        all.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        return all.subList(0, Math.min(n, all.size()));
    }

    /** Random scores with NaN, infinities and few distinct values (many ties). */
    private static float[] randomScores(Random random, int size) {
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(10);
            scores[i] = kind == 0 ? Float.NaN
                    : kind == 1 ? Float.NEGATIVE_INFINITY
                    : kind == 2 ? Float.POSITIVE_INFINITY
                    : random.nextInt(6) - 2;
        }
        return scores;
    }

    private static void assertDrainsAsFullSort(TopN top, float[] scores, int n, String what) {
        int[] idx = new int[n];
        double[] sc = new double[n];
        int got = top.drainTo(idx, sc);
        List<Integer> want = fullSort(scores, n);
        assertEquals(want.size(), got, what);
        for (int k = 0; k < got; k++) {
            assertEquals(want.get(k), idx[k], what + " rank " + k);
            assertEquals(scores[idx[k]], sc[k]);
        }
        assertEquals(0, top.size(), "drained");
    }

    @Test
    void agreesWithFullSortOnRandomInputWithTiesAndNaN() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int size = random.nextInt(60);
            float[] scores = randomScores(random, size);
            int n = random.nextInt(size + 5);
            TopN top = new TopN(n);
            // Offer in a random order: the result must not depend on it.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, random);
            double lowest = Double.POSITIVE_INFINITY;
            for (int i : order) {
                boolean would = top.wouldAccept(i, scores[i]);
                assertEquals(would, top.offer(i, scores[i]));
                if (!Float.isNaN(scores[i])) {
                    lowest = Math.min(lowest, scores[i]);
                }
                if (top.size() == 0) {
                    assertTrue(Double.isNaN(top.worstScore()), "empty: NaN");
                } else {   // the lowest kept score: at least the lowest offered, and every better offer beats it
                    assertTrue(top.worstScore() >= lowest);
                    assertFalse(top.size() == n && top.wouldAccept(size, top.worstScore() - 1));
                }
            }
            if (top.size() > 0) {
                List<Integer> expected = fullSort(scores, n);
                assertEquals(scores[expected.get(expected.size() - 1)], top.worstScore(), "trial " + trial);
            }
            assertDrainsAsFullSort(top, scores, n, "trial " + trial);
        }
    }

    @Test
    void offerAllAgreesWithFullSort() {
        Random random = new Random(12);
        for (int trial = 0; trial < 2000; trial++) {
            float[] scores = randomScores(random, random.nextInt(200));
            int n = random.nextInt(12);
            TopN top = new TopN(n);
            top.offerAll(scores);
            assertDrainsAsFullSort(top, scores, n, "trial " + trial);
        }
    }

    @Test
    void handCase() {
        TopN top = new TopN(3);
        float[] s = {1, 5, 5, Float.NaN, 2, 5, 7};
        for (int i = 0; i < s.length; i++) {
            top.offer(i, s[i]);
        }
        // 7 (index 6), then the three 5s by index: 1, 2 (5 is dropped)
        int[] idx = new int[3];
        double[] sc = new double[3];
        assertEquals(3, top.drainTo(idx, sc));
        assertEquals(List.of(6, 1, 2), List.of(idx[0], idx[1], idx[2]));
        assertEquals(List.of(7.0, 5.0, 5.0), List.of(sc[0], sc[1], sc[2]));
    }

    @Test
    void capacityZeroAndReuse() {
        TopN none = new TopN(0);
        assertFalse(none.offer(1, 10));
        assertFalse(none.wouldAccept(1, 10));
        assertEquals(0, none.size());
        TopN top = new TopN(2);
        top.offer(1, 1);
        top.clear();
        assertEquals(0, top.size());
        assertFalse(top.offer(2, Double.NaN));
        assertTrue(top.offer(3, 0));
        assertEquals(2, top.capacity());
        assertEquals("capacity must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new TopN(-1)).getMessage());
    }

    @Test
    void drainMapsIndicesToIds() {
        TopN top = new TopN(2);
        top.offer(0, 1);
        top.offer(1, 3);
        top.offer(2, 2);
        Recommendations r = top.drain(IdIndex.of(100, 200, 300), "test");
        assertEquals(List.of(new ScoredItem(200, 3), new ScoredItem(300, 2)), r);
        assertEquals("test", r.source());
    }
}
