package io.jrec.models.knn;

import java.util.Arrays;

/**
 * The per-thread state of {@link ThresholdTopN}'s queries: the items touched, the user's lists (cursors
 * and next terms), the rescoring candidates (a max-heap on their bounds) and small
 * buffers. Not thread-safe: one per querying thread, reused by each query.
 */
final class WalkState {
    final WalkItems items;
    int met = -1;
    int scored;
    int rows;
    int[] cursor = new int[0];
    int[] end = new int[0];
    float[] weight = new float[0];
    float[] key = new float[0];
    int[] live = new int[0];      // the unfinished lists
    long[] listHash = new long[0];   // list k's user item, hashed for NeighborSketch
    int[] matchItem = new int[16];
    float[] matchSimilarity = new float[16];
    int[] candidate = new int[64];    // rescoring candidates (slot ranks), a max-heap on bound
    double[] bound = new double[64];
    final int[] batch = new int[WalkRescoring.BATCH];
    final int[] rowStart = new int[WalkRescoring.BATCH];
    final boolean[] needsRow = new boolean[WalkRescoring.BATCH];
    final double[] maybe = new double[WalkRescoring.BATCH];   // next terms of the lists it may still be in
    int sink;

    /** State for a catalogue of {@code items} items. */
    WalkState(int items) {
        this.items = new WalkItems(items);
    }

    /** Prepares a query of a user with {@code lists} items. */
    void reserve(int lists) {
        scored = 0;
        rows = 0;
        if (cursor.length < lists) {
            cursor = new int[lists];
            end = new int[lists];
            weight = new float[lists];
            key = new float[lists];
            live = new int[lists];
            listHash = new long[lists];
        }
    }

    /**
     * An upper bound of the real score of the item in the {@code q}-th slot of {@code items}: its
     * partial sum plus the next terms of the unfinished lists it was not met in (the frontier less
     * those it was met in; an item is met once per list), with room for the rounding of the difference.
     */
    double bound(int q, double frontier) {
        double met = 0;
        for (long lists = items.listsAt(q); lists != 0; lists &= lists - 1) {
            met += key[Long.numberOfTrailingZeros(lists)];
        }
        return items.partial(q) + (frontier - met) + frontier * 0x1p-40;
    }

    void candidate(int c, int q, double b) {
        if (c == candidate.length) {
            candidate = Arrays.copyOf(candidate, 2 * c);
            bound = Arrays.copyOf(bound, 2 * c);
        }
        candidate[c] = q;
        bound[c] = b;
    }

    /** Makes the first {@code size} candidates a max-heap on their bounds. */
    void heapify(int size) {
        for (int pos = size / 2 - 1; pos >= 0; pos--) {
            siftCandidate(pos, candidate[pos], bound[pos], size);
        }
    }

    /** Removes the top candidate of a heap of {@code size}. */
    void removeTop(int size) {
        siftCandidate(0, candidate[size - 1], bound[size - 1], size - 1);
    }

    private void siftCandidate(int pos, int q, double b, int size) {
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && bound[child + 1] > bound[child]) {
                child++;
            }
            if (bound[child] <= b) {
                break;
            }
            candidate[pos] = candidate[child];
            bound[pos] = bound[child];
            pos = child;
        }
        candidate[pos] = q;
        bound[pos] = b;
    }
}
