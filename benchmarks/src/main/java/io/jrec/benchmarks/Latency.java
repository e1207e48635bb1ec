package io.jrec.benchmarks;

import io.jrec.core.Recommender;

import java.util.Locale;

/** Single-threaded wall-clock top-N latency, the way the comparison harness and the scaling run time it. */
final class Latency {
    /** Timed passes stop once this much time has been spent (after at least one full pass). */
    private static final long MIN_NANOS = 1_000_000_000L;

    private Latency() {
    }

    /**
     * Mean microseconds per {@code topN(user, n)} call over {@code users}: one untimed warm-up pass,
     * then timed passes until at least one second has elapsed.
     */
    static double microsPerTopN(Recommender r, long[] users, int n) {
        long sink = 0;
        for (long user : users) {
            sink += r.topN(user, n).size();
        }
        long calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (long user : users) {
                sink += r.topN(user, n).size();
            }
            calls += users.length;
            elapsed = System.nanoTime() - start;
        } while (elapsed < MIN_NANOS);
        if (sink == 42) {
            System.out.print("");  // keeps the results alive
        }
        return elapsed / 1e3 / calls;
    }

    /** {@code 38 µs}, {@code 1.46 ms}: a latency for tables. */
    static String human(double micros) {
        if (micros >= 1000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1000);
        }
        return String.format(Locale.ROOT, micros >= 100 ? "%.0f µs" : "%.1f µs", micros);
    }
}
