package io.jrec.models.internal;

import java.util.Locale;

/**
 * Memory estimates checked before a fit allocates its large arrays, against a budget the caller can set
 * ({@code memoryBudget(bytes)} on the KNN, MF and implicit-ALS builders; EASE has its own
 * {@code memoryCap}). A fit that would not fit fails at once with an {@link IllegalArgumentException}
 * saying how much it needs and which setting to change, instead of an {@link OutOfMemoryError} later.
 * <b>Internal:</b> public only because the {@code knn}, {@code factor} and {@code linear} families use it;
 * not part of jrec's API, it may change without notice. Stateless, thread-safe.
 *
 * @since 0.1.0
 */
public final class MemoryGuard {
    /** Per row and worker thread: the kernel's accumulators (up to 6 doubles), touched list, similarities, top-k keys. */
    public static final int SCRATCH_BYTES_PER_ROW = 6 * 8 + 4 + 4 + 4 + 8;

    private MemoryGuard() {
    }

    /** The default budget: three quarters of the maximum heap. */
    public static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 4 * 3;
    }

    /**
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public static long requireBudget(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memoryBudget must be > 0 bytes, got " + bytes);
        }
        return bytes;
    }

    /**
     * Peak bytes of the all-pairs neighbours of {@code rows} rows keeping {@code keep} per row with
     * {@code k} for top-N: the neighbour table and its packed copy, the compact model lists, the top-N
     * lists and their reverse (8 bytes per entry each), and per-thread kernel scratch.
     */
    public static long neighborBytes(long rows, long keep, long k, int threads) {
        long kept = Math.min(keep, Math.max(rows - 1, 0));
        long top = Math.min(k, kept);
        return rows * kept * 8 * 3 + rows * top * 8 * 2 + (long) threads * rows * SCRATCH_BYTES_PER_ROW;
    }

    /**
     * Peak bytes of a factor model: {@code copies} float arrays of {@code factors x (users + items)}
     * (the model's factors, training copies and derived layouts).
     */
    public static long factorBytes(long users, long items, long factors, int copies) {
        return 4L * factors * (users + items) * copies;
    }

    /**
     * @throws IllegalArgumentException with "{@code what} needs about X, more than the memory budget Y;
     *                                  {@code advice}" when {@code need > budget}
     */
    public static void check(long need, long budget, String what, String advice) {
        if (need > budget) {
            throw new IllegalArgumentException(what + " needs about " + bytes(need)
                    + ", more than the memory budget of " + bytes(budget) + "; " + advice);
        }
    }

    /** Bytes in human units, e.g. {@code "1.5 GiB"}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
