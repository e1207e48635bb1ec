package io.jrec.models.knn;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import io.jrec.core.io.MovieLens;
import io.jrec.models.PersistenceTest;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static io.jrec.models.Fixtures.baseAndBatch;
import static io.jrec.models.Fixtures.sample;
import static io.jrec.models.Fixtures.subset;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incremental updates of item- and user-KNN equal a full refit on the merged data. */
class KnnUpdateTest {

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
        int[] affected = KnnUpdates.affectedItems(merged, batch);
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
        int items = KnnUpdates.affectedItems(merged, batch).length;
        int users = KnnUpdates.affectedUsers(merged, batch).length;
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
        assertArrayEquals(expected, KnnUpdates.affectedUsers(merged, batch));
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
        int affected = KnnUpdates.affectedItems(merged, batch).length;
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
        int affected = KnnUpdates.affectedItems(merged, batch).length;
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
