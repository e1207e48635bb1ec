package io.jrec.spark;

import io.jrec.core.ItemFilter;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.io.ModelIO;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Top-N lists for many users at once on Spark with any saved jrec model: the model file's bytes are
 * broadcast once, each executor loads the model once per broadcast ({@link ModelIO#load}), and every
 * partition of the users calls {@code topN(user, n)} row by row. The lists are exactly those the model
 * gives in one JVM: seen items excluded, and users the model does not know get its fallback (training
 * popularity for most models), as everywhere else.
 *
 * <p>Output rows: {@code (user, item, score, rank)}, rank 1 first; a user with an empty list has no row.
 * Memory: the model file on the driver and, twice while loading, on every executor.
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchTopN {
    /** The columns of {@link #topN}'s output. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("item", DataTypes.LongType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("rank", DataTypes.IntegerType, false);

    private static final ExecutorCache<Recommender> MODELS = new ExecutorCache<>();

    private BatchTopN() {
    }

    /**
     * The top {@code n} items of every user in column {@code userColumn} of {@code users} (an integral
     * column; each row is answered, so pass distinct users). Lazy.
     *
     * @throws IllegalArgumentException if {@code n < 1}, or the column is missing or not integral
     * @throws UncheckedIOException     if the model has no codec ({@link ModelIO#save} refuses it)
     */
    public static Dataset<Row> topN(SparkSession spark, Recommender model, Dataset<Row> users, String userColumn,
                                    int n) {
        Objects.requireNonNull(model, "model");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Objects.requireNonNull(userColumn, "userColumn");
        boolean found = false;
        for (String c : users.columns()) {
            found |= c.equals(userColumn);
        }
        if (!found) {
            throw new IllegalArgumentException("users: no column '" + userColumn + "'; the columns are "
                    + String.join(", ", users.columns()));
        }
        String type = users.schema().apply(userColumn).dataType().simpleString();
        if (!type.equals("bigint") && !type.equals("int") && !type.equals("smallint") && !type.equals("tinyint")) {
            throw new IllegalArgumentException("users: the column '" + userColumn + "' is of type " + type
                    + "; it must be integral (byte, short, int or long)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelIO.save(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + model + " for broadcasting", e);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> file = jsc.broadcast(bytes.toByteArray());
        JavaRDD<Row> rows = users.select(users.col(userColumn).cast(DataTypes.LongType)).toJavaRDD()
                .mapPartitions(part -> {
                    Recommender loaded = MODELS.get(file.id(), () -> load(file.value()));
                    List<Row> out = new ArrayList<>();
                    while (part.hasNext()) {
                        Row r = part.next();
                        if (r.isNullAt(0)) {
                            throw new IllegalArgumentException("users: a null user id in column '" + userColumn + "'");
                        }
                        long user = r.getLong(0);
                        Recommendations list = loaded.topN(user, n, ItemFilter.excludeSeen());
                        int rank = 1;
                        for (ScoredItem s : list) {
                            out.add(RowFactory.create(user, s.itemId(), s.score(), rank++));
                        }
                    }
                    return out.iterator();
                });
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** {@link #topN} written as Parquet to {@code path} (replacing what is there). */
    public static void writeParquet(SparkSession spark, Recommender model, Dataset<Row> users, String userColumn,
                                    int n, String path) {
        topN(spark, model, users, userColumn, n).write().mode(SaveMode.Overwrite).parquet(path);
    }

    private static Recommender load(byte[] file) {
        try {
            return ModelIO.load(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the broadcast model", e);
        }
    }
}
