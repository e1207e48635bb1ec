package io.jrec.models;

import io.jrec.core.RatingMatrix;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.models.graph.Rp3betaRecommender;
import io.jrec.models.linear.SparseEaseRecommender;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RP3beta and sparse EASE on MovieLens 100K u1 (skipped when the data is absent), top-10 protocol of
 * the README: all unseen items ranked, relevant = test rating >= 4, 456 users. Each model's setting is
 * chosen on a validation split of u1.base (20% of every user's ratings, seed 42), never on u1.test; the
 * grids' other settings (RP3beta alpha 0.8 and k 200; sparse EASE k 100 and support 200) come from a
 * wider validation grid recorded in the README.
 */
class GraphAndSparseEaseMovieLensTest {
    static RatingMatrix base;
    static RatingMatrix test;
    static Split validation;

    @BeforeAll
    static void load() {
        Assumptions.assumeTrue(Ml100k.available(), "MovieLens 100K not found at " + Ml100k.dir() + "; skipping");
        base = Ml100k.read(Ml100k.dir().resolve("u1.base"));
        test = Ml100k.read(Ml100k.dir().resolve("u1.test"));
        validation = Splits.holdout(base, 0.2, 42);
    }

    private static double validationNdcg(io.jrec.core.Algorithm algorithm) {
        return Protocols.topN(algorithm.fit(Ml100k.binary(validation.train())), validation.test(), 4, 10)[1];
    }

    @Test
    void rp3betaWithBetaFromValidationBeatsItemKnnCosine() {
        double bestBeta = -1;
        double best = -1;
        for (double beta : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
            double ndcg = validationNdcg(Rp3betaRecommender.builder().alpha(0.8).beta(beta).neighbors(200).threads(2).build());
            if (ndcg > best) {
                best = ndcg;
                bestBeta = beta;
            }
        }
        assertEquals(0.5, bestBeta, 1e-9, "beta chosen on validation (NDCG@10 " + best + ")");   // measured 0.2466
        double[] r = Protocols.topN(Rp3betaRecommender.builder().alpha(0.8).beta(bestBeta).neighbors(200).build()
                .fit(Ml100k.binary(base)), test, 4, 10);
        System.out.printf("RP3beta beta=%.1f u1 P@10 = %.4f NDCG@10 = %.4f%n", bestBeta, r[0], r[1]);
        assertEquals(456, (int) r[2]);
        assertTrue(r[1] > 0.3973, "above item-KNN cosine's 0.3973: " + r[1]);   // measured 0.4043 (P@10 0.3390)
    }

    @Test
    void sparseEaseWithLambdaFromValidationIsWithinOnePercentOfEase() {
        double bestLambda = -1;
        double best = -1;
        for (double lambda : new double[] {200, 300, 500}) {
            double ndcg = validationNdcg(SparseEaseRecommender.builder().lambda(lambda).neighbors(100).support(200)
                    .threads(2).build());
            if (ndcg > best) {
                best = ndcg;
                bestLambda = lambda;
            }
        }
        assertEquals(300, bestLambda, 1e-9, "lambda chosen on validation (NDCG@10 " + best + ")");   // measured 0.2579
        SparseEaseRecommender model = SparseEaseRecommender.builder().lambda(bestLambda).neighbors(100).support(200)
                .threads(2).build().fit(Ml100k.binary(base));
        double density = model.weightCount() / (double) base.itemCount() / base.itemCount();
        double[] r = Protocols.topN(model, test, 4, 10);
        System.out.printf("SparseEASE lambda=%.0f density %.3f u1 P@10 = %.4f NDCG@10 = %.4f%n", bestLambda, density,
                r[0], r[1]);
        assertTrue(density < 0.07, "density " + density);                          // 164,256 weights of 1,682^2: 0.058
        assertTrue(r[1] >= 0.443, "99% of EASE's 0.4476: " + r[1]);                // measured 0.4436 (P@10 0.3761)
    }
}
