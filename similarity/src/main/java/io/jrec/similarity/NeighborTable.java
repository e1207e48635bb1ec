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

    /**
     * A table from neighbour lists computed elsewhere (for example by Spark tasks that ran {@link Neighbors}
     * on blocks of rows), in the layout of this class: row {@code r} holds entries
     * {@code offsets[r] .. offsets[r + 1] - 1} of {@code neighbors} and {@code similarities}. The arrays are
     * copied and checked: at most {@code k} entries per row, each neighbour in {@code 0..rows-1} and not
     * the row itself, no NaN, sorted by similarity descending and equal similarities by ascending
     * neighbour (so no neighbour twice).
     *
     * @param k            the requested number of neighbours per row, {@code >= 1}
     * @param offsets      length {@code rows + 1}, from 0, non-decreasing, ending at {@code neighbors.length}
     * @param neighbors    the neighbour row index of each entry
     * @param similarities the similarity of each entry, same length as {@code neighbors}
     * @throws IllegalArgumentException naming the first violated condition (row and entry)
     */
    public static NeighborTable of(int k, int[] offsets, int[] neighbors, float[] similarities) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int rows = offsets.length - 1;
        if (rows < 0 || offsets[0] != 0 || offsets[rows] != neighbors.length
                || neighbors.length != similarities.length) {
            throw new IllegalArgumentException("inconsistent arrays: offsets.length=" + offsets.length
                    + (rows >= 0 ? ", offsets[0]=" + offsets[0] + ", offsets[last]=" + offsets[rows] : "")
                    + ", neighbors.length=" + neighbors.length + ", similarities.length=" + similarities.length);
        }
        for (int r = 0; r < rows; r++) {
            int from = offsets[r];
            int to = offsets[r + 1];
            if (to < from || to - from > k) {
                throw new IllegalArgumentException("row " + r + " has " + (to - from) + " entries; allowed 0.." + k);
            }
            for (int p = from; p < to; p++) {
                int n = neighbors[p];
                float s = similarities[p];
                if (n < 0 || n >= rows || n == r) {
                    throw new IllegalArgumentException("row " + r + ", entry " + (p - from) + ": neighbour " + n
                            + " is not another row in 0.." + (rows - 1));
                }
                if (Float.isNaN(s)) {
                    throw new IllegalArgumentException("row " + r + ", entry " + (p - from) + ": similarity is NaN");
                }
                if (p > from && (s > similarities[p - 1] || s == similarities[p - 1] && n <= neighbors[p - 1])) {
                    throw new IllegalArgumentException("row " + r + ", entry " + (p - from)
                            + ": not sorted by similarity descending, then neighbour ascending (" + neighbors[p - 1]
                            + " " + similarities[p - 1] + " before " + n + " " + s + ")");
                }
            }
        }
        return new NeighborTable(k, offsets.clone(), neighbors.clone(), similarities.clone());
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
