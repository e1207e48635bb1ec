package io.jrec.core.eval;

import java.util.Arrays;

/**
 * One test user's recommendation list judged against their test data: the recommended item ids best
 * first, the gain of each (0 = not relevant, see {@link Relevance}), and the gains of all the user's
 * relevant test items (for recall and ideal DCG). Per-user ranking metrics are methods here.
 *
 * <p>Conventions for every metric at cutoff {@code k} (with {@code n = min(k, size())} listed items
 * and {@code R = relevantCount()}):
 * <ul>
 *   <li>A list shorter than {@code k} (e.g. empty) counts its missing slots as misses.</li>
 *   <li>Binary metrics treat an item as relevant when its gain is {@code > 0}.</li>
 *   <li>Metrics that divide by {@code R} (recall, NDCG, AP) are {@code NaN} when {@code R == 0}; the
 *       evaluator never asks, because users without relevant test items are excluded and counted.</li>
 *   <li>Relevant test items the model cannot know (not in its training catalogue) still count in
 *       {@code R}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RankedList {
    private final long userId;
    private final long[] items;
    private final double[] gains;
    private final double[] idealGains;

    /**
     * @param userId     the test user
     * @param items      recommended item ids, best first (copied)
     * @param gains      the gain of each recommended item, 0 when not relevant (copied)
     * @param idealGains the gains of all relevant test items of the user, any order (copied, sorted
     *                   descending)
     * @throws IllegalArgumentException if the lengths of {@code items} and {@code gains} differ, a gain is
     *                                  negative or not finite, an ideal gain is not positive, or the list
     *                                  holds more relevant items than {@code idealGains}
     */
    public RankedList(long userId, long[] items, double[] gains, double[] idealGains) {
        if (items.length != gains.length) {
            throw new IllegalArgumentException(items.length + " items but " + gains.length + " gains");
        }
        int relevantListed = 0;
        for (double g : gains) {
            if (!(g >= 0) || Double.isInfinite(g)) {
                throw new IllegalArgumentException("gains must be finite and >= 0, got " + g);
            }
            if (g > 0) {
                relevantListed++;
            }
        }
        for (double g : idealGains) {
            if (!(g > 0) || Double.isInfinite(g)) {
                throw new IllegalArgumentException("ideal gains must be finite and > 0, got " + g);
            }
        }
        if (relevantListed > idealGains.length) {
            throw new IllegalArgumentException("the list holds " + relevantListed + " relevant items but only "
                    + idealGains.length + " ideal gains were given");
        }
        this.userId = userId;
        this.items = items.clone();
        this.gains = gains.clone();
        double[] ideal = idealGains.clone();
        Arrays.sort(ideal);
        for (int a = 0, b = ideal.length - 1; a < b; a++, b--) {
            double t = ideal[a];
            ideal[a] = ideal[b];
            ideal[b] = t;
        }
        this.idealGains = ideal;
    }

    /** The test user. */
    public long userId() {
        return userId;
    }

    /** The number of recommended items. */
    public int size() {
        return items.length;
    }

    /** The recommended item at rank {@code r} (0-based). */
    public long item(int r) {
        return items[r];
    }

    /** The gain of the item at rank {@code r} (0-based); 0 when not relevant. */
    public double gain(int r) {
        return gains[r];
    }

    /** Whether the item at rank {@code r} (0-based) is relevant. */
    public boolean isRelevant(int r) {
        return gains[r] > 0;
    }

    /** The number of relevant test items of the user ({@code R}). */
    public int relevantCount() {
        return idealGains.length;
    }

    /** The number of relevant items among the first {@code k}. */
    public int hits(int k) {
        int n = listed(k);
        int hits = 0;
        for (int r = 0; r < n; r++) {
            if (gains[r] > 0) {
                hits++;
            }
        }
        return hits;
    }

    /** Precision@k = hits in the first k / k. */
    public double precision(int k) {
        return (double) hits(k) / k;
    }

    /** Recall@k = hits in the first k / R; {@code NaN} when {@code R == 0}. */
    public double recall(int k) {
        return idealGains.length == 0 ? Double.NaN : (double) hits(k) / idealGains.length;
    }

    /**
     * Binary NDCG@k = DCG / IDCG with DCG = sum over ranks r = 1..n of rel_r / log2(r + 1) (rel 0 or 1)
     * and IDCG = sum over r = 1..min(k, R) of 1 / log2(r + 1); {@code NaN} when {@code R == 0}.
     */
    public double ndcg(int k) {
        return dcg(k, false);
    }

    /**
     * Graded NDCG@k: as {@link #ndcg} but with the gains as rel_r, and IDCG over the {@code min(k, R)}
     * largest relevant gains; {@code NaN} when {@code R == 0}.
     */
    public double gradedNdcg(int k) {
        return dcg(k, true);
    }

    /**
     * Average precision AP@k = (sum over relevant ranks {@code r <= k} of Precision@r) / min(k, R); {@code NaN}
     * when {@code R == 0}. Its mean over users is MAP@k.
     */
    public double averagePrecision(int k) {
        int n = listed(k);
        if (idealGains.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int hits = 0;
        for (int r = 0; r < n; r++) {
            if (gains[r] > 0) {
                hits++;
                sum += (double) hits / (r + 1);
            }
        }
        return sum / Math.min(k, idealGains.length);
    }

    /** Reciprocal rank: 1 / (rank of the first relevant item) if it is within the first k, else 0. */
    public double reciprocalRank(int k) {
        int n = listed(k);
        for (int r = 0; r < n; r++) {
            if (gains[r] > 0) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }

    /** Hit: 1 if any of the first k items is relevant, else 0. */
    public double hit(int k) {
        return hits(k) > 0 ? 1 : 0;
    }

    private double dcg(int k, boolean graded) {
        int n = listed(k);
        if (idealGains.length == 0) {
            return Double.NaN;
        }
        double dcg = 0;
        for (int r = 0; r < n; r++) {
            if (gains[r] > 0) {
                dcg += (graded ? gains[r] : 1) / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0, m = Math.min(k, idealGains.length); r < m; r++) {
            ideal += (graded ? idealGains[r] : 1) / log2(r + 2);
        }
        return dcg / ideal;
    }

    private int listed(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("cutoff k must be >= 1, got " + k);
        }
        return Math.min(k, items.length);
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    @Override
    public String toString() {
        return "RankedList[user " + userId + ", " + items.length + " items, " + hits(Math.max(1, items.length))
                + " relevant of " + idealGains.length + "]";
    }
}
