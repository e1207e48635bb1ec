package io.jrec.models;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every jrec recommender must keep, run against a small "checkerboard" fixture: two
 * groups of users who each like their own group's items and dislike a few of the other group's.
 * User 1 (group A) has every A item except 104, which the other A users like: every sensible model,
 * popularity included, recommends 104 to user 1 first.
 *
 * <p>Reuse it for a new model by extending it and implementing {@link #algorithm()}.
 */
public abstract class RecommenderContract {
    /** Group A items (liked by users 1..5) and group B items (liked by users 6..8). */
    protected static final long[] A_ITEMS = {101, 102, 103, 104};
    protected static final long[] B_ITEMS = {201, 202, 203, 204};
    protected static final long OBVIOUS_USER = 1;
    protected static final long OBVIOUS_ITEM = 104;
    protected static final long UNKNOWN_USER = 999;
    protected static final long UNKNOWN_ITEM = 999_999;

    protected RatingMatrix train;
    protected Recommender model;

    /** The algorithm under test, with settings that suit the 8-user fixture. */
    protected abstract Algorithm algorithm();

    /** The fixture: users 1..5 rate A items 4..5, users 6..8 rate B items 4..5, a few cross ratings 1..2. */
    protected static RatingMatrix checkerboard() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (long u = 1; u <= 5; u++) {
            for (int k = 0; k < A_ITEMS.length; k++) {
                if (u == OBVIOUS_USER && A_ITEMS[k] == OBVIOUS_ITEM) {
                    continue;
                }
                b.add(u, A_ITEMS[k], 4 + (u + k) % 2);
            }
        }
        for (long u = 6; u <= 8; u++) {
            for (int k = 0; k < B_ITEMS.length; k++) {
                b.add(u, B_ITEMS[k], 4 + (u + k) % 2);
            }
        }
        b.add(2, 201, 1).add(3, 202, 2).add(6, 101, 1).add(7, 102, 2).add(1, 203, 1);
        return b.build();
    }

    @BeforeEach
    void fitOnFixture() {
        train = checkerboard();
        model = algorithm().fit(train);
    }

    @Test
    void recommendsTheObviousItemFirst() {
        Recommendations top = model.topN(OBVIOUS_USER, 3);
        assertFalse(top.isEmpty(), "no recommendation for user 1");
        assertEquals(OBVIOUS_ITEM, top.get(0).itemId(), "user 1 should get item 104 first, got " + top);
    }

    @Test
    void resultsAreSortedDistinctAndAtMostN() {
        for (long userId : train.users().toArray()) {
            for (int n : new int[] {0, 1, 3, 100}) {
                Recommendations top = model.topN(userId, n);
                assertTrue(top.size() <= n, "more than n items: " + top);
                Set<Long> ids = new HashSet<>();
                for (int k = 0; k < top.size(); k++) {
                    assertTrue(ids.add(top.get(k).itemId()), "duplicate item in " + top);
                    assertFalse(Double.isNaN(top.get(k).score()), "NaN score in " + top);
                    if (k > 0) {
                        assertTrue(top.get(k - 1).score() >= top.get(k).score(), "not sorted: " + top);
                    }
                }
            }
        }
    }

    @Test
    void excludesSeenItemsByDefault() {
        for (long userId : train.users().toArray()) {
            int u = train.users().indexOf(userId);
            for (ScoredItem s : model.topN(userId, 100)) {
                assertTrue(Double.isNaN(train.get(u, train.items().indexOf(s.itemId()))),
                        "user " + userId + " already has " + s.itemId());
            }
        }
    }

    @Test
    void filtersApply() {
        Recommendations denied = model.topN(OBVIOUS_USER, 100, ItemFilter.builder().deny(OBVIOUS_ITEM).build());
        assertFalse(contains(denied, OBVIOUS_ITEM), "denied item recommended: " + denied);

        Recommendations allowed = model.topN(OBVIOUS_USER, 100, ItemFilter.allowOnly(202, 204, UNKNOWN_ITEM));
        for (ScoredItem s : allowed) {
            assertTrue(s.itemId() == 202 || s.itemId() == 204, "item outside allow list: " + allowed);
        }

        Recommendations even = model.topN(OBVIOUS_USER, 100,
                ItemFilter.builder().require(id -> id % 2 == 0).build());
        for (ScoredItem s : even) {
            assertEquals(0, s.itemId() % 2, "predicate violated: " + even);
        }
        assertTrue(contains(even, OBVIOUS_ITEM), "104 passes the predicate and should stay: " + even);
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.topN(1, -1));
        assertEquals("n must be >= 0, got -1", e.getMessage());
        assertThrows(NullPointerException.class, () -> model.topN(1, 3, null));
    }

    @Test
    void unknownUserGetsALabelledFallback() {
        Recommendations known = model.topN(OBVIOUS_USER, 3);
        Recommendations unknown = model.topN(UNKNOWN_USER, 3);
        assertFalse(unknown.isEmpty(), "an unknown user should still get recommendations");
        assertNotEquals(known.source(), unknown.source(), "the fallback must say so in source()");
        assertTrue(unknown.source().contains("unknown"), "source should mention the unknown user: " + unknown.source());
    }

    @Test
    void unknownIdsPredictNaN() {
        assertTrue(Double.isNaN(model.predict(OBVIOUS_USER, UNKNOWN_ITEM)));
        assertTrue(Double.isNaN(model.predict(UNKNOWN_USER, OBVIOUS_ITEM)));
    }

    @Test
    void concurrentQueriesAgreeWithSingleThreaded() throws Exception {
        long[] users = train.users().toArray();
        List<List<ScoredItem>> expected = new ArrayList<>();
        for (long userId : users) {
            expected.add(List.copyOf(model.topN(userId, 5)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<ScoredItem>>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<List<ScoredItem>> got = new ArrayList<>();
                    for (int rep = 0; rep < 50; rep++) {
                        got.clear();
                        for (long userId : users) {
                            got.add(List.copyOf(model.topN(userId, 5)));
                        }
                    }
                    return got;
                }));
            }
            for (Future<List<List<ScoredItem>>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fittingTwiceGivesTheSameModel() {
        Recommender again = algorithm().fit(train);
        for (long userId : train.users().toArray()) {
            assertEquals(List.copyOf(model.topN(userId, 10)), List.copyOf(again.topN(userId, 10)));
        }
    }

    protected static boolean contains(List<ScoredItem> list, long itemId) {
        for (ScoredItem s : list) {
            if (s.itemId() == itemId) {
                return true;
            }
        }
        return false;
    }
}
