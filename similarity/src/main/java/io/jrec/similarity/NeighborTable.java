package io.jrec.similarity;

import java.util.Objects;

/**
 * The top-k neighbours of every row, as computed by {@link Neighbors}: for row {@code r},
 * {@link #size}{@code (r)} entries {@code j = 0..size(r)-1}, each a neighbour row index
 * {@link #neighbor}{@code (r, j)} and its {@link #similarity}{@code (r, j)}, sorted by similarity
 * descending, equal similarities by ascending neighbour index. A row never lists itself.
 *
 * <p>Compact: one {@code int} and one {@code float} per neighbour plus one {@code int} offset per row,
 * i.e. at most {@code 8 * k * rowCount() + 4 * (rowCount() + 1)} bytes of arrays.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class NeighborTable {
    private final int k;
    private final int[] offsets;      // rowCount + 1
    private final int[] neighbors;
    private final float[] similarities;

    NeighborTable(int k, int[] offsets, int[] neighbors, float[] similarities) {
        this.k = k;
        this.offsets = offsets;
        this.neighbors = neighbors;
        this.similarities = similarities;
    }

    /** The number of rows (the rows of the matrix the table was computed from). */
    public int rowCount() {
        return offsets.length - 1;
    }

    /** The requested number of neighbours per row (a row may have fewer). */
    public int k() {
        return k;
    }

    /** The number of neighbours of {@code row}, in {@code 0..k()}. */
    public int size(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /**
     * The row index of the {@code j}-th most similar neighbour of {@code row}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= j < size(row)}
     */
    public int neighbor(int row, int j) {
        return neighbors[offsets[row] + Objects.checkIndex(j, size(row))];
    }

    /**
     * The similarity of {@code row} to its {@code j}-th neighbour; never NaN.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= j < size(row)}
     */
    public float similarity(int row, int j) {
        return similarities[offsets[row] + Objects.checkIndex(j, size(row))];
    }

    /** The total number of neighbour entries over all rows. */
    public long entryCount() {
        return neighbors.length;
    }

    /** Bytes held by the arrays: 8 per neighbour entry plus 4 per row (+4). */
    public long memoryBytes() {
        return 4L * offsets.length + 4L * neighbors.length + 4L * similarities.length;
    }

    @Override
    public String toString() {
        return "NeighborTable[" + rowCount() + " rows, k=" + k + ", " + neighbors.length + " entries]";
    }
}
