package io.jrec.benchmarks;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TasteTest {
    /** Users 10, 20, 30 (30 has no items in common with the others), sparse non-contiguous ids. */
    private static RatingMatrix tiny() {
        return RatingMatrix.builder()
                .add(10, 100, 5).add(10, 200, 3).add(10, 300, 4)
                .add(20, 100, 4).add(20, 200, 2)
                .add(30, 400, 1)
                .build();
    }

    @Test
    void dataModelHoldsExactlyTheRatingsUnderTheExternalIds() throws Exception {
        DataModel model = Taste.dataModel(tiny());
        assertEquals(3, model.getNumUsers());
        assertEquals(4, model.getNumItems());
        PreferenceArray user10 = model.getPreferencesFromUser(10);
        assertEquals(3, user10.length());
        assertEquals(5f, model.getPreferenceValue(10, 100));
        assertEquals(2f, model.getPreferenceValue(20, 200));
        assertEquals(1f, model.getPreferenceValue(30, 400));
        assertEquals(null, model.getPreferenceValue(20, 300));
    }

    @Test
    void userBasedAdapterPredictsFromTheNeighboursAndExcludesSeenItems() {
        // 40 rates like 10. 20 rated 100 and 200 in the same pattern as 10 and 40 (Pearson 1 over the
        // co-rated pair: 5,3 vs 4,2), so 20's estimate for 300 is the similarity-weighted mean of their
        // ratings of it: (1 * 4 + 1 * 4) / (1 + 1) = 4. (Mahout needs at least two neighbours.)
        RatingMatrix m = RatingMatrix.builder()
                .add(10, 100, 5).add(10, 200, 3).add(10, 300, 4)
                .add(40, 100, 5).add(40, 200, 3).add(40, 300, 4)
                .add(20, 100, 4).add(20, 200, 2)
                .build();
        Recommender mahout = Taste.userBasedPearson().fit(m);
        assertEquals(4.0, mahout.predict(20, 300), 1e-6);
        Recommendations top = mahout.topN(20, 10);
        assertEquals(1, top.size());
        assertEquals(300, top.get(0).itemId());
        assertTrue(top.source().startsWith("Mahout user-based"));
    }

    @Test
    void unknownIdsGiveNaNAndAnEmptyList() {
        Recommender mahout = Taste.itemBased(Taste.Kernel.COSINE).fit(tiny());
        assertTrue(Double.isNaN(mahout.predict(99, 100)));
        assertTrue(Double.isNaN(mahout.predict(10, 999)));
        Recommendations none = mahout.topN(99, 10);
        assertTrue(none.isEmpty());
        assertTrue(none.source().endsWith("(unknown user)"));
    }

    @Test
    void itemBasedListsNeverHoldRatedItems() {
        RatingMatrix m = tiny();
        Recommender mahout = Taste.itemBased(Taste.Kernel.COSINE).fit(m);
        int listed = 0;
        for (long user : new long[] {10, 20, 30}) {
            for (var item : mahout.topN(user, 10)) {
                assertFalse(Double.isNaN(item.score()));
                assertTrue(Double.isNaN(m.get(m.users().indexOf(user), m.items().indexOf(item.itemId()))),
                        user + " already rated " + item.itemId());
                listed++;
            }
        }
        assertTrue(listed > 0, "item-based cosine recommends 300 to user 20");
    }

    @Test
    void adapterRejectsFiltersMahoutCannotApplyAndNegativeN() {
        Recommender mahout = Taste.userBasedPearson().fit(tiny());
        IllegalArgumentException filter = assertThrows(IllegalArgumentException.class,
                () -> mahout.topN(10, 5, ItemFilter.allowOnly(100)));
        assertTrue(filter.getMessage().startsWith("the Mahout adapter supports only ItemFilter.excludeSeen()"),
                filter.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> mahout.topN(10, -1));
        assertEquals("n must be >= 0, got -1", n.getMessage());
    }
}
