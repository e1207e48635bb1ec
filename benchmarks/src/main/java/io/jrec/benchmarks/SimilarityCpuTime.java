package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.io.MovieLens;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not a JMH benchmark: the all-pairs runs of {@link SimilarityBenchmark} timed by <em>thread CPU time</em>,
 * which a machine shared with other processes disturbs far less than wall-clock time. For one thread it
 * reports the calling thread's CPU time per call; for several threads, the sum over the stages of the
 * largest worker CPU time (the critical path an otherwise idle machine would see as wall time; it leaves
 * out the setup in the calling thread and the mirror copy of small catalogues, about 1 ms on ML-100K)
 * and the CPU time summed over workers. Minimum and median over the repetitions
 * after warm-up. JMH figures on a quiet machine remain the reference.
 *
 * <p>Run from the repository root:
 * {@code java -cp benchmarks/target/benchmarks.jar io.jrec.benchmarks.SimilarityCpuTime [reps]}
 * ({@code -Djrec.data=DIR} as for the benchmark).
 */
public final class SimilarityCpuTime {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SimilarityCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path dir = Path.of(System.getProperty("jrec.data", "../shared/data/ml-100k"));
        RatingMatrix ml = MovieLens.ratings(dir.resolve("u.data"));
        System.out.printf(Locale.ROOT, "JVM %s %s, %d processors available, reps %d%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), reps);
        run("ML-100K item-item cosine k=50", ml.byItem(), Similarity.cosine(), reps);
        run("ML-100K user-user pearson k=50", ml.byUser(), Similarity.pearson(), reps);
        RatingMatrix shop = SyntheticShop.builder().customers(25_000).products(50_000).events(1_000_000).seed(42)
                .build().interactions();
        run("shop 1M events item-item cosine k=50 (" + shop.size() + " pairs)", shop.byItem(), Similarity.cosine(),
                Math.max(3, reps / 8));
    }

    private static void run(String label, SparseMatrix rows, Similarity similarity, int reps) {
        for (int threads = 1; threads <= 2; threads++) {
            long[] critical = new long[reps];
            long[] total = new long[reps];
            NeighborTable table = null;
            for (int warm = 0; warm < Math.max(2, reps / 4); warm++) {
                table = Neighbors.allPairs(rows, similarity, 50, threads);
            }
            for (int i = 0; i < reps; i++) {
                // per stage, per worker thread: {CPU time when it started the stage, at its last progress
                // call}; a stage starts at the thread's previous report, or at the call for the calling
                // thread (which is worker 0), or at 0 for a started thread
                ConcurrentHashMap<String, ConcurrentHashMap<Thread, long[]>> perStage = new ConcurrentHashMap<>();
                ConcurrentHashMap<Thread, Long> lastReport = new ConcurrentHashMap<>();
                long before = CPU.getCurrentThreadCpuTime();
                lastReport.put(Thread.currentThread(), before);
                table = Neighbors.builder().similarity(similarity).k(50).threads(threads)
                        .progress((stage, done, all, message) -> {
                            Thread self = Thread.currentThread();
                            long now = CPU.getCurrentThreadCpuTime();
                            perStage.computeIfAbsent(stage, x -> new ConcurrentHashMap<>())
                                    .computeIfAbsent(self, x -> new long[]{lastReport.getOrDefault(self, 0L), 0})[1] = now;
                            lastReport.put(self, now);
                        })
                        .build().compute(rows);
                if (threads == 1) {
                    critical[i] = CPU.getCurrentThreadCpuTime() - before;
                    total[i] = critical[i];
                } else {
                    for (ConcurrentHashMap<Thread, long[]> workers : perStage.values()) {
                        long stageMax = 0;
                        for (long[] t : workers.values()) {
                            stageMax = Math.max(stageMax, t[1] - t[0]);
                            total[i] += t[1] - t[0];
                        }
                        critical[i] += stageMax;   // stages run one after the other
                    }
                }
            }
            Arrays.sort(critical);
            Arrays.sort(total);
            System.out.printf(Locale.ROOT, "%s, %d thread(s): CPU critical path min %.1f ms, median %.1f ms;"
                            + " CPU total median %.1f ms; table %d bytes (bound 8*k*rows = %d)%n",
                    label, threads, critical[0] / 1e6, critical[reps / 2] / 1e6, total[reps / 2] / 1e6,
                    table.memoryBytes(), 8L * 50 * rows.rowCount());
        }
    }
}
