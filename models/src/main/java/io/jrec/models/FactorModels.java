package io.jrec.models;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small shared helpers of the latent-factor models: builder checks with uniform messages, seeded
 * initialisation and permutations, and the dot product on flat row-major factor arrays.
 */
final class FactorModels {

    private FactorModels() {
    }

    static int requirePositive(String setting, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(setting + " must be >= 1, got " + value);
        }
        return value;
    }

    static int requireNonNegative(String setting, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(setting + " must be >= 0, got " + value);
        }
        return value;
    }

    static double requirePositive(String setting, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double requireNonNegative(String setting, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /**
     * Allocates a {@code rows x f} float array.
     *
     * @throws IllegalArgumentException if it would exceed one Java array (the message names {@code what})
     */
    static float[] factorArray(String what, int rows, int f) {
        return new float[requireArraySize(what, rows, f)];
    }

    /**
     * {@code rows x f}, checked before anything is allocated.
     *
     * @throws IllegalArgumentException if it would exceed one Java array (the message names {@code what})
     */
    static int requireArraySize(String what, int rows, int f) {
        long size = (long) rows * f;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + ": " + rows + " x " + f + " factors exceed one Java array;"
                    + " use fewer factors");
        }
        return (int) size;
    }

    /** Fills {@code target} with N(0, std^2) draws from {@code random}, in index order. */
    static void gaussian(float[] target, double std, SplittableRandom random) {
        for (int k = 0; k < target.length; k++) {
            target[k] = (float) (random.nextGaussian() * std);
        }
    }

    /** Shuffles {@code a[0..n)} in place (Fisher-Yates) with {@code random}. */
    static void shuffle(int[] a, int n, SplittableRandom random) {
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }

    /** The dot product of rows {@code a[aOff..aOff+f)} and {@code b[bOff..bOff+f)}. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int f) {
        float s = 0;
        for (int x = 0; x < f; x++) {
            s += a[aOff + x] * b[bOff + x];
        }
        return s;
    }

    /**
     * The factor-major copy of a row-major {@code rows x f} factor array: element (r, x) moves to
     * {@code x * rows + r}, so that scoring all rows is f vectorisable axpy passes.
     */
    static float[] factorMajor(float[] rowMajor, int rows, int f) {
        float[] t = new float[rowMajor.length];
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < f; x++) {
                t[x * rows + r] = rowMajor[r * f + x];
            }
        }
        return t;
    }

    /**
     * Adds {@code p[pOff..pOff+f) · q_i} to {@code scores[i]} for every row i of the factor-major
     * {@code qT} ({@link #factorMajor}); {@code scores.length} is the number of rows.
     */
    static void addDots(float[] p, int pOff, float[] qT, int f, float[] scores) {
        final int n = scores.length;
        for (int x = 0; x < f; x++) {
            final float px = p[pOff + x];
            final int off = x * n;
            for (int i = 0; i < n; i++) {
                scores[i] += px * qT[off + i];
            }
        }
    }

    /** For each stored position of {@code pointers}' CSR layout, the row it belongs to. */
    static int[] rowOfPosition(int[] pointers) {
        int rows = pointers.length - 1;
        int[] rowOf = new int[pointers[rows]];
        for (int r = 0; r < rows; r++) {
            for (int k = pointers[r]; k < pointers[r + 1]; k++) {
                rowOf[k] = r;
            }
        }
        return rowOf;
    }

    /** A fixed pool of daemon threads named {@code jrec-<name>-N}; the caller shuts it down. */
    static ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "jrec-" + name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Bytes in human units, e.g. {@code "1.5 GiB"}. */
    static String bytes(long bytes) {
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
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
