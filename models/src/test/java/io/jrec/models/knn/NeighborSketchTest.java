package io.jrec.models.knn;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-item Bloom filters of the top-N neighbours ({@link NeighborSketch}): no false negatives, only
 * the first k entries of a row, a false-positive rate near the design's 2%, and no filters where they
 * would be too large.
 */
class NeighborSketchTest {

    /** Row 0 = {1, 2}, row 1 = {0}, row 2 empty, row 3 = {0, 1, 2} of which k = 2 keeps {0, 1}. */
    @Test
    void handCase() {
        NeighborLists lists = new NeighborLists(new int[] {0, 2, 3, 3, 6}, new int[] {1, 2, 0, 0, 1, 2},
                new float[] {0.9f, 0.5f, 0.9f, 0.8f, 0.7f, 0.6f});
        NeighborSketch sketch = NeighborSketch.of(lists, 2);
        assertTrue(sketch.mayContain(0, 1) && sketch.mayContain(0, 2) && sketch.mayContain(1, 0));
        assertTrue(sketch.mayContain(3, 0) && sketch.mayContain(3, 1));
        for (int j = 0; j < 4; j++) {
            assertFalse(sketch.mayContain(2, j), "an empty row holds nothing: " + j);
        }
        assertTrue(sketch.mayContain(0, NeighborSketch.hash(2)), "the hashed question is the same question");
    }

    /**
     * Random rows of 0 to 3k neighbours among 100,000 items, for k from 1 to 204: every one of the first
     * k of a row is found; of the others (the row's later entries and random items) at most 3% are.
     */
    @Test
    void findsEveryNeighbourAndFewOthers() {
        Random rnd = new Random(5);
        for (int k : new int[] {1, 3, 7, 50, 51, 204}) {
            int rows = 1_500;
            int[] start = new int[rows + 1];
            int[][] row = new int[rows][];
            for (int i = 0; i < rows; i++) {
                row[i] = rnd.ints(rnd.nextInt(3 * k + 1), 0, 100_000).distinct().toArray();
                start[i + 1] = start[i] + row[i].length;
            }
            int[] neighbor = new int[start[rows]];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(row[i], 0, neighbor, start[i], row[i].length);
            }
            NeighborLists lists = new NeighborLists(start, neighbor, new float[neighbor.length]);
            NeighborSketch sketch = NeighborSketch.of(lists, k);
            assertNotNull(sketch, "k = " + k);
            long asked = 0;
            long found = 0;
            for (int i = 0; i < rows; i++) {
                int first = Math.min(k, row[i].length);
                int[] top = Arrays.copyOf(row[i], first);
                Arrays.sort(top);
                for (int p = 0; p < first; p++) {
                    assertTrue(sketch.mayContain(i, row[i][p]), "k = " + k + ", row " + i + ", entry " + p);
                }
                for (int p = first; p < row[i].length; p++) {
                    asked++;
                    found += sketch.mayContain(i, row[i][p]) ? 1 : 0;
                }
                for (int q = 0; q < 20; q++) {
                    int j = rnd.nextInt(100_000);
                    if (Arrays.binarySearch(top, j) < 0) {
                        asked++;
                        found += sketch.mayContain(i, j) ? 1 : 0;
                    }
                }
            }
            double rate = (double) found / asked;
            assertTrue(rate <= 0.03, "k = " + k + ": false positives " + rate);
        }
    }

    /** Past 32 words per item (k over 204) there are no filters: the walk reads every row. Their sizes. */
    @Test
    void noFiltersForLargeK() {
        int rows = 400;
        int[] start = new int[rows + 1];
        NeighborLists empty = new NeighborLists(start, new int[0], new float[0]);
        assertNotNull(NeighborSketch.of(empty, 204));
        assertNull(NeighborSketch.of(empty, 205));
        assertEquals(8 * (6 + 400 * 32), NeighborSketch.bytes(400, 204));
        assertEquals(0, NeighborSketch.bytes(400, 205));
        assertEquals(8 * (6 + 1_000_000 * 8L), NeighborSketch.bytes(1_000_000, 50), "k = 50: 64 bytes a product");
        assertEquals(8 * (6 + 400), NeighborSketch.bytes(400, 1), "k = 1: one word");
        assertNotNull(NeighborSketch.of(new NeighborLists(new int[] {0, 0, 0}, new int[0], new float[0]), 1_000),
                "k is capped by the catalogue: two items have at most one neighbour");
    }
}
