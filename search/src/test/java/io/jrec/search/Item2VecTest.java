package io.jrec.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Item2VecTest {

    @Test
    void stepFollowsTheGradientOfTheLossFiniteDifferences() {
        int d = 4;
        int items = 6;
        Random random = new Random(3);
        float[] in = new float[items * d];
        float[] out = new float[items * d];
        for (int k = 0; k < in.length; k++) {
            in[k] = (float) random.nextGaussian() * 0.5f;
            out[k] = (float) random.nextGaussian() * 0.5f;
        }
        int centre = 0;
        int context = 1;
        int[] negs = {2, 3, 4};
        float lr = 1e-2f;
        float[] in2 = in.clone();
        float[] out2 = out.clone();
        Item2Vec.step(in2, out2, d, centre, context, negs, lr, new float[d]);
        double eps = 1e-3;
        int checked = 0;
        for (int which = 0; which < 2; which++) {
            float[] params = which == 0 ? in : out;
            float[] after = which == 0 ? in2 : out2;
            for (int k = 0; k < params.length; k++) {
                float saved = params[k];
                params[k] = (float) (saved + eps);
                double up = Item2Vec.loss(in, out, d, centre, context, negs);
                params[k] = (float) (saved - eps);
                double down = Item2Vec.loss(in, out, d, centre, context, negs);
                params[k] = saved;
                double numeric = (up - down) / (2 * eps);
                double analytic = -(after[k] - saved) / lr;   // the step moved by -lr * gradient
                assertEquals(numeric, analytic, 1e-3 + 1e-3 * Math.abs(numeric), (which == 0 ? "in" : "out") + "[" + k + "]");
                if (numeric != 0) {
                    checked++;
                }
            }
        }
        // v_centre, u_context and three u_negatives, 4 components each
        assertEquals(5 * d, checked);
        assertTrue(Item2Vec.loss(in2, out2, d, centre, context, negs) < Item2Vec.loss(in, out, d, centre, context, negs));
    }

    /** 8 groups of 15 items; each sequence walks within one group. */
    static ItemSequences planted(int sequences, long seed) {
        Random random = new Random(seed);
        ItemSequences.Builder b = ItemSequences.builder();
        for (int s = 0; s < sequences; s++) {
            int group = random.nextInt(8);
            long[] seq = new long[8];
            for (int p = 0; p < seq.length; p++) {
                seq[p] = 1000 + group * 100 + random.nextInt(15);
            }
            b.add(seq);
        }
        return b.build();
    }

    private static double groupPrecision(ItemEmbeddings e) {
        int hits = 0;
        int total = 0;
        for (int g = 0; g < 8; g++) {
            for (int k = 0; k < 15; k++) {
                long id = 1000 + g * 100 + k;
                for (ScoredItem s : e.similarItems(id, 10)) {
                    hits += (s.itemId() - 1000) / 100 == g ? 1 : 0;
                    total++;
                }
            }
        }
        return (double) hits / total;
    }

    @Test
    void plantedGroupsAreRecoveredWithOneAndTwoThreads() {
        ItemSequences data = planted(3_000, 11);
        Item2Vec.Builder settings = Item2Vec.builder().dimension(16).window(3).negatives(5).epochs(3).seed(5);
        ItemEmbeddings single = settings.threads(1).build().fit(data);
        double one = groupPrecision(single);
        // next items (input . output vectors) stay in the group too
        int same = 0;
        for (ScoredItem s : single.nextItems(1000L, 10)) {
            same += (s.itemId() - 1000) / 100 == 0 ? 1 : 0;
        }
        assertTrue(same >= 9, "next items of 1000 in its group: " + same);
        assertEquals(single.vectors().ids(), single.contextVectors().ids());
        double two = groupPrecision(settings.threads(2).build().fit(data));
        // chance is 14/119 = 0.12
        assertTrue(one > 0.95, "1 thread: " + one);
        assertTrue(two > 0.95, "2 threads: " + two);
    }

    @Test
    void sameSeedAndThreadCountGiveTheSameVectors() {
        ItemSequences data = planted(600, 2);
        for (int threads = 1; threads <= 3; threads++) {
            Item2Vec algo = Item2Vec.builder().dimension(8).epochs(2).threads(threads).roundSize(16).build();
            assertArrayEquals(algo.fit(data).vectors().toArray(), algo.fit(data).vectors().toArray(), "threads " + threads);
        }
        float[] a = Item2Vec.builder().dimension(8).epochs(2).seed(1).build().fit(data).vectors().toArray();
        float[] b = Item2Vec.builder().dimension(8).epochs(2).seed(2).build().fit(data).vectors().toArray();
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void eachSettingChangesTheResult() {
        ItemSequences data = planted(300, 4);
        float[] base = Item2Vec.builder().dimension(8).epochs(1).build().fit(data).vectors().toArray();
        Item2Vec.Builder[] variants = {
            Item2Vec.builder().dimension(8).epochs(1).window(2),
            Item2Vec.builder().dimension(8).epochs(1).negatives(2),
            Item2Vec.builder().dimension(8).epochs(2),
            Item2Vec.builder().dimension(8).epochs(1).learningRate(0.05),
            Item2Vec.builder().dimension(8).epochs(1).subsample(0),
        };
        for (Item2Vec.Builder v : variants) {
            assertFalse(java.util.Arrays.equals(base, v.build().fit(data).vectors().toArray()), v.build().toString());
        }
        assertEquals(4, Item2Vec.builder().dimension(4).epochs(1).build().fit(data).dimension());
    }

    @Test
    void minCountLeavesRareItemsOutAndBadSettingsSayWhich() {
        ItemSequences data = ItemSequences.builder().add(1, 2, 3).add(1, 2).add(1, 4).build();
        ItemEmbeddings e = Item2Vec.builder().dimension(4).minCount(2).build().fit(data);
        assertEquals(2, e.vectors().size());
        Recommendations unknown = e.similarItems(3L, 5);
        assertEquals(0, unknown.size());
        assertTrue(unknown.source().contains("unknown item 3"), unknown.source());
        assertEquals(java.util.List.of(2L), java.util.Arrays.stream(e.similarItems(1L, 5).itemIds()).boxed().toList());
        assertEquals("no item occurs at least minCount = 9 times in ItemSequences[3 sequences, 7 entries, 4 items];"
                        + " lower minCount or give more sequences",
                assertThrows(IllegalArgumentException.class,
                        () -> Item2Vec.builder().minCount(9).build().fit(data)).getMessage());
        assertEquals("dimension must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Item2Vec.builder().dimension(0)).getMessage());
        assertEquals("threads must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Item2Vec.builder().threads(0)).getMessage());
        assertEquals("learning rate must be > 0 and finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Item2Vec.builder().learningRate(Double.NaN)).getMessage());
        assertEquals("subsample must be >= 0 and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Item2Vec.builder().subsample(-1)).getMessage());
        assertEquals("n must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> e.similarItems(1L, -1)).getMessage());
    }

    @Test
    void sequencesByTimeFollowTimestamps() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1, 10, 1, 300).add(1, 20, 1, 100).add(1, 30, 1, 200)
                .add(2, 30, 1, 5).add(2, 10, 1, 5)
                .build();
        ItemSequences s = ItemSequences.byTime(m);
        assertEquals(2, s.size());
        long[] first = new long[s.length(0)];
        for (int p = 0; p < first.length; p++) {
            first[p] = s.items().idAt(s.item(0, p));
        }
        assertArrayEquals(new long[] {20, 30, 10}, first);
        // equal timestamps: ascending item
        assertEquals(10L, s.items().idAt(s.item(1, 0)));
        assertEquals(30L, s.items().idAt(s.item(1, 1)));
    }
}
