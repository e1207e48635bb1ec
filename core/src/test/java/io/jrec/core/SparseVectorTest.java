package io.jrec.core;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseVectorTest {
    private static final SparseVector A = SparseVector.of(new int[]{1, 4, 7}, new float[]{2, 3, -1});
    private static final SparseVector B = SparseVector.of(new int[]{0, 4, 7, 9}, new float[]{5, 2, 4, 1});

    @Test
    void handComputedOperations() {
        assertEquals(3 * 2 + (-1) * 4, A.dot(B));                 // shared indices 4 and 7
        assertEquals(A.dot(B), B.dot(A));
        assertEquals(Math.sqrt(4 + 9 + 1), A.norm(), 1e-12);
        assertEquals(4.0, A.sum());
        assertEquals(4.0 / 3, A.mean(), 1e-12);
        assertEquals(3.0, A.get(4));
        assertEquals(0.0, A.get(5));
        assertTrue(A.contains(7));
        assertFalse(A.contains(0));
        assertEquals(1, A.position(4));
        assertTrue(A.position(5) < 0);
        assertEquals(3, A.size());
        assertEquals(7, A.index(2));
        assertEquals(-1f, A.value(2));
        assertArrayEquals(new int[]{1, 4, 7}, A.indices());
        assertArrayEquals(new float[]{2, 3, -1}, A.values());
        assertEquals("{1=2.0, 4=3.0, 7=-1.0}", A.toString());
    }

    @Test
    void emptyVector() {
        SparseVector e = SparseVector.empty();
        assertTrue(e.isEmpty());
        assertEquals(0, e.size());
        assertEquals(0.0, e.dot(A));
        assertEquals(0.0, e.norm());
        assertTrue(Double.isNaN(e.mean()));
        assertEquals(e, SparseVector.of(new int[0], new float[0]));
    }

    @Test
    void ofCopiesItsInput() {
        int[] idx = {2, 3};
        float[] val = {1, 1};
        SparseVector v = SparseVector.of(idx, val);
        idx[0] = 0;
        val[0] = 9;
        assertEquals(2, v.index(0));
        assertEquals(1f, v.value(0));
    }

    @Test
    void ofRejectsBadInput() {
        assertEquals("indices and values differ in length: 2 vs 1", assertThrows(IllegalArgumentException.class,
                () -> SparseVector.of(new int[]{1, 2}, new float[]{1})).getMessage());
        assertEquals("indices must be non-negative and strictly increasing; position 1 has 1",
                assertThrows(IllegalArgumentException.class,
                        () -> SparseVector.of(new int[]{1, 1}, new float[]{1, 1})).getMessage());
        assertEquals("indices must be non-negative and strictly increasing; position 0 has -1",
                assertThrows(IllegalArgumentException.class,
                        () -> SparseVector.of(new int[]{-1}, new float[]{1})).getMessage());
        assertEquals("value at index 3 is NaN", assertThrows(IllegalArgumentException.class,
                () -> SparseVector.of(new int[]{3}, new float[]{Float.NaN})).getMessage());
    }

    @Test
    void matrixViewsEqualStandaloneVectors() {
        RatingMatrix m = RatingMatrix.builder().add(1, 1, 2).add(1, 3, 4).add(2, 2, 5).add(2, 3, 6).build();
        SparseVector row = m.userRow(1);   // user 2: items 2, 3 -> indices 1, 2
        SparseVector same = SparseVector.of(new int[]{1, 2}, new float[]{5, 6});
        assertEquals(same, row);
        assertEquals(same.hashCode(), row.hashCode());
        assertNotEquals(row, m.userRow(0));
        assertEquals(4 * 6, m.userRow(0).dot(m.userRow(1)));    // shared item 3
        assertEquals(1, row.position(2));                         // view positions start at 0
    }

    @Test
    void dotAndNormAgreeWithDenseOnRandomVectors() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = randomDense(random);
            double[] b = randomDense(random);
            SparseVector va = sparse(a);
            SparseVector vb = sparse(b);
            double dot = 0;
            double norm = 0;
            for (int k = 0; k < a.length; k++) {
                dot += a[k] * b[k];
                norm += a[k] * a[k];
            }
            assertEquals(dot, va.dot(vb), 1e-9);
            assertEquals(Math.sqrt(norm), va.norm(), 1e-9);
        }
    }

    private static double[] randomDense(Random random) {
        double[] d = new double[30];
        for (int k = 0; k < d.length; k++) {
            if (random.nextInt(3) == 0) {
                d[k] = random.nextInt(11) - 5;
            }
        }
        return d;
    }

    private static SparseVector sparse(double[] dense) {
        int n = 0;
        for (double x : dense) {
            n += x != 0 ? 1 : 0;
        }
        int[] idx = new int[n];
        float[] val = new float[n];
        int m = 0;
        for (int k = 0; k < dense.length; k++) {
            if (dense[k] != 0) {
                idx[m] = k;
                val[m++] = (float) dense[k];
            }
        }
        return SparseVector.of(idx, val);
    }

    @Test
    void fromCsrValidates() {
        assertEquals("rows and columns must be >= 0, got -1 x 2", assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.fromCsr(-1, 2, new int[]{0}, new int[0], new float[0])).getMessage());
        assertEquals("inconsistent CSR arrays: rowPointers.length=2 (want 3), columnIndices.length=0, values.length=0",
                assertThrows(IllegalArgumentException.class,
                        () -> SparseMatrix.fromCsr(2, 2, new int[]{0, 0}, new int[0], new float[0])).getMessage());
        assertEquals("rowPointers decrease at row 1", assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.fromCsr(2, 2, new int[]{0, 2, 1}, new int[]{0}, new float[]{1})).getMessage());
        assertEquals("row 0: column indices must be strictly increasing and in 0..1, found 2",
                assertThrows(IllegalArgumentException.class,
                        () -> SparseMatrix.fromCsr(1, 2, new int[]{0, 1}, new int[]{2}, new float[]{1})).getMessage());
        assertEquals("row 0, column 1: value is Infinity", assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.fromCsr(1, 2, new int[]{0, 1}, new int[]{1},
                        new float[]{Float.POSITIVE_INFINITY})).getMessage());
        assertEquals("timestamps.length=2 but there are 1 entries", assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.fromCsr(1, 2, new int[]{0, 1}, new int[]{1}, new float[]{1},
                        new long[2])).getMessage());
        SparseMatrix m = SparseMatrix.fromCsr(2, 3, new int[]{0, 2, 3}, new int[]{0, 2, 1}, new float[]{1, 2, 3});
        assertEquals(2.0, m.get(0, 2));
        assertTrue(Double.isNaN(m.get(1, 0)));
        SparseMatrix t = m.transpose();
        assertEquals(3, t.rowCount());
        assertEquals(3.0, t.get(1, 1));
        assertTrue(t.transpose() == m);
        assertFalse(m.hasTimestamps());
        assertEquals("this matrix has no timestamps", assertThrows(IllegalStateException.class,
                () -> m.timestamp(0)).getMessage());
    }
}
