package io.jrec.models.knn;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sparse query path (scores only for the items a user's history reaches, selection among those)
 * against the dense path (every item scored, one scan): identical lists, ids, scores and order, for
 * every user, every filter kind, explicit and implicit data.
 */
class ItemKnnSparseQueryTest {

    /** 400 users over 3,000 items with skewed popularity: most users reach far fewer items than exist. */
    static RatingMatrix random(long seed, boolean wideValues) {
        Random rnd = new Random(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 400; u++) {
            int n = 1 + rnd.nextInt(12);
            for (int k = 0; k < n; k++) {
                int item = (int) (3000 * Math.pow(rnd.nextDouble(), 2.5));   // popular items more often
                double value = wideValues ? rnd.nextInt(11) - 3 : 1 + rnd.nextInt(5);   // -3..7 includes 0
                b.add(10_000L + u, 500L + item, value);
            }
        }
        return b.build();
    }

    @Test
    void sparseAndDensePathsGiveIdenticalLists() {
        long deny = 500L + 7;
        ItemFilter[] filters = {
                ItemFilter.excludeSeen(), ItemFilter.none(),
                ItemFilter.builder().deny(deny).require(id -> id % 3 != 0).build(),
                ItemFilter.allowOnly(500, 501, 502, 503, 510, 520, 530, 600, 700, 900, 2000, 3400),
        };
        int sparseQueries = 0;
        for (boolean implicit : new boolean[] {false, true}) {
            for (boolean wide : new boolean[] {false, true}) {
                RatingMatrix m = random(implicit ? 11 : 12, wide);
                ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(20)
                        .implicit(implicit).centering(Centering.NONE).build().fit(m);
                for (int u = 0; u < m.userCount(); u++) {
                    long user = m.users().idAt(u);
                    if (knn.candidateWork(u) <= m.itemCount()) {
                        sparseQueries++;
                    }
                    for (ItemFilter f : filters) {
                        for (int n : new int[] {0, 1, 10, 5000}) {
                            Recommendations dense = knn.topNScoringAll(user, n, f);
                            Recommendations sparse = knn.topN(user, n, f);
                            assertEquals(dense, sparse, "user " + user + ", n " + n + ", " + f);
                        }
                    }
                }
            }
        }
        assertTrue(sparseQueries > 1000, "the sparse path ran " + sparseQueries + " times");
    }

    @Test
    void repeatedQueriesOnOneThreadLeaveNoScoresBehind() {
        RatingMatrix m = random(5, false);
        ItemKnnRecommender knn = ItemKnnRecommender.builder().neighbors(30).build().fit(m);
        long first = m.users().idAt(0);
        Recommendations before = knn.topN(first, 20);
        for (int u = 1; u < m.userCount(); u++) {
            knn.topN(m.users().idAt(u), 20, ItemFilter.none());
        }
        assertEquals(before, knn.topN(first, 20));
    }
}
