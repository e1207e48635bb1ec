package io.jrec.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The work of one search of {@link SearchBenchmark} (same 10^5-product shop, index, model and queries)
 * as the calling thread's CPU time per call: a figure that survives a shared, overloaded machine, where
 * JMH's wall-clock samples also count waiting for a core. Reports the median, mean and p90 over
 * {@code passes} passes of the 1,000 two-word queries after two warm-up passes, minus the median cost
 * of reading the CPU clock twice.
 *
 * <p>{@code java -Xmx3g -cp benchmarks/target/benchmarks.jar io.jrec.benchmarks.SearchCpuTime [passes]}
 */
public final class SearchCpuTime {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SearchCpuTime() {
    }

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long t0 = System.nanoTime();
        SearchBenchmark b = new SearchBenchmark();
        b.setUp();
        System.out.printf(Locale.ROOT, "set-up (shop, index of 100,000 products, item-KNN, HNSW graph) %.1f s; %s%n",
                (System.nanoTime() - t0) / 1e9, Machine.describe());
        long clock = clockOverhead();
        measure("personalised (item-KNN 0.5, popularity 0.1)", () -> b.personalised2Words().size(), passes, clock);
        measure("same, because-you-bought on every hit", () -> b.personalisedExplained().size(), passes, clock);
        measure("same as the first, semantic retrieval (HNSW) 0.3", () -> b.personalisedSemantic().size(), passes, clock);
        measure("anonymous (BM25 + popularity 0.1)", () -> b.anonymous2Words().size(), passes, clock);
        measure("plain BM25", () -> b.bm25TwoWords().size(), passes, clock);
    }

    private static void measure(String name, IntSupplier query, int passes, long clock) {
        int perPass = 1_000;
        long sink = 0;
        for (int k = 0; k < 2 * perPass; k++) {
            sink += query.getAsInt();
        }
        long[] nanos = new long[passes * perPass];
        for (int k = 0; k < nanos.length; k++) {
            long before = CPU.getCurrentThreadCpuTime();
            sink += query.getAsInt();
            nanos[k] = CPU.getCurrentThreadCpuTime() - before - clock;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%-46s 2-word search, top 10: CPU median %.0f µs, mean %.0f µs, p90 %.0f µs (%d calls)%s%n",
                name, nanos[nanos.length / 2] / 1e3, mean / 1e3, nanos[(int) (nanos.length * 0.9)] / 1e3,
                nanos.length, sink == 42 ? " " : "");
    }

    /** The median cost of two consecutive reads of the thread CPU clock, in nanoseconds. */
    private static long clockOverhead() {
        long[] d = new long[20_000];
        for (int k = 0; k < d.length; k++) {
            long a = CPU.getCurrentThreadCpuTime();
            d[k] = CPU.getCurrentThreadCpuTime() - a;
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
