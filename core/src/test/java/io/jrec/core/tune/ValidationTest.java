package io.jrec.core.tune;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Split;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {
    private static final RatingMatrix DATA = TuneFixtures.flatRatings(30, 40, 10, 5);

    @Test
    void everySplitPartitionsTheTrainingData() {
        for (Validation v : new Validation[] {Validation.perUser(0.2, 1), Validation.temporal(0.3),
                Validation.globalCut(0.25), Validation.kFold(4, 2)}) {
            List<Split> splits = v.splits(DATA);
            assertEquals(v.toString().startsWith("kfold") ? 4 : 1, splits.size());
            for (Split s : splits) {
                Set<Long> train = pairs(s.train());
                Set<Long> test = pairs(s.test());
                assertFalse(test.isEmpty());
                for (Long p : test) {
                    assertFalse(train.contains(p), v + ": a validation pair is also a training pair");
                }
                Set<Long> all = new HashSet<>(train);
                all.addAll(test);
                assertEquals(pairs(DATA), all, v.toString());
            }
        }
    }

    @Test
    void temporalTakesEachUsersLatestRatings() {
        // user 1: items 10..14 at times 5, 1, 4, 2, 3 -> the latest 40% (2 ratings) are items 10 and 12
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 1, 5).add(1, 11, 1, 1).add(1, 12, 1, 4).add(1, 13, 1, 2)
                .add(1, 14, 1, 3).add(2, 10, 1, 9).add(2, 11, 1, 9).add(3, 12, 1, 1).build();
        Split s = Validation.temporal(0.4).splits(m).get(0);
        assertEquals(Set.of(1_000_010L, 1_000_012L, 2_000_011L), pairs(s.test()));   // user 2: tie -> larger item id
        // user 3 has one rating and keeps it
        assertTrue(pairs(s.train()).contains(3_000_012L));
    }

    @Test
    void parsesCommandLineNamesAndRejectsOthers() {
        assertEquals("user:0.2", Validation.parse("user:0.2", 1).toString());
        assertEquals("temporal:0.1", Validation.parse("TEMPORAL:0.1", 1).toString());
        assertEquals("cut:0.3", Validation.parse("cut:0.3", 1).toString());
        assertEquals("kfold:5", Validation.parse("kfold:5", 1).toString());
        String expected = "; expected user:F, temporal:F, cut:F (F in (0, 1), e.g. user:0.2) or kfold:K (K >= 2)";
        assertEquals("unknown validation 'user'" + expected, assertThrows(IllegalArgumentException.class,
                () -> Validation.parse("user", 1)).getMessage());
        assertEquals("unknown validation 'folds:3'" + expected, assertThrows(IllegalArgumentException.class,
                () -> Validation.parse("folds:3", 1)).getMessage());
        assertEquals("validation 'kfold:x' has a bad number 'x'" + expected, assertThrows(IllegalArgumentException.class,
                () -> Validation.parse("kfold:x", 1)).getMessage());
        assertEquals("validation fraction must be in (0, 1), got 1.5", assertThrows(IllegalArgumentException.class,
                () -> Validation.parse("user:1.5", 1)).getMessage());
        assertEquals("k-fold validation needs k >= 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> Validation.kFold(1, 1)).getMessage());
        RatingMatrix noTimes = RatingMatrix.builder().add(1, 1, 1).add(1, 2, 1).build();
        assertEquals("temporal validation needs timestamps, but the training matrix has none; use user:F or kfold:K",
                assertThrows(IllegalArgumentException.class, () -> Validation.temporal(0.5).splits(noTimes))
                        .getMessage());
        RatingMatrix single = RatingMatrix.builder().add(1, 1, 1).add(2, 2, 1).build();
        assertEquals("validation user:0.2 leaves no validation data in validation user:0.2 (2 ratings, 2 users);"
                + " users need at least two ratings", assertThrows(IllegalArgumentException.class,
                () -> Validation.perUser(0.2, 1).splits(single)).getMessage());
    }

    @Test
    void objectivesParseTheReportNames() {
        assertEquals("RMSE", Objective.parse("rmse").metric().name());
        assertTrue(Objective.parse("rmse").minimizes());
        assertEquals("NDCG@10", Objective.parse("ndcg@10").metric().name());
        assertFalse(Objective.parse("NDCG@10").minimizes());
        assertEquals("HitRate@5", Objective.parse("hr@5").metric().name());
        assertTrue(Objective.minimize(Metrics.ndcg(3)).isBetter(0.1, 0.2));
        assertTrue(Objective.of(Metrics.ndcg(3)).isBetter(0.1, Double.NaN));
        assertFalse(Objective.of(Metrics.ndcg(3)).isBetter(Double.NaN, 0.1));
        String known = "known: rmse, mae, ndcg@K, gndcg@K, precision@K, recall@K, map@K, mrr@K, hitrate@K,"
                + " coverage@K, novelty@K";
        assertEquals("unknown metric 'auc'; " + known, assertThrows(IllegalArgumentException.class,
                () -> Objective.parse("auc")).getMessage());
        assertEquals("unknown metric 'foo@3'; " + known, assertThrows(IllegalArgumentException.class,
                () -> Objective.parse("foo@3")).getMessage());
        assertEquals("metric 'ndcg@x' needs an integer cutoff after '@', e.g. ndcg@10",
                assertThrows(IllegalArgumentException.class, () -> Objective.parse("ndcg@x")).getMessage());
        assertEquals("metric 'ndcg@0' needs a cutoff >= 1", assertThrows(IllegalArgumentException.class,
                () -> Objective.parse("ndcg@0")).getMessage());
    }

    static Set<Long> pairs(RatingMatrix m) {
        Set<Long> pairs = new HashSet<>();
        SparseMatrix rows = m.byUser();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = rows.rowStart(u); k < rows.rowEnd(u); k++) {
                pairs.add(m.users().idAt(u) * 1_000_000 + m.items().idAt(rows.column(k)));
            }
        }
        return pairs;
    }
}
