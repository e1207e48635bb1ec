package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseVector;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
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
 *   <li>{@code shopItemCosineAllPairs}: item-item cosine, k = 50, on a seeded synthetic shop of 1 M
 *       purchase events, 50,000 items with Zipf(1.0) popularity, 100,000 customers drawn uniformly
 *       (value 1, repeats collapse). Generated here because core has no synthetic shop yet.</li>
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
    public static class MovieLens {
        RatingMatrix ratings;
        SparseVector mostRated;
        SparseVector secondMostRated;

        @Setup(Level.Trial)
        public void load() {
            Path dir = Path.of(System.getProperty("jrec.data", "../shared/data/ml-100k"));
            ratings = readUData(dir.resolve("u.data"));
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
        public void setUp(MovieLens data) {
            similarity = measure(measure, data.ratings);
        }
    }

    /** Thread count for the all-pairs runs. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        public int threads;
    }

    /** A seeded synthetic shop: 1 M events, 50 k items, 100 k customers. */
    @State(Scope.Benchmark)
    public static class Shop {
        RatingMatrix purchases;

        @Setup(Level.Trial)
        public void generate() {
            purchases = syntheticShop(1_000_000, 50_000, 100_000, 42L);
        }
    }

    @Benchmark
    public double pairwise(MovieLens data, Pairwise p) {
        return p.similarity.between(data.mostRated, data.secondMostRated);
    }

    @Benchmark
    public NeighborTable itemCosineAllPairs(MovieLens data, Threads t) {
        return Neighbors.allPairs(data.ratings.byItem(), Similarity.cosine(), 50, t.threads);
    }

    @Benchmark
    public NeighborTable userPearsonAllPairs(MovieLens data, Threads t) {
        return Neighbors.allPairs(data.ratings.byUser(), Similarity.pearson(), 50, t.threads);
    }

    @Benchmark
    public NeighborTable shopItemCosineAllPairs(Shop shop, Threads t) {
        return Neighbors.allPairs(shop.purchases.byItem(), Similarity.cosine(), 50, t.threads);
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

    /** Reads a MovieLens {@code u.data} file: user, item, rating, timestamp, tab-separated. */
    static RatingMatrix readUData(Path file) {
        RatingMatrix.Builder builder = RatingMatrix.builder();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 4 columns: " + line);
                }
                builder.add(Long.parseLong(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                        Long.parseLong(f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (set -Djrec.data=DIR with u.data)", e);
        }
        return builder.build();
    }

    /**
     * {@code events} purchases (value 1; repeats collapse) of {@code items} items with Zipf(1.0) popularity by
     * {@code customers} customers chosen uniformly, seeded.
     */
    static RatingMatrix syntheticShop(int events, int items, int customers, long seed) {
        Random random = new Random(seed);
        double[] cumulative = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            total += 1.0 / (i + 1);
            cumulative[i] = total;
        }
        RatingMatrix.Builder builder = RatingMatrix.builder();
        for (int e = 0; e < events; e++) {
            double x = random.nextDouble() * total;
            int lo = 0, hi = items - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            builder.add(random.nextInt(customers), lo, 1.0);
        }
        return builder.build();
    }
}
