package io.jrec.models.factor;

import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import io.jrec.models.Protocols;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixFactorizationRecommenderTest {

    /** r(u,i) = 3 + p_u·q_i with rank-2 factors; about 70% of entries observed, the rest held out. */
    private static RatingMatrix[] planted(long seed) {
        return planted(seed, 0.7, 0);
    }

    /** As above with a given observed fraction and N(0, noise²) added to the observed training values. */
    private static RatingMatrix[] planted(long seed, double observed, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 80;
        int items = 50;
        double[][] p = new double[users][2];
        double[][] q = new double[items][2];
        for (double[] row : p) {
            row[0] = random.nextGaussian() * 0.8;
            row[1] = random.nextGaussian() * 0.8;
        }
        for (double[] row : q) {
            row[0] = random.nextGaussian() * 0.8;
            row[1] = random.nextGaussian() * 0.8;
        }
        RatingMatrix.Builder train = RatingMatrix.builder();
        RatingMatrix.Builder test = RatingMatrix.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double r = 3 + p[u][0] * q[i][0] + p[u][1] * q[i][1];
                if (random.nextDouble() < observed) {
                    train.add(u, i, r + noise * random.nextGaussian());
                } else {
                    test.add(u, i, r);
                }
            }
        }
        return new RatingMatrix[] {train.build(), test.build()};
    }

    private static MatrixFactorizationRecommender.Builder small() {
        return MatrixFactorizationRecommender.builder().factors(3).learningRate(0.02).epochs(150)
                .biasRegularization(0).factorRegularization(0.001).initStd(0.1).seed(1);
    }

    @Test
    void recoversPlantedLowRankMatrix() {
        RatingMatrix[] data = planted(3);
        MatrixFactorizationRecommender mf = small().build().fit(data[0]);
        double rmse = Protocols.rmse(mf, data[1], data[0].globalMean());
        assertTrue(rmse < 0.05, "held-out RMSE " + rmse);
        assertEquals(150, mf.epochsTrained());
    }

    @Test
    void svdPlusPlusAlsoRecoversPlantedMatrix() {
        RatingMatrix[] data = planted(4);
        MatrixFactorizationRecommender mf = small().implicitFeedback(true).build().fit(data[0]);
        double rmse = Protocols.rmse(mf, data[1], data[0].globalMean());
        assertTrue(rmse < 0.05, "held-out RMSE " + rmse);
    }

    @Test
    void oneSgdStepByHand() {
        // one rating r = 4, f = 1, initStd 0 so p = q = 0: mu = 4, error 0 -> nothing moves.
        // Two ratings of one user: 5 (item a) and 3 (item b); mu = 4.
        // Whichever comes first: e = ±1, b_u += 0.1 * e, b_i += 0.1 * e; the second sees b_u = ±0.1.
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 5).add(1, 20, 3).build();
        MatrixFactorizationRecommender mf = MatrixFactorizationRecommender.builder().factors(1).initStd(0)
                .learningRate(0.1).biasRegularization(0).factorRegularization(0).epochs(1).build().fit(m);
        double a = mf.predict(1, 10);
        double b = mf.predict(1, 20);
        // order (a, b): after a: b_u = 0.1, b_a = 0.1; b: e = 3 - (4 + 0.1) = -1.1 -> b_u = -0.01, b_b = -0.11
        //   predictions: a = 4 - 0.01 + 0.1 = 4.09, b = 4 - 0.01 - 0.11 = 3.88
        // order (b, a): after b: b_u = -0.1, b_b = -0.1; a: e = 5 - 3.9 = 1.1 -> b_u = 0.01, b_a = 0.11
        //   predictions: a = 4.12, b = 3.91
        boolean ab = Math.abs(a - 4.09) < 1e-6 && Math.abs(b - 3.88) < 1e-6;
        boolean ba = Math.abs(a - 4.12) < 1e-6 && Math.abs(b - 3.91) < 1e-6;
        assertTrue(ab || ba, "a=" + a + " b=" + b);
    }

    @Test
    void predictionsAreClippedToTrainingRange() {
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 5).add(2, 10, 5).add(1, 20, 1).add(2, 30, 1).build();
        MatrixFactorizationRecommender mf = MatrixFactorizationRecommender.builder().factors(2).epochs(200)
                .learningRate(0.1).build().fit(m);
        for (long u : new long[] {1, 2}) {
            for (long i : new long[] {10, 20, 30}) {
                double r = mf.predict(u, i);
                assertTrue(r >= 1 && r <= 5, "prediction " + r);
            }
        }
        assertTrue(Double.isNaN(mf.predict(1, 99)));
        assertTrue(Double.isNaN(mf.predict(99, 10)));
    }

    @Test
    void topNRanksUnseenItemsByUnclippedPrediction() {
        RatingMatrix[] data = planted(5);
        RatingMatrix train = data[0];
        MatrixFactorizationRecommender mf = small().epochs(20).build().fit(train);
        long user = 7;
        int u = train.users().indexOf(user);
        Recommendations all = mf.topN(user, train.itemCount());
        assertEquals(train.itemCount() - train.userRatingCount(u), all.size(), "every unseen item, no seen item");
        double lo = 1e9;
        double hi = -1e9;
        for (int k = 0; k < train.size(); k++) {
            lo = Math.min(lo, train.byUser().value(k));
            hi = Math.max(hi, train.byUser().value(k));
        }
        for (int r = 0; r < all.size(); r++) {
            ScoredItem s = all.get(r);
            assertFalse(train.userRow(u).contains(train.items().indexOf(s.itemId())), "seen item recommended");
            assertEquals(Math.min(hi, Math.max(lo, s.score())), mf.predict(user, s.itemId()), 1e-5);
            if (r > 0) {
                assertTrue(all.get(r - 1).score() >= s.score(), "descending scores");
            }
        }
        assertEquals(all.subList(0, 5), mf.topN(user, 5));
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        RatingMatrix m = planted(6)[0];
        MatrixFactorizationRecommender a = small().epochs(5).build().fit(m);
        MatrixFactorizationRecommender b = small().epochs(5).build().fit(m);
        MatrixFactorizationRecommender c = small().epochs(5).seed(2).build().fit(m);
        assertArrayEquals(a.userFactors(), b.userFactors());
        assertArrayEquals(a.itemFactors(), b.itemFactors());
        assertFalse(java.util.Arrays.equals(a.userFactors(), c.userFactors()));
    }

    @Test
    void reportsEveryEpoch() {
        List<String> calls = new ArrayList<>();
        ProgressListener listener = (stage, done, total, message) -> calls.add(stage + " " + done + "/" + total + " " + message);
        small().epochs(4).build().fit(planted(7)[0], listener);
        assertEquals(4, calls.size());
        for (int e = 0; e < 4; e++) {
            assertTrue(calls.get(e).startsWith("epoch " + (e + 1) + "/4 train RMSE "), calls.get(e));
            assertTrue(calls.get(e).endsWith(" ms"), calls.get(e));
        }
    }

    @Test
    void validationRmseIsReportedAndEarlyStoppingKeepsTheBestEpoch() {
        RatingMatrix[] data = planted(8, 0.3, 0.5);
        List<Double> validation = new ArrayList<>();
        ProgressListener listener = (stage, done, total, message) -> {
            int at = message.indexOf("validation RMSE ");
            validation.add(Double.parseDouble(message.substring(at + 16, message.indexOf(',', at))));
        };
        // a large learning rate without regularisation overfits after a few epochs
        MatrixFactorizationRecommender mf = MatrixFactorizationRecommender.builder().factors(20).learningRate(0.05)
                .factorRegularization(0).biasRegularization(0).epochs(200).earlyStoppingPatience(3).seed(1)
                .build().fit(data[0], data[1], listener);
        int best = 0;
        for (int e = 1; e < validation.size(); e++) {
            if (validation.get(e) < validation.get(best)) {
                best = e;
            }
        }
        assertTrue(validation.size() < 200, "stopped early after " + validation.size() + " epochs");
        assertEquals(validation.size(), best + 1 + 3);
        assertEquals(best + 1, mf.epochsTrained());
        assertEquals(validation.get(best), Protocols.rmse(mf, data[1], data[0].globalMean()), 1e-3);
    }

    @Test
    void everyHyperParameterChangesTheModel() {
        RatingMatrix m = planted(9)[0];
        MatrixFactorizationRecommender base = small().epochs(5).build().fit(m);
        List<UnaryOperator<MatrixFactorizationRecommender.Builder>> changes = List.of(
                b -> b.factors(4),
                b -> b.learningRate(0.03),
                b -> b.learningRateDecay(0.5),
                b -> b.biasRegularization(0.5),
                b -> b.factorRegularization(0.5),
                b -> b.epochs(6),
                b -> b.seed(99),
                b -> b.initStd(0.2),
                b -> b.implicitFeedback(true));
        for (int k = 0; k < changes.size(); k++) {
            MatrixFactorizationRecommender other = changes.get(k).apply(small().epochs(5)).build().fit(m);
            assertTrue(Math.abs(other.predict(3, 4) - base.predict(3, 4)) > 1e-6, "change " + k + " had no effect");
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertMessage("factors must be >= 1, got 0", () -> MatrixFactorizationRecommender.builder().factors(0).build());
        assertMessage("learningRate must be a finite number > 0, got -0.1",
                () -> MatrixFactorizationRecommender.builder().learningRate(-0.1).build());
        assertMessage("learningRate must be a finite number > 0, got NaN",
                () -> MatrixFactorizationRecommender.builder().learningRate(Double.NaN).build());
        assertMessage("learningRateDecay must be in (0, 1], got 1.5",
                () -> MatrixFactorizationRecommender.builder().learningRateDecay(1.5).build());
        assertMessage("biasRegularization must be a finite number >= 0, got -1.0",
                () -> MatrixFactorizationRecommender.builder().biasRegularization(-1).build());
        assertMessage("factorRegularization must be a finite number >= 0, got Infinity",
                () -> MatrixFactorizationRecommender.builder().factorRegularization(Double.POSITIVE_INFINITY).build());
        assertMessage("epochs must be >= 1, got 0", () -> MatrixFactorizationRecommender.builder().epochs(0).build());
        assertMessage("initStd must be a finite number >= 0, got -0.5",
                () -> MatrixFactorizationRecommender.builder().initStd(-0.5).build());
        assertMessage("earlyStoppingPatience must be >= 0, got -1",
                () -> MatrixFactorizationRecommender.builder().earlyStoppingPatience(-1).build());
        assertMessage("cannot fit matrix factorisation on an empty rating matrix",
                () -> MatrixFactorizationRecommender.builder().build().fit(RatingMatrix.builder().build()));
        RatingMatrix three = RatingMatrix.builder().add(1, 1, 3).add(2, 2, 4).add(3, 3, 5).build();
        assertMessage("user factors: 3 x 1000000000 factors exceed one Java array; use fewer factors",
                () -> MatrixFactorizationRecommender.builder().factors(1_000_000_000).build().fit(three));
        RatingMatrix train = RatingMatrix.builder().add(1, 1, 3).build();
        RatingMatrix disjoint = RatingMatrix.builder().add(2, 2, 3).build();
        assertMessage("the validation matrix (RatingMatrix[1 users x 1 items, 1 ratings]) has no rating whose user"
                        + " and item are in the training matrix",
                () -> MatrixFactorizationRecommender.builder().build().fit(train, disjoint, ProgressListener.NONE));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
