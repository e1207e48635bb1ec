package io.jrec.spark;

import io.jrec.core.RatingMatrix;
import io.jrec.models.factor.ImplicitAlsRecommender;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Spark MLlib's ALS (explicit, or implicit after Hu, Koren and Volinsky) trained on the cluster and exported
 * into a jrec model file: the user and item factors are collected on the driver into an
 * {@link ImplicitAlsRecommender} (built with {@link ImplicitAlsRecommender#fromFactors}), whose score is the
 * same dot product x_u·y_i MLlib uses. So the exported model's {@code predict} equals MLlib's
 * {@code transform} and its {@code topN(user, n, ItemFilter.none())} returns the items of MLlib's
 * {@code recommendForAllUsers(n)} (MLlib does not exclude seen items; jrec's default {@code topN} does).
 *
 * <p>MLlib takes {@code int} ids, so the interactions are re-keyed to the training data's dense indices
 * (users and items in ascending id order) on the executors, with the sorted id arrays broadcast
 * (8 bytes per user and per item). The driver needs {@code 4 x rank} bytes per user and per item for the
 * factors, besides the training data.
 *
 * <p>Immutable and thread-safe.
 */
public final class SparkAls {
    /** The columns of {@link #indexed}: dense {@code int} user and item indices and the {@code float} value. */
    public static final StructType INDEXED = new StructType()
            .add("u", DataTypes.IntegerType, false)
            .add("i", DataTypes.IntegerType, false)
            .add("r", DataTypes.FloatType, false);

    private final int rank;
    private final int iterations;
    private final double regularization;
    private final double alpha;
    private final boolean implicit;
    private final long seed;
    private final int blocks;

    private SparkAls(Builder b) {
        this.rank = b.rank;
        this.iterations = b.iterations;
        this.regularization = b.regularization;
        this.alpha = b.alpha;
        this.implicit = b.implicit;
        this.seed = b.seed;
        this.blocks = b.blocks;
    }

    /** A builder with MLlib's defaults: rank 10, 10 iterations, regularisation 0.1, alpha 1, explicit; seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** The label of the exported model, e.g. {@code SparkALS(implicit, rank=32, iterations=10, reg=0.1, alpha=1.0)}. */
    public String name() {
        return String.format(Locale.ROOT, "SparkALS(%s, rank=%d, iterations=%d, reg=%s%s)",
                implicit ? "implicit" : "explicit", rank, iterations, regularization,
                implicit ? ", alpha=" + alpha : "");
    }

    /** What {@link #fit} returns: MLlib's own model (to compare or keep using in Spark) and the exported one. */
    public static final class Fitted {
        private final ALSModel mllib;
        private final ImplicitAlsRecommender model;

        private Fitted(ALSModel mllib, ImplicitAlsRecommender model) {
            this.mllib = mllib;
            this.model = model;
        }

        /** MLlib's model, keyed by the dense indices of {@link #indexed}. */
        public ALSModel mllib() {
            return mllib;
        }

        /** The exported jrec model (save it with {@code ModelIO.save}). */
        public ImplicitAlsRecommender model() {
            return model;
        }
    }

    /**
     * Trains MLlib ALS on {@code interactions} and exports it.
     *
     * @param interactions the output of {@link SparkInteractions#normalize}
     * @param train        the same interactions on the driver ({@link SparkInteractions#collect})
     */
    public Fitted fit(SparkSession spark, Dataset<Row> interactions, RatingMatrix train) {
        Objects.requireNonNull(train, "train");
        Dataset<Row> indexed = indexed(spark, interactions, train);
        ALS als = new ALS().setRank(rank).setMaxIter(iterations).setRegParam(regularization).setAlpha(alpha)
                .setImplicitPrefs(implicit).setSeed(seed).setUserCol("u").setItemCol("i").setRatingCol("r");
        if (blocks > 0) {
            als.setNumBlocks(blocks);
        }
        ALSModel mllib = als.fit(indexed);
        float[] x = factors(mllib.userFactors(), train.userCount(), "user");
        float[] y = factors(mllib.itemFactors(), train.itemCount(), "item");
        return new Fitted(mllib, ImplicitAlsRecommender.fromFactors(train, name(), rank, x, y));
    }

    private float[] factors(Dataset<Row> factors, int count, String what) {
        float[] out = new float[count * rank];
        boolean[] seen = new boolean[count];
        List<Row> rows = factors.collectAsList();
        for (Row row : rows) {
            int index = row.getInt(0);
            List<Float> f = row.getList(1);
            for (int d = 0; d < rank; d++) {
                out[index * rank + d] = f.get(d);
            }
            seen[index] = true;
        }
        for (int k = 0; k < count; k++) {
            if (!seen[k]) {
                throw new IllegalStateException("MLlib returned no factors for " + what + " index " + k);
            }
        }
        return out;
    }

    /**
     * {@code interactions} re-keyed to the dense indices of {@code train} (columns {@link #INDEXED}), computed
     * on the executors with the sorted id arrays broadcast.
     *
     * @throws IllegalArgumentException (in the Spark job) if an id is not in {@code train}
     */
    public static Dataset<Row> indexed(SparkSession spark, Dataset<Row> interactions, RatingMatrix train) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<long[]> users = jsc.broadcast(train.users().toArray());
        Broadcast<long[]> items = jsc.broadcast(train.items().toArray());
        JavaRDD<Row> rows = interactions.select(SparkInteractions.USER, SparkInteractions.ITEM, SparkInteractions.VALUE)
                .toJavaRDD().map(r -> RowFactory.create(index(users.value(), r.getLong(0), "user"),
                        index(items.value(), r.getLong(1), "item"), r.getFloat(2)));
        return spark.createDataFrame(rows, INDEXED);
    }

    private static int index(long[] sortedIds, long id, String what) {
        int k = Arrays.binarySearch(sortedIds, id);
        if (k < 0) {
            throw new IllegalArgumentException(what + " " + id + " is not in the training data");
        }
        return k;
    }

    /** Settings of {@link SparkAls}; not thread-safe, validated by {@link #build()}. */
    public static final class Builder {
        private int rank = 10;
        private int iterations = 10;
        private double regularization = 0.1;
        private double alpha = 1.0;
        private boolean implicit;
        private long seed = 42;
        private int blocks;

        private Builder() {
        }

        /** The number of latent factors, {@code >= 1} (default 10). */
        public Builder rank(int rank) {
            this.rank = rank;
            return this;
        }

        /** ALS iterations, {@code >= 1} (default 10). */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** MLlib's regParam, {@code >= 0} (default 0.1; MLlib scales it by each row's count). */
        public Builder regularization(double regularization) {
            this.regularization = regularization;
            return this;
        }

        /** The confidence slope of implicit ALS, {@code >= 0} (default 1). */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Implicit preferences (default false: explicit ratings). */
        public Builder implicit(boolean implicit) {
            this.implicit = implicit;
            return this;
        }

        /** MLlib's random seed (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** MLlib's user and item block count, {@code >= 0}; 0 (the default) keeps MLlib's default of 10. */
        public Builder blocks(int blocks) {
            this.blocks = blocks;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad setting
         */
        public SparkAls build() {
            if (rank < 1) {
                throw new IllegalArgumentException("rank must be >= 1, got " + rank);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            if (!(regularization >= 0) || regularization == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("regularization must be a finite number >= 0, got " + regularization);
            }
            if (!(alpha >= 0) || alpha == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("alpha must be a finite number >= 0, got " + alpha);
            }
            if (blocks < 0) {
                throw new IllegalArgumentException("blocks must be >= 0 (0: MLlib's default), got " + blocks);
            }
            return new SparkAls(this);
        }
    }
}
