package io.jrec.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdIndexTest {

    @Test
    void mapsBothWaysWithHugeAndNegativeIds() {
        IdIndex index = IdIndex.of(1_000_000_000_000L, -7, Long.MAX_VALUE, 0);
        assertEquals(4, index.size());
        assertEquals(0, index.indexOf(1_000_000_000_000L));
        assertEquals(1, index.indexOf(-7));
        assertEquals(2, index.require(Long.MAX_VALUE));
        assertEquals(-1, index.indexOf(5));
        assertEquals(-1, index.indexOf(-1), "-1 is an ordinary unknown id, not confused with the missing marker");
        assertEquals(Long.MAX_VALUE, index.idAt(2));
        assertTrue(index.contains(0));
        assertFalse(index.contains(1));
        assertThrows(IndexOutOfBoundsException.class, () -> index.idAt(4));
    }

    @Test
    void minusOneCanBeAnId() {
        IdIndex index = IdIndex.of(-1, 3);
        assertEquals(0, index.indexOf(-1));
        assertTrue(index.contains(-1));
    }

    @Test
    void rejectsDuplicatesAndUnknownIds() {
        assertEquals("duplicate id 5 at positions 0 and 2", assertThrows(IllegalArgumentException.class,
                () -> IdIndex.of(5, 6, 5)).getMessage());
        assertEquals("unknown id 9", assertThrows(IllegalArgumentException.class,
                () -> IdIndex.of(5).require(9)).getMessage());
    }

    @Test
    void sortedDistinct() {
        IdIndex index = IdIndex.sortedDistinct(new long[]{30, -2, 30, 10, -2});
        assertArrayEquals(new long[]{-2, 10, 30}, index.toArray());
        assertSame(IdIndex.empty(), IdIndex.sortedDistinct(new long[0]));
    }

    @Test
    void extendKeepsOldIndices() {
        IdIndex base = IdIndex.of(10, 20);
        IdIndex grown = base.extend(new long[]{30, 10, 40, 30});
        assertArrayEquals(new long[]{10, 20, 30, 40}, grown.toArray());
        assertSame(base, base.extend(new long[]{20, 10}));
        assertEquals(2, base.size(), "the original is unchanged");
    }

    @Test
    void equalityByIdsInOrder() {
        assertEquals(IdIndex.of(1, 2), IdIndex.of(1, 2));
        assertEquals(IdIndex.of(1, 2).hashCode(), IdIndex.of(1, 2).hashCode());
        assertNotEquals(IdIndex.of(1, 2), IdIndex.of(2, 1));
        long[] ids = {1, 2};
        IdIndex index = IdIndex.of(ids);
        ids[0] = 9;
        assertEquals(1, index.idAt(0), "of() copies");
        index.toArray()[0] = 9;
        assertEquals(1, index.idAt(0), "toArray() copies");
    }
}
