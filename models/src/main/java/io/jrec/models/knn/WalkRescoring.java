package io.jrec.models.knn;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.SparseMatrix;
import io.jrec.core.TopN;

import java.util.Arrays;

/**
 * The end of {@link ThresholdTopN}'s walk: the exact scores of the items that can still enter the
 * list, and item-KNN's score of one item, bit for bit as the dense path sums it. Immutable over a
 * fitted model; the per-query state is the caller's {@link WalkState}. Thread-safe.
 */
final class WalkRescoring {
    /** Rescoring candidates scored together, their rows read in parallel. */
    static final int BATCH = 16;

    private final RatingMatrix train;
    private final NeighborLists model;
    private final int neighbors;
    private final boolean implicit;
    private final NeighborSketch sketch;   // null (k over 204): every item rescored is scored from its row

    WalkRescoring(RatingMatrix train, NeighborLists model, int neighbors, boolean implicit) {
        this.train = train;
        this.model = model;
        this.neighbors = neighbors;
        this.implicit = implicit;
        this.sketch = NeighborSketch.of(model, neighbors);
    }

    /**
     * The list of a walk over the user's {@code m} lists, of which {@code s.live[0 .. live)} are not
     * finished. The {@code candidates} first of {@code s.candidate} are the touched items whose score can
     * reach the n-th best, with their bounds; any other item, met or not, scores (in float) strictly
     * below n accepted items. They are scored exactly, largest bound first, until the list is full and
     * the next bound is below its lowest score: from there no candidate can enter (its float score is
     * strictly lower), so the list is the dense path's. With the filters, an item is scored from its row
     * only when {@link #chooseRows} says so; an item whose bound over the lists it may still be in is
     * below the list's lowest score is passed over.
     */
    Recommendations rescore(int user, WalkState s, int candidates, int m, int live, int cap, ItemFilter filter,
                            double frontier, double slack, String source) {
        WalkItems items = s.items;
        s.heapify(candidates);
        boolean sketched = sketch != null && m <= WalkItems.MARKED_LISTS;
        readAhead(s, candidates, sketched);
        TopN best = new TopN(cap);
        int scored = 0;
        while (candidates > 0) {
            int batch = 0;   // the next few, scored together so that their rows load in parallel
            while (batch < BATCH && candidates > 0
                    && !(best.size() == cap && s.bound[0] * (1 + slack) < best.worstScore())) {
                s.batch[batch++] = s.candidate[0];
                s.removeTop(candidates--);
            }
            if (batch == 0) {
                break;
            }
            if (sketched) {
                chooseRows(s, batch, live, frontier, slack,
                        best.size() == cap ? best.worstScore() : Double.NEGATIVE_INFINITY);
            } else {
                Arrays.fill(s.needsRow, true);
            }
            loadRows(s, batch);
            for (int b = 0; b < batch; b++) {
                int q = s.batch[b];
                int i = items.item(q);
                if (sketched && best.size() == cap
                        && (items.partial(q) + s.maybe[b] + frontier * 0x1p-40) * (1 + slack) < best.worstScore()) {
                    continue;   // its bound over the lists it may still be in is below the list's lowest
                }
                // not from its row: in no other list and met in at most two (added in either order,
                // two floats give the same bits), its partial sum is the dense path's score
                float score = s.needsRow[b] ? score(user, i, s) : items.partial(q);
                scored++;
                if (score != 0f && best.wouldAccept(i, score) && items.acceptsAt(q, filter, train.items())) {
                    best.offer(i, score);
                }
            }
        }
        s.scored = scored;
        return best.drain(train.items(), source);
    }

    /**
     * Reads the filters (or, without them, the row starts) of the first candidates, the heap's top
     * levels, which are scored first, before any is needed, so that their misses overlap.
     */
    private void readAhead(WalkState s, int candidates, boolean sketched) {
        WalkItems items = s.items;
        long sink = 0;
        for (int c = 0, end = Math.min(candidates, 4 * BATCH); c < end; c++) {
            int i = items.item(s.candidate[c]);
            sink += sketched ? sketch.firstWord(i) : model.start[i];
        }
        s.sink += (int) sink;
    }

    /**
     * Chooses the items of the batch that are scored from their rows ({@code needsRow}): those that
     * may be in an unfinished list they were not met in (their filter says so for that list's user
     * item), or were met in more than two lists (whose float sum depends on the order), unless even
     * their bound over the lists they may be in ({@code maybe}) is below {@code worst}, the list's
     * lowest score. Their filters are read all before any is asked, so that the misses overlap.
     */
    private void chooseRows(WalkState s, int batch, int live, double frontier, double slack, double worst) {
        WalkItems items = s.items;
        long sink = 0;
        for (int b = 0; b < batch; b++) {
            sink += sketch.firstWord(items.item(s.batch[b]));
        }
        s.sink += (int) sink;
        for (int b = 0; b < batch; b++) {
            int q = s.batch[b];
            int i = items.item(q);
            long met = items.listsAt(q);
            double maybe = 0;
            boolean inAnother = false;
            for (int h = 0; h < live; h++) {
                int k = s.live[h];
                if ((met & 1L << k) == 0 && sketch.mayContain(i, s.listHash[k])) {
                    maybe += s.key[k];
                    inAnother = true;
                }
            }
            s.maybe[b] = maybe;
            s.needsRow[b] = (inAnother || Long.bitCount(met) > 2)
                    && (items.partial(q) + maybe + frontier * 0x1p-40) * (1 + slack) >= worst;
        }
    }

    /**
     * Reads the first cache line of each 16 entries of the neighbour rows the batch's items are scored
     * from ({@code needsRow}), all of them before any is scored: a row is far from the last one read (a
     * cache miss, hundreds of nanoseconds), and misses that do not wait on one another overlap. Scoring
     * then finds the rows in cache: 0.36 against 0.9 microseconds per item rescored at 10^6 products.
     */
    private void loadRows(WalkState s, int batch) {
        WalkItems items = s.items;
        for (int b = 0; b < batch; b++) {
            if (s.needsRow[b]) {
                s.rowStart[b] = model.start[items.item(s.batch[b])];
                s.rows++;
            }
        }
        int sink = 0;
        for (int b = 0; b < batch; b++) {
            if (!s.needsRow[b]) {
                continue;
            }
            int i = items.item(s.batch[b]);
            for (int p = s.rowStart[b], end = model.prefixEnd(i, neighbors); p < end; p += 16) {
                sink += model.neighbor[p] + Float.floatToRawIntBits(model.similarity[p]);
            }
        }
        s.sink = sink;   // kept, so that the reads are not optimised away
    }

    /**
     * {@code score(u, i)} bit for bit as the dense path sums it: the terms {@code w_uj * sim(i, j)} of the
     * user's items {@code j} in {@code N_k(i)}, added in ascending {@code j} (the user's row order).
     */
    float score(int user, int i, WalkState s) {
        final int[] neighbor = model.neighbor;
        final float[] similarity = model.similarity;
        WalkItems items = s.items;
        int matched = 0;
        for (int p = model.start[i], end = model.prefixEnd(i, neighbors); p < end; p++) {
            int j = neighbor[p];
            if (items.isUser(j)) {
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
}
