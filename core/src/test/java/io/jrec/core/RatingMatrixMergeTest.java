package io.jrec.core;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RatingMatrixMergeTest {

    /** Every (user id, item id) entry of {@code actual} equals the one in {@code expected}, and vice versa. */
    private static void assertSameRatings(RatingMatrix expected, RatingMatrix actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.userCount(), actual.userCount());
        assertEquals(expected.itemCount(), actual.itemCount());
        for (int u = 0; u < expected.userCount(); u++) {
            SparseVector row = expected.userRow(u);
            int au = actual.users().require(expected.users().idAt(u));
            assertEquals(row.size(), actual.userRow(au).size());
            for (int k = 0; k < row.size(); k++) {
                int ai = actual.items().require(expected.items().idAt(row.index(k)));
                assertEquals(row.value(k), actual.get(au, ai), 0.0);
            }
        }
        // CSC must agree with CSR after a merge too
        for (int i = 0; i < actual.itemCount(); i++) {
            SparseVector column = actual.itemColumn(i);
            for (int k = 0; k < column.size(); k++) {
                assertEquals(column.value(k), actual.get(column.index(k), i), 0.0);
            }
        }
    }

    @Test
    void mergeEqualsBuildingEverythingAtOnce() {
        Random random = new Random(3);
        for (DuplicatePolicy policy : new DuplicatePolicy[]{DuplicatePolicy.LAST, DuplicatePolicy.SUM,
                DuplicatePolicy.MAX}) {
            for (int trial = 0; trial < 20; trial++) {
                RatingMatrix.Builder base = RatingMatrix.builder().duplicates(policy);
                RatingMatrix.Builder batch = RatingMatrix.builder().duplicates(policy);
                RatingMatrix.Builder all = RatingMatrix.builder().duplicates(policy);
                for (int k = 0; k < 200; k++) {
                    long user = random.nextInt(30) * 1_000_003L;
                    long item = random.nextInt(40) - 20;
                    int value = 1 + random.nextInt(5);
                    boolean inBatch = k >= 150;
                    (inBatch ? batch : base).add(user, item, value, k);
                    all.add(user, item, value, k);
                }
                RatingMatrix original = base.build();
                RatingMatrix merged = original.merge(batch.build(), policy);
                assertSameRatings(all.build(), merged);
                for (int u = 0; u < original.userCount(); u++) {   // old ids keep their indices
                    assertEquals(original.users().idAt(u), merged.users().idAt(u));
                }
            }
        }
    }

    @Test
    void mergeKeepsTimestampsAndAppendsNewIds() {
        RatingMatrix m = RatingMatrix.builder().add(5, 50, 1, 10).add(7, 70, 2, 20).build();
        RatingMatrix merged = m.merge(RatingMatrix.builder().add(5, 50, 4, 30).add(1, 70, 3, 40).build(),
                DuplicatePolicy.SUM);
        assertEquals(2, merged.users().indexOf(1));            // new user appended after 5 and 7
        int u5 = merged.users().indexOf(5);
        int i50 = merged.items().indexOf(50);
        assertEquals(5.0, merged.get(u5, i50));                 // 1 + 4
        assertEquals(30, merged.byUser().timestamp(merged.byUser().position(u5, i50)));
        assertSame(m, m.merge(RatingMatrix.builder().build(), DuplicatePolicy.LAST));
    }

    @Test
    void mergeRejectsWhatItCannotCombine() {
        RatingMatrix timed = RatingMatrix.builder().add(1, 1, 1, 10).build();
        RatingMatrix untimed = RatingMatrix.builder().add(1, 2, 1).build();
        assertEquals("cannot merge: this matrix has timestamps and the other has none",
                assertThrows(IllegalArgumentException.class, () -> timed.merge(untimed, DuplicatePolicy.LAST))
                        .getMessage());
        assertEquals("duplicate rating of user 1 for item 1",
                assertThrows(IllegalArgumentException.class,
                        () -> timed.merge(RatingMatrix.builder().add(1, 1, 2, 11).build(), DuplicatePolicy.REJECT))
                        .getMessage());
    }

    @Test
    void holderSwapsAtomically() {
        RatingMatrix m = RatingMatrix.builder().add(1, 1, 1).build();
        Recommender a = new io.jrec.core.io.ModelIOTestAccess().model(m, 1f);
        RecommenderHolder holder = new RecommenderHolder(a);
        Recommender b = new io.jrec.core.io.ModelIOTestAccess().model(m, 2f);
        assertSame(a, holder.swap(b));
        assertSame(b, holder.current());
        assertEquals(2.0, holder.predict(1, 1));
        assertEquals("next model", assertThrows(NullPointerException.class, () -> holder.swap(null)).getMessage());
    }
}
