package io.jrec.models;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.io.MovieLens;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Incremental updates equal a full refit on the merged data. */
class IncrementalUpdateTest {

    /** The entries of {@code m} whose CSR position is (or, with {@code complement}, is not) in {@code keep}, rebuilt. */
    static RatingMatrix subset(RatingMatrix m, BitSet keep, boolean complement) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        SparseMatrix byUser = m.byUser();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = byUser.rowStart(u); k < byUser.rowEnd(u); k++) {
                if (keep.get(k) != complement) {
                    b.add(m.users().idAt(u), m.items().idAt(byUser.column(k)), byUser.value(k), byUser.timestamp(k));
                }
            }
        }
        return b.build();
    }

    /** A random share of the positions of {@code m}. */
    static BitSet sample(RatingMatrix m, int count, long seed) {
        Random random = new Random(seed);
        BitSet s = new BitSet(m.size());
        while (s.cardinality() < count) {
            s.set(random.nextInt(m.size()));
        }
        return s;
    }

    /** A batch of held-out ratings plus a brand-new user, a brand-new item, and a changed old rating. */
    private static RatingMatrix[] baseAndBatch() {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        BitSet held = sample(m, 400, 1);
        RatingMatrix base = subset(m, held, true);
        RatingMatrix held400 = subset(m, held, false);
        RatingMatrix.Builder extra = RatingMatrix.builder();
        extra.add(5_000_000, base.items().idAt(0), 5, 1_800_000_000L).add(5_000_000, 99_999, 4, 1_800_000_000L)
                .add(base.users().idAt(3), 99_999, 2, 1_800_000_000L)
                .add(base.users().idAt(0), base.items().idAt(base.byUser().column(base.byUser().rowStart(0))), 1,
                        1_800_000_001L);
        return new RatingMatrix[]{base, held400.merge(extra.build(), DuplicatePolicy.LAST)};
    }

    private static void assertSameLists(NeighborLists a, NeighborLists b, String what) {
        assertArrayEquals(a.start, b.start, what + " start");
        assertArrayEquals(a.neighbor, b.neighbor, what + " neighbours");
        assertArrayEquals(a.similarity, b.similarity, what + " similarities");
    }

    @Test
    void itemKnnUpdateEqualsFullRefitExactly() {
        RatingMatrix[] data = baseAndBatch();
        List<ItemKnnRecommender.Config> configs = List.of(
                ItemKnnRecommender.builder().neighbors(20).build(),
                ItemKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(5).centering(Centering.MEAN)
                        .neighbors(10).modelSize(25).minSimilarity(0.05).threads(2).build(),
                ItemKnnRecommender.builder().similarity(Similarity.jaccard()).implicit(true)
                        .centering(Centering.NONE).neighbors(5).build());
        for (ItemKnnRecommender.Config config : configs) {
            ItemKnnRecommender old = config.fit(data[0]);
            ItemKnnRecommender updated = old.update(data[1]);
            ItemKnnRecommender full = config.fit(data[0].merge(data[1], DuplicatePolicy.LAST));
            assertNotSame(old, updated);
            assertEquals(data[0].size(), old.trainingData().size(), "the old model is unchanged");
            assertSameLists(full.model, updated.model, config.name() + " model lists");
            assertSameLists(full.top, updated.top, config.name() + " top lists");
            assertEquals(PersistenceTest.answers(full, full.trainingData()),
                    PersistenceTest.answers(updated, full.trainingData()), config.name());
        }
    }

    @Test
    void itemKnnUpdateRecomputesOnlyTheRowsTheBatchCanChange() {
        // items 1,2 co-rated by user 1; items 3,4 by user 2; a new user rates item 3 and new item 5:
        // rows 3, 4 (co-rated with 3) and 5 change, rows 1 and 2 are copied
        RatingMatrix base = RatingMatrix.builder().add(1, 1, 5).add(1, 2, 3).add(2, 3, 4).add(2, 4, 2).build();
        RatingMatrix batch = RatingMatrix.builder().add(3, 3, 5).add(3, 5, 1).build();
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        int[] affected = Incremental.affectedItems(merged, batch);
        int[] expected = {merged.items().indexOf(3), merged.items().indexOf(4), merged.items().indexOf(5)};
        java.util.Arrays.sort(expected);
        assertArrayEquals(expected, affected);
        ItemKnnRecommender.Config config = ItemKnnRecommender.builder().neighbors(2).build();
        ItemKnnRecommender updated = config.fit(base).update(batch);
        assertSameLists(config.fit(merged).model, updated.model, "model lists");
        // an empty batch gives the same model back
        ItemKnnRecommender old = config.fit(base);
        assertSame(old, old.update(RatingMatrix.builder().build()));
    }

    /**
     * ML-100K: 1,000 random ratings held out as the batch; prints the time of {@code update} against a full
     * {@code fit} on the merged data (item-KNN, cosine, k = 50, 1 thread) and checks they are equal.
     */
    @Test
    void movieLensIncrementalVersusFullRefit() throws IOException {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        Assumptions.assumeTrue(Boolean.getBoolean("jrec.measure"), "measurement: run with -Djrec.measure=true");
        RatingMatrix all = MovieLens.ratings(dir.resolve("u.data"));
        BitSet held = sample(all, 1000, 2);
        RatingMatrix base = subset(all, held, true);
        RatingMatrix batch = subset(all, held, false);
        ItemKnnRecommender.Config config = ItemKnnRecommender.builder().neighbors(50).build();
        ItemKnnRecommender old = config.fit(base);
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        int affected = Incremental.affectedItems(merged, batch).length;
        long bestUpdate = Long.MAX_VALUE;
        long bestFit = Long.MAX_VALUE;
        ItemKnnRecommender updated = null;
        ItemKnnRecommender full = null;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            updated = old.update(batch);
            long t1 = System.nanoTime();
            full = config.fit(merged);
            long t2 = System.nanoTime();
            bestUpdate = Math.min(bestUpdate, t1 - t0);
            bestFit = Math.min(bestFit, t2 - t1);
        }
        assertSameLists(full.model, updated.model, "ML-100K model lists");
        System.out.printf("ML-100K item-KNN (cosine, k=50, 1 thread): update with 1,000 ratings (%d of %d item rows "
                        + "recomputed) %.1f ms, full refit %.1f ms (best of 5)%n", affected, merged.itemCount(),
                bestUpdate / 1e6, bestFit / 1e6);
        assertTrue(affected <= merged.itemCount());
    }
}
