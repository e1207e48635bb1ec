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
    static RatingMatrix[] baseAndBatch() {
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

    @Test
    void userKnnUpdateEqualsFullRefitExactly() {
        RatingMatrix[] data = baseAndBatch();
        List<UserKnnRecommender.Config> configs = List.of(
                UserKnnRecommender.builder().neighbors(20).build(),
                UserKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(5)
                        .centering(Centering.BASELINE).neighbors(10).modelSize(25).minSimilarity(0.05).threads(2).build(),
                UserKnnRecommender.builder().similarity(Similarity.jaccard()).implicit(true)
                        .centering(Centering.NONE).neighbors(5).build());
        for (UserKnnRecommender.Config config : configs) {
            UserKnnRecommender old = config.fit(data[0]);
            UserKnnRecommender updated = old.update(data[1]);
            UserKnnRecommender full = config.fit(data[0].merge(data[1], DuplicatePolicy.LAST));
            assertNotSame(old, updated);
            assertEquals(data[0].size(), old.trainingData().size(), "the old model is unchanged");
            assertSameLists(full.model, updated.model, config.name() + " model lists");
            assertSameLists(full.top, updated.top, config.name() + " top lists");
            assertEquals(PersistenceTest.answers(full, full.trainingData()),
                    PersistenceTest.answers(updated, full.trainingData()), config.name());
        }
    }

    /**
     * Ten communities (30 users each rate items of their own 40), and a batch inside two of them plus a
     * new user and a new item there, so that only part of the rows are recomputed: the spliced result
     * still equals a full fit exactly, for item- and user-KNN.
     */
    @Test
    void partialUpdatesOfBothKnnKindsEqualFullRefits() {
        Random random = new Random(5);
        RatingMatrix.Builder b = RatingMatrix.builder();
        RatingMatrix.Builder nb = RatingMatrix.builder();
        for (int u = 0; u < 300; u++) {
            int community = u / 30;
            for (int k = 0; k < 12; k++) {
                long item = 1000 + community * 40 + random.nextInt(40);
                (community < 2 && k == 0 ? nb : b).add(u, item, 1 + random.nextInt(5));
            }
        }
        RatingMatrix base = b.build();
        RatingMatrix batch = nb.add(9_999, 1_005, 4).add(9_999, 77_777, 2).add(3, 77_777, 5).build();
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        int items = Incremental.affectedItems(merged, batch).length;
        int users = Incremental.affectedUsers(merged, batch).length;
        assertTrue(items > 1 && items < merged.itemCount() / 2, items + " of " + merged.itemCount() + " items");
        assertTrue(users > 1 && users < merged.userCount() / 2, users + " of " + merged.userCount() + " users");
        for (ItemKnnRecommender.Config config : List.of(ItemKnnRecommender.builder().neighbors(10).build(),
                ItemKnnRecommender.builder().similarity(Similarity.pearson()).neighbors(5).modelSize(8).build(),
                ItemKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(3).minSimilarity(0.05)
                        .neighbors(5).build(),
                ItemKnnRecommender.builder().similarity(Similarity.jaccard()).implicit(true).threads(2).build())) {
            ItemKnnRecommender updated = config.fit(base).update(batch);
            ItemKnnRecommender full = config.fit(merged);
            assertSameLists(full.model, updated.model, config.name() + " model lists");
            assertSameLists(full.top, updated.top, config.name() + " top lists");
            assertEquals(PersistenceTest.answers(full, merged), PersistenceTest.answers(updated, merged), config.name());
        }
        for (UserKnnRecommender.Config config : List.of(UserKnnRecommender.builder().neighbors(10).build(),
                UserKnnRecommender.builder().similarity(Similarity.pearson()).centering(Centering.BASELINE)
                        .neighbors(5).modelSize(8).build())) {
            UserKnnRecommender updated = config.fit(base).update(batch);
            UserKnnRecommender full = config.fit(merged);
            assertSameLists(full.model, updated.model, config.name() + " model lists");
            assertSameLists(full.top, updated.top, config.name() + " top lists");
            assertEquals(PersistenceTest.answers(full, merged), PersistenceTest.answers(updated, merged), config.name());
        }
    }

    @Test
    void userKnnUpdateRecomputesOnlyTheRowsTheBatchCanChange() {
        // users 1,2 share item 1; users 3,4 share item 3; user 5 is alone on item 5. The batch has user 3
        // rate item 6 (new) and new user 6 rate item 5: users 3, 4 (shares item 3 with 3), 5 (shares item 5
        // with 6) and 6 change; users 1 and 2 are copied
        RatingMatrix base = RatingMatrix.builder().add(1, 1, 5).add(2, 1, 3).add(1, 2, 4).add(3, 3, 4).add(4, 3, 2)
                .add(5, 5, 1).build();
        RatingMatrix batch = RatingMatrix.builder().add(3, 6, 5).add(6, 5, 2).build();
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        int[] expected = {merged.users().indexOf(3), merged.users().indexOf(4), merged.users().indexOf(5),
                merged.users().indexOf(6)};
        java.util.Arrays.sort(expected);
        assertArrayEquals(expected, Incremental.affectedUsers(merged, batch));
        UserKnnRecommender.Config config = UserKnnRecommender.builder().neighbors(2).build();
        UserKnnRecommender old = config.fit(base);
        assertSameLists(config.fit(merged).model, old.update(batch).model, "model lists");
        assertSame(old, old.update(RatingMatrix.builder().build()));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> old.update(RatingMatrix.builder().add(1, 1, 3, 1_700_000_000L).build()));
        assertTrue(e.getMessage().contains("timestamps"), e.getMessage());
    }

    /**
     * ML-100K: 1,000 random ratings held out as the batch; prints the time of {@code update} against a full
     * {@code fit} on the merged data (item-KNN, cosine, k = 50, 1 thread; popularity) and checks they are
     * equal; then folds the last users (about 1,000 ratings) into MF against a full refit.
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
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        int affected = Incremental.affectedItems(merged, batch).length;
        List<ItemKnnRecommender.Config> configs = List.of(ItemKnnRecommender.builder().neighbors(50).build(),
                ItemKnnRecommender.builder().neighbors(50).centering(Centering.NONE).build(),
                ItemKnnRecommender.builder().neighbors(50).modelSize(200).build());   // the last one recomputes rows
        for (int c = 0; c < configs.size(); c++) {
            ItemKnnRecommender.Config config = configs.get(c);
            boolean patched = c < 2;
            ItemKnnRecommender old = config.fit(base);
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
            assertEquals(PersistenceTest.answers(full, merged, 200), PersistenceTest.answers(updated, merged, 200));
            System.out.printf("ML-100K %s, 1 thread: update with 1,000 ratings (%s) %.1f ms, full refit %.1f ms "
                            + "(best of 5)%n", config.name(), patched ? batch.itemCount() + " batch-item rows computed, "
                            + (affected - batch.itemCount()) + " rows patched by symmetry"
                            : affected + " of " + merged.itemCount() + " rows recomputed", bestUpdate / 1e6, bestFit / 1e6);
        }
        assertTrue(affected <= merged.itemCount());

        long bestMerge = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            base.merge(batch, DuplicatePolicy.LAST);
            bestMerge = Math.min(bestMerge, System.nanoTime() - t0);
        }
        System.out.printf("ML-100K RatingMatrix.merge of 1,000 ratings (included in every update time): %.2f ms%n",
                bestMerge / 1e6);

        PopularityRecommender.Config popularity = PopularityRecommender.builder().build();
        PopularityRecommender oldPopularity = popularity.fit(base);
        long bestUpdate = Long.MAX_VALUE;
        long bestFit = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            PopularityRecommender p = oldPopularity.update(batch);
            long t1 = System.nanoTime();
            PopularityRecommender q = popularity.fit(merged);
            long t2 = System.nanoTime();
            assertArrayEquals(q.popularity, p.popularity);
            bestUpdate = Math.min(bestUpdate, t1 - t0);
            bestFit = Math.min(bestFit, t2 - t1);
        }
        System.out.printf("ML-100K popularity: update with 1,000 ratings %.2f ms, full refit on the merged matrix %.2f ms "
                        + "(best of 5)%n",
                bestUpdate / 1e6, bestFit / 1e6);

        // MF fold-in: the users with the highest ids, about 1,000 ratings, arrive as new customers
        BitSet newcomers = new BitSet(all.size());
        SparseMatrix byUser = all.byUser();
        for (int u = all.userCount() - 1; newcomers.cardinality() < 1000; u--) {
            newcomers.set(byUser.rowStart(u), byUser.rowEnd(u));
        }
        RatingMatrix mfBase = subset(all, newcomers, true);
        RatingMatrix mfBatch = subset(all, newcomers, false);
        MatrixFactorizationRecommender.Trainer mf = MatrixFactorizationRecommender.builder().build();
        MatrixFactorizationRecommender oldMf = mf.fit(mfBase);
        long t0 = System.nanoTime();
        oldMf.foldIn(mfBatch);
        long t1 = System.nanoTime();
        mf.fit(mfBase.merge(mfBatch, DuplicatePolicy.LAST));
        long t2 = System.nanoTime();
        System.out.printf("ML-100K MF (100 factors, 40 epochs): fold-in of %d new users with %d ratings %.1f ms, "
                + "full refit %.1f ms%n", mfBatch.userCount(), mfBatch.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }

    @Test
    void popularityUpdateEqualsFullRefitExactly() {
        RatingMatrix[] data = baseAndBatch();
        RatingMatrix merged = data[0].merge(data[1], DuplicatePolicy.LAST);
        for (PopularityRecommender.Config config : List.of(PopularityRecommender.builder().build(),
                PopularityRecommender.builder().weighted(true).build(),
                PopularityRecommender.builder().halfLife(86_400).build())) {
            PopularityRecommender updated = config.fit(data[0]).update(data[1]);
            PopularityRecommender full = config.fit(merged);
            assertArrayEquals(full.popularity, updated.popularity, config.name());
            assertEquals(PersistenceTest.answers(full, merged), PersistenceTest.answers(updated, merged), config.name());
        }
    }

    /**
     * Fold-in tolerance (documented in {@link MatrixFactorizationRecommender#foldIn}): 30 users withheld
     * from training, 80% of their ratings folded in, RMSE on their other 20% within 0.05 of a full refit
     * that saw the same 80%.
     */
    @Test
    void mfFoldInIsCloseToAFullRefitAndLeavesKnownUsersAlone() {
        RatingMatrix m = lowRank();
        BitSet newUsers = new BitSet(m.size());
        BitSet test = new BitSet(m.size());
        Random random = new Random(4);
        SparseMatrix byUser = m.byUser();
        for (int u = 0; u < 30; u++) {
            for (int k = byUser.rowStart(u); k < byUser.rowEnd(u); k++) {
                newUsers.set(k);
                if (random.nextInt(5) == 0) {
                    test.set(k);
                }
            }
        }
        BitSet foldable = (BitSet) newUsers.clone();
        foldable.andNot(test);
        RatingMatrix base = subset(m, newUsers, true);
        RatingMatrix batch = subset(m, foldable, false);
        RatingMatrix held = subset(m, test, false);
        MatrixFactorizationRecommender.Trainer trainer = MatrixFactorizationRecommender.builder().factors(4).epochs(60)
                .learningRate(0.02).seed(3).build();
        MatrixFactorizationRecommender old = trainer.fit(base);
        MatrixFactorizationRecommender folded = old.foldIn(batch);
        MatrixFactorizationRecommender full = trainer.fit(base.merge(batch, DuplicatePolicy.LAST));
        double foldedRmse = rmse(folded, held);
        double fullRmse = rmse(full, held);
        double itemOnlyRmse = rmse(old, held);   // unknown users: NaN -> counted as the global mean below
        System.out.printf("MF fold-in: RMSE on held-out ratings of 30 new users: fold-in %.4f, full refit %.4f, "
                + "model without them %.4f%n", foldedRmse, fullRmse, itemOnlyRmse);
        assertTrue(Math.abs(foldedRmse - fullRmse) < 0.05, foldedRmse + " vs " + fullRmse);
        assertTrue(foldedRmse < itemOnlyRmse, "folding in must help: " + foldedRmse + " vs " + itemOnlyRmse);
        for (int u = 0; u < base.userCount(); u += 7) {   // known users keep their predictions
            long user = base.users().idAt(u);
            for (int i = 0; i < base.itemCount(); i += 13) {
                assertEquals(old.predict(user, base.items().idAt(i)), folded.predict(user, base.items().idAt(i)));
            }
        }
        assertSame(old, old.foldIn(RatingMatrix.builder().build()));
    }

    /** 300 users x 200 items, rank-2 tastes plus noise: r = clip(3 + 1.5 x_u . y_i + N(0, 0.3^2)), 40 ratings per user. */
    private static RatingMatrix lowRank() {
        Random random = new Random(8);
        double[][] items = new double[200][2];
        for (double[] y : items) {
            y[0] = random.nextGaussian();
            y[1] = random.nextGaussian();
        }
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 300; u++) {
            double x0 = random.nextGaussian();
            double x1 = random.nextGaussian();
            for (int k = 0; k < 40; k++) {
                int i = random.nextInt(200);
                double r = 3 + 1.5 * (x0 * items[i][0] + x1 * items[i][1]) / 2 + 0.3 * random.nextGaussian();
                b.add(u, i, Math.max(1, Math.min(5, r)), 1_700_000_000L + k);
            }
        }
        return b.build();
    }

    /** RMSE over {@code test}, a NaN prediction counted as the training mean. */
    private static double rmse(MatrixFactorizationRecommender model, RatingMatrix test) {
        double sum = 0;
        SparseMatrix rows = test.byUser();
        for (int u = 0; u < test.userCount(); u++) {
            for (int k = rows.rowStart(u); k < rows.rowEnd(u); k++) {
                double p = model.predict(test.users().idAt(u), test.items().idAt(rows.column(k)));
                double e = (Double.isNaN(p) ? model.trainingData().globalMean() : p) - rows.value(k);
                sum += e * e;
            }
        }
        return Math.sqrt(sum / test.size());
    }

    @Test
    void solveMatchesAHandComputedSystem() {
        // [2 1; 1 3] x = [3; 5]  ->  det 5, x = ((3*3 - 1*5)/5, (2*5 - 1*3)/5) = (0.8, 1.4)
        double[] x = Incremental.solve(new double[]{2, 1, 1, 3}, new double[]{3, 5}, 2);
        assertEquals(0.8, x[0], 1e-12);
        assertEquals(1.4, x[1], 1e-12);
    }

    /**
     * A sparse catalogue (core's SyntheticShop: 20,000 customers, 20,000 products, 200,000 events,
     * interactions matrix): 1,000 random events as the batch; prints item-KNN update vs full refit.
     */
    @Test
    void sparseShopIncrementalVersusFullRefit() {
        Assumptions.assumeTrue(Boolean.getBoolean("jrec.measure"), "measurement: run with -Djrec.measure=true");
        RatingMatrix all = io.jrec.core.data.SyntheticShop.builder().customers(20_000).products(20_000)
                .events(200_000).seed(5).build().interactions();
        BitSet held = sample(all, 1000, 3);
        RatingMatrix base = subset(all, held, true);
        RatingMatrix batch = subset(all, held, false);
        ItemKnnRecommender.Config config = ItemKnnRecommender.builder().neighbors(50).modelSize(200)
                .implicit(true).centering(Centering.NONE).build();
        ItemKnnRecommender old = config.fit(base);
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        int affected = Incremental.affectedItems(merged, batch).length;
        long bestUpdate = Long.MAX_VALUE;
        long bestFit = Long.MAX_VALUE;
        ItemKnnRecommender updated = null;
        ItemKnnRecommender full = null;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            updated = old.update(batch);
            long t1 = System.nanoTime();
            full = config.fit(merged);
            long t2 = System.nanoTime();
            bestUpdate = Math.min(bestUpdate, t1 - t0);
            bestFit = Math.min(bestFit, t2 - t1);
        }
        assertSameLists(full.model, updated.model, "shop model lists");
        System.out.printf("SyntheticShop %s, item-KNN (cosine, k=50, modelSize 200, 1 thread): update with 1,000 "
                        + "events (%d of %d item rows recomputed) %.1f ms, full refit %.1f ms (best of 3)%n", merged,
                affected, merged.itemCount(), bestUpdate / 1e6, bestFit / 1e6);
    }
}
