package io.jrec.models.knn;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.SparseMatrix;
import io.jrec.core.TopN;

/**
 * Item-KNN's top-N query with an early stop, so that its cost follows the user's neighbourhood and not
 * the catalogue: a threshold walk in the manner of Fagin, Lotem and Naor ("Optimal aggregation
 * algorithms for middleware", PODS 2001; its variant without random access, NRA) over the user's
 * transposed neighbour lists sorted by similarity, ended by an exact rescoring of the few items left.
 *
 * <p>The score is {@code score(u, i) = sum_{j in R(u), j in N_k(i)} w_uj * sim(i, j)} ({@code w_uj} the
 * rating, or 1 for implicit data), a float sum in ascending {@code j} on the dense path. The lists of the
 * user's items {@code j} (every {@code i} with {@code j in N_k(i)}, similarity descending) are read in
 * levels, every unfinished list down to 0.9 of the largest term not read, in runs that end at a multiple of
 * 128 entries, the level tested once per run (the bounds below hold in any order; reading best term first
 * costs a heap step per term, and a test of every term mispredicts where each visit ends), each term added to
 * its item's partial sum (a float sum in the order read) and its list noted. With every weight positive, at
 * any time an item's real score (the exact sum of its float terms) is at least its partial sum and at most
 * its bound: the partial sum plus the next terms of the unfinished lists it was not met in (an item appears
 * once per list); an item not met scores at most the frontier {@code F}, the sum of the next terms of all
 * unfinished lists. Any float sum of at most {@code m} positive terms (the partial sums, the dense path's) is
 * within a relative {@code (m - 1) 2^-24} of the real sum; with twice that room on each side, {@code slack}:
 * once {@code F (1 + slack)} is below {@code cut = L (1 - slack)}, {@code L} the n-th largest partial sum
 * among the met items that the filter and the seen-exclusion accept, every item not met, and every met item
 * whose bound times {@code (1 + slack)} is below {@code cut}, scores in float strictly below n accepted items
 * and cannot enter the list, whatever its index. {@code F} only falls and the cut only rises, so from then on
 * the walk updates only the items already touched, and it stops as soon as few enough can still enter. Those
 * are scored exactly as the dense path sums them (from their own {@code N_k(i)}, the first {@code k} model
 * neighbours, in ascending {@code j}: the same float bits), largest bound first, until the list is full and
 * the next bound is below its lowest score; the list equals the dense path's (items, order, scores). Most of
 * them need not read their row: a Bloom filter of each item's {@code N_k(i)} ({@link NeighborSketch}) tells
 * which unfinished lists an item may still be in. In none, and met in at most two lists, its partial sum is
 * its score (two floats add to the same bits in either order); else its bound over the lists it may be in
 * decides whether it can still enter, and only then is its row read. At 10^6 products the median walk reads 5
 * rows, against about 50 without the filters. A weight {@code <= 0} (explicit data) leaves the query to the
 * other paths.
 *
 * <p>Cost: one addition per term read (as the other paths, but only near the top of each list) into a table
 * of the items touched ({@link WalkItems}, small enough for the cache, where one slot per product missed it
 * on nearly every term), checks of the stop rule that read only the items near the n-th best, and a filter
 * word (one cache line) per item rescored, {@code k} for the few read from their rows. At 10^6 products a
 * cache miss costs hundreds of nanoseconds, so the reads that do not depend on one another are issued
 * together: the heads of the user's lists, a few lines ahead of each cursor, the filters of the first
 * candidates, the rows of 16 rescored items at a time. A walk gives up (returns {@code null}, the caller
 * takes the other path) past a budget. An allow list small enough is scored item by item instead. Memory: no
 * copy of the lists (the query lists are stored sorted); the filters, 64 bytes per item at k = 50 (none above
 * k = 204); per querying thread a table of a few times the items one query touched and a few ints per item of
 * the user. Thread-safe.
 */
final class ThresholdTopN {
    /** Entries of a list in a cache line (ints or floats: 64 bytes). */
    private static final int LINE = 16;
    /**
     * A run of a list ends at the next multiple of this many entries. Longer runs read more terms past
     * the level, shorter ones end (and mispredict) more often. At 10^6 products, in one JVM each, the
     * median query was faster with every doubling from 16 to 128 entries (by 10%, 3-10%, 2-3%) and 3%
     * slower at 256.
     */
    private static final int RUN = 8 * LINE;
    /** How far ahead of its cursor a list is read into the cache. */
    private static final int AHEAD = 4 * LINE;
    /** Each level of the walk reads the terms down to this fraction of the largest term not read. */
    private static final float LEVEL = 0.9f;
    /** Above this many items of the user the rounding room of the bounds is not worth it (never in practice). */
    private static final int MAX_LISTS = 1 << 16;

    private final RatingMatrix train;
    private final NeighborLists top;
    private final int neighbors;
    private final boolean implicit;
    private final WalkRescoring rescoring;
    private final ThreadLocal<WalkState> scratch;

    /**
     * @param top   row {@code j}: every {@code i} with {@code j in N_k(i)}, similarity descending
     * @param model row {@code i}: its neighbours, whose first {@code neighbors} are {@code N_k(i)}
     */
    ThresholdTopN(RatingMatrix train, NeighborLists top, NeighborLists model, int neighbors, boolean implicit) {
        this.train = train;
        this.top = top;
        this.neighbors = neighbors;
        this.implicit = implicit;
        this.rescoring = new WalkRescoring(train, model, neighbors, implicit);
        int items = train.itemCount();
        this.scratch = ThreadLocal.withInitial(() -> new WalkState(items));
    }

    /**
     * The list of {@code topN} for user index {@code user}, or {@code null} when the other paths are
     * cheaper: {@code work} is their number of additions (the lengths of the user's lists). Tries an
     * allow list item by item when that costs at most {@code work}, else, when {@code work} is well above
     * what the final rescoring costs, the walk with half of {@code work} as its budget.
     */
    Recommendations query(int user, int n, ItemFilter filter, long work, String source) {
        scratch.get().met = -1;   // no walk yet
        long perItem = Math.min(neighbors, train.itemCount()) + 1L;
        if (filter.hasAllowList() && filter.allowedCount() * perItem <= work) {
            return allowed(user, n, filter, source);
        }
        if (work < (2L * Math.min(n, train.itemCount()) + 32) * perItem) {
            return null;
        }
        Recommendations list = walk(user, n, filter, work / 2, source);
        if (list == null) {
            scratch.get().met = -1;   // gave up: the caller's path answers
        }
        return list;
    }

    /**
     * The walk for user index {@code user}; {@code null} if its work exceeds {@code budget}, or if a
     * weight is not positive (partial sums are lower bounds only for positive weights).
     */
    Recommendations walk(int user, int n, ItemFilter filter, long budget, String source) {
        WalkState s = scratch.get();
        WalkItems items = s.items;
        SparseMatrix byUser = train.byUser();
        int from = byUser.rowStart(user);
        int m = byUser.rowEnd(user) - from;
        int cap = Math.min(n, train.itemCount());
        s.reserve(m);
        items.begin(m);
        try {
            // in phases, so that the cache misses of the user's lists (one each, far apart) overlap
            for (int k = 0; k < m; k++) {
                int j = byUser.column(from + k);
                items.addUser(j);
                s.listHash[k] = NeighborSketch.hash(j);
                s.weight[k] = implicit ? 1f : byUser.value(from + k);
                if (!(s.weight[k] > 0)) {
                    return null;
                }
                s.cursor[k] = top.start[j];
                s.end[k] = top.start[j + 1];
            }
            int sink = 0;
            for (int k = 0; k < m; k++) {
                for (int p = s.cursor[k], end = Math.min(s.end[k], p + AHEAD); p < end; p += LINE) {
                    sink += top.neighbor[p] + Float.floatToRawIntBits(top.similarity[p]);
                }
            }
            int live = 0;   // s.live[0 .. live): the unfinished lists
            for (int k = 0; k < m; k++) {
                if (s.cursor[k] < s.end[k]) {
                    s.key[k] = s.weight[k] * top.similarity[s.cursor[k]];
                    s.live[live++] = k;
                }
            }
            if (cap == 0 || m > MAX_LISTS) {
                return cap == 0 ? new TopN(0).drain(train.items(), source) : null;
            }
            // a float sum of m terms is within (m - 1) 2^-24 of their real sum, relatively: room for both
            double slack = (m + 2) * 0x1p-23;
            long perItem = Math.min(neighbors, train.itemCount()) + 1L;
            final int[] neighbor = top.neighbor;
            final float[] similarity = top.similarity;
            long work = 0;
            long nextCheck = m + cap;
            boolean closed = false;
            float level = nextLevel(s, live);
            while (true) {
                if (work >= nextCheck || live == 0) {
                    s.sink = sink;   // kept, so that the reads ahead are not optimised away
                    double frontier = 0;   // at least the real score of an item not met
                    for (int h = 0; h < live; h++) {
                        frontier += s.key[s.live[h]];
                    }
                    double nth = items.nthBest(cap, filter, train.items());
                    double cut = nth < 0 ? Double.NEGATIVE_INFINITY : nth * (1 - slack);
                    work += live + items.scanned();
                    long spacing = live + cap + 16 + items.scanned();   // checks cost at most the walk
                    if (live == 0 || frontier * (1 + slack) < cut) {
                        closed = true;   // no item met from now on can enter the list: F and cut only improve
                        long enough = Math.max(2L * cap + 32, work / perItem);
                        int left = candidates(s, filter, frontier, slack, cut, live == 0 ? Long.MAX_VALUE : enough);
                        work += items.size() / 4;   // a bound is a few times cheaper than a term
                        if (left <= enough) {
                            return rescoring.rescore(user, s, left, m, live, cap, filter, frontier, slack, source);
                        }
                        spacing = Math.max(spacing, items.size() / 4);
                    }
                    nextCheck = work + spacing;
                }
                if (work > budget) {
                    return null;
                }
                // read every unfinished list down to the level, each a share of the terms up to the next
                // check but at least a cache line, in runs to the next multiple of RUN: a run's loop has no
                // test that depends on the data, so that it does not mispredict (the bounds hold in any order)
                boolean levelRead = true;
                long share = Math.max(LINE, (nextCheck - work) / Math.max(1, live));
                for (int h = 0; h < live; ) {
                    int k = s.live[h];
                    int p = s.cursor[k];
                    int end = s.end[k];
                    int stop = (int) Math.min(end, p + share);
                    float weight = s.weight[k];
                    float key = s.key[k];
                    while (key >= level && p < stop) {
                        // a run: the terms w_uj * sim(i, j), as the dense path computes them
                        int runEnd = p + Math.min(end - p, RUN - (p & (RUN - 1)));   // no overflow near 2^31
                        if (closed) {
                            for (; p < runEnd; p++) {
                                items.addIfTouched(neighbor[p], weight * similarity[p], k);
                            }
                        } else {
                            for (; p < runEnd; p++) {
                                items.add(neighbor[p], weight * similarity[p], k);
                            }
                        }
                        if (p < end) {
                            key = weight * similarity[p];
                            int ahead = Math.min(p + AHEAD, end - 1);   // ask for a line further on now
                            sink += neighbor[ahead] + Float.floatToRawIntBits(similarity[ahead]);
                        } else {
                            key = 0f;   // finished: adds nothing to any bound
                        }
                    }
                    work += p - s.cursor[k];
                    s.cursor[k] = p;
                    s.key[k] = key;
                    if (p == end) {
                        s.live[h] = s.live[--live];
                    } else {
                        levelRead &= key < level;
                        h++;
                    }
                }
                if (levelRead) {
                    level = nextLevel(s, live);
                }
            }
        } finally {
            s.met = items.clear();
        }
    }

    /** The next level of the walk: a fraction of the largest next term of the unfinished lists. */
    private static float nextLevel(WalkState s, int live) {
        float largest = 0f;
        for (int h = 0; h < live; h++) {
            largest = Math.max(largest, s.key[s.live[h]]);
        }
        return largest * LEVEL;
    }

    /**
     * Collects into {@code s} the touched items that can still enter the list, with their bounds: those
     * whose bound ({@link WalkState#bound}) is not below {@code cut} and that the seen-exclusion keeps.
     * Any other item, met or not, scores (in float) strictly below n accepted items. Stops past
     * {@code limit} of them (the walk goes on then) and returns how many it collected.
     */
    private static int candidates(WalkState s, ItemFilter filter, double frontier, double slack, double cut,
                                  long limit) {
        WalkItems items = s.items;
        double least = cut / (1 + slack) - frontier;   // a partial sum below this bounds below cut
        int count = 0;
        boolean excludeSeen = filter.excludesSeen();
        for (int q = 0, size = items.size(); q < size && count <= limit; q++) {
            if (items.partial(q) < least) {
                continue;
            }
            double bound = s.bound(q, frontier);
            if (bound * (1 + slack) >= cut && !(excludeSeen && items.isUserAt(q))) {
                s.candidate(count++, q, bound);
            }
        }
        return count;
    }


    /** The list for an allow list: every allowed item scored exactly, none other. */
    Recommendations allowed(int user, int n, ItemFilter filter, String source) {
        WalkState s = scratch.get();
        SparseMatrix byUser = train.byUser();
        int from = byUser.rowStart(user);
        int m = byUser.rowEnd(user) - from;
        IdIndex ids = train.items();
        TopN best = new TopN(Math.min(n, ids.size()));
        s.reserve(m);
        s.items.begin(m);
        try {
            for (int k = 0; k < m; k++) {
                s.items.addUser(byUser.column(from + k));
            }
            boolean excludeSeen = filter.excludesSeen();
            for (int a = 0, count = filter.allowedCount(); a < count; a++) {
                long id = filter.allowedId(a);
                int i = ids.indexOf(id);
                if (i >= 0 && !(excludeSeen && s.items.isUser(i))) {
                    float score = rescoring.score(user, i, s);
                    if (score != 0f && best.wouldAccept(i, score) && filter.accepts(id)) {
                        best.offer(i, score);
                    }
                }
            }
            return best.drain(ids, source);
        } finally {
            s.met = s.items.clear();
        }
    }

    /**
     * The number of items met (reached in a list; for an allow list, 0) by this thread's last walk or allow
     * list, or -1 if its last {@code query} did neither or gave up its walk (for tests).
     */
    int metInLastWalk() {
        return scratch.get().met;
    }

    /** The number of items the last walk of this thread scored exactly (for tests). */
    int scoredInLastWalk() {
        return scratch.get().scored;
    }

    /** The number of neighbour rows the last walk of this thread read to score items (for tests). */
    int rowsReadInLastWalk() {
        return scratch.get().rows;
    }
}
