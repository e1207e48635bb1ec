package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.models.baseline.BaselinePredictor;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.knn.Centering;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.similarity.Similarity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Latency of one personalised query, {@code topN(user, 10)}, for the classic models fitted on
 * MovieLens 100K {@code u1.base}: single thread, each invocation asks for the next user of a fixed
 * sample of 200 users (seed {@link BenchmarkData#SEED}). Sample-time mode, so the report gives the
 * median ({@code p0.50}) next to the mean.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RecommenderBenchmark}. Settings: item-KNN
 * cosine, k = 50 (the top-N quality protocol's model); user-KNN cosine, k = 50.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecommenderBenchmark {

    /** Which model answers the queries. */
    @Param({"itemKnn", "userKnn", "popularity", "baseline"})
    public String model;

    private Recommender recommender;
    private long[] users;
    private int next;

    @Setup(Level.Trial)
    public void fit() {
        RatingMatrix train = BenchmarkData.get().train(1);
        switch (model) {
            case "itemKnn":
                recommender = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).build().fit(train);
                break;
            case "userKnn":
                recommender = UserKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50)
                        .centering(Centering.MEAN).build().fit(train);
                break;
            case "popularity":
                recommender = PopularityRecommender.builder().build().fit(train);
                break;
            case "baseline":
                recommender = BaselinePredictor.builder().build().fit(train);
                break;
            default:
                throw new IllegalArgumentException("unknown model " + model);
        }
        users = BenchmarkData.sampleUsers(train, 200, BenchmarkData.SEED);
    }

    @Benchmark
    public Recommendations topTen() {
        long user = users[next];
        next = next + 1 == users.length ? 0 : next + 1;
        return recommender.topN(user, 10);
    }
}
