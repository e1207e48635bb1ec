package io.jrec.models.knn;

import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;
import io.jrec.similarity.NeighborTable;

import java.io.IOException;
import java.util.Arrays;

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
        int[] next = Arrays.copyOf(counts, rows);
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

    /**
     * Item-KNN's query lists: the transpose of the first {@code limit} entries of every row, each row
     * ordered by similarity descending, ties by ascending index (the order {@link ThresholdTopN} walks).
     * Row {@code n} of the result lists every {@code r} that has {@code n} among its first {@code limit}
     * neighbours here, with the same similarity. The same entries and memory (8 bytes each) as
     * {@code reverse()} of those prefixes; the extra time is one sort per row. Needs positive similarities.
     */
    NeighborLists transposedBySimilarity(int limit) {
        int rows = start.length - 1;
        int[] newStart = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            for (int p = start[r], end = prefixEnd(r, limit); p < end; p++) {
                newStart[neighbor[p] + 1]++;
            }
        }
        for (int r = 0; r < rows; r++) {
            newStart[r + 1] += newStart[r];
        }
        int[] next = Arrays.copyOf(newStart, rows);
        int[] newNeighbor = new int[newStart[rows]];
        float[] newSimilarity = new float[newStart[rows]];
        for (int r = 0; r < rows; r++) {
            for (int p = start[r], end = prefixEnd(r, limit); p < end; p++) {
                int dst = next[neighbor[p]]++;
                newNeighbor[dst] = r;
                newSimilarity[dst] = similarity[p];
            }
        }
        long[] keys = new long[16];
        for (int r = 0; r < rows; r++) {
            int from = newStart[r];
            int size = newStart[r + 1] - from;
            if (size < 2) {
                continue;
            }
            if (keys.length < size) {
                keys = new long[Math.max(size, 2 * keys.length)];
            }
            for (int q = 0; q < size; q++) {
                keys[q] = orderKey(newSimilarity[from + q], newNeighbor[from + q]);
            }
            Arrays.sort(keys, 0, size);
            for (int q = 0; q < size; q++) {
                newNeighbor[from + q] = (int) keys[q];
                newSimilarity[from + q] = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (keys[q] >>> 32));
            }
        }
        return new NeighborLists(newStart, newNeighbor, newSimilarity);
    }

    /** One past the last of the first {@code limit} entries of {@code row}. */
    int prefixEnd(int row, int limit) {
        return start[row + 1] - start[row] > limit ? start[row] + limit : start[row + 1];
    }

    /**
     * A key whose ascending order is the neighbour-table order of positive similarities (similarity
     * descending, ties by lower index): the bits of a positive float order as the float does.
     */
    static long orderKey(float similarity, int neighbor) {
        return ((long) (Integer.MAX_VALUE - Float.floatToIntBits(similarity)) << 32) | neighbor;
    }

    /**
     * Whether every row holds the same (neighbour, similarity) entries as the same row of {@code other},
     * in any order (rows without duplicates). Linear time, with two scratch arrays of {@code columns}.
     */
    boolean sameEntries(NeighborLists other, int columns) {
        if (!Arrays.equals(start, other.start)) {
            return false;
        }
        int[] stamp = new int[columns];
        float[] value = new float[columns];
        for (int r = 0; r < start.length - 1; r++) {
            for (int p = start[r]; p < start[r + 1]; p++) {
                stamp[neighbor[p]] = r + 1;
                value[neighbor[p]] = similarity[p];
            }
            for (int p = other.start[r]; p < other.start[r + 1]; p++) {
                int n = other.neighbor[p];
                if (stamp[n] != r + 1 || Float.floatToIntBits(value[n]) != Float.floatToIntBits(other.similarity[p])) {
                    return false;
                }
                stamp[n] = 0;   // a second copy of n in other's row fails
            }
        }
        return true;
    }

    /**
     * Whether these lists are exactly {@code model.transposedBySimilarity(limit)}, checked without building
     * it: every row in the walk's order (strictly ascending {@link #orderKey}), each row as long as the
     * transposed first {@code limit} entries of {@code model}, and the same (row, neighbour, similarity)
     * entries as those, compared by two independent 64-bit hash sums. Two sequential passes and one count
     * array; a model file saved by this version passes, and files whose rows are in another order take
     * the rebuilding path.
     */
    boolean isTransposedBySimilarity(NeighborLists model, int limit) {
        int rows = start.length - 1;
        if (model.start.length - 1 != rows) {
            return false;
        }
        for (int r = 0; r < rows; r++) {
            for (int p = start[r] + 1; p < start[r + 1]; p++) {
                if (orderKey(similarity[p - 1], neighbor[p - 1]) >= orderKey(similarity[p], neighbor[p])) {
                    return false;
                }
            }
        }
        int[] count = new int[rows];
        long sumA = 0;
        long sumB = 0;
        for (int r = 0; r < rows; r++) {
            for (int p = model.start[r], end = model.prefixEnd(r, limit); p < end; p++) {
                int j = model.neighbor[p];
                count[j]++;
                long key = entryKey(j, r, model.similarity[p]);
                sumA += mix(key ^ 0x9E3779B97F4A7C15L);
                sumB += mix(key * 0xC2B2AE3D27D4EB4FL + 1);
            }
        }
        for (int j = 0; j < rows; j++) {
            if (start[j + 1] - start[j] != count[j]) {
                return false;
            }
            for (int p = start[j]; p < start[j + 1]; p++) {
                long key = entryKey(j, neighbor[p], similarity[p]);
                sumA -= mix(key ^ 0x9E3779B97F4A7C15L);
                sumB -= mix(key * 0xC2B2AE3D27D4EB4FL + 1);
            }
        }
        return sumA == 0 && sumB == 0;
    }

    /** (row, neighbour, similarity bits) packed for hashing: rows and neighbours are < 2^31. */
    private static long entryKey(int row, int neighbor, float similarity) {
        return (((long) row * 0x100000001B3L) ^ neighbor) * 0xFF51AFD7ED558CCDL ^ Float.floatToIntBits(similarity);
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
            if (start[r] > start[r + 1]) {
                throw in.corrupted("neighbour list " + r + " ends before it starts");
            }
        }
        for (int n : neighbor) {
            if (n < 0 || n >= columns) {
                throw in.corrupted("neighbour " + n + " out of range 0.." + (columns - 1));
            }
        }
        for (float s : similarity) {
            if (!(s > 0 && s < Float.POSITIVE_INFINITY)) {
                throw in.corrupted("neighbour similarity " + s + " is not positive and finite");
            }
        }
        return new NeighborLists(start, neighbor, similarity);
    }
}
