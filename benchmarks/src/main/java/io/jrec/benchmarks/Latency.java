package io.jrec.benchmarks;

import io.jrec.core.Recommender;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Single-threaded top-N latency as the comparison harness and the scaling run time it: wall-clock
 * time and the calling thread's CPU time. On a quiet machine the two agree; on a shared one the CPU
 * time still measures the work done, while wall time also counts waiting for a core.
 */
final class Latency {
    /** Timed passes stop once this much time has been spent (after at least one full pass). */
    private static final long MIN_NANOS = 1_000_000_000L;

    /** Mean time per call, in microseconds. */
    record Result(double wallMicros, double cpuMicros) {
    }

    private Latency() {
    }

    /**
     * Mean time per {@code topN(user, n)} call over {@code users}: one untimed warm-up pass, then
     * timed passes until at least one second of wall time has elapsed.
     */
    static Result perTopN(Recommender r, long[] users, int n) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (long user : users) {
            sink += r.topN(user, n).size();
        }
        long calls = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            for (long user : users) {
                sink += r.topN(user, n).size();
            }
            calls += users.length;
            elapsed = System.nanoTime() - start;
        } while (elapsed < MIN_NANOS);
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (sink == 42) {
            System.out.print("");  // keeps the results alive
        }
        return new Result(elapsed / 1e3 / calls, cpu / 1e3 / calls);
    }

    /** Mean wall-clock microseconds per call ({@link #perTopN}). */
    static double microsPerTopN(Recommender r, long[] users, int n) {
        return perTopN(r, users, n).wallMicros();
    }

    /** {@code 38.0 µs}, {@code 151 µs}, {@code 1.46 ms}: a latency for tables. */
    static String human(double micros) {
        if (micros >= 1000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1000);
        }
        return String.format(Locale.ROOT, micros >= 100 ? "%.0f µs" : "%.1f µs", micros);
    }
}
