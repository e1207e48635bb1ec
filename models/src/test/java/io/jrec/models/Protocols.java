package io.jrec.models;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.SparseMatrix;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Test-only reference implementations of the measurement protocols in DESIGN.md (RMSE; top-N
 * precision/NDCG at n with binary gain and log2 discount; leave-one-out hit rate / NDCG, over all
 * unseen items or among sampled unseen items). Written out plainly so they can be checked by eye.
 */
final class Protocols {

    private Protocols() {
    }

    /** RMSE over {@code test}; pairs the model cannot predict (NaN) are filled with the training mean. */
    static double rmse(Recommender model, RatingMatrix test, double fallback) {
        double sse = 0;
        SparseMatrix m = test.byUser();
        for (int u = 0; u < test.userCount(); u++) {
            long userId = test.users().idAt(u);
            for (int k = m.rowStart(u); k < m.rowEnd(u); k++) {
                double p = model.predict(userId, test.items().idAt(m.column(k)));
                if (Double.isNaN(p)) {
                    p = fallback;
                }
                double e = m.value(k) - p;
                sse += e * e;
            }
        }
        return Math.sqrt(sse / test.size());
    }

    /**
     * Mean precision@n and NDCG@n over the users with at least one test rating >= {@code threshold};
     * all items unseen in training are candidates. Returns {precision, ndcg, users}.
     */
    static double[] topN(Recommender model, RatingMatrix test, double threshold, int n) {
        double precision = 0;
        double ndcg = 0;
        int users = 0;
        SparseMatrix m = test.byUser();
        for (int u = 0; u < test.userCount(); u++) {
            it.unimi.dsi.fastutil.longs.LongOpenHashSet relevant = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
            for (int k = m.rowStart(u); k < m.rowEnd(u); k++) {
                if (m.value(k) >= threshold) {
                    relevant.add(test.items().idAt(m.column(k)));
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            users++;
            List<ScoredItem> top = model.topN(test.users().idAt(u), n);
            int hits = 0;
            double dcg = 0;
            for (int r = 0; r < top.size(); r++) {
                if (relevant.contains(top.get(r).itemId())) {
                    hits++;
                    dcg += 1 / log2(r + 2);
                }
            }
            double idcg = 0;
            for (int r = 0; r < Math.min(n, relevant.size()); r++) {
                idcg += 1 / log2(r + 2);
            }
            precision += hits / (double) n;
            ndcg += dcg / idcg;
        }
        return new double[] {precision / users, ndcg / users, users};
    }

    /**
     * Leave-one-out: per test user (one held-out item), HR@n and NDCG@n of the held-out item ranked
     * among all unseen items ({@code sampled <= 0}) or among {@code sampled} random unseen items drawn
     * with {@code seed}. Returns {hr, ndcg}.
     */
    static double[] leaveOneOut(Recommender model, RatingMatrix train, RatingMatrix test, int n, int sampled,
                                long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double hr = 0;
        double ndcg = 0;
        int users = 0;
        SparseMatrix m = test.byUser();
        int items = train.itemCount();
        for (int u = 0; u < test.userCount(); u++) {
            if (m.rowSize(u) == 0) {
                continue;
            }
            long userId = test.users().idAt(u);
            long target = test.items().idAt(m.column(m.rowStart(u)));
            users++;
            int rank;
            if (sampled <= 0) {
                rank = rankOf(model.topN(userId, n), target);
            } else {
                int tu = train.users().indexOf(userId);
                int ti = train.items().indexOf(target);
                long[] candidates = new long[sampled + 1];
                candidates[0] = target;
                it.unimi.dsi.fastutil.ints.IntOpenHashSet chosen = new it.unimi.dsi.fastutil.ints.IntOpenHashSet();
                int c = 1;
                while (c <= sampled) {
                    int j = random.nextInt(items);
                    if (j != ti && !train.userRow(tu).contains(j) && chosen.add(j)) {
                        candidates[c++] = train.items().idAt(j);
                    }
                }
                rank = rankOf(model.topN(userId, n, io.jrec.core.ItemFilter.allowOnly(candidates)), target);
            }
            if (rank >= 0) {
                hr++;
                ndcg += 1 / log2(rank + 2);
            }
        }
        return new double[] {hr / users, ndcg / users};
    }

    private static int rankOf(List<ScoredItem> list, long itemId) {
        for (int r = 0; r < list.size(); r++) {
            if (list.get(r).itemId() == itemId) {
                return r;
            }
        }
        return -1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
