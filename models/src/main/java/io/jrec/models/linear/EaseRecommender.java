package io.jrec.models.linear;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.Explainable;
import io.jrec.core.Explanation;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.SparseVector;
import io.jrec.models.internal.Checks;
import io.jrec.models.internal.MemoryGuard;
import io.jrec.models.internal.Workers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * EASE, the embarrassingly shallow autoencoder (Steck, "Embarrassingly Shallow Autoencoders for
 * Sparse Data", WWW 2019): a dense item x item weight matrix B with zero diagonal, in closed form.
 * <pre>
 *   G = XᵀX + λI,   P = G⁻¹,   B_ij = -P_ij / P_jj  (i ≠ j),   B_jj = 0
 *   score(u, j) = Σ_{i∈N(u)} x_ui B_ij
 * </pre>
 * X is the user x item training matrix, binary by default (every stored entry is 1) or with the
 * stored values ({@link Builder#binary(boolean) binary(false)}). The upper triangle of G is built from
 * the sparse rows and inverted in place in double precision by a blocked symmetric Gauss-Jordan sweep on
 * {@link Builder#threads threads} threads (the same bits for any count), and B is kept as {@code float}.
 *
 * <p><b>Memory.</b> Fitting holds G, inverted in place into P, as doubles and then B as floats: about
 * {@value #BYTES_PER_ITEM_PAIR} bytes x items² plus {@value #BYTES_PER_ITEM} bytes x items of working panels
 * at peak ({@link #estimateFitBytes}); the fitted model keeps B, 4 bytes x items². Fitting is
 * O(Σ_u |N(u)|² + items³) time (items³/2 multiply-adds for the inverse). Before allocating, {@code fit}
 * refuses with an {@link IllegalArgumentException} when the estimate exceeds the cap
 * ({@link Builder#memoryCap}); about 8 000 items need 740 MiB, 20 000 items 4.5 GiB.
 *
 * <p>{@link #topN} and {@link #predict} give the score above (not a rating: about 0..1 for binary X);
 * an unknown user or item predicts {@code NaN}; unknown users get the training-popularity fallback.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * EaseRecommender ease = EaseRecommender.builder().lambda(500).threads(2).build().fit(train);
 * List<ScoredItem> top = ease.topN(42L, 10);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EaseRecommender extends AbstractRecommender implements Explainable {
    /** Peak bytes per (item, item) pair while fitting: P as double, then also B as float. */
    public static final int BYTES_PER_ITEM_PAIR = Double.BYTES + Float.BYTES;
    /** Peak bytes per item of the inverse's two working panels (64 rows of doubles each). */
    public static final int BYTES_PER_ITEM = 2 * SymmetricInverse.BLOCK * Double.BYTES;
    /** The largest catalogue whose items² entries fit in one Java array. */
    public static final int MAX_ITEMS = 46_340;

    private final int items;
    final boolean binary;
    final float[] weights;

    EaseRecommender(RatingMatrix train, String name, boolean binary, float[] weights) {
        super(train, name);
        this.items = train.itemCount();
        this.binary = binary;
        this.weights = weights;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The peak bytes {@code fit} needs for {@code items} items: {@value #BYTES_PER_ITEM_PAIR} x items² +
     * {@value #BYTES_PER_ITEM} x items.
     */
    public static long estimateFitBytes(int items) {
        return (long) BYTES_PER_ITEM_PAIR * items * items + (long) BYTES_PER_ITEM * items;
    }

    /** The weight B_ij between item indices {@code i} (a user's item) and {@code j} (a candidate). */
    public float weight(int i, int j) {
        return weights[i * items + j];
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        Arrays.fill(scores, 0f);
        SparseVector row = train.userRow(user);
        final float[] b = weights;
        final int n = items;
        for (int k = 0, size = row.size(); k < size; k++) {
            final float x = binary ? 1f : row.value(k);
            final int off = row.index(k) * n;
            for (int j = 0; j < n; j++) {
                scores[j] += x * b[off + j];
            }
        }
    }

    @Override
    protected double predictIndex(int user, int item) {
        SparseVector row = train.userRow(user);
        double s = 0;
        for (int k = 0, size = row.size(); k < size; k++) {
            s += (binary ? 1f : row.value(k)) * weights[row.index(k) * items + item];
        }
        return s;
    }

    /**
     * The score of {@code itemId} for {@code userId} as the sum of one contribution x_ui B_ij per item
     * i the user has, largest absolute weight first (zero contributions left out).
     */
    @Override
    public Explanation explain(long userId, long itemId) {
        int u = train.users().indexOf(userId);
        int j = train.items().indexOf(itemId);
        if (u < 0 || j < 0) {
            return new Explanation(userId, itemId, Double.NaN, List.of());
        }
        SparseVector row = train.userRow(u);
        List<Explanation.Contribution> parts = new ArrayList<>();
        double score = 0;
        for (int k = 0; k < row.size(); k++) {
            double w = (binary ? 1f : row.value(k)) * weights[row.index(k) * items + j];
            score += w;
            if (w != 0) {
                parts.add(Explanation.Contribution.item(train.items().idAt(row.index(k)), w));
            }
        }
        parts.sort(Comparator.comparingDouble((Explanation.Contribution c) -> -Math.abs(c.weight())));
        return new Explanation(userId, itemId, score, parts);
    }

    /** Settings of {@link EaseRecommender}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private double lambda = 500;
        private boolean binary = true;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long memoryCap = -1;

        private Builder() {
        }

        /** The L2 regularisation λ added to the diagonal of XᵀX, > 0; default 500. */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Whether X is binary (every stored entry counts 1, default) or holds the stored values. */
        public Builder binary(boolean binary) {
            this.binary = binary;
            return this;
        }

        /** Threads for the inverse, >= 1; default the available processors. Output does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * The most bytes {@code fit} may plan for its dense matrices, > 0; default the smaller of
         * 2 GiB and 3/4 of the maximum heap at {@link #build()} time.
         */
        public Builder memoryCap(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("memoryCap must be > 0 bytes, got " + bytes);
            }
            this.memoryCap = bytes;
            return this;
        }

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException naming the bad setting, its value and what is allowed
         */
        public Trainer build() {
            Checks.requirePositive("lambda", lambda);
            Checks.requirePositive("threads", threads);
            long cap = memoryCap > 0 ? memoryCap
                    : Math.min(2L << 30, Runtime.getRuntime().maxMemory() / 4 * 3);
            return new Trainer(lambda, binary, threads, cap);
        }
    }

    /** A configured EASE algorithm; immutable and thread-safe. */
    public static final class Trainer implements Algorithm {
        private final double lambda;
        private final boolean binary;
        private final int threads;
        private final long memoryCap;

        private Trainer(double lambda, boolean binary, int threads, long memoryCap) {
            this.lambda = lambda;
            this.binary = binary;
            this.threads = threads;
            this.memoryCap = memoryCap;
        }

        /** The memory cap in bytes that {@code fit} checks. */
        public long memoryCap() {
            return memoryCap;
        }

        @Override
        public String name() {
            return String.format(Locale.ROOT, "EASE(lambda=%s%s)", lambda, binary ? "" : ", weighted");
        }

        /** Fits on {@code train} without progress reporting (the same as {@code fit(train, ProgressListener.NONE)}). */
        @Override
        public EaseRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        /**
         * Fits B, reporting stages {@code "gram"}, {@code "invert"} and {@code "weights"}.
         *
         * @throws IllegalArgumentException if the dense matrices would exceed the memory cap or
         *                                  {@value #MAX_ITEMS} items (the message says how much is needed
         *                                  and what to change), or if G is singular in double precision
         *                                  (λ negligible against XᵀX; the message says so)
         */
        @Override
        public EaseRecommender fit(RatingMatrix train, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(progress, "progress");
            final int n = train.itemCount();
            long need = estimateFitBytes(n);
            if (n > MAX_ITEMS || need > memoryCap) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "EASE on %d items needs about %s for its dense item x item matrices (%d bytes x items^2"
                                + " + %d bytes x items),"
                                + " above the memory cap of %s%s. Reduce the catalogue (e.g. keep the most"
                                + " frequent items), or raise EaseRecommender.builder().memoryCap(bytes) together"
                                + " with the JVM heap (-Xmx).",
                        n, MemoryGuard.bytes(need), BYTES_PER_ITEM_PAIR, BYTES_PER_ITEM, MemoryGuard.bytes(memoryCap),
                        n > MAX_ITEMS ? " and the limit of " + MAX_ITEMS + " items of one Java array" : ""));
            }
            long start = System.nanoTime();
            final double[][] p = gram(train, n);
            progress.progress("gram", 1, 3, elapsed(start));
            ExecutorService pool = threads > 1 ? Workers.pool("ease", threads) : null;
            try {
                SymmetricInverse.invert(p, pool, threads);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("X^T X + lambda I is singular in double precision for " + name()
                        + " (" + e.getMessage() + "); raise lambda or scale the stored values down", e);
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
            progress.progress("invert", 2, 3, elapsed(start));
            float[] b = new float[n * n];
            for (int i = 0; i < n; i++) {
                int off = i * n;
                for (int j = 0; j < n; j++) {
                    b[off + j] = i == j ? 0f : (float) (-p[i][j] / p[j][j]);
                }
            }
            progress.progress("weights", 3, 3, elapsed(start));
            return new EaseRecommender(train, name(), binary, b);
        }

        /** The upper triangle (column >= row) of XᵀX + λI from the sparse user rows. */
        private double[][] gram(RatingMatrix train, int n) {
            final double[][] g = new double[n][n];
            SparseMatrix m = train.byUser();
            for (int u = 0; u < train.userCount(); u++) {
                int end = m.rowEnd(u);
                for (int a = m.rowStart(u); a < end; a++) {
                    double xa = binary ? 1 : m.value(a);
                    double[] row = g[m.column(a)];
                    for (int c = a; c < end; c++) {   // columns ascending: column(c) >= column(a)
                        row[m.column(c)] += xa * (binary ? 1 : m.value(c));
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                g[i][i] += lambda;
            }
            return g;
        }

        private static String elapsed(long start) {
            return (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }
}
