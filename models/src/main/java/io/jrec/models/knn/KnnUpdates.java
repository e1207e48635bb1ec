package io.jrec.models.knn;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.IdIndex;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.models.internal.Baselines;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The incremental updates of the neighbourhood models ({@link ItemKnnRecommender#update},
 * {@link UserKnnRecommender#update}): a fitted model plus a batch of new ratings gives a new model equal
 * to a fit on the merged data, recomputing only the neighbour rows the batch can change. The old model
 * is untouched (models stay immutable).
 */
final class KnnUpdates {
    private KnnUpdates() {
    }

    /**
     * Item-KNN after {@code batch}: the training data is {@code train.merge(batch, LAST)}; the neighbour
     * rows that can change are those of the items the batch rates and of every item that shares a user
     * with one of them (any similarity of any other pair is unchanged, since neither of its columns
     * changed); every other row is copied. When rows keep all their neighbours ({@code modelSize} at
     * least the item count - 1, the default) only the batch items' rows are computed and the others are
     * patched by symmetry (see {@link #patchBySymmetry}); otherwise every row that can change is
     * recomputed. The centring is refitted (baselines from zero, so that they are the
     * same bits as a fit's; means). The result equals {@code fit(train.merge(batch, LAST))} with the same
     * settings exactly.
     */
    static ItemKnnRecommender update(ItemKnnRecommender old, RatingMatrix batch) {
        Objects.requireNonNull(batch, "batch");
        KnnSettings s = old.settings;
        RatingMatrix merged = old.trainingData().merge(batch, DuplicatePolicy.LAST);
        if (merged == old.trainingData()) {
            return old;
        }
        NeighborLists model = s.modelSize >= merged.itemCount() - 1
                ? patchBySymmetry(old.model, merged, batch, s)
                : refresh(old.model, merged.byItem(), affectedItems(merged, batch), s);
        Baselines baselines = s.baselines(merged);
        double[] means = s.means(merged, true);
        return new ItemKnnRecommender(merged, s, model, baselines, means);
    }

    /**
     * User-KNN after {@code batch}, the mirror image of item-KNN: the neighbour rows recomputed are those
     * of the users the batch touches and of every user who shares an item with one of them; the
     * centring is refitted. Equals {@code fit(train.merge(batch, LAST))} with the same settings exactly.
     */
    static UserKnnRecommender update(UserKnnRecommender old, RatingMatrix batch) {
        Objects.requireNonNull(batch, "batch");
        KnnSettings s = old.settings;
        RatingMatrix merged = old.trainingData().merge(batch, DuplicatePolicy.LAST);
        if (merged == old.trainingData()) {
            return old;
        }
        int[] affected = affectedUsers(merged, batch);
        NeighborLists model = refresh(old.model, merged.byUser(), affected, s);
        NeighborLists top = splice(model, model, new BitSet(), merged.userCount(), s.neighbors);
        Baselines baselines = s.baselines(merged);
        double[] means = s.means(merged, false);
        return new UserKnnRecommender(merged, s, top, model, baselines, means);
    }

    /**
     * The model lists ({@code modelSize} per row) over the rows of {@code rows}: the {@code affected} rows
     * computed afresh, the others copied from {@code old} (rows beyond it are empty).
     */
    private static NeighborLists refresh(NeighborLists old, SparseMatrix rows, int[] affected, KnnSettings s) {
        int n = rows.rowCount();
        int keep = s.keep(n);
        Neighbors neighbors = s.neighbors(keep).build();
        NeighborTable table = affected.length == n ? neighbors.compute(rows)   // same rows, full path
                : neighbors.compute(rows, affected);
        BitSet recomputed = new BitSet(n);
        for (int r : affected) {
            recomputed.set(r);
        }
        return splice(old, NeighborLists.of(table, keep, s.minSimilarity), recomputed, n, Integer.MAX_VALUE);
    }

    /**
     * The item-KNN model lists when every row keeps all its usable neighbours (no row is cut to
     * {@code modelSize}): only the rows of the batch items B are computed; a row {@code j} not in B that
     * shares a user with B changes only in its entries for B, so it becomes its old entries for items
     * outside B plus {@code (b, sim(b, j))} from the fresh rows of B (the kernel is symmetric, bit for
     * bit: both orders sum over the same users in ascending order), re-sorted as the neighbour table
     * sorts (similarity descending, ties by lower index). The other rows are copied. Equal to
     * {@link #refresh} exactly.
     */
    private static NeighborLists patchBySymmetry(NeighborLists old, RatingMatrix merged, RatingMatrix batch,
                                                 KnnSettings s) {
        int n = merged.itemCount();
        BitSet inBatch = touched(merged.items(), batch.items());
        int[] batchItems = inBatch.stream().toArray();
        int keep = s.keep(n);
        Neighbors neighbors = s.neighbors(keep).build();
        NeighborLists fresh = NeighborLists.of(neighbors.compute(merged.byItem(), batchItems), keep, s.minSimilarity);
        NeighborLists patches = fresh.reverse();     // row j: (b, sim(b, j)) for every b in B listing j
        int oldRows = old.start.length - 1;
        int[] start = new int[n + 1];
        for (int r = 0; r < n; r++) {
            int size;
            if (inBatch.get(r)) {
                size = fresh.start[r + 1] - fresh.start[r];
            } else {                                 // not in B, so an old row
                size = patches.start[r + 1] - patches.start[r];
                for (int p = old.start[r]; p < old.start[r + 1]; p++) {
                    if (!inBatch.get(old.neighbor[p])) {
                        size++;
                    }
                }
            }
            start[r + 1] = start[r] + size;
        }
        int[] neighbor = new int[start[n]];
        float[] similarity = new float[start[n]];
        long[] keys = new long[16];
        for (int r = 0; r < n; r++) {
            int dst = start[r];
            if (inBatch.get(r)) {
                System.arraycopy(fresh.neighbor, fresh.start[r], neighbor, dst, start[r + 1] - dst);
                System.arraycopy(fresh.similarity, fresh.start[r], similarity, dst, start[r + 1] - dst);
                continue;
            }
            int patchCount = patches.start[r + 1] - patches.start[r];
            if (keys.length < patchCount) {
                keys = new long[Math.max(patchCount, 2 * keys.length)];
            }
            for (int p = 0; p < patchCount; p++) {
                int q = patches.start[r] + p;
                keys[p] = NeighborLists.orderKey(patches.similarity[q], patches.neighbor[q]);
            }
            Arrays.sort(keys, 0, patchCount);
            // merge the old entries outside B (already in table order) with the sorted patches
            int p = old.start[r];
            int end = r < oldRows ? old.start[r + 1] : p;
            int k = 0;
            while (true) {
                while (p < end && inBatch.get(old.neighbor[p])) {
                    p++;
                }
                boolean oldLeft = p < end;
                if (!oldLeft && k == patchCount) {
                    break;
                }
                if (oldLeft && (k == patchCount
                        || NeighborLists.orderKey(old.similarity[p], old.neighbor[p]) < keys[k])) {
                    neighbor[dst] = old.neighbor[p];
                    similarity[dst++] = old.similarity[p++];
                } else {
                    neighbor[dst] = (int) keys[k];
                    similarity[dst++] = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (keys[k++] >>> 32));
                }
            }
        }
        return new NeighborLists(start, neighbor, similarity);
    }

    /** Merged item indices rated in {@code batch} or co-rated (by some user of {@code merged}) with one. */
    static int[] affectedItems(RatingMatrix merged, RatingMatrix batch) {
        return affectedRows(merged.byItem(), merged.byUser(), touched(merged.items(), batch.items()));
    }

    /** Merged user indices with a rating in {@code batch} or sharing an item (in {@code merged}) with one. */
    static int[] affectedUsers(RatingMatrix merged, RatingMatrix batch) {
        return affectedRows(merged.byUser(), merged.byItem(), touched(merged.users(), batch.users()));
    }

    private static BitSet touched(IdIndex merged, IdIndex batch) {
        BitSet touched = new BitSet(merged.size());
        for (int b = 0; b < batch.size(); b++) {
            touched.set(merged.indexOf(batch.idAt(b)));
        }
        return touched;
    }

    /** The {@code touched} rows and every row sharing a column with one ({@code columns} is the transpose). */
    private static int[] affectedRows(SparseMatrix rows, SparseMatrix columns, BitSet touched) {
        BitSet shared = new BitSet(columns.rowCount());
        for (int r = touched.nextSetBit(0); r >= 0; r = touched.nextSetBit(r + 1)) {
            for (int k = rows.rowStart(r), end = rows.rowEnd(r); k < end; k++) {
                shared.set(rows.column(k));
            }
        }
        BitSet affected = (BitSet) touched.clone();
        for (int c = shared.nextSetBit(0); c >= 0; c = shared.nextSetBit(c + 1)) {
            for (int k = columns.rowStart(c), end = columns.rowEnd(c); k < end; k++) {
                affected.set(columns.column(k));
            }
        }
        return affected.stream().toArray();
    }

    /**
     * Lists over {@code rows} rows: row {@code r} from {@code fresh} if {@code useFresh.get(r)}, else from
     * {@code old} (rows beyond {@code old} are empty), each cut to at most {@code limit} entries.
     */
    static NeighborLists splice(NeighborLists old, NeighborLists fresh, BitSet useFresh, int rows, int limit) {
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            NeighborLists from = useFresh.get(r) ? fresh : old;
            int size = r < from.start.length - 1 ? from.start[r + 1] - from.start[r] : 0;
            start[r + 1] = start[r] + Math.min(size, limit);
        }
        int[] neighbor = new int[start[rows]];
        float[] similarity = new float[start[rows]];
        for (int r = 0; r < rows; r++) {
            NeighborLists from = useFresh.get(r) ? fresh : old;
            int size = start[r + 1] - start[r];
            if (size > 0) {
                System.arraycopy(from.neighbor, from.start[r], neighbor, start[r], size);
                System.arraycopy(from.similarity, from.start[r], similarity, start[r], size);
            }
        }
        return new NeighborLists(start, neighbor, similarity);
    }
}
