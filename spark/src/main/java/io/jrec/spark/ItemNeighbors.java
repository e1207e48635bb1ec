package io.jrec.spark;

import io.jrec.core.ProgressListener;
import io.jrec.similarity.NeighborTable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The result of {@link DistributedNeighbors#compute}: per item, its neighbours, most similar first.
 * Spark computes the blocks once (on the first of {@link #dataset()} or {@link #table()} that runs) and
 * keeps them until {@link #close()}.
 *
 * <p>Thread-safe. Close it to release the cached blocks and the broadcast matrix.
 */
public final class ItemNeighbors implements AutoCloseable {
    /** The columns of {@link #dataset()}. */
    public static final StructType SCHEMA = new StructType()
            .add("item", DataTypes.LongType, false)
            .add("neighbor", DataTypes.LongType, false)
            .add("similarity", DataTypes.FloatType, false)
            .add("rank", DataTypes.IntegerType, false);

    private final SparkSession spark;
    private final JavaRDD<DistributedNeighbors.Block> blocks;
    private final Broadcast<DistributedNeighbors.Csr> matrix;
    private final Broadcast<long[]> itemIds;
    private final int items;
    private final int k;
    private final ProgressListener progress;
    private final int blockCount;
    private NeighborTable table;

    ItemNeighbors(SparkSession spark, JavaRDD<DistributedNeighbors.Block> blocks,
                  Broadcast<DistributedNeighbors.Csr> matrix, Broadcast<long[]> itemIds, int items, int k,
                  ProgressListener progress, int blockCount) {
        this.spark = spark;
        this.blocks = blocks;
        this.matrix = matrix;
        this.itemIds = itemIds;
        this.items = items;
        this.k = k;
        this.progress = progress;
        this.blockCount = blockCount;
    }

    /**
     * The lists as rows {@code (item, neighbor, similarity, rank)}: external ids, the similarity as
     * {@code float}, rank 1 for the most similar. Lazy; computed on the executors. Items without a
     * neighbour have no row.
     */
    public Dataset<Row> dataset() {
        Broadcast<long[]> ids = itemIds;
        JavaRDD<Row> rows = blocks.flatMap(b -> {
            long[] id = ids.value();
            List<Row> out = new ArrayList<>(b.neighbors.length);
            for (int r = 0, p = 0; r < b.sizes.length; r++) {
                for (int j = 0; j < b.sizes[r]; j++, p++) {
                    out.add(RowFactory.create(id[b.from + r], id[b.neighbors[p]], b.similarities[p], j + 1));
                }
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * The lists collected on the driver as a {@link NeighborTable} over the training data's item indices,
     * equal to what {@code Neighbors.allPairs(train.byItem(), similarity, k, threads)} gives. Needs
     * {@code 8 k} bytes per item on the driver. Computed once.
     */
    public synchronized NeighborTable table() {
        if (table == null) {
            List<DistributedNeighbors.Block> parts = new ArrayList<>(blocks.collect());
            progress.progress("neighbours", blockCount, blockCount, items + " items");
            parts.sort(Comparator.comparingInt(b -> b.from));
            int[] offsets = new int[items + 1];
            long total = 0;
            for (DistributedNeighbors.Block b : parts) {
                total += b.neighbors.length;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(total + " neighbour entries do not fit in one table on the driver; "
                        + "use dataset() instead");
            }
            int[] neighbors = new int[(int) total];
            float[] similarities = new float[(int) total];
            int p = 0;
            for (DistributedNeighbors.Block b : parts) {
                for (int r = 0; r < b.sizes.length; r++) {
                    offsets[b.from + r + 1] = offsets[b.from + r] + b.sizes[r];
                }
                System.arraycopy(b.neighbors, 0, neighbors, p, b.neighbors.length);
                System.arraycopy(b.similarities, 0, similarities, p, b.similarities.length);
                p += b.neighbors.length;
            }
            table = NeighborTable.of(k, offsets, neighbors, similarities);
        }
        return table;
    }

    /** Releases the cached blocks and the broadcast data; {@link #table()} stays usable if it was built. */
    @Override
    public void close() {
        blocks.unpersist(false);
        matrix.destroy();
        itemIds.destroy();
    }
}
