package io.jrec.models;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;

import java.util.BitSet;
import java.util.Objects;

/**
 * Incremental updates: a fitted model plus a batch of new ratings gives a new model, without refitting
 * what the batch cannot change. The old model is untouched (models stay immutable).
 */
final class Incremental {
    private Incremental() {
    }

    /**
     * Item-KNN after {@code batch}: the training data is {@code train.merge(batch, LAST)}; the neighbour
     * rows recomputed are those of the items the batch rates and of every item that shares a user with
     * one of them (any similarity of any other pair is unchanged, since neither of its columns changed);
     * every other row is copied. The centring (baselines or means) is refitted, which is linear in the
     * data. The result equals {@code fit(train.merge(batch, LAST))} with the same settings exactly.
     */
    static ItemKnnRecommender update(ItemKnnRecommender old, RatingMatrix batch) {
        Objects.requireNonNull(batch, "batch");
        KnnSettings s = old.settings;
        RatingMatrix merged = old.trainingData().merge(batch, DuplicatePolicy.LAST);
        if (merged == old.trainingData()) {
            return old;
        }
        int n = merged.itemCount();
        int[] affected = affectedItems(merged, batch);
        int keep = Math.max(1, Math.min(s.modelSize, n - 1));
        NeighborTable table = Neighbors.builder().similarity(s.similarity).k(keep).threads(s.threads).build()
                .compute(merged.byItem(), affected);
        BitSet recomputed = new BitSet(n);
        for (int i : affected) {
            recomputed.set(i);
        }
        NeighborLists fresh = NeighborLists.of(table, keep, s.minSimilarity);
        NeighborLists model = splice(old.model, fresh, recomputed, n, Integer.MAX_VALUE);
        NeighborLists top = splice(model, model, new BitSet(), n, s.neighbors).reverse();
        Baselines baselines = null;
        double[] means = null;
        if (s.centering == Centering.BASELINE && !merged.isEmpty()) {
            baselines = Baselines.fit(merged, s.lambdaItem, s.lambdaUser, 10);
        } else if (s.centering == Centering.MEAN) {
            means = new double[n];
            for (int i = 0; i < n; i++) {
                means[i] = merged.itemMean(i);
            }
        }
        return new ItemKnnRecommender(merged, s, top, model, baselines, means);
    }

    /** Merged item indices rated in {@code batch} or co-rated (by some user of {@code merged}) with one. */
    static int[] affectedItems(RatingMatrix merged, RatingMatrix batch) {
        BitSet touched = new BitSet(merged.itemCount());
        for (int b = 0; b < batch.itemCount(); b++) {
            touched.set(merged.items().indexOf(batch.items().idAt(b)));
        }
        BitSet users = new BitSet(merged.userCount());
        SparseMatrix byItem = merged.byItem();
        for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
            for (int k = byItem.rowStart(i), end = byItem.rowEnd(i); k < end; k++) {
                users.set(byItem.column(k));
            }
        }
        BitSet affected = (BitSet) touched.clone();
        SparseMatrix byUser = merged.byUser();
        for (int u = users.nextSetBit(0); u >= 0; u = users.nextSetBit(u + 1)) {
            for (int k = byUser.rowStart(u), end = byUser.rowEnd(u); k < end; k++) {
                affected.set(byUser.column(k));
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
