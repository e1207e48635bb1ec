package io.jrec.models.knn;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import io.jrec.models.baseline.BaselinePredictor;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrec.models.knn.ItemKnnRecommenderTest.assertMessage;
import static io.jrec.models.knn.ItemKnnRecommenderTest.predictions;
import static io.jrec.models.knn.ItemKnnRecommenderTest.random;
import static io.jrec.models.knn.ItemKnnRecommenderTest.topLists;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserKnnRecommenderTest {
    // the matrix of ItemKnnRecommenderTest; user rows over items (a, b, c):
    // u1 = (5, 3, 0), u2 = (4, 4, 2), u3 = (0, 1, 5)
    static final RatingMatrix TINY = ItemKnnRecommenderTest.TINY;
    static final double SIM_12 = (5 * 4 + 3 * 4) / Math.sqrt((25 + 9) * (16 + 16 + 4));  // 32/sqrt(1224) = 0.9147
    static final double SIM_13 = (3 * 1) / Math.sqrt((25 + 9) * (1 + 25));               // 3/sqrt(884)   = 0.1009
    static final double EPS = 1e-5;

    private static UserKnnRecommender.Builder cosine(int k) {
        return UserKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(k);
    }

    @Test
    void predictionFormulas() {
        // neighbours of u1 who rated c: u2 (rated 2) and u3 (rated 5)
        assertEquals((SIM_12 * 2 + SIM_13 * 5) / (SIM_12 + SIM_13),
                cosine(2).centering(Centering.NONE).build().fit(TINY).predict(1, 3), EPS);
        double mean1 = 4;
        double mean2 = 10 / 3.0;
        double mean3 = 3;
        assertEquals(mean1 + (SIM_12 * (2 - mean2) + SIM_13 * (5 - mean3)) / (SIM_12 + SIM_13),
                cosine(2).centering(Centering.MEAN).build().fit(TINY).predict(1, 3), EPS);
        // k = 1: only u2, the most similar
        assertEquals(mean1 + (2 - mean2), cosine(1).centering(Centering.MEAN).build().fit(TINY).predict(1, 3), EPS);

        BaselinePredictor b = BaselinePredictor.builder().lambdaItem(1).lambdaUser(2).build().fit(TINY);
        assertEquals(b.predict(1, 3) + (SIM_12 * (2 - b.predict(2, 3)) + SIM_13 * (5 - b.predict(3, 3))) / (SIM_12 + SIM_13),
                cosine(2).centering(Centering.BASELINE).baselineRegularization(1, 2).build().fit(TINY).predict(1, 3), EPS);

        // shrinkage 1: co-rated items n(u1, u2) = 2, n(u1, u3) = 1
        double s12 = SIM_12 * 2 / 3.0;
        double s13 = SIM_13 * 1 / 2.0;
        assertEquals((s12 * 2 + s13 * 5) / (s12 + s13),
                cosine(2).centering(Centering.NONE).shrinkage(1).build().fit(TINY).predict(1, 3), EPS);
        // minSimilarity 0.5 drops u3
        assertEquals(2, cosine(2).centering(Centering.NONE).minSimilarity(0.5).build().fit(TINY).predict(1, 3), EPS);
        assertTrue(Double.isNaN(cosine(2).centering(Centering.NONE).minSimilarity(0.99).build().fit(TINY).predict(1, 3)));
        assertEquals(mean1, cosine(2).minSimilarity(0.99).build().fit(TINY).predict(1, 3), EPS);
    }

    @Test
    void topNSumsSimilarityTimesRating() {
        Recommendations top = cosine(2).build().fit(TINY).topN(1, 5);
        assertArrayEquals(new long[] {3}, top.itemIds());
        assertEquals(SIM_12 * 2 + SIM_13 * 5, top.get(0).score(), EPS);
        assertEquals(SIM_12 * 2, cosine(1).build().fit(TINY).topN(1, 5).get(0).score(), EPS);
        assertEquals(SIM_12 + SIM_13, cosine(2).implicit(true).build().fit(TINY).topN(1, 5).get(0).score(), EPS);
    }

    @Test
    void threadsDoNotChangeTheModel() {
        RatingMatrix m = random(60, 40, 800, 3);
        UserKnnRecommender one = cosine(5).build().fit(m);
        UserKnnRecommender three = cosine(5).threads(3).build().fit(m);
        assertEquals(predictions(one, m), predictions(three, m));
        assertEquals(topLists(one, m), topLists(three, m));
    }

    @Test
    void eachSettingChangesTheOutput() {
        RatingMatrix m = random(60, 40, 800, 3);
        UserKnnRecommender base = cosine(5).build().fit(m);
        List<Double> p = predictions(base, m);
        assertNotEquals(p, predictions(cosine(5).similarity(Similarity.pearson()).build().fit(m), m));
        assertNotEquals(p, predictions(cosine(3).build().fit(m), m));
        assertNotEquals(p, predictions(cosine(5).modelSize(5).build().fit(m), m));
        assertNotEquals(p, predictions(cosine(5).minSimilarity(0.3).build().fit(m), m));
        assertNotEquals(p, predictions(cosine(5).shrinkage(5).build().fit(m), m));
        assertNotEquals(p, predictions(cosine(5).centering(Centering.BASELINE).build().fit(m), m));
        assertNotEquals(predictions(cosine(5).centering(Centering.BASELINE).build().fit(m), m),
                predictions(cosine(5).centering(Centering.BASELINE).baselineRegularization(0, 0).build().fit(m), m));
        List<List<ScoredItem>> lists = topLists(base, m);
        assertNotEquals(lists, topLists(cosine(5).implicit(true).build().fit(m), m));
    }

    @Test
    void builderRejectsBadSettings() {
        assertMessage("neighbors must be >= 1, got -3", () -> cosine(-3).build());
        assertMessage("modelSize must be >= neighbors (50), got 10", () -> UserKnnRecommender.builder().modelSize(10).build());
        assertMessage("minSimilarity must be a finite number >= 0, got NaN", () -> cosine(5).minSimilarity(Double.NaN).build());
        assertMessage("shrinkage must be a finite number >= 0, got -1.0", () -> cosine(5).shrinkage(-1).build());
        assertMessage("threads must be >= 1, got -1", () -> cosine(5).threads(-1).build());
        assertMessage("similarity must not be null; use e.g. Similarity.cosine()", () -> cosine(5).similarity(null).build());
        assertMessage("lambdaItem must be a finite number >= 0, got Infinity",
                () -> cosine(5).baselineRegularization(Double.POSITIVE_INFINITY, 1).build());
    }
}
