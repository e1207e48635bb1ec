package io.jrec.similarity;

import java.util.Arrays;

/**
 * Selects the top {@code k} of one row's candidate neighbours: similarity (as {@code float}) descending,
 * ties by ascending index.
 *
 * <p>How: each kept candidate becomes one {@code long} whose natural order is the wanted order (high
 * word: the similarity's bits, order-preserving and inverted; low word: the index), and a primitive sort
 * orders them. When there are more than {@code k} candidates, a histogram over 1,024 equal-width buckets
 * of {@code [-1, 1]} first finds the lowest bucket that still holds the k-th best, so only about
 * {@code k} plus one bucket's worth of candidates are sorted. Similarities are in {@code [-1, 1]}
 * (measures clamp; damping factors are in {@code [0, 1]}).
 *
 * <p>Per-thread scratch; not thread-safe.
 */
final class TopK {
    private static final int BUCKETS = 1024;

    private final int k;
    private final int[] histogram = new int[BUCKETS];
    private final int[] buckets;
    private final long[] keys;

    TopK(int k, int rows) {
        this.k = k;
        this.buckets = new int[rows];
        this.keys = new long[rows];
    }

    private static int bucket(float v) {
        int b = (int) ((v + 1f) * (BUCKETS / 2f));
        return b < 0 ? 0 : (b >= BUCKETS ? BUCKETS - 1 : b);
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

    /**
     * Keeps the best {@code k} of the {@code m} candidates {@code ids[j]} (non-negative) with similarity
     * {@code sims[j]}, writes them best first from {@code offset} into {@code outIds}/{@code outSims}
     * and returns how many.
     */
    int select(int m, int[] ids, float[] sims, int[] outIds, float[] outSims, int offset) {
        final long[] key = keys;
        int n = 0;
        if (m <= k) {
            for (int j = 0; j < m; j++) {
                key[n++] = key(ids[j], sims[j]);
            }
        } else {
            final int[] hist = histogram, bucket = buckets;
            for (int j = 0; j < m; j++) {
                int b = bucket(sims[j]);
                bucket[j] = b;
                hist[b]++;
            }
            int seen = 0;
            int floor = BUCKETS - 1;
            while ((seen += hist[floor]) < k) {
                floor--;
            }
            Arrays.fill(hist, 0);
            for (int j = 0; j < m; j++) {
                if (bucket[j] >= floor) {
                    key[n++] = key(ids[j], sims[j]);
                }
            }
        }
        Arrays.sort(key, 0, n);
        int size = Math.min(n, k);
        for (int j = 0; j < size; j++) {
            outIds[offset + j] = (int) key[j];
            outSims[offset + j] = similarity(key[j]);
        }
        return size;
    }
}
