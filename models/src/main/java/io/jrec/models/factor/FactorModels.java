package io.jrec.models.factor;

import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelInput;

import java.util.SplittableRandom;

/**
 * Small shared helpers of the latent-factor models (MF/SVD++, implicit ALS): factor allocation, seeded
 * initialisation and permutations, and the dot products on flat row-major and factor-major arrays.
 */
final class FactorModels {

    private FactorModels() {
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

    /** Checks that a loaded factor array holds {@code rows x factors} floats (for the factor codecs). */
    static void checkFactors(ModelInput in, float[] f, int rows, int factors, String what)
            throws ModelFormatException {
        in.check((long) rows * factors == f.length, what + " factors hold " + f.length + " floats for " + rows
                + " rows x " + factors + " factors");
    }
}
