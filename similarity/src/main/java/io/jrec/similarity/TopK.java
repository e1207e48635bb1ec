package io.jrec.similarity;

import java.util.Arrays;

/**
 * Selects the top {@code k} of one row's candidate neighbours: similarity (as {@code float}) descending,
 * ties by ascending index. Candidates are {@link #offer offered} one at a time, then {@link #drain}
 * writes the winners and empties the selector for the next row; {@link #selectRow} does the same for a
 * dense row of similarities in which NaN marks the non-candidates.
 *
 * <p>How: each offer records the candidate and counts it in a histogram over 1,024 equal-width buckets
 * of {@code [-1, 1]}, so no pass over the candidates is needed just to count them. When there are more
 * than {@code k}, the histogram gives the lowest bucket that still holds the k-th best, and only the
 * candidates from (about) that bucket's lower edge up become one {@code long} each whose natural order
 * is the wanted order (high word: the similarity's bits, order-preserving and inverted; low word: the
 * index); a primitive sort of those about {@code k} plus one bucket's worth of keys orders them.
 * Branches that depend on the data (is a value NaN, is a candidate kept) are avoided where they would
 * mispredict often. Similarities are in {@code [-1, 1]} (measures clamp; damping factors are in
 * {@code [0, 1]}); others are still ordered correctly, only bucketed at the ends.
 *
 * <p>Per-thread scratch; not thread-safe.
 */
final class TopK {
    private static final int BUCKETS = 1024;
    private static final int FOUR_BITS = Float.floatToRawIntBits(4f);

    private final int k;
    private final int[] histogram = new int[BUCKETS + 1];   // + 1: the NaN count of selectRow
    private final int[] ids;
    private final float[] sims;
    private final long[] keys;
    private int size;

    /** A selector of the best {@code k} among at most {@code capacity} candidates per row. */
    TopK(int k, int capacity) {
        this.k = k;
        this.ids = new int[capacity];
        this.sims = new float[capacity];
        this.keys = new long[capacity];
    }

    /**
     * The bucket of {@code v}, without a branch or a float-to-int conversion (whose NaN and overflow
     * fix-up is slow): for {@code v} in {@code [-1, 1]}, {@code v + 5} lies in {@code [4, 6]}, one
     * binade, where a float's bits grow linearly with its value; 2^12 units of them are 2/1,024.
     * Monotone in {@code v}; clamped to the end buckets outside {@code [-1, 1]}.
     */
    private static int bucket(float v) {
        long units = Float.floatToRawIntBits(v + 5f) - (long) FOUR_BITS;   // negative below v = -5
        return (int) Math.min(Math.max(units >> 12, 0L), BUCKETS - 1);
    }

    /** {@link #bucket} for a number, {@code BUCKETS} for NaN; branch-free. */
    private static int slot(float v) {
        int b = bucket(v);
        int nan = (0x7f800000 - (Float.floatToRawIntBits(v) & 0x7fffffff)) >> 31;   // -1 for NaN, else 0
        return b + ((BUCKETS - b) & nan);
    }

    /** A key whose ascending order is similarity descending, then index ascending. */
    private static long key(int index, float similarity) {
        int bits = Float.floatToIntBits(similarity + 0f);      // + 0f turns -0 into +0: they tie
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff);      // signed int order == float order
        return ((long) ~ordered << 32) | (index & 0xffffffffL);
    }

    private static float similarity(long key) {
        int ordered = ~(int) (key >> 32);
        return Float.intBitsToFloat(ordered ^ ((ordered >> 31) & 0x7fffffff));
    }

    /** Offers candidate {@code index} (non-negative, each at most once per row) with {@code similarity} (not NaN). */
    void offer(int index, float similarity) {
        offer(index, similarity, 1);
    }

    /**
     * Offers candidate {@code index} if {@code keep} is 1, nothing if it is 0, without a branch (the
     * caller's keep decision can be a coin flip). Writes a slot either way, so fewer than
     * {@code capacity} candidates may have been kept before.
     */
    void offer(int index, float similarity, int keep) {
        final int m = size;
        ids[m] = index;
        sims[m] = similarity;
        histogram[bucket(similarity)] += keep;
        size = m + keep;
    }

    /**
     * Writes the best {@code k} offered candidates best first from {@code offset} into
     * {@code outIds}/{@code outSims}, returns how many, and empties this selector for the next row.
     */
    int drain(int[] outIds, float[] outSims, int offset) {
        final int m = size;
        final float low = low(m);
        final long[] key = keys;
        final int[] id = ids;
        final float[] sim = sims;
        int n = 0;
        for (int j = 0; j < m; j++) {
            final float v = sim[j];
            if (v >= low) {
                key[n++] = key(id[j], v);
            }
        }
        Arrays.fill(histogram, 0);
        size = 0;
        return emit(n, outIds, outSims, offset);
    }

    /**
     * With {@code m} candidates counted in the histogram: a value that every candidate in the bucket of
     * the k-th best or above reaches (a few just below it may too; they are sorted away), so that the
     * candidates are filtered by one float comparison (false for NaN) instead of their buckets.
     */
    private float low(int m) {
        if (m <= k) {
            return Float.NEGATIVE_INFINITY;
        }
        final int[] hist = histogram;
        int seen = 0;
        int floor = BUCKETS - 1;
        while ((seen += hist[floor]) < k) {
            floor--;
        }
        return floor == 0 ? Float.NEGATIVE_INFINITY
                : floor * (2f / BUCKETS) - 1f - 1e-5f;   // the margin covers the rounding of v + 5 in bucket()
    }

    /**
     * The best {@code k} of a dense row: candidate {@code s} is every {@code s < n} whose
     * {@code row[s]} is not NaN, with that similarity. Writes them best first from {@code offset} into
     * {@code outIds}/{@code outSims} and returns how many; {@code row} is not modified. The same result
     * as offering each candidate and draining, without copying the candidates first: one pass counts
     * the histogram, a second keys the candidates from the floor bucket up.
     */
    int selectRow(float[] row, int n, int[] outIds, float[] outSims, int offset) {
        final int[] hist = histogram;
        for (int s = 0; s < n; s++) {
            hist[slot(row[s])]++;    // no branch: whether a value is NaN is often a coin flip
        }
        final float low = low(n - hist[BUCKETS]);
        final long[] key = keys;
        int c = 0;
        for (int s = 0; s < n; s++) {
            final float v = row[s];
            if (v >= low) {
                key[c++] = key(s, v);
            }
        }
        Arrays.fill(histogram, 0);
        return emit(c, outIds, outSims, offset);
    }

    /** Sorts the first {@code n} keys and writes the best {@code k} of them; returns how many. */
    private int emit(int n, int[] outIds, float[] outSims, int offset) {
        final long[] key = keys;
        Arrays.sort(key, 0, n);
        int kept = Math.min(n, k);
        for (int j = 0; j < kept; j++) {
            outIds[offset + j] = (int) key[j];
            outSims[offset + j] = similarity(key[j]);
        }
        return kept;
    }

    /**
     * Keeps the best {@code k} of the {@code m} candidates {@code ids[j]} (non-negative, distinct) with
     * similarity {@code sims[j]}, writes them best first from {@code offset} into
     * {@code outIds}/{@code outSims} and returns how many.
     */
    int select(int m, int[] ids, float[] sims, int[] outIds, float[] outSims, int offset) {
        for (int j = 0; j < m; j++) {
            offer(ids[j], sims[j]);
        }
        return drain(outIds, outSims, offset);
    }
}
