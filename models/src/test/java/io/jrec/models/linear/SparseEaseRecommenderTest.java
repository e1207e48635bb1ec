package io.jrec.models.linear;

import io.jrec.core.Explanation;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelIO;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseEaseRecommenderTest {
    // items a = 1, b = 2, c = 3 (binary):  u1: a b;  u2: a b c;  u3: b c
    // G = XᵀX: aa 2, bb 3, cc 2, ab 2, ac 1, bc 2;  cos(a,b) = cos(b,c) = 2/sqrt(6) = 0.816 > cos(a,c) = 0.5
    static final RatingMatrix TINY = RatingMatrix.builder()
            .add(1, 1, 1).add(1, 2, 1)
            .add(2, 1, 1).add(2, 2, 1).add(2, 3, 1)
            .add(3, 2, 1).add(3, 3, 1).build();
    static final double EPS = 1e-6;

    static final int[] HUBS = {0, 1, 2, 3, SparseEaseRecommender.DEFAULT_HUBS};

    @Test
    void hubsAreTheMostPopularItemsTiesByLowerIndex() {
        // b has 3 users, a and c 2 each: b is rank 0, then a (lower index) before c
        assertArrayEquals(new int[] {1, 0, 2}, SparseEaseFit.hubRanks(TINY.byItem(), 3));
        assertArrayEquals(new int[] {1, 0, -1}, SparseEaseFit.hubRanks(TINY.byItem(), 2));
        assertArrayEquals(new int[] {-1, -1, -1}, SparseEaseFit.hubRanks(TINY.byItem(), 0));
    }

    @Test
    void oneWeightPerItemIsTheOneVariableRidgeCoefficient() {
        for (int hubs : HUBS) {
            oneWeightPerItem(SparseEaseRecommender.builder().lambda(1).neighbors(1).support(1).hubs(hubs).build()
                    .fit(TINY));
        }
    }

    private static void oneWeightPerItem(SparseEaseRecommender m) {
        // column a: support {b} -> B_ba = G_ab / (G_bb + 1) = 2/4;  column c: {b} -> B_bc = G_bc / (G_bb + 1) = 2/4
        // column b: a and c tie at 0.816, the lower index wins -> B_ab = G_ab / (G_aa + 1) = 2/3
        assertEquals(0.5, m.weight(1, 0), EPS);
        assertEquals(0.5, m.weight(1, 2), EPS);
        assertEquals(2.0 / 3, m.weight(0, 1), EPS);
        assertEquals(0, m.weight(2, 1));
        assertEquals(3, m.weightCount());
        // u3 has b and c: a scores B_ba + B_ca = 0.5 + 0
        assertEquals(0.5, m.predict(3, 1), EPS);
        assertEquals(0.5, m.topN(3, 5).get(0).score(), EPS);
        assertEquals(1, m.topN(3, 5).size());
    }

    @Test
    void fullSupportSolvesTheTwoByTwoSystems() {
        for (int hubs : HUBS) {
            fullSupport(SparseEaseRecommender.builder().lambda(1).neighbors(2).hubs(hubs).build().fit(TINY));
        }
    }

    private static void fullSupport(SparseEaseRecommender m) {
        // column c: [[G_aa+1, G_ab], [G_ab, G_bb+1]] x = [G_ac, G_bc]: [[3,2],[2,4]] x = [1,2] -> x = (0, 1/2)
        assertEquals(0, m.weight(0, 2), EPS);
        assertEquals(0.5, m.weight(1, 2), EPS);
        // column b: [[3,1],[1,3]] x = [2,2] -> x = (1/2, 1/2)
        assertEquals(0.5, m.weight(0, 1), EPS);
        assertEquals(0.5, m.weight(2, 1), EPS);
        // u1 has a and b: c scores B_ac + B_bc = 0 + 1/2, split by explain
        Explanation why = m.explain(1, 3);
        assertEquals(0.5, why.score(), EPS);
        assertEquals(2L, why.contributions().get(0).itemId());
        assertEquals(0.5, why.contributions().get(0).weight(), EPS);
    }

    @Test
    void pruningKeepsTheLargestWeightAndSolvesAgain() {
        for (int hubs : HUBS) {
            pruning(SparseEaseRecommender.builder().lambda(1).neighbors(1).support(2).hubs(hubs).build().fit(TINY));
        }
    }

    private static void pruning(SparseEaseRecommender m) {
        // column b on support {a, c}: x = (1/2, 1/2), a tie; the lower index a is kept and re-solved alone:
        // B_ab = G_ab / (G_aa + 1) = 2/3 (not the 1/2 of the two-item solution)
        assertEquals(2.0 / 3, m.weight(0, 1), EPS);
        assertEquals(0, m.weight(2, 1));
        // column c on support {a, b}: x = (0, 1/2): b is kept, B_bc = G_bc / (G_bb + 1) = 1/2
        assertEquals(0.5, m.weight(1, 2), EPS);
        assertEquals(3, m.weightCount());
    }

    /** Random data: 80 users, 1..10 of 40 items each, popular items more often; values 1..5. */
    static RatingMatrix random(long seed, int users, int items) {
        Random rnd = new Random(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < users; u++) {
            int n = 1 + rnd.nextInt(10);
            for (int k = 0; k < n; k++) {
                b.add(u, 100 + (int) (items * Math.pow(rnd.nextDouble(), 1.7)), 1 + rnd.nextInt(5));
            }
        }
        return b.build();
    }

    @Test
    void equalsDenseEaseWhenNothingIsPruned() {
        for (boolean binary : new boolean[] {true, false}) {
            RatingMatrix m = random(7, 80, 40);
            int n = m.itemCount();
            double lambda = binary ? 5 : 20;
            EaseRecommender dense = EaseRecommender.builder().lambda(lambda).binary(binary).threads(1).build().fit(m);
            for (int hubs : new int[] {0, 7, SparseEaseRecommender.DEFAULT_HUBS}) {
                equalsDense(m, dense, SparseEaseRecommender.builder().lambda(lambda).binary(binary).neighbors(n - 1)
                        .hubs(hubs).build().fit(m));
            }
        }
    }

    private static void equalsDense(RatingMatrix m, EaseRecommender dense, SparseEaseRecommender sparse) {
        int n = m.itemCount();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(dense.weight(i, j), sparse.weight(i, j), 2e-6, "B[" + i + "][" + j + "]");
            }
        }
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            for (int j = 0; j < n; j++) {
                double p = sparse.predict(user, m.items().idAt(j));
                if (!Double.isNaN(p)) {
                    assertEquals(dense.predict(user, m.items().idAt(j)), p, 1e-5);
                }
            }
        }
    }

    @Test
    void prunedWeightsMatchABruteForceReference() {
        RatingMatrix m = random(3, 300, 120);
        int n = m.itemCount();
        double lambda = 3;
        int s = 12;
        int k = 5;
        // the plain way: dense Gram of the binary matrix, Gaussian elimination on each small system
        double[][] g = new double[n][n];
        for (int u = 0; u < m.userCount(); u++) {
            for (int p = 0; p < m.userRow(u).size(); p++) {
                for (int q = 0; q < m.userRow(u).size(); q++) {
                    g[m.userRow(u).index(p)][m.userRow(u).index(q)] += 1;
                }
            }
        }
        NeighborTable cos = Neighbors.allPairs(binaryItems(m), Similarity.cosine(), s, 1);
        for (int hubs : new int[] {0, 15, SparseEaseRecommender.DEFAULT_HUBS}) {   // none, some, all items
            SparseEaseRecommender model = SparseEaseRecommender.builder().lambda(lambda).neighbors(k).support(s)
                    .hubs(hubs).build().fit(m);
            assertEquals(bruteForceWeights(g, cos, n, lambda, k, model), model.weightCount(), hubs + " hubs");
        }
    }

    /** Checks every weight of {@code model} against the plain solution; returns how many are non-zero. */
    private static int bruteForceWeights(double[][] g, NeighborTable cos, int n, double lambda, int k,
                                         SparseEaseRecommender model) {
        int stored = 0;
        for (int j = 0; j < n; j++) {
            int[] support = new int[cos.size(j)];
            for (int t = 0; t < support.length; t++) {
                support[t] = cos.neighbor(j, t);
            }
            Arrays.sort(support);
            double[] x = ridge(g, support, j, lambda);
            int[] kept = strongest(support, x, k);
            double[] c = ridge(g, kept, j, lambda);
            for (int t = 0; t < kept.length; t++) {
                assertEquals(c[t], model.weight(kept[t], j), 1e-5 * Math.max(1, Math.abs(c[t])), "B[" + kept[t] + "][" + j + "]");
                stored += (float) c[t] != 0f ? 1 : 0;
            }
        }
        return stored;
    }

    private static io.jrec.core.SparseMatrix binaryItems(RatingMatrix m) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < m.userCount(); u++) {
            for (int p = 0; p < m.userRow(u).size(); p++) {
                b.add(m.users().idAt(u), m.items().idAt(m.userRow(u).index(p)), 1);
            }
        }
        return b.build().byItem();
    }

    /** (G_SS + λI)⁻¹ G_Sj by Gaussian elimination with partial pivoting. */
    private static double[] ridge(double[][] g, int[] support, int j, double lambda) {
        int m = support.length;
        double[][] a = new double[m][m + 1];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c] = g[support[r]][support[c]] + (r == c ? lambda : 0);
            }
            a[r][m] = g[support[r]][j];
        }
        for (int c = 0; c < m; c++) {
            int pivot = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int q = c; q <= m; q++) {
                        a[r][q] -= f * a[c][q];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int r = 0; r < m; r++) {
            x[r] = a[r][m] / a[r][r];
        }
        return x;
    }

    /** The k entries of support with the largest |x| (ties: lower item index), ascending. */
    private static int[] strongest(int[] support, double[] x, int k) {
        Integer[] order = new Integer[support.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (p, q) -> {
            int c = Double.compare(Math.abs(x[q]), Math.abs(x[p]));
            return c != 0 ? c : Integer.compare(support[p], support[q]);
        });
        int[] kept = new int[Math.min(k, support.length)];
        for (int t = 0; t < kept.length; t++) {
            kept[t] = support[order[t]];
        }
        Arrays.sort(kept);
        return kept;
    }

    @Test
    void sameModelForAnyThreadCountAndBothQueryPaths() {
        RatingMatrix m = random(11, 2000, 1500);
        SparseEaseRecommender one = SparseEaseRecommender.builder().neighbors(10).support(20).lambda(5).build().fit(m);
        for (boolean binary : new boolean[] {true, false}) {
            for (int hubs : new int[] {0, 50, SparseEaseRecommender.DEFAULT_HUBS}) {   // none, some, all items
                SparseEaseRecommender.Builder b = SparseEaseRecommender.builder().neighbors(10).support(20).lambda(5)
                        .binary(binary).hubs(hubs);
                SparseEaseRecommender single = b.threads(1).build().fit(m);
                for (int threads : new int[] {2, 3, 8}) {
                    SparseEaseRecommender many = b.threads(threads).build().fit(m);
                    String what = threads + " threads, " + hubs + " hubs, binary " + binary;
                    assertArrayEquals(single.start, many.start, what);
                    assertArrayEquals(single.target, many.target, what);
                    assertArrayEquals(single.weight, many.weight, what);
                }
                if (binary) {   // exact integer Gram entries: the hub count changes nothing
                    assertArrayEquals(one.start, single.start, hubs + " hubs");
                    assertArrayEquals(one.target, single.target, hubs + " hubs");
                    assertArrayEquals(one.weight, single.weight, hubs + " hubs");
                }
            }
        }
        ItemFilter[] filters = {ItemFilter.excludeSeen(), ItemFilter.none(),
                ItemFilter.builder().require(id -> id % 2 == 0).build(), ItemFilter.allowOnly(100, 101, 102, 150, 900)};
        int sparse = 0;
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            sparse += one.candidateWork(u) <= m.itemCount() ? 1 : 0;
            for (ItemFilter f : filters) {
                assertEquals(one.topNScoringAll(user, 10, f), one.topN(user, 10, f));
            }
        }
        assertTrue(sparse > 1000, sparse + " sparse queries");
    }

    @Test
    void savesAndLoads(@TempDir Path dir) throws Exception {
        RatingMatrix m = random(4, 200, 100);
        SparseEaseRecommender model = SparseEaseRecommender.builder().binary(false).lambda(10).neighbors(6).support(9)
                .build().fit(m);
        Path file = dir.resolve("sease.jrec");
        ModelIO.save(model, file);
        SparseEaseRecommender loaded = ModelIO.load(file, SparseEaseRecommender.class);
        assertEquals(model.name(), loaded.name());
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            assertEquals(model.topN(user, 10), loaded.topN(user, 10));
        }
    }

    @Test
    void badSettingsAreRefusedWithAMessage() {
        assertMessage("lambda must be finite and > 0, got 0.0", () -> SparseEaseRecommender.builder().lambda(0).build());
        assertMessage("lambda must be finite and > 0, got Infinity",
                () -> SparseEaseRecommender.builder().lambda(Double.POSITIVE_INFINITY).build());
        assertMessage("neighbors must be >= 1, got 0", () -> SparseEaseRecommender.builder().neighbors(0).build());
        assertMessage("support must be >= neighbors (100), got 50", () -> SparseEaseRecommender.builder().support(50).build());
        assertMessage("threads must be >= 1, got -2", () -> SparseEaseRecommender.builder().threads(-2).build());
        assertMessage("hubs must be in [0, 46340], got -1", () -> SparseEaseRecommender.builder().hubs(-1).build());
        assertMessage("hubs must be in [0, 46340], got 46341", () -> SparseEaseRecommender.builder().hubs(46341).build());
        assertMessage("memoryBudget must be > 0 bytes, got -5", () -> SparseEaseRecommender.builder().memoryBudget(-5).build());
        assertMessage("SparseEASE on 3 items keeping 2 weights each from supports of 2 (3 hubs, 1 threads) needs about"
                        + " 0.0 MiB, more than the memory budget of 0.0 MiB; lower neighbors(k), support(s) or hubs(h),"
                        + " use fewer threads or raise memoryBudget(bytes) with the heap (-Xmx)",
                () -> SparseEaseRecommender.builder().memoryBudget(100).build().fit(TINY));
    }

    @Test
    void memoryGrowsWithItemsTimesKNotItemsSquared() {
        long small = SparseEaseRecommender.estimateFitBytes(1_000_000, 100_000, 10_000_000, 100, 200, 2);
        long large = SparseEaseRecommender.estimateFitBytes(1_000_000, 1_000_000, 10_000_000, 100, 200, 2);
        assertTrue(small < 2L << 30, small + " bytes for 10^5 items");
        assertTrue(large < 10 * small, "10x the items costs less than 10x the bytes: " + small + " -> " + large);
        // the hub table: 8 bytes per pair of hubs, at most items²
        assertEquals(8L * 4096 * 4096, small - SparseEaseRecommender.estimateFitBytes(1_000_000, 100_000, 10_000_000,
                100, 200, 0, 2));
        assertEquals(8L * 3 * 3 - 8L * 2 * 2, SparseEaseRecommender.estimateFitBytes(5, 3, 7, 2, 2, 9, 1)
                - SparseEaseRecommender.estimateFitBytes(5, 3, 7, 2, 2, 2, 1));
    }

    @Test
    void refusesBeforeAllocatingWhenTheEstimateExceedsTheHeapBudget() {
        RatingMatrix m = random(2, 300, 200);
        long need = SparseEaseRecommender.estimateFitBytes(m.userCount(), m.itemCount(), m.size(), 5, 10, 64, 2);
        SparseEaseRecommender.Builder b = SparseEaseRecommender.builder().neighbors(5).support(10).hubs(64).threads(2);
        assertThrows(IllegalArgumentException.class, () -> b.memoryBudget(need - 1).build().fit(m));
        assertEquals(m.itemCount(), b.memoryBudget(need).build().fit(m).trainingData().itemCount());
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
