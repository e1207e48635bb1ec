package io.jrec.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseVectorsTest {

    @Test
    void cosineAndNormHandComputed() {
        DenseVectors v = DenseVectors.builder(2)
                .add(1L, new float[] {3, 4})
                .add(2L, new float[] {4, 3})
                .add(3L, new float[] {0, 0})
                .build();
        assertEquals(5.0, v.norm(0), 1e-9);
        // (3*4 + 4*3) / (5 * 5) = 24 / 25
        assertEquals(0.96, v.cosine(1L, 2L), 1e-6);
        assertEquals(0.0, v.cosine(1L, 3L));
        assertTrue(Double.isNaN(v.cosine(1L, 99L)));
        assertArrayEquals(new float[] {3, 4}, v.vectorOf(1L));
        assertNull(v.vectorOf(99L));
    }

    @Test
    void normalizeScalesToUnitLengthAndKeepsZeroVectors() {
        DenseVectors v = DenseVectors.builder(2).add(1L, new float[] {3, 4}).add(2L, new float[] {0, 0})
                .normalize(true).build();
        assertArrayEquals(new float[] {0.6f, 0.8f}, v.vectorOf(1L), 1e-7f);
        assertArrayEquals(new float[] {0, 0}, v.vectorOf(2L));
        assertSame(v, v.normalized());
    }

    @Test
    void nearestEqualsBruteForceOnRandomVectors() {
        Random random = new Random(7);
        DenseVectors.Builder b = DenseVectors.builder(5);
        for (int k = 0; k < 200; k++) {
            float[] x = new float[5];
            for (int d = 0; d < 5; d++) {
                x[d] = (float) random.nextGaussian();
            }
            b.add(1000 + k, x);
        }
        DenseVectors v = b.build();
        float[] q = v.vector(17);
        Recommendations top = v.nearest(q, 10, 1017L);
        assertEquals(10, top.size());
        double previous = Double.POSITIVE_INFINITY;
        for (ScoredItem s : top) {
            assertTrue(s.itemId() != 1017L);
            assertEquals(v.cosine(1017L, s.itemId()), s.score(), 1e-5);
            assertTrue(s.score() <= previous);
            previous = s.score();
        }
        // nothing left out is better than the 10th
        for (int k = 0; k < v.size(); k++) {
            long id = v.ids().idAt(k);
            if (id != 1017L && !top.stream().anyMatch(s -> s.itemId() == id)) {
                assertTrue(v.cosine(1017L, id) <= top.get(9).score() + 1e-6);
            }
        }
    }

    @Test
    void badInputIsRejectedWithTheIdAndReason() {
        DenseVectors.Builder b = DenseVectors.builder(2).add(1L, new float[] {1, 2});
        assertEquals("vector of id 2 has 3 components, expected 2 (all vectors have one dimension)",
                assertThrows(IllegalArgumentException.class, () -> b.add(2L, new float[] {1, 2, 3})).getMessage());
        assertEquals("vector of id 3 has NaN at component 1; values must be finite",
                assertThrows(IllegalArgumentException.class, () -> b.add(3L, new float[] {1, Float.NaN})).getMessage());
        assertEquals("vector of id 4 has Infinity at component 0; values must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> b.add(4L, new float[] {Float.POSITIVE_INFINITY, 0})).getMessage());
        assertEquals("id 1 has two vectors",
                assertThrows(IllegalArgumentException.class, () -> b.add(1L, new float[] {0, 0})).getMessage());
        assertEquals("vector of id 5 is null",
                assertThrows(IllegalArgumentException.class, () -> b.add(5L, null)).getMessage());
        assertEquals("dimension must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> DenseVectors.builder(0)).getMessage());
        DenseVectors v = b.build();
        assertEquals("query vector has 1 components, expected 2",
                assertThrows(IllegalArgumentException.class, () -> v.nearest(new float[] {1}, 3)).getMessage());
        assertEquals(0, v.nearest(new float[] {0, 0}, 3).size());
    }
}
