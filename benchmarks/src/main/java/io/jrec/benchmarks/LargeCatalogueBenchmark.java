package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.data.SyntheticShop;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.graph.Rp3betaRecommender;
import io.jrec.models.linear.SparseEaseRecommender;
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
 * {@code topN(user, 10)} on a catalogue of 10^6 products: the synthetic shop with 10^7 events, 500,000
 * customers and 1,000,000 products (seed {@link BenchmarkData#SEED}, no timestamps), single thread, each
 * invocation the next user of a fixed sample of 2,000 active users. Sample-time mode: the report gives
 * the median ({@code p0.50}). The queries score only the products reached through the customer's own
 * products, so their cost follows the customer's neighbourhood, not the catalogue.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LargeCatalogueBenchmark}. Models: item-KNN
 * cosine, k = 50, implicit; RP3beta alpha 0.8, beta 0.5, k = 100; sparse EASE k = 50, support 100.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LargeCatalogueBenchmark {
    static final int PRODUCTS = 1_000_000;
    static final int CUSTOMERS = 500_000;
    static final int EVENTS = 10_000_000;

    /** Which model answers the queries. */
    @Param({"itemKnn", "rp3beta"})
    public String model;

    private Recommender recommender;
    private long[] users;
    private int next;

    @Setup(Level.Trial)
    public void fit() {
        RatingMatrix m = SyntheticShop.builder().customers(CUSTOMERS).products(PRODUCTS).events(EVENTS)
                .seed(BenchmarkData.SEED).threads(2).timestamps(false).build().interactions();
        recommender = switch (model) {
            case "itemKnn" -> ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).modelSize(50)
                    .implicit(true).threads(2).build().fit(m);
            case "rp3beta" -> Rp3betaRecommender.builder().alpha(0.8).beta(0.5).neighbors(100).threads(2).build().fit(m);
            case "sparseEase" -> SparseEaseRecommender.builder().neighbors(50).support(100).threads(2).build().fit(m);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        users = BenchmarkData.sampleUsers(m, 2_000, BenchmarkData.SEED);
    }

    @Benchmark
    public Recommendations topTen() {
        long user = users[next];
        next = next + 1 == users.length ? 0 : next + 1;
        return recommender.topN(user, 10);
    }
}
