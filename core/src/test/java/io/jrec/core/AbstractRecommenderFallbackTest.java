package io.jrec.core;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AbstractRecommenderFallbackTest {

    /** Scores every item -1 so any fallback output is distinguishable. */
    static final class Flat extends AbstractRecommender {
        Flat(RatingMatrix train) {
            super(train, "Flat");
        }

        @Override
        protected void scoreItems(int user, float[] scores) {
            java.util.Arrays.fill(scores, -1f);
        }
    }

    @Test
    void userWithoutTrainingInteractionsIsServedLikeAnUnknownUser() {
        // items 10 (2 ratings) and 20 (1 rating); user 3's only rating is dropped, leaving an empty row
        RatingMatrix full = RatingMatrix.builder().add(1, 10, 5).add(2, 10, 4).add(2, 20, 3).add(3, 20, 1).build();
        BitSet keep = new BitSet();
        keep.set(0, 3);
        RatingMatrix train = full.select(keep);
        Flat model = new Flat(train);

        Recommendations empty = model.topN(3, 2);
        assertEquals("Popularity (unknown user)", empty.source());
        assertArrayEquals(new long[]{10, 20}, empty.itemIds());   // by training count: 2, then 1
        assertEquals(model.topN(99, 2), empty);

        Recommendations known = model.topN(1, 2);
        assertEquals("Flat", known.source());
        assertArrayEquals(new long[]{20}, known.itemIds());      // item 10 is seen
    }
}
