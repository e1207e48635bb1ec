package io.jrec.similarity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TopKTest {

    @Test
    void handPickedOrderWithTiesNegativesAndSignedZero() {
        int[] ids = {9, 3, 7, 1, 4, 6};
        float[] sims = {0.5f, -0.25f, 0.5f, 1f, -0f, 0f};
        int[] outIds = new int[6];
        float[] outSims = new float[6];
        // best first: 1 (1.0), then the 0.5 tie by id: 7, 9; then the zeros tie (-0 == +0) by id: 4, 6; then 3
        assertEquals(6, new TopK(10, 6).select(6, ids, sims, outIds, outSims, 0));
        assertArrayEquals(new int[]{1, 7, 9, 4, 6, 3}, outIds);
        assertArrayEquals(new float[]{1f, 0.5f, 0.5f, 0f, 0f, -0.25f}, outSims);
        // k = 2 of 6 takes the histogram path
        assertEquals(2, new TopK(2, 6).select(6, ids, sims, outIds, outSims, 3));
        assertEquals(1, outIds[3]);
        assertEquals(7, outIds[4]);
    }

    @Test
    void equalsFullSortOnRandomCandidates() {
        Random random = new Random(29);
        for (int trial = 0; trial < 300; trial++) {
            int m = random.nextInt(400);
            int k = 1 + random.nextInt(60);
            int[] ids = new int[m];
            float[] sims = new float[m];
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                ids[j] = random.nextInt(1 << 30);
                // few distinct values make many ties; some land exactly on bucket edges
                sims[j] = random.nextBoolean() ? random.nextInt(9) / 4f - 1 : 2 * random.nextFloat() - 1;
                order.add(j);
            }
            order.sort(Comparator.<Integer>comparingDouble(j -> -sims[j]).thenComparingInt(j -> ids[j]));
            int[] outIds = new int[k];
            float[] outSims = new float[k];
            int size = new TopK(k, m).select(m, ids, sims, outIds, outSims, 0);
            assertEquals(Math.min(k, m), size);
            for (int j = 0; j < size; j++) {
                assertEquals(ids[order.get(j)], outIds[j], "trial " + trial + " position " + j);
                assertEquals(sims[order.get(j)], outSims[j]);
            }
        }
    }

    @Test
    void oneSelectorServesManyRowsAndZeroKeepsNothing() {
        TopK top = new TopK(2, 3);
        int[] outIds = new int[4];
        float[] outSims = new float[4];
        // row 1: 0.5 (id 7), 0.9 (id 3), 0.5 (id 1) -> 0.9/3 then the 0.5 tie broken by lower id 1
        assertEquals(2, top.select(3, new int[] {7, 3, 1}, new float[] {0.5f, 0.9f, 0.5f}, outIds, outSims, 0));
        // row 2 starts empty: -0 and +0 tie, so the lower id wins; nothing of row 1 survives
        assertEquals(2, top.select(3, new int[] {9, 4, 6}, new float[] {-0f, 0f, -0.5f}, outIds, outSims, 2));
        assertArrayEquals(new int[] {3, 1, 4, 9}, outIds);
        assertArrayEquals(new float[] {0.9f, 0.5f, 0f, 0f}, outSims);
        assertEquals(0, new TopK(0, 2).select(2, new int[] {1, 2}, new float[] {1f, 0.5f}, outIds, outSims, 0));
        // offers with keep = 0 leave no trace
        top.offer(5, 0.7f, 0);
        top.offer(8, 0.2f, 1);
        top.offer(2, 0.9f, 0);
        top.offer(6, 0.3f, 1);
        top.offer(1, 0.95f, 0);
        assertEquals(2, top.drain(outIds, outSims, 0));
        assertArrayEquals(new int[] {6, 8}, new int[] {outIds[0], outIds[1]});
        assertArrayEquals(new float[] {0.3f, 0.2f}, new float[] {outSims[0], outSims[1]});
    }

    /** A dense row with NaN for non-candidates selects what offering its candidates selects. */
    @Test
    void selectRowEqualsSelectOfItsCandidates() {
        Random random = new Random(31);
        for (int trial = 0; trial < 300; trial++) {
            int n = random.nextInt(500);
            int k = 1 + random.nextInt(60);
            float[] row = new float[n];
            int[] ids = new int[n];
            float[] sims = new float[n];
            int m = 0;
            for (int s = 0; s < n; s++) {
                int kind = random.nextInt(4);
                row[s] = kind == 0 ? Float.NaN                               // not a candidate
                        : kind == 1 ? random.nextInt(9) / 4f - 1              // ties, bucket edges, -1 and 1
                        : 2 * random.nextFloat() - 1;
                if (trial % 10 == 0 && random.nextInt(20) == 0) {
                    row[s] = random.nextBoolean() ? -0f : 1 + random.nextFloat();   // signed zero, above 1
                }
                if (row[s] == row[s]) {
                    ids[m] = s;
                    sims[m++] = row[s];
                }
            }
            int[] expectedIds = new int[k];
            float[] expectedSims = new float[k];
            int expected = new TopK(k, n).select(m, ids, sims, expectedIds, expectedSims, 0);
            int[] outIds = new int[k + 3];
            float[] outSims = new float[k + 3];
            TopK top = new TopK(k, n);
            for (int again = 0; again < 2; again++) {                   // the selector is left empty
                assertEquals(expected, top.selectRow(row, n, outIds, outSims, 3), "trial " + trial);
                for (int j = 0; j < expected; j++) {
                    assertEquals(expectedIds[j], outIds[3 + j], "trial " + trial + " position " + j);
                    assertEquals(expectedSims[j], outSims[3 + j]);
                }
            }
        }
    }
}
