package io.jrec.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ItemFeaturesVectorsTest {

    @Test
    void vectorsSitBesideSparseFeaturesAndVectorOnlyItemsGetARow() {
        ItemFeatures f = ItemFeatures.builder()
                .categorical(1L, "category", "shoes")
                .vector(1L, new float[] {3, 4})
                .vector(2L, new float[] {1, 0})      // no attribute: an empty sparse row
                .userVector(42L, new float[] {0, 2})
                .normalizeVectors(true)
                .build();
        assertEquals(2, f.items().size());
        assertEquals(0, f.featuresOf(2L).size());
        assertTrue(f.hasVectors());
        assertArrayEquals(new float[] {0.6f, 0.8f}, f.vectorOf(1L), 1e-7f);
        assertArrayEquals(new float[] {0, 1}, f.userVectorOf(42L), 1e-7f);
        assertNull(f.vectorOf(3L));
        assertNull(f.userVectorOf(7L));
        assertEquals(0.6, f.vectors().cosine(1L, 2L), 1e-6);
        assertTrue(f.toString().contains("2 item vectors x 2"), f.toString());
    }

    @Test
    void featuresWithoutVectorsAreUnchanged() {
        ItemFeatures f = ItemFeatures.builder().categorical(1L, "category", "shoes").build();
        assertFalse(f.hasVectors());
        assertNull(f.vectors());
        assertNull(f.vectorOf(1L));
    }

    @Test
    void vectorsOfAnotherDimensionOrNotFiniteAreRejected() {
        ItemFeatures.Builder b = ItemFeatures.builder().vector(1L, new float[] {1, 2, 3});
        assertEquals("vector of item 2 has 2 components, expected 3 (all vectors have one dimension)",
                assertThrows(IllegalArgumentException.class, () -> b.vector(2L, new float[] {1, 2})).getMessage());
        assertEquals("vector of user 9 has 4 components, expected 3 (all vectors have one dimension)",
                assertThrows(IllegalArgumentException.class,
                        () -> b.userVector(9L, new float[] {1, 2, 3, 4})).getMessage());
        assertEquals("vector of id 3 has NaN at component 2; values must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> b.vector(3L, new float[] {1, 2, Float.NaN})).getMessage());
        assertEquals("vector of item 4 is empty",
                assertThrows(IllegalArgumentException.class, () -> b.vector(4L, new float[0])).getMessage());
    }

    @Test
    void withVectorsChecksItemsAndDimensions() {
        ItemFeatures f = ItemFeatures.builder().categorical(1L, "category", "shoes").build();
        DenseVectors items = DenseVectors.builder(2).add(1L, new float[] {1, 0}).build();
        DenseVectors users = DenseVectors.builder(3).add(5L, new float[] {1, 0, 0}).build();
        assertEquals("item vectors have 2 dimensions but user vectors 3; use one dimension",
                assertThrows(IllegalArgumentException.class, () -> f.withVectors(items, users)).getMessage());
        DenseVectors stranger = DenseVectors.builder(2).add(9L, new float[] {1, 0}).build();
        assertEquals("item 9 has a vector but no row in these features",
                assertThrows(IllegalArgumentException.class, () -> f.withVectors(stranger, null)).getMessage());
        assertArrayEquals(new float[] {1, 0}, f.withVectors(items, null).vectorOf(1L));
    }
}
