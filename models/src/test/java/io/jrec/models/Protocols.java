package io.jrec.models;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.SparseMatrix;

import java.util.List;

/**
 * Test-only reference implementations of two measurement protocols of DESIGN.md (RMSE; top-N
 * precision/NDCG at n with binary gain and log2 discount over all unseen items), written out plainly
 * so they can be checked by eye and cross-check {@code io.jrec.core.eval}.
 */
public final class Protocols {

    private Protocols() {
    }

    /** RMSE over {@code test}; pairs the model cannot predict (NaN) are filled with the training mean. */
    public static double rmse(Recommender model, RatingMatrix test, double fallback) {
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
    public static double[] topN(Recommender model, RatingMatrix test, double threshold, int n) {
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

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
