package io.jrec.models.knn;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.SparseMatrix;
import io.jrec.core.TopN;

import java.util.Arrays;

/**
 * Item-KNN's top-N query with an early stop, so that its cost follows the user's neighbourhood and not
 * the catalogue: a threshold walk in the manner of Fagin, Lotem and Naor ("Optimal aggregation
 * algorithms for middleware", PODS 2001; its variant without random access, NRA) over the user's
 * transposed neighbour lists sorted by similarity, ended by an exact rescoring of the few items left.
 *
 * <p>The score is {@code score(u, i) = sum_{j in R(u), j in N_k(i)} w_uj * sim(i, j)} ({@code w_uj} the
 * rating, or 1 for implicit data), a float sum in ascending {@code j} on the dense path. The lists of the
 * user's items {@code j} (every {@code i} with {@code j in N_k(i)}, similarity descending) are read best
 * term first, each term added to its item's partial sum (a double). With every weight positive, at any
 * time an item's real score is at least its partial sum and at most its partial sum plus the frontier
 * {@code F} (the sum over unfinished lists of the term at the cursor, the largest term not read), and an
 * item not met scores at most {@code F}. A float sum of {@code m} positive terms is within a relative
 * {@code (m - 1) 2^-24} of the real sum; with twice that room, {@code slack}, the walk stops once
 * {@code F (1 + slack)} is below {@code cut = L (1 - slack)}, {@code L} the n-th largest partial sum among
 * the met items that the filter and the seen-exclusion accept: then every item not met, and every met
 * item with {@code (partial + F)(1 + slack) < cut}, scores in float strictly below n accepted items and
 * cannot enter the list, whatever its index. The other met items are scored exactly as the dense path
 * sums them (from their own {@code N_k(i)}, the first {@code k} model neighbours, in ascending {@code j}:
 * the same float bits) and selected with the filter: the list equals the dense path's (items, order,
 * scores). A weight {@code <= 0} (explicit data) leaves the query to the other paths.
 *
 * <p>Cost: one addition per term read (as the other paths, but only near the top of each list), checks
 * of the stop rule spaced so that they cost at most the additions, and {@code k} per item rescored; a
 * walk gives up (returns {@code null}, the caller takes the other path) past a budget. An allow list
 * small enough is scored item by item instead. Memory: no copy of the lists (the query lists are stored
 * sorted); per querying thread 9 bytes per item (a mark and a partial sum) and a few ints per item of the
 * user. Thread-safe.
 */
final class ThresholdTopN {
    private static final byte USER = 1;
    private static final byte MET = 2;
    private static final byte CHECKED = 4;
    private static final byte ACCEPTED = 8;
    /** Above this many items of the user the rounding room of the bounds is not worth it (never in practice). */
    private static final int MAX_LISTS = 1 << 16;

    private final RatingMatrix train;
    private final NeighborLists top;
    private final NeighborLists model;
    private final int neighbors;
    private final boolean implicit;
    private final ThreadLocal<Scratch> scratch;

    /**
     * @param top   row {@code j}: every {@code i} with {@code j in N_k(i)}, similarity descending
     * @param model row {@code i}: its neighbours, whose first {@code neighbors} are {@code N_k(i)}
     */
    ThresholdTopN(RatingMatrix train, NeighborLists top, NeighborLists model, int neighbors, boolean implicit) {
        this.train = train;
        this.top = top;
        this.model = model;
        this.neighbors = neighbors;
        this.implicit = implicit;
        int items = train.itemCount();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(items));
    }

    /**
     * The list of {@code topN} for user index {@code user}, or {@code null} when the other paths are
     * cheaper: {@code work} is their number of additions (the lengths of the user's lists). Tries an
     * allow list item by item when that costs at most {@code work}, else, when {@code work} is well above
     * what the final rescoring costs, the walk with half of {@code work} as its budget.
     */
    Recommendations query(int user, int n, ItemFilter filter, long work, String source) {
        scratch.get().metCount = -1;   // no walk yet
        long perItem = Math.min(neighbors, train.itemCount()) + 1L;
        if (filter.hasAllowList() && filter.allowedCount() * perItem <= work) {
            return allowed(user, n, filter, source);
        }
        if (work < (2L * Math.min(n, train.itemCount()) + 32) * perItem) {
            return null;
        }
        long budget = work / 2;
        Recommendations list = walk(user, n, filter, budget, source);
        if (list == null) {
            scratch.get().metCount = -1;   // gave up: the caller's path answers
        }
        return list;
    }

    /**
     * The walk for user index {@code user}; {@code null} if its work exceeds {@code budget}, or if a
     * weight is not positive (partial sums are lower bounds only for positive weights).
     */
    Recommendations walk(int user, int n, ItemFilter filter, long budget, String source) {
        Scratch s = scratch.get();
        SparseMatrix byUser = train.byUser();
        int from = byUser.rowStart(user);
        int m = byUser.rowEnd(user) - from;
        int cap = Math.min(n, train.itemCount());
        s.reserve(m, cap);
        TopN best = new TopN(cap);
        byte[] mark = s.mark;
        double[] partial = s.partial;
        try {
            int live = 0;
            for (int k = 0; k < m; k++) {
                int j = byUser.column(from + k);
                mark[j] |= USER;
                s.weight[k] = implicit ? 1f : byUser.value(from + k);
                if (!(s.weight[k] > 0)) {
                    return null;
                }
                s.cursor[k] = top.start[j];
                s.end[k] = top.start[j + 1];
                if (s.cursor[k] < s.end[k]) {
                    s.key[k] = s.weight[k] * top.similarity[s.cursor[k]];
                    s.heap[live] = k;
                    s.siftUp(live++);
                }
            }
            if (cap == 0 || m > MAX_LISTS) {
                return cap == 0 ? best.drain(train.items(), source) : null;
            }
            // a float sum of m terms is within (m - 1) 2^-24 of their real sum, relatively: room for both
            double slack = (m + 2) * 0x1p-23;
            long perItem = Math.min(neighbors, train.itemCount()) + 1L;
            long work = 0;
            long nextCheck = m + cap;
            while (true) {
                if (work >= nextCheck || live == 0) {
                    double frontier = 0;   // at least the real score of an item not met
                    for (int h = 0; h < live; h++) {
                        frontier += s.key[s.heap[h]];
                    }
                    double nth = nthBest(s, cap, filter);
                    double cut = nth < 0 ? Double.NEGATIVE_INFINITY : nth * (1 - slack);
                    work += s.metCount + live;
                    if (live == 0 || frontier * (1 + slack) < cut) {
                        int left = rescoreCount(s, filter, frontier, slack, cut);
                        if (live == 0 || left <= 2 * cap + 32 || left * perItem <= work) {
                            return rescore(user, s, best, filter, frontier, slack, cut, source);
                        }
                    }
                    nextCheck = work + s.metCount + m + 16;
                }
                if (work > budget) {
                    return null;
                }
                int k = s.heap[0];
                int i = top.neighbor[s.cursor[k]++];
                if ((mark[i] & MET) == 0) {
                    s.met(i);
                }
                partial[i] += s.key[k];   // the term w_uj * sim(i, j), as the dense path computes it
                work++;
                if (s.cursor[k] < s.end[k]) {
                    s.key[k] = s.weight[k] * top.similarity[s.cursor[k]];
                } else {
                    s.heap[0] = s.heap[--live];
                }
                s.siftDown(live);
            }
        } finally {
            s.clear(byUser, from, m);
        }
    }

    /**
     * The n-th largest partial sum of the met items the filter and the seen-exclusion accept (each a
     * lower bound of the item's real score), or -1 when fewer than n are accepted.
     */
    private double nthBest(Scratch s, int n, ItemFilter filter) {
        double[] heap = s.values;   // a min-heap of the n largest
        int size = 0;
        boolean excludeSeen = filter.excludesSeen();
        for (int q = 0; q < s.metCount; q++) {
            int i = s.metItems[q];
            double v = s.partial[i];
            if (size == n && v <= heap[0] || excludeSeen && (s.mark[i] & USER) != 0 || !accepted(i, filter, s)) {
                continue;
            }
            if (size < n) {
                int pos = size++;
                while (pos > 0 && heap[(pos - 1) >>> 1] > v) {
                    heap[pos] = heap[(pos - 1) >>> 1];
                    pos = (pos - 1) >>> 1;
                }
                heap[pos] = v;
            } else {
                int pos = 0;
                while (true) {
                    int child = 2 * pos + 1;
                    if (child >= n) {
                        break;
                    }
                    if (child + 1 < n && heap[child + 1] < heap[child]) {
                        child++;
                    }
                    if (heap[child] >= v) {
                        break;
                    }
                    heap[pos] = heap[child];
                    pos = child;
                }
                heap[pos] = v;
            }
        }
        return size == n ? heap[0] : -1;
    }

    /** How many met items {@link #rescore} would score exactly. */
    private int rescoreCount(Scratch s, ItemFilter filter, double frontier, double slack, double cut) {
        int count = 0;
        boolean excludeSeen = filter.excludesSeen();
        for (int q = 0; q < s.metCount; q++) {
            int i = s.metItems[q];
            if ((s.partial[i] + frontier) * (1 + slack) >= cut && !(excludeSeen && (s.mark[i] & USER) != 0)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The list: every met item whose score can reach the n-th best (its partial sum plus the frontier,
     * an upper bound of its real score, is not below {@code cut}) scored exactly and selected; an item
     * below it, or not met, scores (in float) strictly below n accepted items.
     */
    private Recommendations rescore(int user, Scratch s, TopN best, ItemFilter filter, double frontier, double slack,
                                    double cut, String source) {
        boolean excludeSeen = filter.excludesSeen();
        int scored = 0;
        for (int q = 0; q < s.metCount; q++) {
            int i = s.metItems[q];
            if ((s.partial[i] + frontier) * (1 + slack) < cut || excludeSeen && (s.mark[i] & USER) != 0) {
                continue;
            }
            float score = score(user, i, s);
            scored++;
            if (score != 0f && best.wouldAccept(i, score) && accepted(i, filter, s)) {
                best.offer(i, score);
            }
        }
        s.scored = scored;
        return best.drain(train.items(), source);
    }

    /** Whether the filter's rules accept item {@code i}, asking them once per query and item. */
    private boolean accepted(int i, ItemFilter filter, Scratch s) {
        if (!filter.hasRules()) {
            return true;
        }
        if ((s.mark[i] & CHECKED) == 0) {
            s.mark[i] |= filter.accepts(train.items().idAt(i)) ? CHECKED | ACCEPTED : CHECKED;
        }
        return (s.mark[i] & ACCEPTED) != 0;
    }

    /** The list for an allow list: every allowed item scored exactly, none other. */
    Recommendations allowed(int user, int n, ItemFilter filter, String source) {
        Scratch s = scratch.get();
        SparseMatrix byUser = train.byUser();
        int from = byUser.rowStart(user);
        int m = byUser.rowEnd(user) - from;
        IdIndex items = train.items();
        TopN best = new TopN(Math.min(n, items.size()));
        s.reserve(m, 0);
        try {
            for (int k = 0; k < m; k++) {
                s.mark[byUser.column(from + k)] |= USER;
            }
            boolean excludeSeen = filter.excludesSeen();
            for (int a = 0, count = filter.allowedCount(); a < count; a++) {
                long id = filter.allowedId(a);
                int i = items.indexOf(id);
                if (i >= 0 && !(excludeSeen && (s.mark[i] & USER) != 0)) {
                    float score = score(user, i, s);
                    if (score != 0f && best.wouldAccept(i, score) && filter.accepts(id)) {
                        best.offer(i, score);
                    }
                }
            }
            return best.drain(items, source);
        } finally {
            s.clear(byUser, from, m);
        }
    }

    /**
     * The number of items met (reached in a list; for an allow list, 0) by this thread's last walk or allow
     * list, or -1 if its last {@code query} did neither or gave up its walk (for tests).
     */
    int metInLastWalk() {
        return scratch.get().metCount;
    }

    /** The number of items the last walk of this thread scored exactly (for tests). */
    int scoredInLastWalk() {
        return scratch.get().scored;
    }

    /**
     * {@code score(u, i)} bit for bit as the dense path sums it: the terms {@code w_uj * sim(i, j)} of the
     * user's items {@code j} in {@code N_k(i)}, added in ascending {@code j} (the user's row order).
     */
    private float score(int user, int i, Scratch s) {
        final int[] neighbor = model.neighbor;
        final float[] similarity = model.similarity;
        int matched = 0;
        for (int p = model.start[i], end = model.prefixEnd(i, neighbors); p < end; p++) {
            int j = neighbor[p];
            if ((s.mark[j] & USER) != 0) {
                if (matched == s.matchItem.length) {
                    s.matchItem = Arrays.copyOf(s.matchItem, 2 * matched);
                    s.matchSimilarity = Arrays.copyOf(s.matchSimilarity, 2 * matched);
                }
                int q = matched++;   // insertion by j: a handful of matches
                while (q > 0 && s.matchItem[q - 1] > j) {
                    s.matchItem[q] = s.matchItem[q - 1];
                    s.matchSimilarity[q] = s.matchSimilarity[q - 1];
                    q--;
                }
                s.matchItem[q] = j;
                s.matchSimilarity[q] = similarity[p];
            }
        }
        SparseMatrix byUser = train.byUser();
        float sum = 0f;
        for (int q = 0; q < matched; q++) {
            float weight = implicit ? 1f : byUser.value(byUser.position(user, s.matchItem[q]));
            sum += weight * s.matchSimilarity[q];
        }
        return sum;
    }

    /** Per-thread state: item marks and partial sums (cleared after each query), the met items, the user's lists. */
    private static final class Scratch {
        final byte[] mark;
        final double[] partial;
        int[] metItems = new int[64];
        int metCount;
        int scored;
        int[] cursor = new int[0];
        int[] end = new int[0];
        float[] weight = new float[0];
        float[] key = new float[0];
        int[] heap = new int[0];      // list ids, a max-heap on key
        double[] values = new double[0];
        int[] matchItem = new int[16];
        float[] matchSimilarity = new float[16];

        Scratch(int items) {
            mark = new byte[items];
            partial = new double[items];
        }

        void reserve(int lists, int n) {
            metCount = 0;
            scored = 0;
            if (cursor.length < lists) {
                cursor = new int[lists];
                end = new int[lists];
                weight = new float[lists];
                key = new float[lists];
                heap = new int[lists];
            }
            if (values.length < n) {
                values = new double[n];
            }
        }

        void met(int i) {
            mark[i] |= MET;
            if (metCount == metItems.length) {
                metItems = Arrays.copyOf(metItems, 2 * metCount);
            }
            metItems[metCount++] = i;
        }

        /** Every mark and partial sum back to 0: the met items and the user's items. */
        void clear(SparseMatrix byUser, int from, int m) {
            for (int q = 0; q < metCount; q++) {
                mark[metItems[q]] = 0;
                partial[metItems[q]] = 0;
            }
            for (int k = 0; k < m; k++) {
                mark[byUser.column(from + k)] = 0;
            }
        }

        /** Moves heap[pos] up to its place. */
        void siftUp(int pos) {
            int list = heap[pos];
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (key[heap[parent]] >= key[list]) {
                    break;
                }
                heap[pos] = heap[parent];
                pos = parent;
            }
            heap[pos] = list;
        }

        /** Moves heap[0] down to its place within the first {@code size} slots. */
        void siftDown(int size) {
            if (size == 0) {
                return;
            }
            int list = heap[0];
            int pos = 0;
            while (true) {
                int child = 2 * pos + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && key[heap[child + 1]] > key[heap[child]]) {
                    child++;
                }
                if (key[heap[child]] <= key[list]) {
                    break;
                }
                heap[pos] = heap[child];
                pos = child;
            }
            heap[pos] = list;
        }
    }
}
