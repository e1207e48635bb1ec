package io.jrec.core.eval;

import io.jrec.core.RatingMatrix;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.List;
import java.util.Objects;

/**
 * The metrics jrec computes. Ranking metrics are per-user values averaged over the evaluated users
 * (those with at least one relevant test item); see {@link RankedList} for the exact formulas and
 * conventions (short lists, ties are whatever order the model returned).
 *
 * <pre>{@code
 * Evaluator.builder().metrics(Metrics.rmse(), Metrics.precision(10), Metrics.ndcg(10)).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Metrics {

    private Metrics() {
    }

    /** Root mean squared error of {@code predict} over the test pairs. */
    public static ErrorMetric rmse() {
        return ErrorMetric.RMSE;
    }

    /** Mean absolute error of {@code predict} over the test pairs. */
    public static ErrorMetric mae() {
        return ErrorMetric.MAE;
    }

    /** Mean Precision@k: relevant items in the top k / k. */
    public static TopNMetric precision(int k) {
        return new UserMean("Precision", k, RankedList::precision);
    }

    /** Mean Recall@k: relevant items in the top k / the user's relevant test items. */
    public static TopNMetric recall(int k) {
        return new UserMean("Recall", k, RankedList::recall);
    }

    /** Mean binary NDCG@k (log2 discount, ideal DCG over min(k, relevant)); see {@link RankedList#ndcg}. */
    public static TopNMetric ndcg(int k) {
        return new UserMean("NDCG", k, RankedList::ndcg);
    }

    /** Mean graded NDCG@k, the gain being the test rating; see {@link RankedList#gradedNdcg}. */
    public static TopNMetric gradedNdcg(int k) {
        return new UserMean("gNDCG", k, RankedList::gradedNdcg);
    }

    /** MAP@k: mean over users of AP@k; see {@link RankedList#averagePrecision}. */
    public static TopNMetric map(int k) {
        return new UserMean("MAP", k, RankedList::averagePrecision);
    }

    /** MRR@k: mean reciprocal rank of the first relevant item (0 if none in the top k). */
    public static TopNMetric mrr(int k) {
        return new UserMean("MRR", k, RankedList::reciprocalRank);
    }

    /** HitRate@k: the share of users with at least one relevant item in the top k. */
    public static TopNMetric hitRate(int k) {
        return new UserMean("HitRate", k, RankedList::hit);
    }

    /**
     * Catalogue coverage@k: distinct items in the evaluated users' top-k lists / items in the training
     * matrix's index (for splits made by {@link Splits} that is every item of the source matrix).
     */
    public static TopNMetric coverage(int k) {
        return new Coverage(k);
    }

    /**
     * Novelty@k: the mean self-information {@code -log2(p(i))} of the recommended items, averaged over
     * users, where {@code p(i)} = (training users who rated i) / (training users with any rating) is
     * the item's popularity share. An item with no training ratings counts as rated once. Users with an
     * empty list are left out of the mean.
     */
    public static TopNMetric novelty(int k) {
        return new Novelty(k);
    }

    /**
     * Intra-list diversity@k: the mean over the top-k list's item pairs of {@code 1 - similarity},
     * averaged over users (Ziegler et al., Improving Recommendation Lists Through Topic
     * Diversification, WWW 2005). Users with fewer than two listed items are left out of the mean.
     */
    public static TopNMetric diversity(int k, ItemSimilarity similarity) {
        Objects.requireNonNull(similarity, "similarity");
        return new Diversity(k, similarity);
    }

    /**
     * The standard set at cutoff k: Precision, Recall, NDCG, MAP, MRR, HitRate, Coverage and Novelty.
     */
    public static List<TopNMetric> ranking(int k) {
        return List.of(precision(k), recall(k), ndcg(k), map(k), mrr(k), hitRate(k), coverage(k), novelty(k));
    }

    static int requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("cutoff k must be >= 1, got " + k);
        }
        return k;
    }

    /** A named metric at a cutoff. */
    abstract static class AtK implements TopNMetric {
        private final String name;
        private final int k;

        AtK(String name, int k) {
            this.name = name + "@" + k;
            this.k = requireK(k);
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final int k() {
            return k;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The mean over users of a per-user value, skipping users for which it is NaN. */
    abstract static class PerUser extends AtK {
        PerUser(String name, int k) {
            super(name, k);
        }

        abstract double userValue(RankedList list);

        @Override
        public double evaluate(List<RankedList> lists, RatingMatrix train) {
            double sum = 0;
            int n = 0;
            for (RankedList list : lists) {
                double v = userValue(list);
                if (v == v) {
                    sum += v;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /** A per-user value of the list alone. */
    interface ListScore {
        double score(RankedList list, int k);
    }

    static final class UserMean extends PerUser {
        private final ListScore score;

        UserMean(String name, int k, ListScore score) {
            super(name, k);
            this.score = score;
        }

        @Override
        double userValue(RankedList list) {
            return score.score(list, k());
        }
    }

    static final class Novelty extends AtK {
        Novelty(int k) {
            super("Novelty", k);
        }

        @Override
        public double evaluate(List<RankedList> lists, RatingMatrix train) {
            int activeUsers = 0;
            for (int u = 0; u < train.userCount(); u++) {
                if (train.userRatingCount(u) > 0) {
                    activeUsers++;
                }
            }
            if (activeUsers == 0) {
                return Double.NaN;
            }
            double sum = 0;
            int users = 0;
            for (RankedList list : lists) {
                int n = Math.min(k(), list.size());
                if (n == 0) {
                    continue;
                }
                double information = 0;
                for (int r = 0; r < n; r++) {
                    int i = train.items().indexOf(list.item(r));
                    int count = Math.max(1, i < 0 ? 0 : train.itemRatingCount(i));
                    information -= Math.log((double) count / activeUsers) / Math.log(2);
                }
                sum += information / n;
                users++;
            }
            return users == 0 ? Double.NaN : sum / users;
        }
    }

    static final class Diversity extends PerUser {
        private final ItemSimilarity similarity;

        Diversity(int k, ItemSimilarity similarity) {
            super("ILD", k);
            this.similarity = similarity;
        }

        @Override
        double userValue(RankedList list) {
            int n = Math.min(k(), list.size());
            if (n < 2) {
                return Double.NaN;
            }
            double sum = 0;
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    sum += 1 - similarity.similarity(list.item(a), list.item(b));
                }
            }
            return sum / (n * (n - 1) / 2.0);
        }
    }

    static final class Coverage extends AtK {
        Coverage(int k) {
            super("Coverage", k);
        }

        @Override
        public double evaluate(List<RankedList> lists, RatingMatrix train) {
            if (lists.isEmpty() || train.itemCount() == 0) {
                return Double.NaN;
            }
            LongOpenHashSet seen = new LongOpenHashSet();
            for (RankedList list : lists) {
                for (int r = 0, n = Math.min(k(), list.size()); r < n; r++) {
                    seen.add(list.item(r));
                }
            }
            return (double) seen.size() / train.itemCount();
        }
    }
}
