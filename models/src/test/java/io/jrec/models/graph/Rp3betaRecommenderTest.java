package io.jrec.models.graph;

import io.jrec.core.Explanation;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.io.ModelIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Rp3betaRecommenderTest {
    // items a = 1, b = 2, c = 3 (binary):  u1: a b;  u2: a b c;  u3: b c
    // pop: a 2, b 3, c 2; row sums s: u1 2, u2 3, u3 2
    static final RatingMatrix TINY = RatingMatrix.builder()
            .add(1, 1, 1).add(1, 2, 1)
            .add(2, 1, 1).add(2, 2, 1).add(2, 3, 1)
            .add(3, 2, 1).add(3, 3, 1).build();
    static final double EPS = 1e-6;

    @Test
    void tinyWeightsByHand() {
        double beta = 0.5;
        Rp3betaRecommender m = Rp3betaRecommender.builder().alpha(1).beta(beta).build().fit(TINY);
        // W_ab = pop(a)^-1 * (1/s_u1 + 1/s_u2) * pop(b)^-beta = 1/2 * (1/2 + 1/3) * 3^-0.5
        double wab = 0.5 * (0.5 + 1.0 / 3) * Math.pow(3, -beta);
        double wac = 0.5 * (1.0 / 3) * Math.pow(2, -beta);                 // only u2 has a and c
        double wba = (1.0 / 3) * (0.5 + 1.0 / 3) * Math.pow(2, -beta);
        double wbc = (1.0 / 3) * (1.0 / 3 + 0.5) * Math.pow(2, -beta);
        Recommendations fromA = m.similarItems(1, 5);
        assertEquals(2, fromA.size());
        assertEquals(2, fromA.get(0).itemId());   // 0.2406 > 0.1179
        assertEquals(wab, fromA.get(0).score(), EPS);
        assertEquals(wac, fromA.get(1).score(), EPS);
        Recommendations fromB = m.similarItems(2, 5);   // W_ba = W_bc: tie broken by the lower index (a)
        assertEquals(1, fromB.get(0).itemId());
        assertEquals(wba, fromB.get(0).score(), EPS);
        assertEquals(wbc, fromB.get(1).score(), EPS);
        // u1 has a and b: c scores W_ac + W_bc = (1/6 + 5/18) * 2^-0.5 = 4/9 / sqrt(2) = 0.31427
        Recommendations top = m.topN(1, 5);
        assertEquals(1, top.size());
        assertEquals(3, top.get(0).itemId());
        assertEquals(4.0 / 9 / Math.sqrt(2), top.get(0).score(), EPS);
        assertEquals(top.get(0).score(), m.predict(1, 3), EPS);
        Explanation why = m.explain(1, 3);
        assertEquals(2, why.contributions().size());
        assertEquals(wbc, why.contributions().get(0).weight(), EPS);   // the larger part first
        assertEquals(wac, why.contributions().get(1).weight(), EPS);
        assertEquals(top.get(0).score(), why.score(), EPS);
    }

    @Test
    void alphaAndBetaByHand() {
        // alpha 2: W_ab = (1/2)^2 * ((1/2)^2 + (1/3)^2) * 3^-1 with beta 1
        Rp3betaRecommender m = Rp3betaRecommender.builder().alpha(2).beta(1).build().fit(TINY);
        assertEquals(0.25 * (0.25 + 1.0 / 9) / 3, m.similarItems(1, 1).get(0).score(), EPS);
        // beta 0 (P3alpha) with alpha 1: rows of W are transition probabilities over j != i
        Rp3betaRecommender p3 = Rp3betaRecommender.builder().beta(0).build().fit(TINY);
        assertEquals(0.5 * (0.5 + 1.0 / 3), p3.similarItems(1, 1).get(0).score(), EPS);
    }

    @Test
    void neighborsKeepsTheLargestWeights() {
        Rp3betaRecommender m = Rp3betaRecommender.builder().neighbors(1).build().fit(TINY);
        assertEquals(1, m.similarItems(1, 5).size());
        assertEquals(3, m.weightCount());
        assertEquals(2, m.similarItems(1, 5).get(0).itemId());
    }

    /** Random implicit data: every user 1..15 items of 300, popular items more often. */
    static RatingMatrix random(long seed, int users, int items, boolean values) {
        Random rnd = new Random(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < users; u++) {
            int n = 1 + rnd.nextInt(15);
            for (int k = 0; k < n; k++) {
                int i = (int) (items * Math.pow(rnd.nextDouble(), 2));
                b.add(u, 1000 + i, values ? 1 + rnd.nextInt(5) : 1);
            }
        }
        return b.build();
    }

    @Test
    void weightsMatchABruteForceReference() {
        for (boolean binary : new boolean[] {true, false}) {
            RatingMatrix m = random(3, 200, 300, !binary);
            double alpha = 0.8;
            double beta = 0.6;
            int k = 15;
            Rp3betaRecommender model = Rp3betaRecommender.builder().alpha(alpha).beta(beta).neighbors(k)
                    .binary(binary).build().fit(m);
            int n = m.itemCount();
            double[][] w = new double[n][n];
            for (int v = 0; v < m.userCount(); v++) {
                double s = 0;
                for (int p = 0; p < m.userRow(v).size(); p++) {
                    s += binary ? 1 : m.userRow(v).value(p);
                }
                for (int p = 0; p < m.userRow(v).size(); p++) {
                    int i = m.userRow(v).index(p);
                    for (int q = 0; q < m.userRow(v).size(); q++) {
                        int j = m.userRow(v).index(q);
                        double x = binary ? 1 : m.userRow(v).value(q);
                        w[i][j] += Math.pow(m.itemRatingCount(i), -alpha) * Math.pow(x / s, alpha)
                                * Math.pow(m.itemRatingCount(j), -beta);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                // reference top-k of row i (j != i, positive), ties by lower index
                Integer[] order = new Integer[n];
                for (int j = 0; j < n; j++) {
                    order[j] = j;
                }
                final int row = i;
                java.util.Arrays.sort(order, (x, y) -> {
                    int c = Float.compare((float) w[row][y], (float) w[row][x]);
                    return c != 0 ? c : Integer.compare(x, y);
                });
                Recommendations got = model.similarItems(m.items().idAt(i), k);
                int expected = 0;
                for (int t = 0; t < n && expected < k; t++) {
                    if (order[t] != i && w[i][order[t]] > 0) {
                        int j = order[t];
                        assertEquals(w[i][j], got.get(expected).score(), 1e-6 * w[i][j] + 1e-9, "row " + i);
                        expected++;
                    }
                }
                assertEquals(expected, got.size(), "row " + i);
            }
            // scores: sum over the user's items of x_ui W_ij, through the kept weights
            for (int u = 0; u < m.userCount(); u += 7) {
                for (var item : model.topN(m.users().idAt(u), 5)) {
                    assertEquals(model.explain(m.users().idAt(u), item.itemId()).score(), item.score(), 1e-5);
                }
            }
        }
    }

    @Test
    void sameModelForAnyThreadCountAndBothQueryPaths() {
        RatingMatrix m = random(9, 600, 2000, false);
        Rp3betaRecommender one = Rp3betaRecommender.builder().neighbors(20).threads(1).build().fit(m);
        Rp3betaRecommender three = Rp3betaRecommender.builder().neighbors(20).threads(3).build().fit(m);
        assertArrayEquals(one.start, three.start);
        assertArrayEquals(one.neighbor, three.neighbor);
        assertArrayEquals(one.weight, three.weight);
        ItemFilter[] filters = {ItemFilter.excludeSeen(), ItemFilter.none(),
                ItemFilter.builder().require(id -> id % 2 == 0).build(), ItemFilter.allowOnly(1000, 1001, 1002, 1500)};
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            for (ItemFilter f : filters) {
                assertEquals(one.topNScoringAll(user, 10, f), one.topN(user, 10, f));
            }
        }
    }

    @Test
    void savesAndLoads(@TempDir Path dir) throws Exception {
        RatingMatrix m = random(4, 100, 200, true);
        Rp3betaRecommender model = Rp3betaRecommender.builder().binary(false).beta(0.3).neighbors(10).build().fit(m);
        Path file = dir.resolve("rp3.jrec");
        ModelIO.save(model, file);
        Rp3betaRecommender loaded = ModelIO.load(file, Rp3betaRecommender.class);
        assertEquals(model.name(), loaded.name());
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            assertEquals(model.topN(user, 10), loaded.topN(user, 10));
        }
        assertEquals(model.similarItems(1000, 5), loaded.similarItems(1000, 5));
    }

    @Test
    void badSettingsAreRefusedWithAMessage() {
        assertMessage("alpha must be finite and > 0, got 0.0", () -> Rp3betaRecommender.builder().alpha(0).build());
        assertMessage("alpha must be finite and > 0, got NaN",
                () -> Rp3betaRecommender.builder().alpha(Double.NaN).build());
        assertMessage("beta must be finite and >= 0, got -0.1", () -> Rp3betaRecommender.builder().beta(-0.1).build());
        assertMessage("beta must be finite and >= 0, got Infinity",
                () -> Rp3betaRecommender.builder().beta(Double.POSITIVE_INFINITY).build());
        assertMessage("neighbors must be >= 1, got 0", () -> Rp3betaRecommender.builder().neighbors(0).build());
        assertMessage("threads must be >= 1, got 0", () -> Rp3betaRecommender.builder().threads(0).build());
        assertMessage("memoryBudget must be > 0 bytes, got 0", () -> Rp3betaRecommender.builder().memoryBudget(0).build());
        RatingMatrix negative = RatingMatrix.builder().add(1, 1, 2).add(1, 2, -1).build();
        assertMessage("RP3beta with binary(false) needs positive values; user index 0 has -1.0 (use binary(true) or"
                + " drop non-positive entries)", () -> Rp3betaRecommender.builder().binary(false).build().fit(negative));
        assertMessage("RP3beta on 3 items keeping 100 weights each (1 threads) needs about 0.0 MiB, more than the"
                        + " memory budget of 0.0 MiB; lower neighbors(k), use fewer threads or raise memoryBudget(bytes)"
                        + " with the heap (-Xmx)",
                () -> Rp3betaRecommender.builder().memoryBudget(10).build().fit(TINY));
    }

    @Test
    void guardRefusesBeforeAllocating() {
        long need = Rp3betaRecommender.estimateFitBytes(1_000_000, 10_000_000, 100, 2);
        assertTrue(need > 1_600_000_000L, "2 x 8 B x 10^8 weights");
        RatingMatrix m = random(1, 50, 40, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rp3betaRecommender.builder().neighbors(30).memoryBudget(1000).build().fit(m));
        assertTrue(e.getMessage().contains("more than the memory budget"), e.getMessage());
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
