package io.jrec.models.graph;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.CandidateScores;
import io.jrec.core.Explainable;
import io.jrec.core.Explanation;
import io.jrec.core.Explanation.Contribution;
import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import io.jrec.core.ParallelRows;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import io.jrec.core.SparseMatrix;
import io.jrec.core.TopN;
import io.jrec.models.internal.ItemWeights;
import io.jrec.models.internal.MemoryGuard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * RP3beta, the random-walk graph model of Paudel et al. ("Updatable, accurate, diverse, and scalable
 * recommendations for interactive applications", ACM TiiS 2016), one of the strongest simple top-N
 * baselines in Dacrema et al. ("Are we really making much progress?", RecSys 2019).
 *
 * <p>A walk of length 3 on the user-item graph, from a user to an item i, to a user v of i, to an item j
 * of v, with the transition probabilities raised to {@code alpha} and the arrival re-weighted by the
 * item's popularity {@code pop(j)} (its number of users) to the power {@code -beta}:
 * <pre>
 *   W_ij = pop(i)^-alpha * sum_{v in U(i)} (x_vj / s_v)^alpha * pop(j)^-beta     (i != j)
 *   score(u, j) = sum_{i in R(u)} x_ui W_ij
 * </pre>
 * with {@code x} the training matrix (binary by default: every stored entry is 1), {@code s_v} the sum of
 * user {@code v}'s row and {@code U(i)} the users of {@code i}. {@code beta = 0} is P3alpha; a larger
 * {@code beta} pushes popular items down. Each row {@code i} of W keeps its {@link Builder#neighbors k}
 * largest weights (ties by the lower item index).
 *
 * <p><b>Fit</b> computes the rows of W with a sparse product (for each item, walk its users' rows into a
 * per-thread accumulator, then keep the top k), on {@link Builder#threads threads} threads; each row is
 * computed by one thread in a fixed order, so W is the same for any thread count. Time:
 * {@code sum over users of |R(u)|^2} additions; memory: {@value #BYTES_PER_WEIGHT} bytes per kept weight
 * twice while packing, 4 bytes per stored interaction and 12 bytes per item per thread
 * ({@link #estimateFitBytes}); {@code fit} refuses before allocating when that exceeds
 * {@link Builder#memoryBudget}.
 *
 * <p><b>Queries</b> walk only the rows of the user's items and select among the items they reach, so a
 * query costs about {@code k} additions per item of the user whatever the catalogue size. Items scoring
 * exactly 0 (reached by none of the user's items) are not candidates, so a list may be shorter than n.
 * {@link #predict} gives the same score ({@code NaN} for a pair that is not a candidate or an unknown
 * id); {@link #explain} splits it into the user's items; {@link #similarItems} lists row {@code i} of W.
 * Unknown users get training popularity, labelled {@code "Popularity (unknown user)"}.
 *
 * <p><b>New data</b>: there is no incremental update; refit on the merged matrix
 * ({@code trainingData().merge(batch, policy)}). A fit costs about as much as an item-KNN fit with the
 * same k. Immutable and thread-safe.
 *
 * <pre>{@code
 * Rp3betaRecommender rp3 = Rp3betaRecommender.builder().alpha(1).beta(0.5).neighbors(100).build().fit(clicks);
 * rp3.topN(userId, 10);
 * rp3.similarItems(itemId, 10);
 * rp3.explain(userId, itemId);
 * }</pre>
 */
public final class Rp3betaRecommender extends AbstractRecommender implements Explainable {
    /** Bytes per kept weight of W: the item index and the float weight. */
    public static final int BYTES_PER_WEIGHT = Integer.BYTES + Float.BYTES;

    final Settings settings;
    final int[] start;       // row i of W: positions start[i] .. start[i + 1] - 1
    final int[] neighbor;    // the item j of each kept weight, weights descending within a row
    final float[] weight;    // W_ij

    Rp3betaRecommender(RatingMatrix train, Settings settings, int[] start, int[] neighbor, float[] weight) {
        super(train, settings.describe());
        this.settings = settings;
        this.start = start;
        this.neighbor = neighbor;
        this.weight = weight;
    }

    /**
     * A builder with the defaults: alpha 1, beta 0.5, 100 weights per item, binary data, 1 thread, a
     * memory budget of 3/4 of the maximum heap.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The peak bytes {@code fit} plans for: the kept weights twice (filled, then packed), one float per
     * stored interaction (the walk's second step) and, per thread, an accumulator and a touched list
     * per item.
     */
    public static long estimateFitBytes(long items, long interactions, int neighbors, int threads) {
        long kept = items * Math.min(neighbors, Math.max(items - 1, 0));
        return 2 * BYTES_PER_WEIGHT * kept + 4 * interactions + 12L * threads * items + 4 * (items + 1);
    }

    /** The number of kept weights (non-zero entries of W). */
    public int weightCount() {
        return neighbor.length;
    }

    @Override
    protected long candidateWork(int user) {
        return ItemWeights.candidateWork(train.byUser(), user, start);
    }

    @Override
    protected void scoreCandidates(int user, CandidateScores scores) {
        ItemWeights.scoreCandidates(train.byUser(), user, settings.binary, start, neighbor, weight, scores);
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        ItemWeights.scoreAll(train.byUser(), user, settings.binary, start, neighbor, weight, scores);
    }

    /** The list {@code topN} gives, computed through the dense path (every item scored); for tests. */
    Recommendations topNScoringAll(long userId, int n, ItemFilter filter) {
        int u = train.users().indexOf(userId);
        float[] scores = scratchScores();
        scoreItems(u, scores);
        return select(scores, n, filter, filter.excludesSeen() ? train.userRow(u) : null, name());
    }

    /** W_ij, or 0 when j is not among the kept weights of row i. */
    float find(int i, int j) {
        for (int p = start[i], end = start[i + 1]; p < end; p++) {
            if (neighbor[p] == j) {
                return weight[p];
            }
        }
        return 0f;
    }

    @Override
    protected double predictIndex(int user, int item) {
        SparseMatrix byUser = train.byUser();
        float score = 0f;   // the float sum of the top-N path, in the same order
        for (int k = byUser.rowStart(user), end = byUser.rowEnd(user); k < end; k++) {
            score += (settings.binary ? 1f : byUser.value(k)) * find(byUser.column(k), item);
        }
        return score == 0f ? Double.NaN : score;
    }

    /**
     * The top-N score of {@code itemId} for {@code userId} split into the user's items: one contribution
     * {@code x_ui W_ij} per item {@code i} of the user whose row keeps {@code j}, largest first; they sum
     * to the score (up to float rounding of the top-N path). {@code NaN} and no contribution for unknown
     * ids or when no item of the user reaches {@code itemId}.
     */
    @Override
    public Explanation explain(long userId, long itemId) {
        int u = train.users().indexOf(userId);
        int j = train.items().indexOf(itemId);
        if (u < 0 || j < 0) {
            return new Explanation(userId, itemId, Double.NaN, List.of());
        }
        SparseMatrix byUser = train.byUser();
        IdIndex items = train.items();
        List<Contribution> parts = new ArrayList<>();
        double score = 0;
        for (int k = byUser.rowStart(u), end = byUser.rowEnd(u); k < end; k++) {
            int i = byUser.column(k);
            float w = find(i, j);
            if (w != 0f) {
                double c = w * (settings.binary ? 1.0 : byUser.value(k));
                parts.add(Contribution.item(items.idAt(i), c));
                score += c;
            }
        }
        parts.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight())));
        return new Explanation(userId, itemId, parts.isEmpty() ? Double.NaN : score, parts);
    }

    /**
     * The {@code n} items a walk from {@code itemId} reaches most ("customers who bought this also
     * bought", popularity-penalised by beta): row {@code i} of W, largest weight first, ties by the
     * lower index, with {@code W_ij} as score. Empty for an unknown item.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Recommendations similarItems(long itemId, int n) {
        requireN(n);
        String source = name() + " (similar items)";
        int i = train.items().indexOf(itemId);
        if (i < 0) {
            return Recommendations.empty(source);
        }
        int from = start[i];
        int count = Math.min(n, start[i + 1] - from);
        List<ScoredItem> out = new ArrayList<>(count);
        for (int p = from; p < from + count; p++) {
            out.add(new ScoredItem(train.items().idAt(neighbor[p]), weight[p]));
        }
        return Recommendations.of(out, source);
    }

    /** The fitted settings (what the codec stores). */
    record Settings(double alpha, double beta, int neighbors, boolean binary, int threads) {
        String describe() {
            return String.format(Locale.ROOT, "RP3beta(alpha=%s, beta=%s, k=%d%s)", alpha, beta, neighbors,
                    binary ? "" : ", weighted");
        }
    }

    /** Settings of {@link Rp3betaRecommender}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private double alpha = 1.0;
        private double beta = 0.5;
        private int neighbors = 100;
        private boolean binary = true;
        private int threads = 1;
        private long memoryBudget = -1;

        private Builder() {
        }

        /** The exponent on the transition probabilities, finite and > 0; default 1. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** The popularity penalty exponent, finite and >= 0 (0 gives P3alpha); default 0.5. */
        public Builder beta(double beta) {
            this.beta = beta;
            return this;
        }

        /** The weights kept per item (row of W), >= 1; default 100. */
        public Builder neighbors(int k) {
            this.neighbors = k;
            return this;
        }

        /** Whether every stored entry counts 1 (default) or its stored value (which must be > 0). */
        public Builder binary(boolean binary) {
            this.binary = binary;
            return this;
        }

        /** Threads for {@code fit}, >= 1; default 1. The model does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
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
            if (!(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and > 0, got " + alpha);
            }
            if (!(beta >= 0) || !Double.isFinite(beta)) {
                throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
            }
            if (neighbors < 1) {
                throw new IllegalArgumentException("neighbors must be >= 1, got " + neighbors);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            long budget = memoryBudget == -1 ? MemoryGuard.defaultBudget() : MemoryGuard.requireBudget(memoryBudget);
            return new Trainer(new Settings(alpha, beta, neighbors, binary, threads), budget);
        }
    }

    /** A configured RP3beta algorithm; immutable, {@link #fit} may be called concurrently. */
    public static final class Trainer implements Algorithm {
        private final Settings settings;
        private final long memoryBudget;

        private Trainer(Settings settings, long memoryBudget) {
            this.settings = settings;
            this.memoryBudget = memoryBudget;
        }

        @Override
        public String name() {
            return settings.describe();
        }

        @Override
        public Rp3betaRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        /**
         * Computes W, reporting stage {@code "rp3beta"} per block of items.
         *
         * @throws IllegalArgumentException before allocating when {@link #estimateFitBytes} exceeds the
         *                                  memory budget (the message says what to change), or when a
         *                                  stored value is not positive while {@code binary(false)}
         */
        @Override
        public Rp3betaRecommender fit(RatingMatrix train, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(progress, "progress");
            final int items = train.itemCount();
            final int k = settings.neighbors;
            long need = estimateFitBytes(items, train.size(), k, settings.threads);
            long slots = (long) items * Math.min(k, Math.max(items - 1, 0));
            if (need > memoryBudget || slots > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "RP3beta on %d items keeping %d weights each (%d threads) needs about %.1f MiB, more than"
                                + " the memory budget of %.1f MiB%s; lower neighbors(k), use fewer threads or"
                                + " raise memoryBudget(bytes) with the heap (-Xmx)",
                        items, k, settings.threads, need / 1048576.0, memoryBudget / 1048576.0,
                        slots > Integer.MAX_VALUE - 8 ? " or the " + (Integer.MAX_VALUE - 8)
                                + " weights of one Java array" : ""));
            }
            SparseMatrix byUser = train.byUser();
            SparseMatrix byItem = train.byItem();
            float[] step = stepWeights(byUser);
            final int width = (int) Math.min(k, Math.max(items - 1, 0));
            final int[] filledTo = new int[items * width == 0 ? 0 : items * width];
            final float[] filledW = new float[filledTo.length];
            final int[] count = new int[items];
            final double a = settings.alpha;
            final double b = settings.beta;
            final double[] penalty = new double[items];   // pop(j)^-beta
            for (int j = 0; j < items; j++) {
                int pop = byItem.rowSize(j);
                penalty[j] = pop == 0 ? 0 : Math.pow(pop, -b);
            }
            ParallelRows.run(items, settings.threads, 64, () -> {
                double[] acc = new double[items];
                int[] touched = new int[items];
                TopN top = new TopN(width);
                int[] outIdx = new int[width];
                double[] outW = new double[width];
                return i -> {
                    int pop = byItem.rowSize(i);
                    if (pop == 0 || width == 0) {
                        return;
                    }
                    int m = 0;
                    for (int q = byItem.rowStart(i), qEnd = byItem.rowEnd(i); q < qEnd; q++) {
                        int v = byItem.column(q);
                        for (int p = byUser.rowStart(v), pEnd = byUser.rowEnd(v); p < pEnd; p++) {
                            int j = byUser.column(p);
                            if (acc[j] == 0) {
                                touched[m++] = j;
                            }
                            acc[j] += step[p];
                        }
                    }
                    double first = Math.pow(pop, -a);
                    for (int t = 0; t < m; t++) {
                        int j = touched[t];
                        if (j != i) {
                            top.offer(j, (float) (first * acc[j] * penalty[j]));
                        }
                        acc[j] = 0;
                    }
                    int n = top.drainTo(outIdx, outW);
                    int off = i * width;
                    for (int t = 0; t < n; t++) {
                        filledTo[off + t] = outIdx[t];
                        filledW[off + t] = (float) outW[t];
                    }
                    count[i] = n;
                };
            }, progress, "rp3beta");
            int[] start = new int[items + 1];
            for (int i = 0; i < items; i++) {
                start[i + 1] = start[i] + count[i];
            }
            int[] to = new int[start[items]];
            float[] w = new float[start[items]];
            for (int i = 0; i < items; i++) {
                System.arraycopy(filledTo, i * width, to, start[i], count[i]);
                System.arraycopy(filledW, i * width, w, start[i], count[i]);
            }
            return new Rp3betaRecommender(train, settings, start, to, w);
        }

        /** Per stored entry (v, j): (x_vj / s_v)^alpha, the second step of the walk. */
        private float[] stepWeights(SparseMatrix byUser) {
            float[] step = new float[byUser.size()];
            for (int v = 0; v < byUser.rowCount(); v++) {
                double sum = 0;
                for (int p = byUser.rowStart(v); p < byUser.rowEnd(v); p++) {
                    float x = settings.binary ? 1f : byUser.value(p);
                    if (!(x > 0)) {
                        throw new IllegalArgumentException("RP3beta with binary(false) needs positive values; "
                                + "user index " + v + " has " + x + " (use binary(true) or drop non-positive entries)");
                    }
                    sum += x;
                }
                for (int p = byUser.rowStart(v); p < byUser.rowEnd(v); p++) {
                    double x = settings.binary ? 1.0 : byUser.value(p);
                    step[p] = (float) Math.pow(x / sum, settings.alpha);
                }
            }
            return step;
        }
    }
}
