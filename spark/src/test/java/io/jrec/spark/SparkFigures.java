package io.jrec.spark;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.eval.Candidates;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The measurements quoted in the README's "Beyond one machine" section (not a test: run by hand, see the
 * README for the command). {@code neighbours [maxEvents]}: item cosine k = 50 on the synthetic shop at
 * 10^6 (and 10^7) events, Spark local[2] against {@code Neighbors.allPairs} with 2 threads in the same JVM,
 * wall time, peak heap and Spark's per-task figures, lists checked equal. {@code als}: MLlib ALS exported to
 * jrec against jrec's own ALS on MovieLens 100K u1, P@10 / NDCG@10 with jrec's evaluator, fit times.
 */
public final class SparkFigures {
    private SparkFigures() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "neighbours";
        SparkSession spark = SparkSession.builder().master("local[2]").appName("jrec-spark figures")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        System.out.printf(Locale.ROOT, "Spark %s local[2], Java %s, %d cores, max heap %d MiB%n", spark.version(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try {
            if (what.equals("als")) {
                als(spark, args.length > 1 ? Path.of(args[1]) : LocalSpark.ml100k());
            } else {
                neighbours(spark, args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L);
            }
        } finally {
            spark.stop();
        }
    }

    /** Task counters of the Spark jobs run while it is registered. */
    private static final class Tasks extends SparkListener {
        final AtomicLong count = new AtomicLong();
        final AtomicLong runMillis = new AtomicLong();
        final AtomicLong cpuNanos = new AtomicLong();
        final AtomicLong deserializeMillis = new AtomicLong();
        final AtomicLong maxRunMillis = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() == null) {
                return;
            }
            count.incrementAndGet();
            runMillis.addAndGet(end.taskMetrics().executorRunTime());
            cpuNanos.addAndGet(end.taskMetrics().executorCpuTime());
            deserializeMillis.addAndGet(end.taskMetrics().executorDeserializeTime());
            maxRunMillis.accumulateAndGet(end.taskMetrics().executorRunTime(), Math::max);
        }

        void reset() {
            count.set(0);
            runMillis.set(0);
            cpuNanos.set(0);
            deserializeMillis.set(0);
            maxRunMillis.set(0);
        }
    }

    private static void neighbours(SparkSession spark, long maxEvents) {
        Tasks tasks = new Tasks();
        spark.sparkContext().addSparkListener(tasks);
        int[][] sizes = {{1_000_000, 50_000, 5_000}, {10_000_000, 500_000, 20_000}};
        for (int[] size : sizes) {
            if (size[0] > maxEvents) {
                continue;
            }
            RatingMatrix m = SyntheticShop.builder().customers(size[1]).products(size[2]).events(size[0]).seed(42)
                    .threads(2).build().interactions();
            System.out.printf(Locale.ROOT, "%n%,d events: %s; broadcast %,d bytes%n", size[0], m,
                    DistributedNeighbors.broadcastBytes(m.size(), m.itemCount()));
            Neighbors.allPairs(m.byItem(), Similarity.cosine(), 50, 2);   // warm-up
            Peak<NeighborTable> local = peak(() -> Neighbors.allPairs(m.byItem(), Similarity.cosine(), 50, 2));
            long cpu0 = threadCpu();
            Neighbors.allPairs(m.byItem(), Similarity.cosine(), 50, 1);
            double kernelCpu = (threadCpu() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "  one machine, Neighbors.allPairs, 2 threads: %.2f s wall, %.2f s process CPU, "
                    + "peak heap %,d MiB above the input; 1 thread: %.2f s CPU (the kernel work W)%n", local.seconds,
                    local.cpuSeconds, local.bytes >> 20, kernelCpu);
            DistributedNeighbors d = DistributedNeighbors.builder().k(50).build();
            try (ItemNeighbors warm = d.compute(spark, m)) {
                warm.table();
            }
            tasks.reset();
            Peak<NeighborTable> distributed = peak(() -> {
                try (ItemNeighbors n = d.compute(spark, m)) {
                    return n.table();
                }
            });
            System.out.printf(Locale.ROOT, "  Spark local[2], DistributedNeighbors: %.2f s wall, %.2f s process CPU, peak "
                            + "heap %,d MiB above the input (Spark included); %d tasks: run %.2f s in total (max %.2f s), "
                            + "CPU %.2f s, deserialisation %.2f s%n", distributed.seconds, distributed.cpuSeconds,
                    distributed.bytes >> 20, tasks.count.get(),
                    tasks.runMillis.get() / 1e3, tasks.maxRunMillis.get() / 1e3, tasks.cpuNanos.get() / 1e9,
                    tasks.deserializeMillis.get() / 1e3);
            System.out.printf(Locale.ROOT, "  ratio Spark / one machine: %.1fx wall, %.1fx process CPU; identical lists: %s%n",
                    distributed.seconds / local.seconds, distributed.cpuSeconds / local.cpuSeconds,
                    same(local.result, distributed.result));
            for (int t : new int[] {2, 32}) {
                DistributedNeighbors fixed = DistributedNeighbors.builder().k(50).tasks(t).build();
                tasks.reset();
                Peak<NeighborTable> run = peak(() -> {
                    try (ItemNeighbors n = fixed.compute(spark, m)) {
                        return n.table();
                    }
                });
                System.out.printf(Locale.ROOT, "  %d tasks: %.2f s wall, %.2f s process CPU, task CPU %.2f s in total%n",
                        t, run.seconds, run.cpuSeconds, tasks.cpuNanos.get() / 1e9);
            }
        }
    }

    private static boolean same(NeighborTable a, NeighborTable b) {
        if (a.rowCount() != b.rowCount() || a.entryCount() != b.entryCount()) {
            return false;
        }
        for (int r = 0; r < a.rowCount(); r++) {
            if (a.size(r) != b.size(r)) {
                return false;
            }
            for (int j = 0; j < a.size(r); j++) {
                if (a.neighbor(r, j) != b.neighbor(r, j) || a.similarity(r, j) != b.similarity(r, j)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** MLlib ALS behind jrec's {@link Algorithm}: the training matrix becomes a Dataset, the result a jrec model. */
    private record MllibAls(SparkSession spark, SparkAls als) implements Algorithm {
        @Override
        public String name() {
            return als.name();
        }

        @Override
        public Recommender fit(RatingMatrix train, ProgressListener progress) {
            List<Row> rows = new ArrayList<>(train.size());
            for (int u = 0; u < train.userCount(); u++) {
                for (int k = train.byUser().rowStart(u); k < train.byUser().rowEnd(u); k++) {
                    rows.add(RowFactory.create(train.users().idAt(u), train.items().idAt(train.byUser().column(k)),
                            1.0f));   // binary, as jrec's ALS below
                }
            }
            Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("user", DataTypes.LongType)
                    .add("item", DataTypes.LongType).add("value", DataTypes.FloatType));
            return als.fit(spark, data, train).model();
        }
    }

    private static void als(SparkSession spark, Path ml100k) throws Exception {
        List<Split> folds = Splits.movieLensFolds(ml100k).subList(0, 1);   // u1
        SparkAls mllib = SparkAls.builder().rank(32).iterations(10).regularization(0.1).alpha(1).implicit(true).build();
        Algorithm jrec = ImplicitAlsRecommender.builder().factors(32).alpha(2).regularization(30).iterations(10)
                .binary(true).threads(2).build();
        Evaluator evaluator = Evaluator.builder().metrics(Metrics.precision(10), Metrics.ndcg(10))
                .relevance(Relevance.atLeast(4)).candidates(Candidates.allUnseen()).threads(1).build();
        new MllibAls(spark, SparkAls.builder().rank(4).iterations(2).implicit(true).build()).fit(folds.get(0).train());
        EvaluationReport report = evaluator.evaluate(List.of(new MllibAls(spark, mllib), jrec), folds);
        report.print(System.out);
        for (String algorithm : report.algorithms()) {
            System.out.printf(Locale.ROOT, "%s: P@10 %.4f, NDCG@10 %.4f, fit %.1f s%n", algorithm,
                    report.mean(algorithm, "Precision@10"), report.mean(algorithm, "NDCG@10"),
                    report.stats(algorithm, report.splits().get(0)).fitMillis() / 1e3);
        }
    }

    /** A run's result, wall time, peak heap above the start, and CPU time of the whole process (every thread). */
    private record Peak<T>(T result, double seconds, long bytes, double cpuSeconds) {
    }

    private static double processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Runs {@code work} while sampling the used heap every 5 ms; bytes above the level after a GC before it. */
    private static <T> Peak<T> peak(Supplier<T> work) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long base = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(base);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        double cpu0 = processCpu();
        long t0 = System.nanoTime();
        T result = work.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = processCpu() - cpu0;
        sampler.interrupt();
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Peak<>(result, seconds, peak.get() - base, cpu);
    }
}
