package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
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

import java.util.concurrent.TimeUnit;

/**
 * Building the immutable {@link RatingMatrix} (both orientations) from the 100,000 MovieLens ratings,
 * and Mahout's {@code GenericDataModel} from the same ratings. Run with {@code -prof gc} to see the
 * bytes allocated per build ({@code gc.alloc.rate.norm}); retained memory is measured by the
 * {@code memory} command ({@link Footprint}).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@State(Scope.Benchmark)
public class RatingMatrixBenchmark {
    long[] users;
    long[] items;
    float[] values;
    RatingMatrix all;

    @Setup(Level.Trial)
    public void load() {
        all = BenchmarkData.get().all();
        SparseMatrix rows = all.byUser();
        int n = all.size();
        users = new long[n];
        items = new long[n];
        values = new float[n];
        // shuffle-free but not sorted by item: the order u.data holds ratings in is by user here
        for (int u = 0, k = 0; u < all.userCount(); u++) {
            for (int p = rows.rowStart(u); p < rows.rowEnd(u); p++, k++) {
                users[k] = all.users().idAt(u);
                items[k] = all.items().idAt(rows.column(p));
                values[k] = rows.value(p);
            }
        }
    }

    /** 100,000 {@code add} calls and {@code build()}: id indexing, CSR and CSC. */
    @Benchmark
    public RatingMatrix build() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int k = 0; k < users.length; k++) {
            b.add(users[k], items[k], values[k]);
        }
        return b.build();
    }

    /** Mahout's {@code GenericDataModel} from the same ratings. */
    @Benchmark
    public Object mahoutDataModel() {
        return Taste.dataModel(all);
    }
}
