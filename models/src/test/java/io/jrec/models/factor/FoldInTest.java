package io.jrec.models.factor;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.io.MovieLens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Random;

import static io.jrec.models.Fixtures.subset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fold-in of new users into a fitted {@link MatrixFactorizationRecommender}. */
class FoldInTest {
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

    /** ML-100K (measurement, skipped without the data): the users with the highest ids arrive as new customers. */
    @Test
    void movieLensFoldInVersusFullRefit() throws IOException {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        Assumptions.assumeTrue(Boolean.getBoolean("jrec.measure"), "measurement: run with -Djrec.measure=true");
        RatingMatrix all = MovieLens.ratings(dir.resolve("u.data"));
        // the users with the highest ids, about 1,000 ratings, arrive as new customers
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
}
