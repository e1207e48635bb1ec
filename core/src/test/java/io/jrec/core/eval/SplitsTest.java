package io.jrec.core.eval;

import io.jrec.core.RatingMatrix;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitsTest {

    /** 30 users with 1..12 ratings each over 40 items, timestamps 1000 + position. */
    static RatingMatrix random(long seed) {
        Random random = new Random(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        long t = 1000;
        for (long u = 1; u <= 30; u++) {
            int n = 1 + random.nextInt(12);
            Set<Long> items = new HashSet<>();
            while (items.size() < n) {
                items.add(100L + random.nextInt(40));
            }
            for (long i : items) {
                b.add(u, i, 1 + random.nextInt(5), t++);
            }
        }
        return b.build();
    }

    /** "user:item" for every entry, via external ids. */
    static Set<String> pairs(RatingMatrix m) {
        Set<String> pairs = new HashSet<>();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = m.byUser().rowStart(u); k < m.byUser().rowEnd(u); k++) {
                pairs.add(m.users().idAt(u) + ":" + m.items().idAt(m.byUser().column(k)));
            }
        }
        return pairs;
    }

    static void assertPartition(RatingMatrix m, Split s) {
        assertSame(m.users(), s.train().users());
        assertSame(m.items(), s.test().items());
        Set<String> train = pairs(s.train());
        Set<String> test = pairs(s.test());
        assertEquals(m.size(), train.size() + test.size(), s.name());
        train.addAll(test);
        assertEquals(pairs(m), train, s.name());
    }

    @Test
    void kFoldTestsEveryRatingExactlyOnceInBalancedFolds() {
        RatingMatrix m = random(1);
        List<Split> folds = Splits.kFold(m, 5, 42);
        assertEquals(5, folds.size());
        Set<String> tested = new HashSet<>();
        for (Split f : folds) {
            assertPartition(m, f);
            assertTrue(Math.abs(f.test().size() - m.size() / 5.0) <= 1, f.name() + ": " + f.test().size());
            for (String p : pairs(f.test())) {
                assertTrue(tested.add(p), "tested twice: " + p);
            }
        }
        assertEquals(pairs(m), tested);
        assertEquals("fold 1/5", folds.get(0).name());
        assertEquals(pairs(folds.get(2).test()), pairs(Splits.kFold(m, 5, 42).get(2).test()));
        assertNotEquals(pairs(folds.get(2).test()), pairs(Splits.kFold(m, 5, 43).get(2).test()));
    }

    @Test
    void perUserKFoldKeepsTrainingDataForEveryTestedUser() {
        RatingMatrix m = random(2);
        List<Split> folds = Splits.perUserKFold(m, 4, 7);
        Set<String> tested = new HashSet<>();
        for (Split f : folds) {
            assertPartition(m, f);
            for (int u = 0; u < m.userCount(); u++) {
                int n = m.userRatingCount(u);
                int t = f.test().userRatingCount(u);
                if (t > 0) {
                    assertTrue(f.train().userRatingCount(u) >= 1, "user " + u + " lost all training data");
                }
                if (n >= 4) {   // about n/4 in every fold: floor or ceil
                    assertTrue(t == n / 4 || t == (n + 3) / 4, "user with " + n + " ratings tested " + t);
                }
                if (n == 1) {
                    assertEquals(0, t);
                }
            }
            tested.addAll(pairs(f.test()));
        }
        int testable = 0;
        for (int u = 0; u < m.userCount(); u++) {
            testable += m.userRatingCount(u) >= 2 ? m.userRatingCount(u) : 0;
        }
        assertEquals(testable, tested.size());   // every rating of a user with >= 2 ratings tested once
    }

    @Test
    void holdoutTakesRoundedShareButLeavesOneForTraining() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int i = 0; i < 10; i++) {
            b.add(1, i, 3);           // 10 ratings: round(0.25 * 10) = round(2.5) = 3 tested
        }
        b.add(2, 1, 4);               // 1 rating: never tested
        b.add(3, 1, 4).add(3, 2, 4);  // 2 ratings: round(0.5) = 1 tested (Math.round rounds half up)
        RatingMatrix m = b.build();
        Split s = Splits.holdout(m, 0.25, 5);
        assertPartition(m, s);
        assertEquals(3, s.test().userRatingCount(m.users().indexOf(1)));
        assertEquals(0, s.test().userRatingCount(m.users().indexOf(2)));
        assertEquals(1, s.test().userRatingCount(m.users().indexOf(3)));
        Split most = Splits.holdout(m, 0.99, 5);   // round(9.9) = 10, capped at 10 - 1
        assertEquals(9, most.test().userRatingCount(m.users().indexOf(1)));
        assertEquals(pairs(s.test()), pairs(Splits.holdout(m, 0.25, 5).test()));
    }

    @Test
    void leaveLastOutTakesLatestAndBreaksTiesByLargerItemId() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1, 10, 5, 100).add(1, 30, 4, 700).add(1, 20, 3, 700)   // tie at 700: item 30 wins
                .add(2, 10, 5, 900)                                          // single rating: kept for training
                .add(3, 20, 1, 50).add(3, 10, 2, 40)
                .build();
        Split s = Splits.leaveLastOut(m);
        assertPartition(m, s);
        assertEquals(Set.of("1:30", "3:20"), pairs(s.test()));
        assertEquals("leave-last-out", s.name());
    }

    @Test
    void leaveOneOutTakesOneRatingPerUser() {
        RatingMatrix m = random(3);
        Split s = Splits.leaveOneOut(m, 11);
        assertPartition(m, s);
        for (int u = 0; u < m.userCount(); u++) {
            assertEquals(m.userRatingCount(u) >= 2 ? 1 : 0, s.test().userRatingCount(u));
        }
        assertEquals(pairs(s.test()), pairs(Splits.leaveOneOut(m, 11).test()));
        assertNotEquals(pairs(s.test()), pairs(Splits.leaveOneOut(m, 12).test()));
    }

    @Test
    void temporalCuts() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int t = 1; t <= 10; t++) {
            b.add(t % 3, t, 4, t);
        }
        RatingMatrix m = b.build();
        Split cut = Splits.temporal(m, 8);
        assertPartition(m, cut);
        assertEquals(Set.of("2:8", "0:9", "1:10"), pairs(cut.test()));   // timestamps 8, 9, 10
        // fraction 0.3 of 10: cut at the rating at position ceil(0.7 * 10) = 7 in time order, timestamp 8
        assertEquals(pairs(cut.test()), pairs(Splits.temporalFraction(m, 0.3).test()));
        assertEquals("temporal >= 8", cut.name());
    }

    @Test
    void givenKeepsBothMatrices() {
        RatingMatrix train = RatingMatrix.builder().add(1, 1, 1).build();
        RatingMatrix test = RatingMatrix.builder().add(2, 2, 2).build();
        Split s = Splits.given("u1", train, test);
        assertSame(train, s.train());
        assertSame(test, s.test());
        assertEquals("Split[u1: train 1 ratings, test 1 ratings]", s.toString());
    }

    @Test
    void badArgumentsAreRejectedWithMessages() {
        RatingMatrix m = random(4);
        RatingMatrix noTime = RatingMatrix.builder().add(1, 1, 1).add(1, 2, 1).build();
        assertEquals("number of folds k must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> Splits.kFold(m, 1, 0)).getMessage());
        assertEquals("number of folds k = 3 exceeds the number of ratings 2",
                assertThrows(IllegalArgumentException.class, () -> Splits.perUserKFold(noTime, 3, 0)).getMessage());
        assertEquals("test fraction must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> Splits.holdout(m, 1.0, 0)).getMessage());
        assertEquals("test fraction must be in (0, 1), got NaN",
                assertThrows(IllegalArgumentException.class, () -> Splits.temporalFraction(m, Double.NaN)).getMessage());
        assertEquals("leave-last-out needs timestamps, but the matrix has none; add ratings with"
                        + " RatingMatrix.Builder.add(user, item, value, timestamp)",
                assertThrows(IllegalArgumentException.class, () -> Splits.leaveLastOut(noTime)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.temporal(noTime, 5)).getMessage()
                .startsWith("a temporal split needs timestamps"));
        assertEquals("split name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Splits.given(" ", m, m)).getMessage());
    }
}
