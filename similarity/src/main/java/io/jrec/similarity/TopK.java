package io.jrec.similarity;

import io.jrec.core.TopN;

import java.util.Arrays;

/**
 * Selects the top {@code k} of one row's candidate neighbours: similarity (as {@code float}) descending,
 * ties by ascending index. A histogram over 1,024 equal-width buckets of {@code [-1, 1]} finds the lowest
 * bucket that still holds the k-th best; only candidates in that bucket or above reach the bounded heap,
 * so the heap sees about {@code k} plus one bucket's worth of entries instead of every candidate.
 * Similarities are in {@code [-1, 1]} (measures clamp; damping factors are in {@code [0, 1]}).
 *
 * <p>Per-thread scratch; not thread-safe.
 */
final class TopK {
    private static final int BUCKETS = 1024;

    private final int k;
    private final TopN heap;
    private final int[] histogram = new int[BUCKETS];
    private final int[] buckets;
    private final int[] heapIds;
    private final double[] heapValues;

    TopK(int k, int rows) {
        this.k = k;
        this.buckets = new int[rows];
        this.heap = new TopN(k);
        this.heapIds = new int[k];
        this.heapValues = new double[k];
    }

    private static int bucket(float v) {
        int b = (int) ((v + 1f) * (BUCKETS / 2f));
        return b < 0 ? 0 : (b >= BUCKETS ? BUCKETS - 1 : b);
    }

    /**
     * Keeps the best {@code k} of the {@code m} candidates {@code ids[j]} with similarity {@code sims[j]},
     * writes them best first from {@code offset} into {@code outIds}/{@code outSims} and returns how many.
     */
    int select(int m, int[] ids, float[] sims, int[] outIds, float[] outSims, int offset) {
        if (m <= k) {
            for (int j = 0; j < m; j++) {
                heap.offer(ids[j], sims[j]);
            }
            return drain(outIds, outSims, offset);
        }
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
        final TopN top = heap;
        for (int j = 0; j < m; j++) {
            if (bucket[j] >= floor) {
                top.offer(ids[j], sims[j]);
            }
        }
        return drain(outIds, outSims, offset);
    }

    private int drain(int[] outIds, float[] outSims, int offset) {
        int size = heap.drainTo(heapIds, heapValues);
        for (int j = 0; j < size; j++) {
            outIds[offset + j] = heapIds[j];
            outSims[offset + j] = (float) heapValues[j];
        }
        return size;
    }
}
