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
 * the catalogue: the threshold algorithm of Fagin, Lotem and Naor ("Optimal aggregation algorithms for
 * middleware", PODS 2001) over the user's transposed neighbour lists sorted by similarity.
 *
 * <p>The score is {@code score(u, i) = sum_{j in R(u), j in N_k(i)} w_uj * sim(i, j)} ({@code w_uj} the
 * rating, or 1 for implicit data), summed in float in ascending {@code j} as the dense path sums it. The
 * lists of the user's items {@code j} (every {@code i} with {@code j in N_k(i)}, similarity descending)
 * are read best term first; each item met for the first time gets its exact score from its own
 * {@code N_k(i)} (the first {@code k} model neighbours), in the dense path's order of summation, so the
 * float is the same bits. An item not met yet is, in each list, absent or at or past the list's cursor,
 * so its float score is at most the float sum, in the same order, of {@code w_uj * sim(cursor of j)} over
 * the unfinished lists with {@code w_uj > 0} (rounding is monotone: a larger term never gives a smaller
 * sum; a term with {@code w_uj <= 0} is at most 0). The walk stops once that bound is below the n-th
 * kept score: no item not met could enter the list, whatever its index. If the positive lists run out
 * first, the remaining lists are read in full, so the candidates met are then all that the history
 * reaches. The filter and the seen-exclusion act on the met items exactly as on the other paths, and an
 * item they reject still counts under the bound of the items not met: the list equals the dense path's
 * (same items, order and scores).
 *
 * <p>Cost: per item read one mark test, per item met its {@code k} neighbours; a walk gives up (returns
 * {@code null}, and the caller takes the other path) when that work passes a budget. An allow list small
 * enough is scored item by item instead. Memory: no copy of the lists (the query lists are stored sorted);
 * per thread 1 byte per item and a few ints per item of the user. Thread-safe.
 */
final class ThresholdTopN {
    private static final byte USER = 1;
    private static final byte MET = 2;

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
     * allow list item by item when that costs at most {@code work}, else the early-stopping walk with
     * half of {@code work} as its budget when it could finish within it.
     */
    Recommendations query(int user, int n, ItemFilter filter, long work, String source) {
        scratch.get().metCount = -1;   // no walk yet
        long perItem = Math.min(neighbors, train.itemCount()) + 1L;
        if (filter.hasAllowList() && filter.allowedCount() * perItem <= work) {
            return allowed(user, n, filter, source);
        }
        long budget = work / 2;
        if (budget < (Math.min(n, train.itemCount()) + 1L) * perItem) {
            return null;
        }
        Recommendations list = walk(user, n, filter, budget, source);
        if (list == null) {
            scratch.get().metCount = -1;   // gave up: the caller's path answers
        }
        return list;
    }

    /** The threshold walk for user index {@code user}; {@code null} if its work exceeds {@code budget}. */
    Recommendations walk(int user, int n, ItemFilter filter, long budget, String source) {
        Scratch s = scratch.get();
        SparseMatrix byUser = train.byUser();
        int from = byUser.rowStart(user);
        int m = byUser.rowEnd(user) - from;
        s.reserve(m);
        TopN best = new TopN(Math.min(n, train.itemCount()));
        byte[] mark = s.mark;
        try {
            int live = 0;
            for (int k = 0; k < m; k++) {
                int j = byUser.column(from + k);
                mark[j] |= USER;
                s.weight[k] = implicit ? 1f : byUser.value(from + k);
                s.cursor[k] = top.start[j];
                s.end[k] = top.start[j + 1];
                if (s.weight[k] > 0 && s.cursor[k] < s.end[k]) {
                    s.key[k] = s.weight[k] * top.similarity[s.cursor[k]];
                    s.heap[live] = k;
                    s.siftUp(live++);
                }
            }
            long work = 0;
            int period = 1 + m / 8;   // the bound costs m: compute it every m/8 items read
            int sinceBound = period;
            while (true) {
                if (++sinceBound >= period || live == 0) {
                    sinceBound = 0;
                    if (!best.wouldAccept(-1, bound(s, m))) {   // the best possible unmet item is rejected
                        return best.drain(train.items(), source);
                    }
                    if (live == 0) {
                        break;
                    }
                }
                int k = s.heap[0];
                work += visit(user, top.neighbor[s.cursor[k]++], filter, best, s);
                if (work > budget) {
                    return null;
                }
                if (s.cursor[k] < s.end[k]) {
                    s.key[k] = s.weight[k] * top.similarity[s.cursor[k]];
                } else {
                    s.heap[0] = s.heap[--live];
                }
                s.siftDown(live);
            }
            for (int k = 0; k < m; k++) {   // only lists with weight <= 0 are left: items scoring <= 0
                while (s.cursor[k] < s.end[k]) {
                    work += visit(user, top.neighbor[s.cursor[k]++], filter, best, s);
                    if (work > budget) {
                        return null;
                    }
                }
            }
            return best.drain(train.items(), source);
        } finally {
            s.clear(byUser, from, m);
        }
    }

    /** The list for an allow list: every allowed item scored exactly, none other. */
    Recommendations allowed(int user, int n, ItemFilter filter, String source) {
        Scratch s = scratch.get();
        SparseMatrix byUser = train.byUser();
        int from = byUser.rowStart(user);
        int m = byUser.rowEnd(user) - from;
        IdIndex items = train.items();
        TopN best = new TopN(Math.min(n, items.size()));
        s.reserve(m);
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
     * The number of items met (scored, or rejected unscored as seen) by this thread's last walk or allow
     * list, or -1 if its last {@code query} did neither or gave up its walk (for tests).
     */
    int metInLastWalk() {
        return scratch.get().metCount;
    }

    /** Meets item {@code i} (scores and offers it the first time); returns the work done. */
    private int visit(int user, int i, ItemFilter filter, TopN best, Scratch s) {
        if ((s.mark[i] & MET) != 0) {
            return 1;
        }
        s.met(i);
        if (filter.excludesSeen() && (s.mark[i] & USER) != 0) {
            return 1;
        }
        float score = score(user, i, s);
        if (score != 0f && best.wouldAccept(i, score)
                && (!filter.hasRules() || filter.accepts(train.items().idAt(i)))) {
            best.offer(i, score);
        }
        return 1 + model.prefixEnd(i, neighbors) - model.start[i];
    }

    /**
     * The float sum, in the user's item order, of {@code w_uj * sim(cursor of j)} over the unfinished
     * lists with positive weight: at least the score of any item not met yet.
     */
    private float bound(Scratch s, int m) {
        final float[] similarity = top.similarity;
        float sum = 0f;
        for (int k = 0; k < m; k++) {
            if (s.weight[k] > 0 && s.cursor[k] < s.end[k]) {
                sum += s.weight[k] * similarity[s.cursor[k]];
            }
        }
        return sum;
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

    /** Per-thread state: item marks (cleared after each query), the met items, the user's lists. */
    private static final class Scratch {
        final byte[] mark;
        int[] metItems = new int[64];
        int metCount;
        int[] cursor = new int[0];
        int[] end = new int[0];
        float[] weight = new float[0];
        float[] key = new float[0];
        int[] heap = new int[0];      // list ids, a max-heap on key
        int[] matchItem = new int[16];
        float[] matchSimilarity = new float[16];

        Scratch(int items) {
            mark = new byte[items];
        }

        void reserve(int lists) {
            metCount = 0;
            if (cursor.length < lists) {
                cursor = new int[lists];
                end = new int[lists];
                weight = new float[lists];
                key = new float[lists];
                heap = new int[lists];
            }
        }

        void met(int i) {
            mark[i] |= MET;
            if (metCount == metItems.length) {
                metItems = Arrays.copyOf(metItems, 2 * metCount);
            }
            metItems[metCount++] = i;
        }

        /** Every mark back to 0: the met items and the user's items. */
        void clear(SparseMatrix byUser, int from, int m) {
            for (int q = 0; q < metCount; q++) {
                mark[metItems[q]] = 0;
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
