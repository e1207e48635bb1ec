package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.models.neural.NeuralCollaborativeFiltering;
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

import java.util.concurrent.TimeUnit;

/**
 * NeuMF (GMF 8 + MLP 64-32-16-8, 4 negatives per positive, batch 256, Adam): one training epoch on all
 * 100,000 MovieLens ratings (500,000 examples: fit with {@code epochs(1)}, which also samples the
 * negatives and copies the model out), with 1 and 2 threads (the model is the same for both), and the
 * latency of {@code topN(user, 10)} over all 1,682 items. Target: one epoch &lt;= 2 s on 2 cores.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@BenchmarkMode(Mode.AverageTime)
@State(Scope.Benchmark)
public class NeuralBenchmark {
    @Param({"1", "2"})
    int threads;

    RatingMatrix all;
    NeuralCollaborativeFiltering.Config oneEpoch;
    NeuralCollaborativeFiltering model;
    long[] users;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        all = BenchmarkData.get().all();
        oneEpoch = NeuralCollaborativeFiltering.builder().epochs(1).threads(threads).seed(BenchmarkData.SEED).build();
        model = oneEpoch.fit(all);
        users = BenchmarkData.sampleUsers(all, 200, BenchmarkData.SEED);
    }

    /** One epoch of NeuMF training on ML-100K. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public NeuralCollaborativeFiltering epoch() {
        return oneEpoch.fit(all);
    }

    /** Top 10 of all unseen items for one user (users cycle through a fixed sample). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Recommendations topN10() {
        long user = users[next++ % users.length];
        return model.topN(user, 10);
    }
}
