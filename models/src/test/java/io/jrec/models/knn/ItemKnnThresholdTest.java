package io.jrec.models.knn;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelIO;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import static io.jrec.models.ModelFiles.floats;
import static io.jrec.models.ModelFiles.headerLength;
import static io.jrec.models.ModelFiles.indexOf;
import static io.jrec.models.ModelFiles.ints;
import static io.jrec.models.ModelFiles.resealChecksum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The early-stopping top-N walk of item-KNN ({@link ThresholdTopN}) against the dense path: the same
 * lists (items, order, scores bit for bit) on a hand-computed case, on random data with ties, every
 * filter kind and n beyond the reach, after updates and after a save; and the property it exists for:
 * on a planted star (one bestseller among the neighbours of every product) a query meets a number of
 * items bounded by n, not by the catalogue.
 */
class ItemKnnThresholdTest {

    /**
     * Items A=1, B=2, C=3, D=4 bought (value 1) by u1 {A,B}, u2 {A,B,C}, u3 {B,C}, u4 {C,D}, u5 {A,D}:
     * |A| = |B| = |C| = 3, |D| = 2; cosine sim(A,B) = sim(B,C) = 2/3, sim(A,C) = 1/3,
     * sim(A,D) = sim(C,D) = 1/sqrt(6) = 0.4082, sim(B,D) = 0. With k = 2 (ties by lower index):
     * N(A) = {B, D}, N(B) = {A, C}, N(C) = {B, D}, N(D) = {A, C}.
     */
    @Test
    void handComputedScores() {
        RatingMatrix m = RatingMatrix.builder()
                .add(11, 1, 1).add(11, 2, 1)
                .add(12, 1, 1).add(12, 2, 1).add(12, 3, 1)
                .add(13, 2, 1).add(13, 3, 1)
                .add(14, 3, 1).add(14, 4, 1)
                .add(15, 1, 1).add(15, 4, 1)
                .build();
        ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(2)
                .implicit(true).centering(Centering.NONE).build().fit(m);
        double third = 1.0 / 3;
        double d = 1 / Math.sqrt(6);
        // u1 {A, B}: C <- B (2/3); D <- A (0.408); A <- B (2/3), B <- A (2/3) when seen items may return
        assertList(knn.topNThreshold(11, 10, ItemFilter.excludeSeen()), new long[] {3, 4}, 2 * third, d);
        assertList(knn.topNThreshold(11, 10, ItemFilter.none()), new long[] {1, 2, 3, 4},
                2 * third, 2 * third, 2 * third, d);
        // u2 {A, B, C}: D <- A + C = 2 / sqrt(6)
        assertList(knn.topNThreshold(12, 10, ItemFilter.excludeSeen()), new long[] {4}, 2 * d);
        // u5 {A, D}: B <- A (2/3); C <- D (0.408)
        assertList(knn.topNThreshold(15, 1, ItemFilter.excludeSeen()), new long[] {2}, 2 * third);
        assertList(knn.topNThreshold(15, 10, ItemFilter.excludeSeen()), new long[] {2, 3}, 2 * third, d);
        for (long user = 11; user <= 15; user++) {
            for (int n = 0; n <= 5; n++) {
                for (ItemFilter f : new ItemFilter[] {ItemFilter.excludeSeen(), ItemFilter.none()}) {
                    assertEquals(knn.topNScoringAll(user, n, f), knn.topNThreshold(user, n, f));
                }
            }
        }
    }

    private static void assertList(Recommendations r, long[] ids, double... scores) {
        assertArrayEquals(ids, r.itemIds(), r.toString());
        for (int k = 0; k < scores.length; k++) {
            assertEquals(scores[k], r.get(k).score(), 1e-6, r.toString());
        }
    }

    /**
     * Random data: skewed popularity (so ties and bestsellers), explicit values from -3 to 7 (zero and
     * negative weights) or implicit, several measures, k and model sizes, minimum similarities; every
     * user, every filter kind, n from 0 to beyond every reach. The walk, the dispatching {@code topN}
     * and the dense path give equal lists (ids, order, scores as doubles: bit for bit).
     */
    @Test
    void equalsTheDensePathOnRandomData() {
        Similarity[] measures = {Similarity.cosine(), Similarity.jaccard(), Similarity.pearson()};
        int walks = 0;
        for (int seed = 0; seed < 24; seed++) {
            Random rnd = new Random(seed);
            boolean implicit = seed % 2 == 0;
            RatingMatrix m = random(rnd, 60 + rnd.nextInt(400), 80 + rnd.nextInt(120), !implicit && seed % 4 == 1);
            int k = new int[] {1, 3, 10, 50}[seed % 4];
            ItemKnnRecommender.Builder b = ItemKnnRecommender.builder()
                    .similarity(measures[seed % 3]).neighbors(k).implicit(implicit).centering(Centering.NONE);
            if (seed % 3 == 1) {
                b.modelSize(k + seed % 5);
            }
            if (seed % 5 == 2) {
                b.minSimilarity(0.1);
            }
            ItemKnnRecommender knn = b.build().fit(m);
            walks += assertAllPathsEqual(knn, m, rnd);
        }
        assertTrue(walks > 10_000, walks + " walks");
    }

    /** After {@code update} and after a save and load the walk still equals the dense path. */
    @Test
    void equalsTheDensePathAfterUpdateAndLoad() throws IOException {
        Random rnd = new Random(77);
        RatingMatrix m = random(rnd, 300, 150, false);
        ItemKnnRecommender knn = ItemKnnRecommender.builder().neighbors(10).implicit(true)
                .centering(Centering.NONE).build().fit(m);
        RatingMatrix batch = RatingMatrix.builder().add(10_000L, 500L + 3, 1).add(10_001L, 500L + 17, 1)
                .add(20_000L, 500L + 3, 1).add(20_000L, 500L + 9_999, 1).build();
        ItemKnnRecommender updated = knn.update(batch);
        assertAllPathsEqual(updated, updated.trainingData(), rnd);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.save(updated, bytes);
        ItemKnnRecommender loaded = (ItemKnnRecommender) ModelIO.load(new ByteArrayInputStream(bytes.toByteArray()));
        assertAllPathsEqual(loaded, loaded.trainingData(), rnd);
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            assertEquals(updated.topN(user, 10), loaded.topN(user, 10));
        }
    }

    /**
     * Walks that meet thousands of items (the walk's item table grows several times) and users with more
     * lists than the table marks per item (56): 3,000 items, users with up to 150 items; k = 50, where
     * most items rescored are scored from the terms read (their Bloom filters rule out the other lists),
     * and k = 210, which has no filters and reads every row.
     */
    @Test
    void equalsTheDensePathOnLongWalks() {
        Random rnd = new Random(31);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 600; u++) {
            int n = u % 10 == 0 ? 60 + rnd.nextInt(90) : 1 + rnd.nextInt(20);
            for (int k = 0; k < n; k++) {
                b.add(10_000L + u, 500L + (int) (3_000 * Math.pow(rnd.nextDouble(), 1.5)), 1 + rnd.nextInt(5));
            }
        }
        RatingMatrix m = b.build();
        for (int k : new int[] {50, 210}) {
            ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(k)
                    .implicit(true).centering(Centering.NONE).build().fit(m);
            int mostMet = 0;
            int manyLists = 0;
            long scored = 0;
            long rows = 0;
            for (int u = 0; u < m.userCount(); u++) {
                long user = m.users().idAt(u);
                manyLists += m.userRatingCount(u) > WalkItems.MARKED_LISTS ? 1 : 0;
                for (ItemFilter f : new ItemFilter[] {ItemFilter.excludeSeen(), ItemFilter.none(),
                        ItemFilter.builder().require(id -> id % 3 != 0).build()}) {
                    for (int n : new int[] {1, 10, 300}) {
                        Recommendations walked = knn.topNThreshold(user, n, f);
                        mostMet = Math.max(mostMet, knn.threshold.metInLastWalk());
                        scored += knn.threshold.scoredInLastWalk();
                        rows += knn.threshold.rowsReadInLastWalk();
                        assertEquals(knn.topNScoringAll(user, n, f), walked, "user " + user + ", n " + n + ", " + f);
                    }
                }
            }
            assertTrue(mostMet > 2_000, "most items met in one walk: " + mostMet);
            assertTrue(manyLists > 20, manyLists + " users with more than 56 lists");
            if (k == 50) {
                assertTrue(rows < scored / 3, rows + " rows read for " + scored + " items scored");
            } else {
                assertTrue(rows >= scored, rows + " rows read for " + scored + " items scored");
            }
        }
    }

    /** Every user of {@code m}, every filter kind and several n: walk = topN = dense. Returns the walks. */
    private static int assertAllPathsEqual(ItemKnnRecommender knn, RatingMatrix m, Random rnd) {
        long someItem = m.items().idAt(rnd.nextInt(m.itemCount()));
        long[] allow = new long[1 + m.itemCount() / 4];
        for (int a = 0; a < allow.length; a++) {
            allow[a] = m.items().idAt(rnd.nextInt(m.itemCount()));
        }
        ItemFilter[] filters = {
                ItemFilter.excludeSeen(), ItemFilter.none(),
                ItemFilter.builder().deny(someItem).require(id -> id % 3 != 0).build(),
                ItemFilter.builder().excludeSeen(false).require(id -> id % 2 == 0).build(),
                ItemFilter.allowOnly(allow),
                ItemFilter.builder().excludeSeen(false).allow(allow).build(),
        };
        int walks = 0;
        for (int u = 0; u < m.userCount(); u++) {
            if (m.userRatingCount(u) == 0) {
                continue;
            }
            long user = m.users().idAt(u);
            for (ItemFilter f : filters) {
                for (int n : new int[] {0, 1, 2, 3, 7, 10, 40, 100_000}) {
                    Recommendations dense = knn.topNScoringAll(user, n, f);
                    String what = knn.name() + ", user " + user + ", n " + n + ", " + f;
                    Recommendations walked = knn.topNThreshold(user, n, f);
                    if (walked != null) {   // null: a weight <= 0
                        assertEquals(dense, walked, what);
                        walks++;
                    }
                    if (f.hasAllowList()) {
                        assertEquals(dense, knn.threshold.allowed(u, n, f, knn.name()), what);
                    }
                    assertEquals(dense, knn.topN(user, n, f), what);
                    assertEquals(dense, knn.topNWithoutWalk(user, n, f), what);
                }
            }
        }
        return walks;
    }

    /**
     * {@code users} users over {@code items} items, 1-15 items each drawn with popularity skew; values
     * 1..5, or -3..7 (with zero) when {@code wide}. Duplicates keep the last value.
     */
    static RatingMatrix random(Random rnd, int items, int users, boolean wide) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < users; u++) {
            int n = 1 + rnd.nextInt(15);
            for (int k = 0; k < n; k++) {
                int item = (int) (items * Math.pow(rnd.nextDouble(), 2.5));
                double value = wide ? rnd.nextInt(11) - 3 : 1 + rnd.nextInt(5);
                b.add(10_000L + u, 500L + item, value);
            }
        }
        return b.build();
    }

    /**
     * A planted star: product 0 is bought by everyone, product i (1..size) by one customer who gives
     * product 0 the value 1 + i / size, so sim(i, 0) grows with i, products i share no customer and
     * product 0 is among the neighbours of every product. Customer i has products 0 and i; the list of
     * 0 holds every product, the list of i holds product 0 when i is among the 50 neighbours of 0
     * (i > size - 50). So a query reaches the whole catalogue, yet the walk meets the n best, i and
     * product 0 when the list of i is not empty, and what it reads between two checks of its stop rule
     * (at most n + 18, and what the last check read) or to the end of its current run (128 entries at
     * most): at most 2n + 158 items, for 500 and 5,000 products.
     */
    @Test
    void aPlantedStarMeetsABoundedNumberOfItems() {
        for (int size : new int[] {500, 5_000}) {
            RatingMatrix.Builder b = RatingMatrix.builder();
            for (int i = 1; i <= size; i++) {
                b.add(i, i, 1).add(i, 0, 1 + (double) i / size);
            }
            RatingMatrix m = b.build();
            ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50)
                    .implicit(true).centering(Centering.NONE).build().fit(m);
            for (long user : new long[] {1, size / 2, size - 3, size}) {
                int u = m.users().indexOf(user);
                assertTrue(knn.candidateWork(u) >= size, "product 0 reaches every product");
                for (int n : new int[] {1, 2, 10, 20}) {
                    Recommendations walked = knn.topNThreshold(user, n, ItemFilter.excludeSeen());
                    int met = knn.threshold.metInLastWalk();
                    int scored = knn.threshold.scoredInLastWalk();
                    int bound = 2 * n + 158;
                    assertTrue(met <= bound && scored <= met,
                            size + " products, user " + user + ", n " + n + ": met " + met + ", scored " + scored);
                    assertEquals(knn.topNScoringAll(user, n, ItemFilter.excludeSeen()), walked);
                    assertEquals(user == size ? size - 1 : size, walked.get(0).itemId(), walked.toString());
                    assertEquals(walked, knn.topN(user, n, ItemFilter.excludeSeen()));
                    if (size == 5_000) {   // topN walked too: (n + 1) * (k + 1) <= half its other paths' work
                        met = knn.threshold.metInLastWalk();
                        assertTrue(met >= 0 && met <= bound, "topN met " + met);
                    }
                }
            }
        }
    }

    /**
     * The stored top-N lists are derived data checked on load: a file whose lists hold other entries
     * than the model lists give fails with a message; the same entries in another row order load.
     */
    @Test
    void loadChecksTheStoredTopListsAgainstTheModelLists() throws IOException {
        RatingMatrix m = random(new Random(3), 40, 60, false);
        ItemKnnRecommender knn = ItemKnnRecommender.builder().neighbors(5).implicit(true).build().fit(m);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.save(knn, bytes, 1);
        byte[] good = bytes.toByteArray();
        int header = headerLength(good);
        byte[] neighbors = ints(knn.top.neighbor);
        int at = indexOf(good, neighbors, header);
        int row = 0;
        while (knn.top.start[row + 1] - knn.top.start[row] < 2) {
            row++;
        }
        int p = knn.top.start[row];

        byte[] swapped = good.clone();   // two entries of one row exchanged, similarities with them
        swapInts(swapped, at + 4 + 4 * p, at + 4 + 4 * (p + 1));
        int sims = indexOf(good, floats(knn.top.similarity), header);
        swapInts(swapped, sims + 4 + 4 * p, sims + 4 + 4 * (p + 1));
        resealChecksum(swapped, header);
        ItemKnnRecommender reordered = (ItemKnnRecommender) ModelIO.load(new ByteArrayInputStream(swapped));
        assertEquals(knn.topN(m.users().idAt(0), 10), reordered.topN(m.users().idAt(0), 10));

        byte[] bad = good.clone();      // one neighbour replaced by another valid index
        int q = at + 4 + 4 * p;
        ByteBuffer.wrap(bad, q, 4).putInt((knn.top.neighbor[p] + 1) % m.itemCount());
        resealChecksum(bad, header);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.load(new ByteArrayInputStream(bad)));
        assertTrue(e.getMessage().contains("the top-N lists are not the transposed first 5 model neighbours"),
                e.getMessage());
    }

    /**
     * A file saved by this version stores the lists in walk order: loading takes them as they are (the
     * linear check), and the check tells the transposed lists from sorted lists with any entry changed.
     */
    @Test
    void storedListsInWalkOrderAreTakenAsTheyAreAndCheckedExactly() throws IOException {
        RatingMatrix m = random(new Random(4), 50, 70, false);
        ItemKnnRecommender knn = ItemKnnRecommender.builder().neighbors(6).implicit(true).build().fit(m);
        NeighborLists top = knn.top;
        assertTrue(top.isTransposedBySimilarity(knn.model, 6));
        assertFalse(top.isTransposedBySimilarity(knn.model, 5), "a shorter prefix has fewer entries");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.save(knn, bytes, 1);
        ItemKnnRecommender loaded = (ItemKnnRecommender) ModelIO.load(new ByteArrayInputStream(bytes.toByteArray()));
        assertArrayEquals(top.start, loaded.top.start);
        assertArrayEquals(top.neighbor, loaded.top.neighbor);
        assertArrayEquals(top.similarity, loaded.top.similarity);
        for (int u = 0; u < m.userCount(); u++) {
            assertEquals(knn.topN(m.users().idAt(u), 10), loaded.topN(m.users().idAt(u), 10));
        }

        int single = 0;                 // a row with one entry: changing its similarity keeps the order
        while (top.start[single + 1] - top.start[single] != 1) {
            single++;
        }
        float[] changed = top.similarity.clone();
        changed[top.start[single]] = Math.nextUp(changed[top.start[single]]);
        assertFalse(new NeighborLists(top.start, top.neighbor, changed).isTransposedBySimilarity(knn.model, 6));
        int[] moved = top.neighbor.clone();
        moved[top.start[single]] = (moved[top.start[single]] + 1) % m.itemCount();
        assertFalse(new NeighborLists(top.start, moved, top.similarity).isTransposedBySimilarity(knn.model, 6));
    }

    private static void swapInts(byte[] b, int x, int y) {
        for (int k = 0; k < 4; k++) {
            byte t = b[x + k];
            b[x + k] = b[y + k];
            b[y + k] = t;
        }
    }
}
