package io.jrec.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemFilterTest {

    @Test
    void defaultsAndNone() {
        ItemFilter seen = ItemFilter.excludeSeen();
        assertTrue(seen.excludesSeen());
        assertFalse(seen.hasRules());
        assertTrue(seen.accepts(42));
        assertNull(seen.allowedIds());
        assertEquals(-1, seen.allowedCount());
        assertFalse(ItemFilter.none().excludesSeen());
        assertTrue(ItemFilter.builder().build().excludesSeen());
    }

    @Test
    void allowDenyAndPredicatesCombine() {
        ItemFilter f = ItemFilter.builder()
                .allow(5, 1, 9).allow(3)
                .deny(9)
                .require(id -> id != 3)
                .require(id -> id < 100)
                .excludeSeen(false)
                .build();
        assertFalse(f.excludesSeen());
        assertTrue(f.hasRules());
        assertTrue(f.hasAllowList());
        assertTrue(f.accepts(1));
        assertTrue(f.accepts(5));
        assertFalse(f.accepts(9), "denied");
        assertFalse(f.accepts(3), "predicate");
        assertFalse(f.accepts(7), "not allowed");
        assertArrayEquals(new long[]{1, 3, 5, 9}, f.allowedIds());
        assertEquals(4, f.allowedCount());
        assertEquals(9, f.allowedId(3));
    }

    @Test
    void allowOnlyExcludesSeenToo() {
        ItemFilter f = ItemFilter.allowOnly(2, 4);
        assertTrue(f.excludesSeen());
        assertTrue(f.accepts(2));
        assertFalse(f.accepts(3));
        assertEquals(0, ItemFilter.allowOnly().allowedCount(), "an empty allow list allows nothing");
        assertFalse(ItemFilter.allowOnly().accepts(2));
    }

    @Test
    void builtFilterIsImmutable() {
        ItemFilter.Builder b = ItemFilter.builder().deny(1);
        ItemFilter f = b.build();
        b.deny(2);
        assertTrue(f.accepts(2));
        long[] allowed = ItemFilter.allowOnly(5).allowedIds();
        allowed[0] = 6;
        assertTrue(ItemFilter.allowOnly(5).accepts(5));
    }

    @Test
    void rejectsNullPredicate() {
        assertEquals("predicate must not be null", assertThrows(IllegalArgumentException.class,
                () -> ItemFilter.builder().require(null)).getMessage());
    }
}
