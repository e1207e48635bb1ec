package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.linear.EaseRecommender;
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
 * Cost of the latent-factor models on MovieLens 100K {@code u1.base}, single thread:
 * <ul>
 *   <li>{@code sgdFit}: fitting biased MF (50 factors) for {@code epochs} epochs; one epoch's cost is
 *       {@code (time(11) - time(1)) / 10}, which removes the fixed set-up (copying the ratings,
 *       initialising the factors, building the model);</li>
 *   <li>{@code easeFit}: fitting EASE (binary, lambda 500) on all 1,682 items;</li>
 *   <li>{@code topTen}: one {@code topN(user, 10)} query of MF (100 factors), EASE or implicit ALS (64
 *       factors), for the next user of a fixed sample of 200 users (seed {@link BenchmarkData#SEED}).</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar FactorModelBenchmark}.
 */
public class FactorModelBenchmark {

    /** Fitting biased MF with 50 factors for a number of epochs. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public static class Sgd {
        /** Epochs per fit: 1 and 11, so that one epoch = (t(11) - t(1)) / 10. */
        @Param({"1", "11"})
        public int epochs;

        private RatingMatrix train;
        private MatrixFactorizationRecommender.Trainer trainer;

        @Setup(Level.Trial)
        public void setUp() {
            train = BenchmarkData.get().train(1);
            trainer = MatrixFactorizationRecommender.builder().factors(50).epochs(epochs).seed(BenchmarkData.SEED).build();
        }

        @Benchmark
        public Recommender sgdFit() {
            return trainer.fit(train);
        }
    }

    /** Fitting EASE on all items. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public static class Ease {
        private RatingMatrix train;

        @Setup(Level.Trial)
        public void setUp() {
            train = BenchmarkData.get().train(1);
        }

        @Benchmark
        public Recommender easeFit() {
            return EaseRecommender.builder().lambda(500).build().fit(train);
        }
    }

    /** One top-10 query. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public static class Query {
        /** Which model answers. */
        @Param({"mf", "ease", "als"})
        public String model;

        private Recommender recommender;
        private long[] users;
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            RatingMatrix train = BenchmarkData.get().train(1);
            switch (model) {
                case "mf":
                    recommender = MatrixFactorizationRecommender.builder().seed(BenchmarkData.SEED).build().fit(train);
                    break;
                case "ease":
                    recommender = EaseRecommender.builder().lambda(500).build().fit(train);
                    break;
                case "als":
                    recommender = ImplicitAlsRecommender.builder().seed(BenchmarkData.SEED).build().fit(train);
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
}
