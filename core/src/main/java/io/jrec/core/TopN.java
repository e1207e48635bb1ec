package io.jrec.core;

/**
 * Bounded selection of the {@code capacity} best (index, score) pairs on primitive arrays, with no
 * boxing: a min-heap whose root is the worst kept entry.
 *
 * <p>Order: higher score first; equal scores by ascending index. {@code NaN} scores are never kept.
 * Offering {@code m} entries costs {@code O(m log capacity)}; {@link #wouldAccept} lets callers skip
 * expensive checks (filters) for entries that would not be kept anyway.
 *
 * <p>Not thread-safe: use one instance per thread or query. {@link #clear()} makes it reusable.
 *
 * @since 0.1.0
 */
public final class TopN {
    private final int capacity;
    private final int[] heapIndex;
    private final double[] heapScore;
    private int size;

    /**
     * @throws IllegalArgumentException if {@code capacity < 0}
     */
    public TopN(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.heapIndex = new int[capacity];
        this.heapScore = new double[capacity];
    }

    /** How many entries are kept at most. */
    public int capacity() {
        return capacity;
    }

    /** How many entries are kept now. */
    public int size() {
        return size;
    }

    /**
     * The lowest score kept (the entry the next better offer evicts when full), or {@code NaN} when
     * nothing is kept.
     */
    public double worstScore() {
        return size == 0 ? Double.NaN : heapScore[0];
    }

    /** Forgets all entries. */
    public void clear() {
        size = 0;
    }

    /** Whether {@code (index, score)} would be kept if offered now. */
    public boolean wouldAccept(int index, double score) {
        if (size == capacity) {   // the usual case first: better() is false for NaN
            return capacity > 0 && better(score, index, heapScore[0], heapIndex[0]);
        }
        return score == score;
    }

    /** Offers an entry; returns whether it was kept (it may be evicted later by better entries). */
    public boolean offer(int index, double score) {
        if (size == capacity) {   // the usual case first: better() is false for NaN
            if (capacity == 0 || !better(score, index, heapScore[0], heapIndex[0])) {
                return false;
            }
            siftDown(index, score, size);
            return true;
        }
        if (score != score) {
            return false;
        }
        int pos = size++;
        while (pos > 0) {              // sift up: move worse parents down
            int parent = (pos - 1) >>> 1;
            if (!better(heapScore[parent], heapIndex[parent], score, index)) {
                break;
            }
            heapIndex[pos] = heapIndex[parent];
            heapScore[pos] = heapScore[parent];
            pos = parent;
        }
        heapIndex[pos] = index;
        heapScore[pos] = score;
        return true;
    }

    /**
     * Offers {@code (i, scores[i])} for every index {@code i} of {@code scores}, in ascending order:
     * the same result as calling {@link #offer} for each, with the worst kept entry held in locals
     * once the selector is full, so that a rejected entry costs one comparison.
     */
    public void offerAll(float[] scores) {
        int i = 0;
        for (; i < scores.length && size < capacity; i++) {
            offer(i, scores[i]);
        }
        if (capacity == 0) {
            return;
        }
        double worstScore = heapScore[0];
        int worstIndex = heapIndex[0];
        for (; i < scores.length; i++) {
            if (better(scores[i], i, worstScore, worstIndex)) {
                siftDown(i, scores[i], size);
                worstScore = heapScore[0];
                worstIndex = heapIndex[0];
            }
        }
    }

    /** Places (index, score) at the root and sifts it down within the first {@code n} heap slots. */
    private void siftDown(int index, double score, int n) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= n) {
                break;
            }
            int right = child + 1;
            if (right < n && better(heapScore[child], heapIndex[child], heapScore[right], heapIndex[right])) {
                child = right;   // the worse child
            }
            if (!better(score, index, heapScore[child], heapIndex[child])) {
                break;
            }
            heapIndex[pos] = heapIndex[child];
            heapScore[pos] = heapScore[child];
            pos = child;
        }
        heapIndex[pos] = index;
        heapScore[pos] = score;
    }

    /**
     * Whether entry a ranks before entry b; false when either score is NaN. The first test is false
     * alike for a lower and a NaN score, so a scan over scores with many NaN does not mispredict.
     */
    private static boolean better(double scoreA, int indexA, double scoreB, int indexB) {
        return scoreA >= scoreB && (scoreA > scoreB || indexA < indexB);
    }

    /**
     * Sorts the kept entries best first into {@code indices} and {@code scores} (each at least
     * {@link #size()} long), empties this selector and returns how many were written.
     */
    public int drainTo(int[] indices, double[] scores) {
        int n = size;
        for (int end = n - 1; end >= 0; end--) {   // repeatedly move the worst to the back
            int worstIndex = heapIndex[0];
            double worstScore = heapScore[0];
            siftDown(heapIndex[end], heapScore[end], end);
            indices[end] = worstIndex;
            scores[end] = worstScore;
        }
        size = 0;
        return n;
    }

    /** Drains the kept entries, best first, mapping indices to ids through {@code ids}. */
    public Recommendations drain(IdIndex ids, String source) {
        int n = size;
        int[] idx = new int[n];
        double[] sc = new double[n];
        drainTo(idx, sc);
        ScoredItem[] out = new ScoredItem[n];
        for (int k = 0; k < n; k++) {
            out[k] = new ScoredItem(ids.idAt(idx[k]), sc[k]);
        }
        return Recommendations.wrap(out, source);
    }
}
