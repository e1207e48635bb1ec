package io.jrec.models.linear;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.CandidateScores;
import io.jrec.core.Explainable;
import io.jrec.core.Explanation;
import io.jrec.core.Explanation.Contribution;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.SparseMatrix;
import io.jrec.models.internal.ItemWeights;
import io.jrec.models.internal.MemoryGuard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019) with a sparse weight
 * matrix, for catalogues far beyond the ~10k items of the dense {@code EaseRecommender}: memory grows
 * with items x k, never items².
 *
 * <p><b>Method.</b> Column j of EASE's B (the weights that score item j from a user's items) is exactly
 * the ridge regression of item j's column of X on all the other items' columns:
 * {@code B_{-j,j} = (G_{-j,-j} + λI)⁻¹ G_{-j,j}} with {@code G = XᵀX} (the diagonal constraint of EASE
 * is what removes item j from its own regression). This model restricts each regression to a support
 * {@code S(j)}: the {@link Builder#support s} items most cosine-similar to j (the all-pairs
 * sparse-product kernel of {@code jrec-similarity}), and solves the small system
 * <pre>
 *   (G_{S,S} + λI) b = G_{S,j}                       on the support S = S(j)
 *   N(j) = the k entries of b largest in |b_i|;  (G_{N,N} + λI) c = G_{N,j}  (solved again on N(j) alone)
 *   B_ij = c_i  (i in N(j)),  0 elsewhere;     score(u, j) = Σ_{i∈R(u)} x_ui B_ij
 * </pre>
 * with {@code k} = {@link Builder#neighbors neighbors}, by Cholesky factorisations in double precision
 * of the exact Gram entries among {@code S(j) ∪ {j}}: those between two of the most popular items (the
 * {@link Builder#hubs hubs}) from a table computed once, the others from the users of the block's other
 * items. With {@code support, neighbors >= items - 1} every support is all other items and B equals
 * dense EASE's (up to rounding). SANSA (Spišák et al., RecSys 2023) approximates the same inverse globally through
 * a sparse LDLᵀ factorisation with a fill-reducing ordering; this per-column form needs no ordering,
 * parallelises over columns and is exact on its support. X is binary by default (every stored entry
 * is 1) or holds the stored values ({@link Builder#binary(boolean) binary(false)}).
 *
 * <p>On MovieLens 100K u1 (top-10, relevant = rating >= 4) the defaults ({@code λ = 300} chosen on a
 * validation split of u1.base, {@code k = 100}, {@code s = 200}: 6% of items²) give NDCG@10 0.4436
 * against dense EASE's 0.4476.
 *
 * <p><b>Cost.</b> Time: the all-pairs neighbour search; one pass over the users for the Gram entries
 * among the {@link Builder#hubs hubs} (the most popular items, {@code Σ_u |R(u) ∩ hubs|²}); per item
 * the gathering of the rest of the Gram block from the users of its support's non-hub items (their
 * popularity plus, per such user, its row length and {@code |R(u) ∩ S(j)|²}), and {@code (s³ + k³)/6}
 * multiply-adds of the factorisations. A bestseller's buyers are never walked per item.
 * Memory: {@link #estimateFitBytes}; the fitted model keeps {@value #BYTES_PER_WEIGHT} bytes per weight,
 * at most {@code items x k} weights. {@code fit} refuses before allocating when the estimate exceeds
 * {@link Builder#memoryBudget}. Columns are computed on {@link Builder#threads threads} threads, each by
 * one thread from the same inputs in the same order (the hub table by one thread, in user order): B is
 * the same for any thread count.
 *
 * <p><b>Queries</b> walk only the weights of the user's items and select among the items they reach,
 * so their cost follows the user's neighbourhood, not the catalogue. An item reached by none of the
 * user's items, or scoring exactly 0, is not a candidate; negative scores are candidates. {@link #predict}
 * gives the score ({@code NaN} when no item of the user has a weight to the item, or for unknown ids);
 * {@link #explain} splits it into the user's items. Unknown users get training popularity.
 *
 * <p><b>New data</b>: there is no incremental update; refit on the merged matrix
 * ({@code trainingData().merge(batch, policy)}). Immutable and thread-safe.
 *
 * <pre>{@code
 * SparseEaseRecommender ease = SparseEaseRecommender.builder().lambda(300).neighbors(100).threads(2)
 *         .build().fit(purchases);
 * ease.topN(customerId, 10);
 * }</pre>
 */
public final class SparseEaseRecommender extends AbstractRecommender implements Explainable {
    /** Bytes per stored weight: the other item's index and the float weight. */
    public static final int BYTES_PER_WEIGHT = Integer.BYTES + Float.BYTES;
    /** The default number of {@link Builder#hubs hubs}: a table of 128 MiB. */
    public static final int DEFAULT_HUBS = 4096;
    /** The largest number of {@link Builder#hubs hubs}: the table is one Java array. */
    public static final int MAX_HUBS = 46_340;

    final Settings settings;
    final int[] start;       // row i: the items j with i in N(j), ascending j, at start[i] .. start[i + 1] - 1
    final int[] target;      // j
    final float[] weight;    // B_ij

    SparseEaseRecommender(RatingMatrix train, Settings settings, int[] start, int[] target, float[] weight) {
        super(train, settings.describe());
        this.settings = settings;
        this.start = start;
        this.target = target;
        this.weight = weight;
    }

    /**
     * A builder with the defaults: λ 300, 100 weights per item from supports of 200, binary X,
     * {@value #DEFAULT_HUBS} hubs, 1 thread, a memory budget of 3/4 of the maximum heap.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@link #estimateFitBytes(long, long, long, int, int, int, int)} with {@value #DEFAULT_HUBS} hubs. */
    public static long estimateFitBytes(long users, long items, long interactions, int neighbors, int support,
                                        int threads) {
        return estimateFitBytes(users, items, interactions, neighbors, support, DEFAULT_HUBS, threads);
    }

    /**
     * The peak bytes {@code fit} plans for: the neighbour search (as item-KNN: 24 bytes per kept
     * neighbour and 68 bytes per item per thread) with the binary copy of X, its transpose and the
     * kernel's working copy (32 bytes per stored interaction), the hub table ({@code 8 h²} for
     * {@code h = min(hubs, items)}) with a rank per item, the weights twice (by column, then by row, 8
     * bytes each), and per thread the Gram block and its saved copy ({@code 16 (s+1)²} for the support
     * s), a block index per item and a stamp per user.
     */
    public static long estimateFitBytes(long users, long items, long interactions, int neighbors, int support,
                                        int hubs, int threads) {
        long s = Math.min(support, Math.max(items - 1, 0));
        long k = Math.min(neighbors, s);
        long h = Math.min(hubs, items);
        long search = items * s * 24 + (long) threads * items * 68 + 32 * interactions;
        long table = 8 * h * h + 12 * items;
        long weights = 2 * BYTES_PER_WEIGHT * items * k + 8 * (items + 1);
        long perThread = 16 * (s + 1) * (s + 1) + 32 * (s + 1) + 4 * items + 4 * users;
        return search + table + weights + threads * perThread;
    }

    /** The number of stored (non-zero) weights of B. */
    public int weightCount() {
        return target.length;
    }

    /** B_ij for item indices i (a user's item) and j (a candidate); 0 outside the supports. */
    public float weight(int i, int j) {
        int p = Arrays.binarySearch(target, start[i], start[i + 1], j);
        return p >= 0 ? weight[p] : 0f;
    }

    @Override
    protected long candidateWork(int user) {
        return ItemWeights.candidateWork(train.byUser(), user, start);
    }

    @Override
    protected void scoreCandidates(int user, CandidateScores scores) {
        ItemWeights.scoreCandidates(train.byUser(), user, settings.binary, start, target, weight, scores);
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        ItemWeights.scoreAll(train.byUser(), user, settings.binary, start, target, weight, scores);
    }

    /** The list {@code topN} gives, computed through the dense path (every item scored); for tests. */
    Recommendations topNScoringAll(long userId, int n, ItemFilter filter) {
        int u = train.users().indexOf(userId);
        float[] scores = scratchScores();
        scoreItems(u, scores);
        return select(scores, n, filter, filter.excludesSeen() ? train.userRow(u) : null, name());
    }

    @Override
    protected double predictIndex(int user, int item) {
        SparseMatrix byUser = train.byUser();
        float score = 0f;   // the float sum of the top-N path, in the same order
        for (int k = byUser.rowStart(user), end = byUser.rowEnd(user); k < end; k++) {
            score += (settings.binary ? 1f : byUser.value(k)) * weight(byUser.column(k), item);
        }
        return score == 0f ? Double.NaN : score;
    }

    /**
     * The score of {@code itemId} for {@code userId} as one contribution {@code x_ui B_ij} per item i of
     * the user with a weight to j, largest absolute value first; {@code NaN} and no contribution for
     * unknown ids or when no item of the user has a weight to {@code itemId}.
     */
    @Override
    public Explanation explain(long userId, long itemId) {
        int u = train.users().indexOf(userId);
        int j = train.items().indexOf(itemId);
        if (u < 0 || j < 0) {
            return new Explanation(userId, itemId, Double.NaN, List.of());
        }
        SparseMatrix byUser = train.byUser();
        List<Contribution> parts = new ArrayList<>();
        double score = 0;
        for (int k = byUser.rowStart(u), end = byUser.rowEnd(u); k < end; k++) {
            float w = weight(byUser.column(k), j);
            if (w != 0f) {
                double c = w * (settings.binary ? 1.0 : byUser.value(k));
                parts.add(Contribution.item(train.items().idAt(byUser.column(k)), c));
                score += c;
            }
        }
        parts.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight())));
        return new Explanation(userId, itemId, parts.isEmpty() ? Double.NaN : score, parts);
    }

    /** The fitted settings (what the codec stores). */
    record Settings(double lambda, int neighbors, int support, boolean binary, int threads) {
        String describe() {
            return String.format(Locale.ROOT, "SparseEASE(lambda=%s, k=%d, support=%d%s)", lambda, neighbors, support,
                    binary ? "" : ", weighted");
        }
    }

    /** Settings of {@link SparseEaseRecommender}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private double lambda = 300;
        private int neighbors = 100;
        private int support = -1;
        private boolean binary = true;
        private int threads = 1;
        private long memoryBudget = -1;
        private int hubs = DEFAULT_HUBS;

        private Builder() {
        }

        /** The L2 regularisation λ added to the diagonal of XᵀX, finite and > 0; default 300. */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /**
         * The weights kept per item, >= 1; default 100. The density of B is {@code k / items}; the
         * {@code k} largest of the support's weights (by absolute value) are kept and re-solved on
         * their own support.
         */
        public Builder neighbors(int k) {
            this.neighbors = k;
            return this;
        }

        /**
         * The candidates of each item's regression, the items most cosine-similar to it, >= neighbors;
         * default {@code 2 x neighbors}. {@code support >= items - 1} with {@code neighbors >= items - 1}
         * computes dense EASE. The fit costs {@code support³/6} multiply-adds per item.
         */
        public Builder support(int s) {
            this.support = s;
            return this;
        }

        /** Whether X is binary (every stored entry counts 1, default) or holds the stored values. */
        public Builder binary(boolean binary) {
            this.binary = binary;
            return this;
        }

        /** Threads for {@code fit}, >= 1; default 1. The model does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * The most popular items whose pairwise Gram entries are computed once, in one pass over the users,
         * into a dense {@code h x h} table of doubles ({@code 8 h²} bytes), in [0, {@value #MAX_HUBS}];
         * default {@value #DEFAULT_HUBS} (128 MiB when the catalogue has that many items). Every other
         * Gram entry a column needs is gathered from the users of its support's non-hub items, so the
         * buyers of a hub are never walked per column; more hubs make the fit faster on catalogues with
         * many popular items when the heap allows. Changes the fit's time and memory, not B (the
         * entries are exact either way; with non-binary X their sums may round in another order).
         */
        public Builder hubs(int h) {
            this.hubs = h;
            return this;
        }

        /** The most bytes {@code fit} may plan for, > 0; default 3/4 of the maximum heap at {@link #build()}. */
        public Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the bad setting, its value and what is allowed
         */
        public Trainer build() {
            if (!(lambda > 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
            }
            if (neighbors < 1) {
                throw new IllegalArgumentException("neighbors must be >= 1, got " + neighbors);
            }
            int s = support == -1 ? (int) Math.min(Integer.MAX_VALUE - 8, 2L * neighbors) : support;
            if (s < neighbors) {
                throw new IllegalArgumentException("support must be >= neighbors (" + neighbors + "), got " + s);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (hubs < 0 || hubs > MAX_HUBS) {
                throw new IllegalArgumentException("hubs must be in [0, " + MAX_HUBS + "], got " + hubs);
            }
            long budget = memoryBudget == -1 ? MemoryGuard.defaultBudget() : MemoryGuard.requireBudget(memoryBudget);
            return new Trainer(new Settings(lambda, neighbors, s, binary, threads), budget, hubs);
        }
    }

    /** A configured sparse EASE algorithm; immutable, {@link #fit} may be called concurrently. */
    public static final class Trainer implements Algorithm {
        private final Settings settings;
        private final long memoryBudget;
        private final int hubs;

        private Trainer(Settings settings, long memoryBudget, int hubs) {
            this.settings = settings;
            this.memoryBudget = memoryBudget;
            this.hubs = hubs;
        }

        @Override
        public String name() {
            return settings.describe();
        }

        @Override
        public SparseEaseRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        /**
         * Fits B, reporting the neighbour search (the kernel's stages) and stage {@code "sparse-ease"} per
         * block of items.
         *
         * @throws IllegalArgumentException before allocating when {@link #estimateFitBytes} exceeds the
         *                                  memory budget or one Java array (the message says what to change)
         */
        @Override
        public SparseEaseRecommender fit(RatingMatrix train, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(progress, "progress");
            final int items = train.itemCount();
            final int support = (int) Math.min(settings.support, Math.max(items - 1, 0));
            final int k = Math.min(settings.neighbors, support);
            long need = estimateFitBytes(train.userCount(), items, train.size(), settings.neighbors, settings.support,
                    hubs, settings.threads);
            long slots = (long) items * k;
            if (need > memoryBudget || slots > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "SparseEASE on %d items keeping %d weights each from supports of %d (%d hubs, %d threads)"
                                + " needs about %.1f MiB, more than the memory budget of %.1f MiB%s; lower neighbors(k),"
                                + " support(s) or hubs(h), use fewer threads or raise memoryBudget(bytes) with the heap"
                                + " (-Xmx)",
                        items, k, support, Math.min(hubs, items), settings.threads, need / 1048576.0,
                        memoryBudget / 1048576.0,
                        slots > Integer.MAX_VALUE - 8 ? " or the " + (Integer.MAX_VALUE - 8)
                                + " weights of one Java array" : ""));
            }
            return SparseEaseFit.fit(train, settings, hubs, progress);
        }
    }
}
