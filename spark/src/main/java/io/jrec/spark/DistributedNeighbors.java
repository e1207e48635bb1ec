package io.jrec.spark;

import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.StorageLevels;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exact item-item neighbours computed by Spark tasks: for every item, its {@code k} most similar items
 * under cosine, Jaccard or Pearson (optionally shrunk), the same lists and values as
 * {@link Neighbors#allPairs} gives on one machine for {@code train.byItem()}.
 *
 * <p>How: the driver broadcasts the item x user matrix of the training data as CSR arrays (8 bytes per
 * interaction: one {@code int} user index and one {@code float} value, plus 4 bytes per item). The items
 * are cut into {@link Builder#tasks(int) tasks} contiguous blocks; each Spark task runs jrec's own
 * all-pairs kernel ({@link Neighbors#compute(SparseMatrix, int[])}) for its block's rows against the whole
 * matrix and returns their top-k lists. Every row is computed from the same inputs by the same code as
 * on one machine, so the lists are identical: same neighbours, same {@code float} similarities, ties by
 * the lower item index (items are indexed in ascending id order, as {@link RatingMatrix} does).
 *
 * <p>Bounds: the whole matrix must fit in every executor. An executor holds the broadcast (8 bytes per
 * interaction), the matrix built from it once per job (8 more), and per running task the kernel's working
 * copy and transpose (16 bytes per interaction) plus {@code 8 k} bytes per row of its block: about
 * {@code 16 + 16 x cores} bytes per interaction, e.g. 80 bytes on a 4-core executor, so 10^8 interactions
 * need about 8 GB per executor. {@link Builder#broadcastLimit(long)} (default 1 GiB of broadcast, i.e.
 * about 134 million interactions) is checked before anything is broadcast; above it {@link #compute}
 * refuses with a message instead of failing executors. Past that size the exact computation needs the
 * user axis partitioned as well (partial products summed per pair before selecting), which this class
 * does not do.
 *
 * <p>Cost: each task pays a fixed set-up (reading the broadcast, copying the matrix: linear in the
 * interactions) before its share of the kernel work ({@code sum over users of n_u^2} accumulations in
 * total), so tasks should be few and large: the default is 4 per default-parallelism slot.
 *
 * <p>Immutable and thread-safe; {@link #compute} may be called from several threads.
 */
public final class DistributedNeighbors {
    private final Measure measure;
    private final double shrinkage;
    private final int k;
    private final double minSimilarity;
    private final int tasks;
    private final long broadcastLimit;

    private DistributedNeighbors(Builder b) {
        this.measure = b.measure;
        this.shrinkage = b.shrinkage;
        this.k = b.k;
        this.minSimilarity = b.minSimilarity;
        this.tasks = b.tasks;
        this.broadcastLimit = b.broadcastLimit;
    }

    /** A builder; defaults: cosine, no shrinkage, k = 50, similarities above 0, automatic task count, 1 GiB. */
    public static Builder builder() {
        return new Builder();
    }

    /** The measures that can be computed on executors (each is rebuilt there from this name). */
    public enum Measure {
        COSINE, JACCARD, PEARSON;

        /** This measure as a jrec {@link Similarity}, shrunk by {@code n / (n + shrinkage)} when {@code shrinkage > 0}. */
        public Similarity similarity(double shrinkage) {
            Similarity s = switch (this) {
                case COSINE -> Similarity.cosine();
                case JACCARD -> Similarity.jaccard();
                case PEARSON -> Similarity.pearson();
            };
            return shrinkage > 0 ? s.withShrinkage(shrinkage) : s;
        }

        /**
         * The measure named {@code cosine}, {@code jaccard} or {@code pearson} (any case).
         *
         * @throws IllegalArgumentException for another name, listing the allowed ones
         */
        public static Measure parse(String name) {
            for (Measure m : values()) {
                if (m.name().equalsIgnoreCase(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown similarity '" + name + "'; use cosine, jaccard or pearson");
        }
    }

    /** The similarity these settings compute, as a jrec {@link Similarity}. */
    public Similarity similarity() {
        return measure.similarity(shrinkage);
    }

    /** The neighbours kept per item. */
    public int k() {
        return k;
    }

    /**
     * An item-KNN builder that matches these settings: the same measure and shrinkage, {@code neighbors(k)}
     * and {@code modelSize(k)}; change what does not concern the lists (a smaller {@code neighbors}, the
     * centring, implicit scoring) and fit it with {@code build().fit(train, itemNeighbors.table())}. The
     * resulting model saves with {@code ModelIO} (its similarity is stored by name and shrinkage).
     */
    public ItemKnnRecommender.Builder itemKnnBuilder() {
        return ItemKnnRecommender.builder().similarity(measure.similarity(0)).shrinkage(shrinkage).neighbors(k)
                .modelSize(k);
    }

    /** Bytes {@link #compute} broadcasts for a matrix of this shape: 8 per interaction, 4 per item (+4). */
    public static long broadcastBytes(long interactions, int items) {
        return 8L * interactions + 4L * (items + 1L);
    }

    /**
     * Checks the broadcast bound before any data is collected.
     *
     * @throws IllegalStateException if {@link #broadcastBytes} exceeds the limit, saying what to change
     */
    public void requireBroadcastable(long interactions, int items) {
        long bytes = broadcastBytes(interactions, items);
        if (bytes > broadcastLimit) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "distributed neighbours broadcast the whole item x user matrix: %,d interactions over %,d items "
                            + "need %,d bytes, above the limit of %,d; each executor needs about 16 + 16 x cores bytes "
                            + "per interaction, so raise broadcastLimit(bytes) only if executors have that memory",
                    interactions, items, bytes, broadcastLimit));
        }
    }

    /** {@link #compute(SparkSession, RatingMatrix, ProgressListener)} without progress reports. */
    public ItemNeighbors compute(SparkSession spark, RatingMatrix train) {
        return compute(spark, train, ProgressListener.NONE);
    }

    /**
     * Starts the distributed computation of every item's neighbours in {@code train} and returns its result,
     * computed once and kept by Spark until {@link ItemNeighbors#close()}. Reports stage
     * {@code "neighbours"} with the blocks done (after the Spark job that computes them has finished).
     *
     * @throws IllegalStateException    if the broadcast bound is exceeded (see {@link #requireBroadcastable})
     * @throws IllegalArgumentException if {@code train} has no items
     */
    public ItemNeighbors compute(SparkSession spark, RatingMatrix train, ProgressListener progress) {
        int n = train.itemCount();
        if (n == 0) {
            throw new IllegalArgumentException("the training data has no items");
        }
        requireBroadcastable(train.size(), n);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int blocks = Math.max(1, Math.min(n, tasks > 0 ? tasks : 4 * jsc.defaultParallelism()));
        Broadcast<Csr> matrix = jsc.broadcast(Csr.of(train.byItem()));
        Broadcast<long[]> ids = jsc.broadcast(train.items().toArray());
        List<Integer> indices = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            indices.add(b);
        }
        JavaRDD<Block> result = computeBlocks(jsc.parallelize(indices, blocks), matrix, measure, shrinkage, k,
                minSimilarity, blocks);
        result.persist(StorageLevels.MEMORY_AND_DISK);
        result.setName(String.format(Locale.ROOT, "jrec item neighbours (%s, k=%d, %d items, %d blocks)",
                similarity().name(), k, n, blocks));
        return new ItemNeighbors(spark, result, matrix, ids, n, k, progress, blocks);
    }

    /** The Spark tasks; static so that the closure captures only serialisable values. */
    private static JavaRDD<Block> computeBlocks(JavaRDD<Integer> blockIndices, Broadcast<Csr> matrix, Measure measure,
                                                double shrinkage, int k, double minSimilarity, int blocks) {
        return blockIndices.map(b -> {
            SparseMatrix rows = Csr.CACHE.get(matrix.id(), () -> matrix.value().toMatrix());
            int n = rows.rowCount();
            int from = (int) ((long) n * b / blocks);
            int to = (int) ((long) n * (b + 1) / blocks);
            int[] which = new int[to - from];
            for (int r = from; r < to; r++) {
                which[r - from] = r;
            }
            NeighborTable t = Neighbors.builder().similarity(measure.similarity(shrinkage)).k(k)
                    .minSimilarity(minSimilarity).threads(1).build().compute(rows, which);
            return Block.of(t, from, to);
        });
    }

    /** The item x user matrix as broadcast: CSR arrays, 8 bytes per interaction. */
    static final class Csr implements Serializable {
        private static final long serialVersionUID = 1L;
        static final ExecutorCache<SparseMatrix> CACHE = new ExecutorCache<>();
        final int rows;
        final int columns;
        final int[] pointers;
        final int[] columnIndices;
        final float[] values;

        private Csr(int rows, int columns, int[] pointers, int[] columnIndices, float[] values) {
            this.rows = rows;
            this.columns = columns;
            this.pointers = pointers;
            this.columnIndices = columnIndices;
            this.values = values;
        }

        static Csr of(SparseMatrix m) {
            int[] pointers = new int[m.rowCount() + 1];
            int[] cols = new int[m.size()];
            float[] vals = new float[m.size()];
            for (int r = 0; r < m.rowCount(); r++) {
                pointers[r + 1] = m.rowEnd(r);
            }
            for (int p = 0; p < cols.length; p++) {
                cols[p] = m.column(p);
                vals[p] = m.value(p);
            }
            return new Csr(m.rowCount(), m.columnCount(), pointers, cols, vals);
        }

        SparseMatrix toMatrix() {
            return SparseMatrix.fromCsr(rows, columns, pointers, columnIndices, values);
        }
    }

    /** The top-k lists of items {@code from .. to-1}: sizes, then the neighbours and similarities in row order. */
    static final class Block implements Serializable {
        private static final long serialVersionUID = 1L;
        final int from;
        final int[] sizes;
        final int[] neighbors;
        final float[] similarities;

        private Block(int from, int[] sizes, int[] neighbors, float[] similarities) {
            this.from = from;
            this.sizes = sizes;
            this.neighbors = neighbors;
            this.similarities = similarities;
        }

        static Block of(NeighborTable t, int from, int to) {
            int[] sizes = new int[to - from];
            int total = 0;
            for (int r = from; r < to; r++) {
                sizes[r - from] = t.size(r);
                total += t.size(r);
            }
            int[] neighbors = new int[total];
            float[] similarities = new float[total];
            for (int r = from, p = 0; r < to; r++) {
                for (int j = 0, size = t.size(r); j < size; j++, p++) {
                    neighbors[p] = t.neighbor(r, j);
                    similarities[p] = t.similarity(r, j);
                }
            }
            return new Block(from, sizes, neighbors, similarities);
        }
    }

    /** Settings of {@link DistributedNeighbors}; not thread-safe, validated by {@link #build()}. */
    public static final class Builder {
        private Measure measure = Measure.COSINE;
        private double shrinkage;
        private int k = 50;
        private double minSimilarity;
        private int tasks;
        private long broadcastLimit = 1L << 30;

        private Builder() {
        }

        /** The measure (default cosine). */
        public Builder measure(Measure measure) {
            this.measure = measure;
            return this;
        }

        /** Shrinks each similarity by {@code n / (n + shrinkage)}, {@code n} the co-rated count; {@code >= 0} (default 0). */
        public Builder shrinkage(double shrinkage) {
            this.shrinkage = shrinkage;
            return this;
        }

        /** Neighbours kept per item, {@code >= 1} (default 50); an item may get fewer. */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** Keep only similarities strictly greater than this (default 0: positive ones); not NaN. */
        public Builder minSimilarity(double minSimilarity) {
            this.minSimilarity = minSimilarity;
            return this;
        }

        /** Spark tasks (item blocks), {@code >= 0}; 0 (the default) means 4 per default-parallelism slot. */
        public Builder tasks(int tasks) {
            this.tasks = tasks;
            return this;
        }

        /** The largest broadcast {@link #compute} accepts, in bytes, {@code > 0} (default 1 GiB). */
        public Builder broadcastLimit(long bytes) {
            this.broadcastLimit = bytes;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad setting
         */
        public DistributedNeighbors build() {
            if (measure == null) {
                throw new IllegalArgumentException("measure must not be null; use Measure.COSINE, JACCARD or PEARSON");
            }
            if (!(shrinkage >= 0) || shrinkage == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("shrinkage must be a finite number >= 0, got " + shrinkage);
            }
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            if (Double.isNaN(minSimilarity)) {
                throw new IllegalArgumentException("minSimilarity must not be NaN");
            }
            if (tasks < 0) {
                throw new IllegalArgumentException("tasks must be >= 0 (0: automatic), got " + tasks);
            }
            if (broadcastLimit <= 0) {
                throw new IllegalArgumentException("broadcastLimit must be > 0 bytes, got " + broadcastLimit);
            }
            return new DistributedNeighbors(this);
        }
    }
}
