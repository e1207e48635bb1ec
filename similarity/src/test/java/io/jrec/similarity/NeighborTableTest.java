package io.jrec.similarity;

import io.jrec.core.SparseMatrix;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeighborTableTest {

    @Test
    void ofRebuildsAComputedTableExactly() {
        Random random = new Random(3);
        int rows = 40;
        int columns = 30;
        int[] pointers = new int[rows + 1];
        int[] cols = new int[rows * columns];
        float[] vals = new float[rows * columns];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (random.nextDouble() < 0.2) {
                    cols[n] = c;
                    vals[n++] = 1 + random.nextInt(5);
                }
            }
            pointers[r + 1] = n;
        }
        SparseMatrix m = SparseMatrix.fromCsr(rows, columns, pointers, java.util.Arrays.copyOf(cols, n),
                java.util.Arrays.copyOf(vals, n));
        NeighborTable t = Neighbors.allPairs(m, Similarity.cosine(), 7, 1);
        int[] offsets = new int[rows + 1];
        int[] ids = new int[(int) t.entryCount()];
        float[] sims = new float[ids.length];
        for (int r = 0, p = 0; r < rows; r++) {
            for (int j = 0; j < t.size(r); j++, p++) {
                ids[p] = t.neighbor(r, j);
                sims[p] = t.similarity(r, j);
            }
            offsets[r + 1] = p;
        }
        NeighborTable copy = NeighborTable.of(t.k(), offsets, ids, sims);
        assertEquals(t.rowCount(), copy.rowCount());
        assertEquals(7, copy.k());
        assertEquals(t.entryCount(), copy.entryCount());
        assertTrue(t.entryCount() > 0);
        for (int r = 0; r < rows; r++) {
            assertEquals(t.size(r), copy.size(r));
            for (int j = 0; j < t.size(r); j++) {
                assertEquals(t.neighbor(r, j), copy.neighbor(r, j));
                assertEquals(t.similarity(r, j), copy.similarity(r, j));
            }
        }
        int r0 = firstNonEmpty(t);
        ids[offsets[r0]] = -5;   // copied: the table does not see later changes
        assertEquals(t.neighbor(r0, 0), copy.neighbor(r0, 0));
    }

    private static int firstNonEmpty(NeighborTable t) {
        int r = 0;
        while (t.size(r) == 0) {
            r++;
        }
        return r;
    }

    @Test
    void ofRejectsEveryMalformedInputWithItsReason() {
        int[] offsets = {0, 2, 3, 3};
        assertMessage("k must be >= 1, got 0", () -> NeighborTable.of(0, offsets, new int[] {1, 2, 0}, new float[] {1, 1, 1}));
        assertMessage("inconsistent arrays: offsets.length=4, offsets[0]=0, offsets[last]=3, neighbors.length=2, "
                + "similarities.length=2", () -> NeighborTable.of(2, offsets, new int[] {1, 2}, new float[] {1, 1}));
        assertMessage("row 0 has 2 entries; allowed 0..1",
                () -> NeighborTable.of(1, offsets, new int[] {1, 2, 0}, new float[] {1, 1, 1}));
        assertMessage("row 1, entry 0: neighbour 1 is not another row in 0..2",
                () -> NeighborTable.of(2, offsets, new int[] {1, 2, 1}, new float[] {1, 1, 1}));
        assertMessage("row 1, entry 0: neighbour 3 is not another row in 0..2",
                () -> NeighborTable.of(2, offsets, new int[] {1, 2, 3}, new float[] {1, 1, 1}));
        assertMessage("row 1, entry 0: similarity is NaN",
                () -> NeighborTable.of(2, offsets, new int[] {1, 2, 0}, new float[] {1, 1, Float.NaN}));
        assertMessage("row 0, entry 1: not sorted by similarity descending, then neighbour ascending (1 0.5 before 2 0.9)",
                () -> NeighborTable.of(2, offsets, new int[] {1, 2, 0}, new float[] {0.5f, 0.9f, 1}));
        assertMessage("row 0, entry 1: not sorted by similarity descending, then neighbour ascending (2 1.0 before 1 1.0)",
                () -> NeighborTable.of(2, offsets, new int[] {2, 1, 0}, new float[] {1, 1, 1}));
        assertMessage("row 1 has -1 entries; allowed 0..2",
                () -> NeighborTable.of(2, new int[] {0, 2, 1, 2}, new int[] {1, 2}, new float[] {1, 1}));
        NeighborTable ok = NeighborTable.of(2, offsets, new int[] {1, 2, 0}, new float[] {0.9f, 0.5f, 0.1f});
        assertEquals(3, ok.rowCount());
        assertEquals(2, ok.neighbor(1, 0) + 2);
        assertEquals(0.1f, ok.similarity(1, 0));
        assertEquals(0, ok.size(2));
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
