package io.jrec.core;

import java.util.Arrays;

/**
 * A read-only sparse vector: strictly increasing {@code int} indices with {@code float} values.
 *
 * <p>Rows and columns of a {@link SparseMatrix} are returned as zero-copy views of the matrix arrays;
 * {@link #of(int[], float[])} builds a standalone vector. Positions {@code k = 0..size()-1} address the
 * stored entries: {@link #index(int)} and {@link #value(int)} are the kernel-friendly accessors.
 *
 * <p>Absent entries count as 0 in {@link #dot}, {@link #norm} and {@link #get}; {@link #mean()} is over
 * the stored entries only. Thread-safe: views never change (the matrices they view are immutable).
 *
 * @since 0.1.0
 */
public final class SparseVector {
    private static final SparseVector EMPTY = new SparseVector(new int[0], new float[0], 0, 0);

    private final int[] indices;
    private final float[] values;
    private final int from;
    private final int to;

    SparseVector(int[] indices, float[] values, int from, int to) {
        this.indices = indices;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    /** The vector with no entries. */
    public static SparseVector empty() {
        return EMPTY;
    }

    /**
     * A vector with the given entries (copied).
     *
     * @throws IllegalArgumentException if the lengths differ, an index is negative or indices are not
     *                                  strictly increasing, or a value is NaN or infinite
     */
    public static SparseVector of(int[] indices, float[] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length: "
                    + indices.length + " vs " + values.length);
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || (k > 0 && indices[k] <= indices[k - 1])) {
                throw new IllegalArgumentException("indices must be non-negative and strictly increasing; "
                        + "position " + k + " has " + indices[k]);
            }
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException("value at index " + indices[k] + " is " + values[k]);
            }
        }
        return new SparseVector(indices.clone(), values.clone(), 0, indices.length);
    }

    /** The number of stored entries. */
    public int size() {
        return to - from;
    }

    /** Whether no entry is stored. */
    public boolean isEmpty() {
        return to == from;
    }

    /** The index of the {@code k}-th stored entry, {@code 0 <= k < size()}. */
    public int index(int k) {
        return indices[from + k];
    }

    /** The value of the {@code k}-th stored entry, {@code 0 <= k < size()}. */
    public float value(int k) {
        return values[from + k];
    }

    /** The position {@code k} of {@code index} among the stored entries, or a negative number if absent. */
    public int position(int index) {
        int k = Arrays.binarySearch(indices, from, to, index);
        return k >= 0 ? k - from : -1;
    }

    /** Whether an entry is stored at {@code index}. */
    public boolean contains(int index) {
        return Arrays.binarySearch(indices, from, to, index) >= 0;
    }

    /** The value at {@code index}, or 0 if no entry is stored there. */
    public double get(int index) {
        int k = Arrays.binarySearch(indices, from, to, index);
        return k >= 0 ? values[k] : 0.0;
    }

    /** The dot product with {@code other} (a merge over both sorted index lists; no allocation). */
    public double dot(SparseVector other) {
        int[] ai = indices, bi = other.indices;
        float[] av = values, bv = other.values;
        int a = from, aEnd = to, b = other.from, bEnd = other.to;
        double sum = 0;
        while (a < aEnd && b < bEnd) {
            int x = ai[a], y = bi[b];
            if (x == y) {
                sum += (double) av[a++] * bv[b++];
            } else if (x < y) {
                a++;
            } else {
                b++;
            }
        }
        return sum;
    }

    /** The sum of the stored values. */
    public double sum() {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += values[k];
        }
        return s;
    }

    /** The Euclidean norm. */
    public double norm() {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += (double) values[k] * values[k];
        }
        return Math.sqrt(s);
    }

    /** The mean of the stored values, or {@code NaN} when the vector is empty. */
    public double mean() {
        return isEmpty() ? Double.NaN : sum() / size();
    }

    /** A copy of the stored indices. */
    public int[] indices() {
        return Arrays.copyOfRange(indices, from, to);
    }

    /** A copy of the stored values. */
    public float[] values() {
        return Arrays.copyOfRange(values, from, to);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SparseVector v) || v.size() != size()) {
            return false;
        }
        for (int k = 0; k < size(); k++) {
            if (index(k) != v.index(k) || Float.compare(value(k), v.value(k)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int k = from; k < to; k++) {
            h = 31 * h + indices[k];
            h = 31 * h + Float.hashCode(values[k]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int k = from; k < to; k++) {
            if (k > from) {
                sb.append(", ");
            }
            sb.append(indices[k]).append('=').append(values[k]);
        }
        return sb.append('}').toString();
    }
}
