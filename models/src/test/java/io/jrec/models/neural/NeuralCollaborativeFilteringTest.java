package io.jrec.models.neural;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.models.nn.BinaryCrossEntropy;
import io.jrec.models.nn.GradientCheckTest;
import io.jrec.models.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuralCollaborativeFilteringTest {

    /**
     * Two taste groups: users 1..12 have items 101..110, users 21..32 have items 201..210, each user
     * missing exactly one item of their group (user u misses item (u mod 10) + 1 of it). The planted
     * answer: each user's best unseen item is the one they miss.
     */
    static RatingMatrix planted() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int group = 1; group <= 2; group++) {
            for (int u = 1; u <= 12; u++) {
                long user = (group - 1) * 20L + u;
                for (int i = 1; i <= 10; i++) {
                    if (i != missing(user)) {
                        b.add(user, group * 100L + i, 1.0);
                    }
                }
            }
        }
        return b.build();
    }

    static int missing(long user) {
        return (int) (user % 10) + 1;
    }

    /** Learning rate 0.005: dense Adam keeps moving rows between their uses, so 0.01 overshoots here. */
    static NeuralCollaborativeFiltering.Builder small() {
        return NeuralCollaborativeFiltering.builder().gmfFactors(4).mlpLayers(8, 8, 4).learningRate(0.005)
                .batchSize(32).epochs(40).seed(3).threads(1);
    }

    @Test
    void ranksThePlantedPositivesFirst() {
        NeuralCollaborativeFiltering model = small().build().fit(planted());
        for (long user : planted().users().toArray()) {
            long group = user <= 12 ? 100 : 200;
            Recommendations top = model.topN(user, 1);
            assertEquals(group + missing(user), top.get(0).itemId(), "user " + user);
            assertEquals("NeuMF", top.source());
            double inGroup = model.predict(user, group + missing(user));
            double otherGroup = model.predict(user, (300 - group) + 1);
            // the held-out item is a sampled negative in training, so its probability is small, but it is
            // still above any item of the other group
            assertTrue(inGroup < 1 && otherGroup > 0 && inGroup > otherGroup, inGroup + " vs " + otherGroup);
        }
        List<NeuralCollaborativeFiltering.Epoch> history = model.history();
        assertEquals(40, history.size());
        assertTrue(history.get(39).loss() < history.get(0).loss() / 2, "loss falls: " + history);
    }

    @Test
    void queriesFollowTheRecommenderContract() {
        NeuralCollaborativeFiltering model = small().epochs(5).build().fit(planted());
        assertTrue(Double.isNaN(model.predict(999, 101)), "unknown user");
        assertTrue(Double.isNaN(model.predict(1, 999)), "unknown item");
        Recommendations all = model.topN(1, 100);
        assertEquals(20 - 9, all.size(), "the 9 seen items are excluded");
        for (int k = 1; k < all.size(); k++) {
            assertTrue(all.get(k - 1).score() >= all.get(k).score());
        }
        // score = logit, predict = sigmoid(logit)
        assertEquals(BinaryCrossEntropy.sigmoid(all.get(0).score()), model.predict(1, all.get(0).itemId()), 1e-6);
        assertEquals("Popularity (unknown user)", model.topN(999, 3).source());
    }

    @Test
    void sameSeedSameModelWhateverTheThreadCount() {
        RatingMatrix data = planted();
        // batch 200 = four shards of 64 examples (the last one 8): 1 and 3 threads must agree bit for bit
        NeuralCollaborativeFiltering one = small().batchSize(200).epochs(4).threads(1).build().fit(data);
        NeuralCollaborativeFiltering three = small().batchSize(200).epochs(4).threads(3).build().fit(data);
        NeuralCollaborativeFiltering again = small().batchSize(200).epochs(4).threads(1).build().fit(data);
        NeuralCollaborativeFiltering other = small().batchSize(200).epochs(4).seed(4).build().fit(data);
        for (long user : data.users().toArray()) {
            double[] a = scores(one, data, user);
            assertArrayEquals(a, scores(three, data, user), "user " + user);
            assertArrayEquals(a, scores(again, data, user), "user " + user);
            assertFalse(java.util.Arrays.equals(a, scores(other, data, user)), "another seed differs");
        }
    }

    private static double[] scores(NeuralCollaborativeFiltering model, RatingMatrix data, long user) {
        long[] items = data.items().toArray();
        double[] s = new double[items.length];
        for (int k = 0; k < items.length; k++) {
            s[k] = model.predict(user, items[k]);
        }
        return s;
    }

    @Test
    void reportsProgressAndStopsEarly() {
        RatingMatrix data = planted();
        RatingMatrix.Builder held = RatingMatrix.builder();
        for (long user : data.users().toArray()) {
            held.add(user, (user <= 12 ? 100 : 200) + missing(user), 1.0);
        }
        List<String> messages = new ArrayList<>();
        NeuralCollaborativeFiltering model = small().epochs(60).validation(held.build()).earlyStopping(2).build()
                .fit(data, (stage, done, total, message) -> {
                    assertEquals("NeuMF epoch", stage);
                    assertEquals(60, total);
                    messages.add(message);
                });
        assertTrue(messages.size() < 60, "stopped early after " + messages.size() + " epochs");
        assertTrue(messages.get(0).startsWith("loss "), messages.get(0));
        assertTrue(messages.get(0).contains("validation HR@10 "), messages.get(0));
        // the kept model is the best epoch's: its HR@10 is the maximum and the model reproduces it
        List<NeuralCollaborativeFiltering.Epoch> history = model.history();
        assertEquals(messages.size() - 2, history.size(), "patience 2: best epoch then two without improvement");
        double best = history.get(history.size() - 1).validationHitRate();
        for (NeuralCollaborativeFiltering.Epoch e : history) {
            assertTrue(e.validationHitRate() <= best);
        }
        assertEquals(best, NeuMfValidation.hitRate(model, held.build(), 10), 0.0);
        assertEquals(1.0, best, 0.0, "every planted item in the top 10 of 10 candidates");
    }

    /** Central differences through the whole network: GMF product, MLP tower, output layer, four tables. */
    @Test
    void wholeNetworkGradientCheck() {
        NeuMfNetwork net = new NeuMfNetwork(3, 4, 2, new int[] {4, 3, 2}, 5, new SplittableRandom(8));
        // larger embeddings than the 0.01 default so every path carries a visible gradient
        SplittableRandom r = new SplittableRandom(9);
        for (Parameter p : net.parameters()) {
            if (p.sparse()) {
                for (int j = 0; j < p.value().length; j++) {
                    p.value()[j] = 2 * r.nextDouble() - 1;
                }
            }
        }
        int[] users = {0, 2, 1, 2, 0};
        int[] items = {3, 0, 0, 1, 3};
        double[] labels = {1, 0, 1, 0, 0};
        System.arraycopy(users, 0, net.users, 0, 5);
        System.arraycopy(items, 0, net.items, 0, 5);
        System.arraycopy(labels, 0, net.labels, 0, 5);
        DoubleSupplier loss = () -> {
            double[] z = net.forward(users, items, 5);
            double s = 0;
            for (int e = 0; e < 5; e++) {
                s += BinaryCrossEntropy.loss(z[e], labels[e]);
            }
            return s / 5;
        };
        double summed = net.accumulateGradients(5, 1.0 / 5);
        assertEquals(loss.getAsDouble() * 5, summed, 1e-12);
        for (Parameter p : net.parameters()) {
            GradientCheckTest.check(p.name(), p.value(), p.gradient().clone(), loss);
        }
    }

    @Test
    void builderValidationMessages() {
        assertMessage("gmfFactors must be >= 1, got 0", () -> NeuralCollaborativeFiltering.builder().gmfFactors(0).build());
        assertMessage("mlpLayers needs an input width and at least one layer, got [64]",
                () -> NeuralCollaborativeFiltering.builder().mlpLayers(64).build());
        assertMessage("mlpLayers must all be >= 1, got [64, 0]",
                () -> NeuralCollaborativeFiltering.builder().mlpLayers(64, 0).build());
        assertMessage("mlpLayers[0] (two concatenated embeddings) must be even, got 63",
                () -> NeuralCollaborativeFiltering.builder().mlpLayers(63, 8).build());
        assertMessage("negatives must be >= 1, got 0", () -> NeuralCollaborativeFiltering.builder().negatives(0).build());
        assertMessage("learningRate must be a finite number > 0, got -0.1",
                () -> NeuralCollaborativeFiltering.builder().learningRate(-0.1).build());
        assertMessage("l2 must be a finite number >= 0, got NaN",
                () -> NeuralCollaborativeFiltering.builder().l2(Double.NaN).build());
        assertMessage("batchSize must be >= 1, got 0", () -> NeuralCollaborativeFiltering.builder().batchSize(0).build());
        assertMessage("epochs must be >= 1, got 0", () -> NeuralCollaborativeFiltering.builder().epochs(0).build());
        assertMessage("threads must be >= 1, got 0", () -> NeuralCollaborativeFiltering.builder().threads(0).build());
        assertMessage("earlyStopping patience must be >= 0, got -1",
                () -> NeuralCollaborativeFiltering.builder().earlyStopping(-1).build());
        assertMessage("earlyStopping(3) needs a validation set",
                () -> NeuralCollaborativeFiltering.builder().earlyStopping(3).build());
        assertMessage("NeuMF needs at least one interaction, the training matrix is empty",
                () -> NeuralCollaborativeFiltering.builder().build().fit(RatingMatrix.builder().build()));
    }

    @Test
    void nameStatesTheSettings() {
        assertEquals("NeuMF(gmf=8, mlp=64-32-16-8, neg=4, epochs=20)", NeuralCollaborativeFiltering.builder().build().name());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, action).getMessage());
    }
}
