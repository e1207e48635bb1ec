package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseVector;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.io.MovieLens;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Similarity kernels and all-pairs neighbours on MovieLens 100K and a synthetic shop.
 *
 * <p>Data: ML-100K {@code u.data} from {@code -Djrec.data=DIR}, else {@code ../shared/data/ml-100k}
 * relative to the working directory. Run from the repository root, e.g.
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main SimilarityBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <ul>
 *   <li>{@code pairwise}: one {@code between} call on the two most rated items (583 and 509 ratings).</li>
 *   <li>{@code itemCosineAllPairs}: item-item cosine, k = 50, over {@code byItem()} (1,682 rows); the
 *       product is {@code sum over users of n_u^2} = 20.2 M multiply-adds. Targets: <= 30 ms on 1 thread,
 *       >= 1.7x faster on 2.</li>
 *   <li>{@code userPearsonAllPairs}: user-user Pearson over co-rated items, k = 50, over {@code byUser()}
 *       (943 rows; 16.8 M accumulations of 5 sums each). Target: <= 30 ms on 1 thread.</li>
 *   <li>{@code shopItemCosineAllPairs}: item-item cosine, k = 50, on {@link SyntheticShop} with 1 M
 *       events, 50,000 products, 25,000 customers, seed 42 ({@code interactions()}: the largest event
 *       weight per customer and product). Run with {@code -prof gc} for the bytes allocated per call.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SimilarityBenchmark {

    /** MovieLens 100K, loaded once. */
    @State(Scope.Benchmark)
    public static class MovieLens100k {
        RatingMatrix ratings;
        SparseVector mostRated;
        SparseVector secondMostRated;

        @Setup(Level.Trial)
        public void load() throws IOException {
            Path dir = Path.of(System.getProperty("jrec.data", "../shared/data/ml-100k"));
            ratings = MovieLens.ratings(dir.resolve("u.data"));
            int first = -1, second = -1;
            for (int i = 0; i < ratings.itemCount(); i++) {
                int n = ratings.itemRatingCount(i);
                if (first < 0 || n > ratings.itemRatingCount(first)) {
                    second = first;
                    first = i;
                } else if (second < 0 || n > ratings.itemRatingCount(second)) {
                    second = i;
                }
            }
            mostRated = ratings.itemColumn(first);
            secondMostRated = ratings.itemColumn(second);
        }
    }

    /** Pairwise kernel inputs. */
    @State(Scope.Benchmark)
    public static class Pairwise {
        @Param({"cosine", "adjustedCosine", "pearson", "jaccard", "weightedJaccard"})
        public String measure;
        Similarity similarity;

        @Setup(Level.Trial)
        public void setUp(MovieLens100k data) {
            similarity = measure(measure, data.ratings);
        }
    }

    /** Thread count for the all-pairs runs. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        public int threads;
    }

    /** The synthetic shop: 1 M events, 50 k products, 25 k customers, seed 42. */
    @State(Scope.Benchmark)
    public static class Shop {
        RatingMatrix interactions;

        @Setup(Level.Trial)
        public void generate() {
            interactions = SyntheticShop.builder().customers(25_000).products(50_000).events(1_000_000).seed(42)
                    .build().interactions();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double pairwise(MovieLens100k data, Pairwise p) {
        return p.similarity.between(data.mostRated, data.secondMostRated);
    }

    @Benchmark
    public NeighborTable itemCosineAllPairs(MovieLens100k data, Threads t) {
        return Neighbors.allPairs(data.ratings.byItem(), Similarity.cosine(), 50, t.threads);
    }

    @Benchmark
    public NeighborTable userPearsonAllPairs(MovieLens100k data, Threads t) {
        return Neighbors.allPairs(data.ratings.byUser(), Similarity.pearson(), 50, t.threads);
    }

    @Benchmark
    public NeighborTable shopItemCosineAllPairs(Shop shop, Threads t) {
        return Neighbors.allPairs(shop.interactions.byItem(), Similarity.cosine(), 50, t.threads);
    }

    static Similarity measure(String name, RatingMatrix ratings) {
        return switch (name) {
            case "cosine" -> Similarity.cosine();
            case "adjustedCosine" -> Similarity.adjustedCosine(ratings);
            case "pearson" -> Similarity.pearson();
            case "jaccard" -> Similarity.jaccard();
            case "weightedJaccard" -> Similarity.weightedJaccard();
            default -> throw new IllegalArgumentException("unknown measure " + name);
        };
    }
}
