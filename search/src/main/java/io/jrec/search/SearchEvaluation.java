package io.jrec.search;

import io.jrec.core.ItemFilter;

import java.util.List;
import java.util.Locale;

/**
 * Offline quality of a {@link ProductSearch} on logged searches, and tuning of its blend weight.
 *
 * <p>Protocol: each logged search is replayed ({@code search(userId, query, 100)}); the rank {@code r}
 * of the product bought gives NDCG@10 = {@code 1 / log2(r + 1)} if {@code r <= 10} (one relevant
 * product, so the ideal DCG is 1), reciprocal rank {@code 1 / r} if {@code r <= 100}, hit@10; all 0 when
 * the product is not returned. Figures are means over the searches. Stateless.
 */
public final class SearchEvaluation {
    /** How deep each replayed search looks for the bought product. */
    public static final int DEPTH = 100;

    private SearchEvaluation() {
    }

    /**
     * Mean quality over searches.
     *
     * @param searches how many searches were replayed
     * @param ndcg10   mean NDCG@10 of the bought product
     * @param mrr      mean reciprocal rank of the bought product (0 beyond {@link #DEPTH})
     * @param hit10    share of searches with the bought product in the top 10
     */
    public record Quality(int searches, double ndcg10, double mrr, double hit10) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "NDCG@10 %.4f, MRR %.4f, hit@10 %.4f over %,d searches",
                    ndcg10, mrr, hit10, searches);
        }
    }

    /** Replays {@code log} with {@code search} (seen products allowed, in-stock rule as configured). */
    public static Quality evaluate(ProductSearch search, List<LoggedSearch> log) {
        double ndcg = 0;
        double rr = 0;
        double hits = 0;
        for (LoggedSearch s : log) {
            SearchResults r = search.search(s.userId(), s.query(), null, DEPTH, ItemFilter.none());
            for (int k = 0; k < r.size(); k++) {
                if (r.get(k).itemId() == s.boughtItemId()) {
                    int rank = k + 1;
                    rr += 1.0 / rank;
                    if (rank <= 10) {
                        ndcg += 1 / (Math.log(rank + 1) / Math.log(2));
                        hits++;
                    }
                    break;
                }
            }
        }
        int n = Math.max(1, log.size());
        return new Quality(log.size(), ndcg / n, rr / n, hits / n);
    }

    /**
     * The blend weight from {@code grid} with the highest MRR on {@code log} (ties: the smaller weight).
     *
     * @throws IllegalArgumentException if the grid is empty or has a weight outside [0, 1]
     */
    public static double tuneWeight(ProductSearch search, List<LoggedSearch> log, double... grid) {
        if (grid.length == 0) {
            throw new IllegalArgumentException("the weight grid is empty; give at least one weight in [0, 1]");
        }
        double best = Double.NaN;
        double bestMrr = Double.NEGATIVE_INFINITY;
        for (double w : grid) {
            double mrr = evaluate(search.withWeight(w), log).mrr();
            if (mrr > bestMrr || (mrr == bestMrr && w < best)) {
                best = w;
                bestMrr = mrr;
            }
        }
        return best;
    }
}
