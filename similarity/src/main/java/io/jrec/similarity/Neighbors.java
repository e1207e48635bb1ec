package io.jrec.similarity;

import io.jrec.core.ProgressListener;
import io.jrec.core.SparseMatrix;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All-pairs neighbour computation: for every row of a sparse matrix, the {@code k} most similar other
 * rows under a {@link Similarity}. Pass {@code ratings.byItem()} for item-item neighbours and
 * {@code ratings.byUser()} for user-user neighbours.
 *
 * <pre>{@code
 * NeighborTable items = Neighbors.allPairs(ratings.byItem(), Similarity.cosine(), 50, 2);
 * NeighborTable users = Neighbors.builder()
 *         .similarity(Similarity.pearson().withShrinkage(10)).k(50).minSimilarity(0.0).threads(4)
 *         .progress(listener).build()
 *         .compute(ratings.byUser());
 * }</pre>
 *
 * <p>Which rows are kept: only rows that share at least one column with row {@code r} are candidates
 * (any other row has similarity 0 under every measure), {@code r} itself never is, and a candidate is
 * kept only if its similarity is strictly greater than {@code minSimilarity} (default 0: positive
 * similarities only; pass {@code Double.NEGATIVE_INFINITY} to keep every co-rated row). Of those, the
 * {@code k} with the highest similarity (as {@code float}) are kept, ties broken by the lower row index.
 *
 * <p>Algorithm: the sparse-product formulation, i.e. the rows of {@code R R^T} one at a time: for row
 * {@code r}, every entry {@code (r, c)} meets every entry of column {@code c}; the sums the measure needs
 * (dot product, co-rated count, co-rated sums and squares for Pearson, minima for weighted Jaccard)
 * accumulate in dense per-thread arrays, then a histogram over similarity buckets and a primitive sort
 * of the few candidates above it select the top {@code k}. Cost: {@code sum over columns of
 * (column size)^2} accumulations plus linear work per candidate pair. Memory while computing: a
 * working copy of the matrix and its transpose (16 bytes per stored entry), at most 68 bytes per row of
 * scratch per thread, and a {@code rows x min(k, rows - 1)} result buffer (8 bytes per slot) that is
 * returned as the table when every row is full and packed otherwise. Pearson on at most 2,048 rows,
 * whose six sums per entry make accumulation the dominant cost, computes each pair once (the measures
 * are symmetric) into a dense {@code rows x rows} float matrix (at most 16 MB), then selects per row.
 *
 * <p>Threads: rows are handed out in small blocks through a shared counter to {@code threads} workers:
 * the calling thread and {@code threads - 1} threads that this class starts and joins (the common pool
 * is never used). Each row is computed by one thread from the same inputs, so the result is identical
 * for every thread count. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Neighbors {
    /** Up to this many rows, Pearson pairs are computed once through a dense matrix (4 * rows^2 bytes <= 16 MB). */
    static final int SYMMETRIC_MAX_ROWS = 2048;
    /** The progress stage of the selection pass that follows the pair-once computation of small catalogues. */
    static final String TOP_K_STAGE = "top-k";
    private static final int BLOCK = 16;    // rows per hand-out: small for balance, large enough to amortise the counter
    private static final int TILE = 64;     // 64 x 64 floats: a tile and its mirror stay in L1 while copied

    private final Measure similarity;
    private final int k;
    private final double minSimilarity;
    private final int threads;
    private final ProgressListener progress;

    private Neighbors(Builder b) {
        this.similarity = (Measure) b.similarity;
        this.k = b.k;
        this.minSimilarity = b.minSimilarity;
        this.threads = b.threads;
        this.progress = b.progress;
    }

    /** A builder; defaults: cosine, {@code k = 50}, {@code minSimilarity = 0}, 1 thread, no progress. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The top-{@code k} neighbours of every row with positive similarity.
     *
     * @throws IllegalArgumentException if {@code k < 1} or {@code threads < 1}, or the similarity
     *                                  rejects the matrix (see {@link Similarity})
     */
    public static NeighborTable allPairs(SparseMatrix rows, Similarity similarity, int k, int threads) {
        return builder().similarity(similarity).k(k).threads(threads).build().compute(rows);
    }

    /**
     * The top-{@code k} neighbours of every row with similarity strictly greater than {@code minSimilarity}.
     *
     * @throws IllegalArgumentException if {@code k < 1}, {@code threads < 1} or {@code minSimilarity}
     *                                  is NaN, or the similarity rejects the matrix
     */
    public static NeighborTable allPairs(SparseMatrix rows, Similarity similarity, int k, double minSimilarity,
                                         int threads) {
        return builder().similarity(similarity).k(k).minSimilarity(minSimilarity).threads(threads).build()
                .compute(rows);
    }

    /**
     * The dense {@code rows x rows} similarity matrix, for small catalogues: entry {@code [r][s]} is
     * {@code similarity.between(rows.row(r), rows.row(s))} as a {@code float} (symmetric; the diagonal is
     * each row's self-similarity, 0 for an empty row; no threshold; the measure's own shrinkage and
     * significance weighting apply).
     * The caller owns the returned arrays. Needs {@code 4 * rows^2} bytes.
     *
     * @throws IllegalArgumentException if {@code threads < 1} or {@code rows.rowCount() > 46340}
     *                                  (the square would exceed 2^31 entries)
     */
    public static float[][] fullMatrix(SparseMatrix rows, Similarity similarity, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = rows.rowCount();
        if (n > 46340) {
            throw new IllegalArgumentException("fullMatrix needs rows^2 floats; " + n
                    + " rows is too many (at most 46340); use allPairs with a k instead");
        }
        ProductKernel kernel = new ProductKernel(rows, (Measure) requireNonNull(similarity));
        float[][] out = new float[n][n];
        run(n, threads, BLOCK, ProgressListener.NONE, similarity.name(), () -> {
            ProductKernel.Worker w = kernel.newWorker();
            return r -> {
                int touched = w.compute(r, Double.NEGATIVE_INFINITY, true);
                int[] ids = w.touched();
                float[] row = out[r];
                for (int t = 0; t < touched; t++) {
                    row[ids[t]] = w.similarity[t];
                }
            };
        });
        return out;
    }

    /**
     * The top-{@code k} neighbours of every row of {@code rows} under this configuration.
     *
     * @throws IllegalArgumentException if {@code rows.rowCount() * min(k, rows.rowCount() - 1)} exceeds
     *                                  {@code Integer.MAX_VALUE}, or the similarity rejects the matrix
     */
    public NeighborTable compute(SparseMatrix rows) {
        // Computing each pair once pays for its dense n x n scratch only when accumulating is costly:
        // Pearson's six sums per entry (measured on ML-100K: 67 -> 41 ms; cosine and Jaccard gain nothing).
        boolean costly = similarity.kind == Measure.Kind.PEARSON;
        return compute(rows, ProductKernel.DEFAULT_DENSE_FACTOR, costly ? SYMMETRIC_MAX_ROWS : 0);
    }

    /**
     * The top-{@code k} neighbours of the rows listed in {@code which} only; every other row of the result
     * is empty. Row {@code r} of the result equals row {@code r} of {@link #compute(SparseMatrix)} for each
     * listed {@code r}, so an incremental update can recompute just the rows a batch of new ratings can
     * change. Uses the row-by-row kernel (the pair-once path of small Pearson catalogues gives the same
     * values, the measures being symmetric).
     *
     * <p>Scratch memory is {@code which.length * k} entries, not {@code rowCount * k}.
     *
     * @param which distinct row indices in {@code 0..rows.rowCount()-1}
     * @throws IllegalArgumentException if {@code which.length * min(k, rows.rowCount() - 1)} exceeds
     *                                  {@code Integer.MAX_VALUE}, the similarity rejects the matrix, or an
     *                                  index is out of range
     */
    public NeighborTable compute(SparseMatrix rows, int[] which) {
        int n = rows.rowCount();
        for (int r : which) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("row " + r + " is not in 0.." + (n - 1));
            }
        }
        int kk = Math.min(k, Math.max(n - 1, 0));
        if ((long) which.length * kk > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(which.length + " rows x k=" + kk + " neighbours exceeds "
                    + Integer.MAX_VALUE + " table entries");
        }
        int[] sizes = new int[n];
        int[] ids = new int[which.length * kk];      // slot t holds row which[t]: memory for the listed rows only
        float[] sims = new float[which.length * kk];
        final double min = minSimilarity;
        ProductKernel kernel = new ProductKernel(rows, similarity, ProductKernel.DEFAULT_DENSE_FACTOR, false);
        run(which.length, threads, BLOCK, progress, similarity.name(), () -> {
            ProductKernel.Worker w = kernel.newWorker();
            TopK top = new TopK(kk, n);
            return task -> {
                int r = which[task];
                sizes[r] = w.top(r, min, top, ids, sims, task * kk);
            };
        });
        return pack(k, kk, sizes, ids, sims, which);
    }

    /**
     * {@link #compute(SparseMatrix)} with the kernel's dense-mode switch point and the largest row count
     * computed pair-once through a dense matrix (tests force each path).
     */
    NeighborTable compute(SparseMatrix rows, double denseFactor, int symmetricMaxRows) {
        int n = rows.rowCount();
        int kk = Math.min(k, Math.max(n - 1, 0));
        if ((long) n * kk > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(n + " rows x k=" + kk + " neighbours exceeds "
                    + Integer.MAX_VALUE + " table entries");
        }
        int[] sizes = new int[n];
        int[] ids = new int[n * kk];
        float[] sims = new float[n * kk];
        final double min = minSimilarity;
        if (n <= symmetricMaxRows) {
            float[][] dense = pairsOnce(rows, denseFactor);
            run(n, threads, BLOCK, progress, TOP_K_STAGE, () -> {
                TopK top = new TopK(kk, n);
                return r -> sizes[r] = top.selectRow(dense[r], n, ids, sims, r * kk);   // NaN: not a candidate
            });
        } else {
            ProductKernel kernel = new ProductKernel(rows, similarity, denseFactor, false);
            run(n, threads, BLOCK, progress, similarity.name(), () -> {
                ProductKernel.Worker w = kernel.newWorker();
                TopK top = new TopK(kk, n);
                return r -> sizes[r] = w.top(r, min, top, ids, sims, r * kk);
            });
        }
        return pack(k, kk, sizes, ids, sims, null);
    }

    /**
     * Small catalogues: each pair {@code r < s} computed once (the measures are symmetric) into a dense
     * matrix holding the similarity where it is above {@code minSimilarity} and NaN elsewhere (not
     * co-rated, filtered out, or the diagonal). Halves the accumulation work for {@code 4 * rows^2} bytes
     * (at most 16 MB). Each row's owner writes its upper part; a cache-blocked copy then mirrors it.
     */
    private float[][] pairsOnce(SparseMatrix rows, double denseFactor) {
        int n = rows.rowCount();
        ProductKernel kernel = new ProductKernel(rows, similarity, denseFactor, true);
        float[][] dense = new float[n][n];
        final double min = minSimilarity;
        run(n, threads, BLOCK, progress, similarity.name(), () -> {
            ProductKernel.Worker w = kernel.newWorker();
            return r -> {
                dense[r][r] = Float.NaN;
                w.upperRow(r, min, dense[r]);
            };
        });
        int tiles = (n + TILE - 1) / TILE;
        run(tiles, threads, 1, ProgressListener.NONE, similarity.name(), () -> tileRow -> {
            int r0 = tileRow * TILE, r1 = Math.min(n, r0 + TILE);
            for (int s0 = 0; s0 < r0 + TILE && s0 < n; s0 += TILE) {
                int s1 = Math.min(n, s0 + TILE);
                for (int r = r0; r < r1; r++) {
                    float[] row = dense[r];
                    for (int s = s0; s < s1 && s < r; s++) {
                        row[s] = dense[s][r];   // lower part from the upper part, one tile at a time
                    }
                }
            }
        });
        return dense;
    }

    /**
     * Removes the unused tail of each {@code kk}-entry slot: slot t holds row {@code which[t]}, or row t
     * when {@code which} is null; rows in no slot are empty. In place when every row has a full slot.
     */
    private static NeighborTable pack(int k, int kk, int[] sizes, int[] ids, float[] sims, int[] which) {
        int n = sizes.length;
        int[] offsets = new int[n + 1];
        for (int r = 0; r < n; r++) {
            offsets[r + 1] = offsets[r] + sizes[r];
        }
        int total = offsets[n];
        if (which == null && total == ids.length) {
            return new NeighborTable(k, offsets, ids, sims);
        }
        int[] packedIds = new int[total];
        float[] packedSims = new float[total];
        for (int t = 0, slots = which == null ? n : which.length; t < slots; t++) {
            int r = which == null ? t : which[t];
            System.arraycopy(ids, t * kk, packedIds, offsets[r], sizes[r]);
            System.arraycopy(sims, t * kk, packedSims, offsets[r], sizes[r]);
        }
        return new NeighborTable(k, offsets, packedIds, packedSims);
    }

    /** Work for one row, run by one worker thread. */
    private interface RowTask {
        void row(int r);
    }

    /** Creates one {@link RowTask} (with its own scratch) per worker thread. */
    private interface WorkerFactory {
        RowTask newTask();
    }

    /**
     * Runs every row once over {@code threads} workers (the calling thread and started threads),
     * {@code block} rows at a time from a shared counter.
     */
    private static void run(int n, int threads, int block, ProgressListener progress, String stage,
                            WorkerFactory factory) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        int workers = Math.max(1, Math.min(threads, (n + block - 1) / block));
        Runnable body = () -> {
            RowTask task = factory.newTask();
            int start;
            while ((start = next.getAndAdd(block)) < n) {
                int end = Math.min(start + block, n);
                for (int r = start; r < end; r++) {
                    task.row(r);
                }
                progress.progress(stage, done.addAndGet(end - start), n, "");
            }
        };
        if (workers == 1) {
            body.run();
            return;
        }
        // The calling thread is worker 0: it starts at once, while a started thread may wait for a core.
        Thread[] pool = new Thread[workers - 1];
        Throwable[] failure = new Throwable[1];
        Thread.UncaughtExceptionHandler onFailure = (thread, e) -> {
            next.set(n);   // stop the other workers early
            synchronized (failure) {
                if (failure[0] == null) {
                    failure[0] = e;
                }
            }
        };
        for (int t = 0; t < pool.length; t++) {
            pool[t] = new Thread(body, "jrec-neighbors-" + (t + 1));
            pool[t].setDaemon(true);
            pool[t].setUncaughtExceptionHandler(onFailure);
            pool[t].start();
        }
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            onFailure.uncaughtException(Thread.currentThread(), e);
        }
        boolean interrupted = false;
        for (Thread thread : pool) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;   // finish joining so no worker outlives the call, then re-flag
                    next.set(n);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing neighbours");
        }
        synchronized (failure) {
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            }
            if (failure[0] instanceof Error e) {
                throw e;
            }
        }
    }

    private static Similarity requireNonNull(Similarity similarity) {
        if (similarity == null) {
            throw new IllegalArgumentException("similarity must not be null");
        }
        return similarity;
    }

    /** Settings for {@link Neighbors}, validated at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Similarity similarity = Similarity.cosine();
        private int k = 50;
        private double minSimilarity = 0.0;
        private int threads = 1;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** The measure (default cosine). */
        public Builder similarity(Similarity similarity) {
            this.similarity = similarity;
            return this;
        }

        /** Neighbours kept per row, {@code >= 1} (default 50); rows may get fewer. */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** Keep only similarities strictly greater than this (default 0); not NaN. */
        public Builder minSimilarity(double minSimilarity) {
            this.minSimilarity = minSimilarity;
            return this;
        }

        /** Worker threads, {@code >= 1} (default 1); the result does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Receives {@code (similarity name, rows done, rows)} from the worker threads (default none); for
         * Pearson on up to 2,048 rows a second stage {@code ("top-k", rows done, rows)} follows.
         */
        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /**
         * The configured computation.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public Neighbors build() {
            requireNonNull(similarity);
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            if (Double.isNaN(minSimilarity)) {
                throw new IllegalArgumentException("minSimilarity must not be NaN");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (progress == null) {
                throw new IllegalArgumentException("progress must not be null (use ProgressListener.NONE)");
            }
            return new Neighbors(this);
        }
    }
}
