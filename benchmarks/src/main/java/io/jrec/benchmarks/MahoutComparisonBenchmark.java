package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jrec and Apache Mahout Taste 0.13 doing the same work on MovieLens u1.base in the same JMH run:
 * top-10 for one user (item-based and user-based; users cycle through a fixed seeded sample), and
 * the item-item similarity precomputation (jrec's all-pairs kernel keeping every positive neighbour,
 * as item-KNN's default model does, against Mahout's {@code GenericItemSimilarity}).
 *
 * <p>Mahout's item-based top-10 takes tens of milliseconds, so each of its iterations holds only a
 * handful of calls; its states are built only by the benchmarks that use them.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar MahoutComparison</pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@BenchmarkMode(Mode.AverageTime)
public class MahoutComparisonBenchmark {
    static final int SAMPLE = 200;

    /** u1.base and the fixed sample of users queried in turn. */
    @State(Scope.Benchmark)
    public static class Data {
        RatingMatrix train;
        long[] users;

        @Setup(Level.Trial)
        public void load() {
            train = BenchmarkData.get().train(1);
            users = BenchmarkData.sampleUsers(train, SAMPLE, BenchmarkData.SEED);
        }
    }

    /** Which sampled user the next call asks for (one cursor per benchmark thread). */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        long user(long[] users) {
            long u = users[next];
            next = next + 1 == users.length ? 0 : next + 1;
            return u;
        }
    }

    /** jrec item-KNN, cosine, 50 neighbours (the library defaults). */
    @State(Scope.Benchmark)
    public static class JrecItemCosine {
        Recommender model;

        @Setup(Level.Trial)
        public void fit(Data data) {
            model = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).build().fit(data.train);
        }
    }

    /** jrec item-KNN, Pearson, 50 neighbours. */
    @State(Scope.Benchmark)
    public static class JrecItemPearson {
        Recommender model;

        @Setup(Level.Trial)
        public void fit(Data data) {
            model = ItemKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(0).neighbors(50).build()
                    .fit(data.train);   // undamped, as Mahout's
        }
    }

    /** jrec user-KNN, Pearson, 50 neighbours. */
    @State(Scope.Benchmark)
    public static class JrecUserPearson {
        Recommender model;

        @Setup(Level.Trial)
        public void fit(Data data) {
            model = UserKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(0).neighbors(50).build()
                    .fit(data.train);   // undamped, as Mahout's
        }
    }

    /** Mahout's data model, built from the same parsed ratings. */
    @State(Scope.Benchmark)
    public static class MahoutData {
        DataModel model;

        @Setup(Level.Trial)
        public void build(Data data) {
            model = Taste.dataModel(data.train);
        }
    }

    /** Mahout item-based over precomputed uncentred cosine similarities. */
    @State(Scope.Benchmark)
    public static class MahoutItemCosine {
        org.apache.mahout.cf.taste.recommender.Recommender model;

        @Setup(Level.Trial)
        public void fit(Data data) {
            model = ((MahoutRecommender) Taste.itemBased(Taste.Kernel.COSINE).fit(data.train)).delegate();
        }
    }

    /** Mahout item-based over precomputed Pearson similarities. */
    @State(Scope.Benchmark)
    public static class MahoutItemPearson {
        org.apache.mahout.cf.taste.recommender.Recommender model;

        @Setup(Level.Trial)
        public void fit(Data data) {
            model = ((MahoutRecommender) Taste.itemBased(Taste.Kernel.PEARSON).fit(data.train)).delegate();
        }
    }

    /** Mahout user-based (Pearson, 50 neighbours, similarities and neighbourhoods cached). */
    @State(Scope.Benchmark)
    public static class MahoutUserPearson {
        org.apache.mahout.cf.taste.recommender.Recommender model;

        @Setup(Level.Trial)
        public void fit(Data data) {
            model = ((MahoutRecommender) Taste.userBasedPearson().fit(data.train)).delegate();
        }
    }

    @Benchmark
    public List<?> jrecItemKnnCosineTop10(Data data, JrecItemCosine jrec, Cursor cursor) {
        return jrec.model.topN(cursor.user(data.users), 10);
    }

    @Benchmark
    public List<?> jrecItemKnnPearsonTop10(Data data, JrecItemPearson jrec, Cursor cursor) {
        return jrec.model.topN(cursor.user(data.users), 10);
    }

    @Benchmark
    public List<?> jrecUserKnnPearsonTop10(Data data, JrecUserPearson jrec, Cursor cursor) {
        return jrec.model.topN(cursor.user(data.users), 10);
    }

    @Benchmark
    public List<RecommendedItem> mahoutItemBasedCosineTop10(Data data, MahoutItemCosine mahout, Cursor cursor)
            throws TasteException {
        return mahout.model.recommend(cursor.user(data.users), 10);
    }

    @Benchmark
    public List<RecommendedItem> mahoutItemBasedPearsonTop10(Data data, MahoutItemPearson mahout, Cursor cursor)
            throws TasteException {
        return mahout.model.recommend(cursor.user(data.users), 10);
    }

    @Benchmark
    public List<RecommendedItem> mahoutUserBasedPearsonTop10(Data data, MahoutUserPearson mahout, Cursor cursor)
            throws TasteException {
        return mahout.model.recommend(cursor.user(data.users), 10);
    }

    /** jrec all-pairs item-item Pearson, every positive neighbour kept, 1 thread. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 3)
    public NeighborTable jrecItemPearsonAllPairs(Data data) {
        return Neighbors.allPairs(data.train.byItem(), Similarity.pearson(), data.train.itemCount() - 1, 1);
    }

    /** jrec all-pairs item-item cosine, every positive neighbour kept, 1 thread. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 3)
    public NeighborTable jrecItemCosineAllPairs(Data data) {
        return Neighbors.allPairs(data.train.byItem(), Similarity.cosine(), data.train.itemCount() - 1, 1);
    }

    /** Mahout's precomputation of every item-item Pearson similarity ({@code GenericItemSimilarity}). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public GenericItemSimilarity mahoutItemPearsonPrecompute(MahoutData mahout) {
        return Taste.precomputeItemSimilarities(mahout.model, Taste.Kernel.PEARSON);
    }

    /** Mahout's precomputation of every item-item uncentred cosine similarity. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public GenericItemSimilarity mahoutItemCosinePrecompute(MahoutData mahout) {
        return Taste.precomputeItemSimilarities(mahout.model, Taste.Kernel.COSINE);
    }
}
