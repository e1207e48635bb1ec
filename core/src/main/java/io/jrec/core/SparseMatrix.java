package io.jrec.core;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: row pointers, column indices sorted
 * within each row, {@code float} values, and optionally one timestamp per entry.
 *
 * <p>Entries of row {@code r} occupy positions {@code rowStart(r) .. rowEnd(r)-1}; {@link #column(int)},
 * {@link #value(int)} and {@link #timestamp(int)} read one position. These accessors are what kernels
 * use: they are small enough to be inlined and never allocate. {@link #row(int)} gives a zero-copy
 * {@link SparseVector} view.
 *
 * <p>A {@link RatingMatrix} holds two of these: {@link RatingMatrix#byUser()} (users x items) and
 * {@link RatingMatrix#byItem()} (items x users), each the other's {@link #transpose()}.
 *
 * <p>Thread-safe: nothing changes after construction; no method exposes the internal arrays.
 *
 * @since 0.1.0
 */
public final class SparseMatrix {
    private final int rows;
    private final int columns;
    private final int[] rowPointers;
    private final int[] columnIndices;
    private final float[] values;
    private final int[] timestamps32;   // timestamps that fit in an int (e.g. unix seconds), or null
    private final long[] timestamps64;  // otherwise, or null
    private SparseMatrix transpose;     // set once by the factory that builds a pair; computed lazily otherwise

    SparseMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values,
                 int[] timestamps32, long[] timestamps64) {
        this.rows = rows;
        this.columns = columns;
        this.rowPointers = rowPointers;
        this.columnIndices = columnIndices;
        this.values = values;
        this.timestamps32 = timestamps32;
        this.timestamps64 = timestamps64;
    }

    /**
     * A matrix from CSR arrays (copied and validated).
     *
     * @param rowPointers   length {@code rows + 1}, non-decreasing, from 0 to {@code columnIndices.length}
     * @param columnIndices column of each entry, strictly increasing within a row, in {@code 0..columns-1}
     * @param values        value of each entry, finite
     * @throws IllegalArgumentException naming the first violated condition
     */
    public static SparseMatrix fromCsr(int rows, int columns, int[] rowPointers, int[] columnIndices,
                                       float[] values) {
        return fromCsr(rows, columns, rowPointers, columnIndices, values, null);
    }

    /**
     * A matrix from CSR arrays with one timestamp per entry (copied and validated); {@code timestamps}
     * may be null for none.
     *
     * @throws IllegalArgumentException naming the first violated condition
     */
    public static SparseMatrix fromCsr(int rows, int columns, int[] rowPointers, int[] columnIndices,
                                       float[] values, long[] timestamps) {
        if (timestamps != null && timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps.length=" + timestamps.length + " but there are "
                    + values.length + " entries");
        }
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("rows and columns must be >= 0, got " + rows + " x " + columns);
        }
        if (rowPointers.length != rows + 1 || rowPointers[0] != 0 || rowPointers[rows] != columnIndices.length
                || columnIndices.length != values.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays: rowPointers.length=" + rowPointers.length
                    + " (want " + (rows + 1) + "), columnIndices.length=" + columnIndices.length
                    + ", values.length=" + values.length);
        }
        for (int r = 0; r < rows; r++) {   // all pointers first, so the entry loop below stays in bounds
            if (rowPointers[r + 1] < rowPointers[r]) {
                throw new IllegalArgumentException("rowPointers decrease at row " + r);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++) {
                int c = columnIndices[k];
                if (c < 0 || c >= columns || (k > rowPointers[r] && c <= columnIndices[k - 1])) {
                    throw new IllegalArgumentException("row " + r + ": column indices must be strictly increasing "
                            + "and in 0.." + (columns - 1) + ", found " + c);
                }
                if (!Float.isFinite(values[k])) {
                    throw new IllegalArgumentException("row " + r + ", column " + c + ": value is " + values[k]);
                }
            }
        }
        if (timestamps == null) {
            return new SparseMatrix(rows, columns, rowPointers.clone(), columnIndices.clone(), values.clone(),
                    null, null);
        }
        int[] narrow = narrowTimestamps(timestamps);
        return new SparseMatrix(rows, columns, rowPointers.clone(), columnIndices.clone(), values.clone(),
                narrow, narrow == null ? timestamps.clone() : null);
    }

    /** The timestamps as ints if every one fits (4 bytes per entry instead of 8), else null. */
    static int[] narrowTimestamps(long[] timestamps) {
        for (long t : timestamps) {
            if (t != (int) t) {
                return null;
            }
        }
        int[] narrow = new int[timestamps.length];
        for (int k = 0; k < narrow.length; k++) {
            narrow[k] = (int) timestamps[k];
        }
        return narrow;
    }

    /** The same entries without timestamps, sharing the arrays (not linked to a transpose). */
    SparseMatrix withoutTimestamps() {
        return new SparseMatrix(rows, columns, rowPointers, columnIndices, values, null, null);
    }

    /** Links two matrices that are each other's transpose, so {@link #transpose()} costs nothing. */
    static void pair(SparseMatrix a, SparseMatrix b) {
        a.transpose = b;
        b.transpose = a;
    }

    /** The number of rows. */
    public int rowCount() {
        return rows;
    }

    /** The number of columns. */
    public int columnCount() {
        return columns;
    }

    /** The number of stored entries. */
    public int size() {
        return values.length;
    }

    /** The first position of row {@code r}. */
    public int rowStart(int r) {
        return rowPointers[r];
    }

    /** One past the last position of row {@code r}. */
    public int rowEnd(int r) {
        return rowPointers[r + 1];
    }

    /** The number of entries in row {@code r}. */
    public int rowSize(int r) {
        return rowPointers[r + 1] - rowPointers[r];
    }

    /** The column index of the entry at position {@code k}. */
    public int column(int k) {
        return columnIndices[k];
    }

    /** The value of the entry at position {@code k}. */
    public float value(int k) {
        return values[k];
    }

    /** Whether every entry carries a timestamp. */
    public boolean hasTimestamps() {
        return timestamps32 != null || timestamps64 != null;
    }

    /**
     * The timestamp of the entry at position {@code k}.
     *
     * @throws IllegalStateException if the matrix has no timestamps
     */
    public long timestamp(int k) {
        if (timestamps32 != null) {
            return timestamps32[k];
        }
        if (timestamps64 != null) {
            return timestamps64[k];
        }
        throw new IllegalStateException("this matrix has no timestamps");
    }

    /** Row {@code r} as a zero-copy view. */
    public SparseVector row(int r) {
        return new SparseVector(columnIndices, values, rowPointers[r], rowPointers[r + 1]);
    }

    /** The value at ({@code r}, {@code c}), or {@code NaN} if no entry is stored there. */
    public double get(int r, int c) {
        int k = Arrays.binarySearch(columnIndices, rowPointers[r], rowPointers[r + 1], c);
        return k >= 0 ? values[k] : Double.NaN;
    }

    /** The position of entry ({@code r}, {@code c}), or -1 if none is stored. */
    public int position(int r, int c) {
        int k = Arrays.binarySearch(columnIndices, rowPointers[r], rowPointers[r + 1], c);
        return k >= 0 ? k : -1;
    }

    /** The transposed matrix (columns become rows), with timestamps carried along. Cached. */
    public synchronized SparseMatrix transpose() {
        if (transpose == null) {
            pair(this, computeTranspose());
        }
        return transpose;
    }

    private SparseMatrix computeTranspose() {
        int n = values.length;
        int[] pointers = new int[columns + 1];
        for (int k = 0; k < n; k++) {
            pointers[columnIndices[k] + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            pointers[c + 1] += pointers[c];
        }
        int[] next = Arrays.copyOf(pointers, columns);
        int[] rowsOut = new int[n];
        float[] valuesOut = new float[n];
        int[] ts32 = timestamps32 == null ? null : new int[n];
        long[] ts64 = timestamps64 == null ? null : new long[n];
        for (int r = 0; r < rows; r++) {      // ascending r keeps each output row sorted
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++) {
                int dst = next[columnIndices[k]]++;
                rowsOut[dst] = r;
                valuesOut[dst] = values[k];
                if (ts32 != null) {
                    ts32[dst] = timestamps32[k];
                } else if (ts64 != null) {
                    ts64[dst] = timestamps64[k];
                }
            }
        }
        return new SparseMatrix(columns, rows, pointers, rowsOut, valuesOut, ts32, ts64);
    }

    /** Approximate heap bytes held by the arrays of this orientation (not counting the transpose). */
    public long memoryBytes() {
        long bytes = 4L * rowPointers.length + 4L * columnIndices.length + 4L * values.length;
        if (timestamps32 != null) {
            bytes += 4L * timestamps32.length;
        }
        if (timestamps64 != null) {
            bytes += 8L * timestamps64.length;
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "SparseMatrix[" + rows + " x " + columns + ", " + values.length + " entries]";
    }
}
