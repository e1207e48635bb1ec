package io.jrec.models.internal;

import io.jrec.core.RatingMatrix;
import io.jrec.models.ConcurrencyStressTest;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fits that would exceed their memory budget fail before allocating, saying what to change. */
class MemoryGuardTest {
    private static final RatingMatrix M = ConcurrencyStressTest.fixture();   // 300 users x 400 items

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void itemKnnBudget() {
        // 400 items keep 399 neighbours, k = 50, 1 thread:
        // 400*399*24 + 400*50*16 + 1*400*68 = 3,830,400 + 320,000 + 27,200 = 4,177,600 B = 4.0 MiB
        assertEquals(4_177_600, MemoryGuard.neighborBytes(400, Integer.MAX_VALUE, 50, 1));
        assertMessage("item-KNN on 400 items keeping 399 neighbours each (k=50, 1 threads) needs about 4.0 MiB, "
                        + "more than the memory budget of 9.8 KiB; set modelSize(m) to keep fewer neighbours per item "
                        + "(24 bytes each), use fewer items or threads, or raise memoryBudget(bytes)",
                () -> ItemKnnRecommender.builder().memoryBudget(10_000).build().fit(M));
        // modelSize 20: 400*20*24 + 400*20*16 + 27,200 = 347,200 B fits 400,000
        assertEquals(347_200, MemoryGuard.neighborBytes(400, 20, 50, 1));
        ItemKnnRecommender.builder().modelSize(20).neighbors(20).memoryBudget(400_000).build().fit(M);
        assertMessage("memoryBudget must be > 0 bytes, got 0", () -> ItemKnnRecommender.builder().memoryBudget(0).build());
    }

    @Test
    void userKnnBudget() {
        // 300*299*24 + 300*50*16 + 300*68 = 2,152,800 + 240,000 + 20,400 = 2,413,200 B = 2.3 MiB
        assertMessage("user-KNN on 300 users keeping 299 neighbours each (k=50, 1 threads) needs about 2.3 MiB, "
                        + "more than the memory budget of 1.0 MiB; set modelSize(m) to keep fewer neighbours per user "
                        + "(24 bytes each), use fewer users or threads, or raise memoryBudget(bytes)",
                () -> UserKnnRecommender.builder().memoryBudget(1 << 20).build().fit(M));
        UserKnnRecommender.builder().memoryBudget(2_500_000).build().fit(M);
        assertMessage("memoryBudget must be > 0 bytes, got -5", () -> UserKnnRecommender.builder().memoryBudget(-5).build());
    }

    @Test
    void factorModelBudgets() {
        // MF: 4 * 8 factors * (300 + 400) * 3 copies = 67,200 B = 65.6 KiB
        assertMessage("matrix factorisation with 8 factors for 300 users and 400 items (3 copies of 4 bytes x factors x "
                        + "(users + items)) needs about 65.6 KiB, more than the memory budget of 48.8 KiB; use fewer "
                        + "factors(f), fewer users or items, or raise memoryBudget(bytes)",
                () -> MatrixFactorizationRecommender.builder().factors(8).epochs(1).memoryBudget(50_000).build().fit(M));
        MatrixFactorizationRecommender.builder().factors(8).epochs(1).memoryBudget(70_000).build().fit(M);
        // ALS: 4 * 8 * 700 * 2 = 44,800 B = 43.8 KiB
        assertMessage("implicit ALS with 8 factors for 300 users and 400 items (2 copies of 4 bytes x factors x "
                        + "(users + items)) needs about 43.8 KiB, more than the memory budget of 39.1 KiB; use fewer "
                        + "factors(f), fewer users or items, or raise memoryBudget(bytes)",
                () -> ImplicitAlsRecommender.builder().factors(8).iterations(1).memoryBudget(40_000).build().fit(M));
        ImplicitAlsRecommender.builder().factors(8).iterations(1).memoryBudget(50_000).build().fit(M);
        assertMessage("memoryBudget must be > 0 bytes, got 0",
                () -> MatrixFactorizationRecommender.builder().memoryBudget(0).build());
        assertMessage("memoryBudget must be > 0 bytes, got 0", () -> ImplicitAlsRecommender.builder().memoryBudget(0).build());
    }
}
