package io.jrec.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbstractRecommenderTest {
    // Items 10..60; user 1 has 10 and 20, user 2 has 30; item 40 is the most popular (users 2, 3, 4).
    private static final RatingMatrix TRAIN = RatingMatrix.builder()
            .add(1, 10, 5).add(1, 20, 4)
            .add(2, 30, 3).add(2, 40, 1)
            .add(3, 40, 2).add(3, 50, 2)
            .add(4, 40, 1).add(4, 60, 1)
            .build();

    /** Scores item index i as i (so higher ids score higher), except that item 50 is no candidate. */
    private static final class Ascending extends AbstractRecommender {
        Ascending(RatingMatrix train) {
            super(train, "Ascending");
        }

        @Override
        protected void scoreItems(int user, float[] scores) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = i;
            }
            scores[train.items().indexOf(50)] = Float.NaN;
        }

        @Override
        protected double predictIndex(int user, int item) {
            return item;
        }
    }

    /** Scores every item 1 (all ties) and serves unknown users itself. */
    private static final class Flat extends AbstractRecommender {
        Flat(RatingMatrix train) {
            super(train, "Flat");
        }

        @Override
        protected void scoreItems(int user, float[] scores) {
            java.util.Arrays.fill(scores, 1f);
        }

        @Override
        protected String scoreUnknownUser(long userId, float[] scores) {
            java.util.Arrays.fill(scores, 2f);
            return "Flat (cold)";
        }
    }

    private static final Recommender MODEL = new Ascending(TRAIN);

    private static List<Long> ids(Recommendations r) {
        return java.util.Arrays.stream(r.itemIds()).boxed().toList();
    }

    @Test
    void excludesSeenItemsAndNonCandidates() {
        Recommendations r = MODEL.topN(1, 10);
        assertEquals(List.of(60L, 40L, 30L), ids(r));     // 10, 20 seen; 50 NaN
        assertEquals("Ascending", r.source());
        assertEquals(5.0, r.get(0).score());
    }

    @Test
    void seenItemsComeBackWhenAsked() {
        assertEquals(List.of(60L, 40L, 30L, 20L, 10L), ids(MODEL.topN(1, 10, ItemFilter.none())));
    }

    @Test
    void filtersApply() {
        assertEquals(List.of(40L, 30L), ids(MODEL.topN(1, 10, ItemFilter.builder().deny(60).build())));
        assertEquals(List.of(30L), ids(MODEL.topN(1, 10, ItemFilter.allowOnly(30, 10, 50, 999))));
        assertEquals(List.of(60L, 30L), ids(MODEL.topN(1, 10, ItemFilter.builder().require(id -> id != 40).build())));
        assertEquals(List.of(60L), ids(MODEL.topN(1, 1, ItemFilter.builder().allow(60, 40).build())));
    }

    @Test
    void nBounds() {
        assertEquals(List.of(), ids(MODEL.topN(1, 0)));
        assertEquals(List.of(60L), ids(MODEL.topN(1, 1)));
        assertEquals("n must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> MODEL.topN(1, -1)).getMessage());
        assertThrows(NullPointerException.class, () -> MODEL.topN(1, 3, null));
    }

    @Test
    void unknownUserFallsBackToPopularity() {
        Recommendations r = MODEL.topN(99, 3);
        // popularity = training counts: 40 has 3, then 1 each: ties by index -> 10, 20
        assertEquals(List.of(40L, 10L, 20L), ids(r));
        assertEquals("Popularity (unknown user)", r.source());
        assertEquals(3.0, r.get(0).score());
        assertEquals(List.of(10L, 20L), ids(MODEL.topN(99, 3, ItemFilter.builder().deny(40).allow(10, 20, 40).build())));
    }

    @Test
    void modelsMayServeUnknownUsersThemselves() {
        Recommender flat = new Flat(TRAIN);
        Recommendations r = flat.topN(99, 2);
        assertEquals("Flat (cold)", r.source());
        assertEquals(List.of(10L, 20L), ids(r), "ties by ascending item index");
        assertEquals(List.of(30L, 40L), ids(flat.topN(1, 2)));
    }

    @Test
    void predictTranslatesIdsAndGivesNaNForUnknown() {
        assertEquals(TRAIN.items().indexOf(40), MODEL.predict(1, 40));
        assertTrue(Double.isNaN(MODEL.predict(99, 40)));
        assertTrue(Double.isNaN(MODEL.predict(1, 99)));
        assertTrue(Double.isNaN(new Flat(TRAIN).predict(1, 40)), "default predictIndex is NaN");
    }

    @Test
    void concurrentQueriesGiveTheSameAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> results = new java.util.ArrayList<>();
            for (int k = 0; k < 200; k++) {
                long user = 1 + k % 5;
                results.add(pool.submit(() -> ids(MODEL.topN(user, 3))));
            }
            for (int k = 0; k < 200; k++) {
                assertEquals(ids(MODEL.topN(1 + k % 5, 3)), results.get(k).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
