package io.jrec.models.knn;

import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;
import io.jrec.similarity.NeighborTable;

import java.io.IOException;

/**
 * A compact copy of the usable part of a {@link NeighborTable}: per row, at most {@code limit}
 * neighbours, in the table's order (similarity descending), keeping only similarities that are
 * positive and at least {@code minSimilarity}. CSR arrays read directly by the query loops.
 * Immutable once built.
 */
final class NeighborLists {
    final int[] start;
    final int[] neighbor;
    final float[] similarity;

    NeighborLists(int[] start, int[] neighbor, float[] similarity) {
        this.start = start;
        this.neighbor = neighbor;
        this.similarity = similarity;
    }

    static NeighborLists of(NeighborTable table, int limit, double minSimilarity) {
        int rows = table.rowCount();
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            start[r + 1] = start[r] + usable(table, r, limit, minSimilarity);
        }
        int[] neighbor = new int[start[rows]];
        float[] similarity = new float[start[rows]];
        for (int r = 0; r < rows; r++) {
            int dst = start[r];
            int n = start[r + 1] - dst;
            for (int j = 0, kept = 0; kept < n; j++) {
                float s = table.similarity(r, j);
                if (s > 0 && s >= minSimilarity) {
                    neighbor[dst + kept] = table.neighbor(r, j);
                    similarity[dst + kept] = s;
                    kept++;
                }
            }
        }
        return new NeighborLists(start, neighbor, similarity);
    }

    private static int usable(NeighborTable table, int row, int limit, double minSimilarity) {
        int n = 0;
        for (int j = 0, size = table.size(row); j < size && n < limit; j++) {
            float s = table.similarity(row, j);
            if (s > 0 && s >= minSimilarity) {
                n++;
            }
        }
        return n;
    }

    /**
     * The transposed lists: row {@code n} of the result lists every {@code r} that has {@code n}
     * among its neighbours here, with the same similarity, in ascending {@code r} order.
     */
    NeighborLists reverse() {
        int rows = start.length - 1;
        int[] counts = new int[rows + 1];
        for (int p = 0; p < neighbor.length; p++) {
            counts[neighbor[p] + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            counts[r + 1] += counts[r];
        }
        int[] newStart = counts.clone();
        int[] next = java.util.Arrays.copyOf(counts, rows);
        int[] newNeighbor = new int[neighbor.length];
        float[] newSimilarity = new float[neighbor.length];
        for (int r = 0; r < rows; r++) {
            for (int p = start[r]; p < start[r + 1]; p++) {
                int dst = next[neighbor[p]]++;
                newNeighbor[dst] = r;
                newSimilarity[dst] = similarity[p];
            }
        }
        return new NeighborLists(newStart, newNeighbor, newSimilarity);
    }

    /** The similarity of {@code row} to {@code other}, or 0 if {@code other} is not among its neighbours. */
    float find(int row, int other) {
        for (int p = start[row], end = start[row + 1]; p < end; p++) {
            if (neighbor[p] == other) {
                return similarity[p];
            }
        }
        return 0f;
    }

    /**
     * Marks every score of exactly 0 as "not a candidate" ({@code NaN}). The query loops add into a
     * zeroed array without a branch per addition and call this once at the end.
     */
    static void zeroToNaN(float[] scores) {
        // Branch-free: which scores are 0 follows no pattern, and a branch mispredicted on about
        // every other item. zero is -1 for +0 and -0 (magnitude bits 0), else 0.
        for (int i = 0; i < scores.length; i++) {
            int bits = Float.floatToRawIntBits(scores[i]);
            int zero = ((bits & 0x7fffffff) - 1) >> 31;
            scores[i] = Float.intBitsToFloat(bits | (zero & 0x7fc00000));
        }
    }

    /** Writes the three arrays (for the KNN codecs). */
    void write(ModelOutput out) throws IOException {
        out.writeInts(start);
        out.writeInts(neighbor);
        out.writeFloats(similarity);
    }

    /** Lists over {@code rows} rows whose neighbours are in {@code 0..columns-1}, start ascending. */
    static NeighborLists read(ModelInput in, int rows, int columns) throws IOException {
        int[] start = in.readInts();
        int[] neighbor = in.readInts();
        float[] similarity = in.readFloats();
        in.check(start.length == rows + 1 && start[0] == 0 && start[rows] == neighbor.length
                && neighbor.length == similarity.length, "neighbour lists do not fit " + rows + " rows");
        for (int r = 0; r < rows; r++) {
            in.check(start[r] <= start[r + 1], "neighbour list " + r + " ends before it starts");
        }
        for (int n : neighbor) {
            in.check(n >= 0 && n < columns, "neighbour " + n + " out of range 0.." + (columns - 1));
        }
        return new NeighborLists(start, neighbor, similarity);
    }
}
