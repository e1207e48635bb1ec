package io.jrec.similarity;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseVector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimilarityTest {
    private static final double EPS = 1e-12;

    // u = [1,0,3,1,0], v = [0,2,0,2,1]
    private static final SparseVector U = SparseVector.of(new int[]{0, 2, 3}, new float[]{1, 3, 1});
    private static final SparseVector V = SparseVector.of(new int[]{1, 3, 4}, new float[]{2, 2, 1});

    private static SparseVector vec(int[] idx, float... values) {
        return SparseVector.of(idx, values);
    }

    @Test
    void cosineHandComputed() {
        // dot = u3*v3 = 1*2 = 2; |u| = sqrt(1+9+1) = sqrt(11); |v| = sqrt(4+4+1) = 3
        // cosine = 2 / (3*sqrt(11)) = 0.20101 (not the 0.427 often quoted for this pair)
        double expected = 2 / (3 * Math.sqrt(11));
        assertEquals(expected, Similarity.cosine().between(U, V), EPS);
        assertEquals(0.20101, Similarity.cosine().between(U, V), 5e-6);
    }

    @Test
    void jaccardHandComputed() {
        // supports {0,2,3} and {1,3,4}: intersection {3} (1), union {0,1,2,3,4} (5) -> 1/5
        assertEquals(0.2, Similarity.jaccard().between(U, V), EPS);
    }

    @Test
    void weightedJaccardHandComputed() {
        // min per index: 0,0,0,min(1,2)=1,0 -> 1; max per index: 1,2,3,2,1 -> 9; 1/9
        assertEquals(1.0 / 9, Similarity.weightedJaccard().between(U, V), EPS);
    }

    @Test
    void pearsonHandComputedOverCoRatedEntries() {
        // co-rated indices 0..3: a = [5,3,4,4] mean 4; b = [3,1,2,3] mean 2.25 (b's extra entry 4=5 is ignored)
        // a - 4 = [1,-1,0,0]; b - 2.25 = [0.75,-1.25,-0.25,0.75]
        // cov = 0.75 + 1.25 + 0 + 0 = 2; sum da^2 = 2; sum db^2 = 0.5625+1.5625+0.0625+0.5625 = 2.75
        // r = 2 / sqrt(2 * 2.75) = 0.852803
        SparseVector a = vec(new int[]{0, 1, 2, 3}, 5, 3, 4, 4);
        SparseVector b = vec(new int[]{0, 1, 2, 3, 4}, 3, 1, 2, 3, 5);
        assertEquals(2 / Math.sqrt(5.5), Similarity.pearson().between(a, b), EPS);
        assertEquals(0.852803, Similarity.pearson().between(a, b), 1e-6);
    }

    @Test
    void pearsonOfUAndVIsZeroBecauseOneCoRatedEntryHasNoVariance() {
        // u and v share only index 3: one co-rated pair, zero variance on both sides -> 0, not NaN
        assertEquals(0.0, Similarity.pearson().between(U, V));
    }

    @Test
    void adjustedCosineHandComputed() {
        // means by index [2,3,4]; a = {0:3,1:5,2:4} -> centred [1,2,0]; b = {0:1,1:4} -> centred [-1,1]
        // dot = 1*(-1) + 2*1 = 1; |a| = sqrt(1+4+0) = sqrt(5); |b| = sqrt(2); 1/sqrt(10) = 0.316228
        Similarity s = Similarity.adjustedCosine(new double[]{2, 3, 4});
        SparseVector a = vec(new int[]{0, 1, 2}, 3, 5, 4);
        SparseVector b = vec(new int[]{0, 1}, 1, 4);
        assertEquals(1 / Math.sqrt(10), s.between(a, b), EPS);
    }

    @Test
    void adjustedCosineFromRatingMatrixUsesUserMeans() {
        // user 10 rates items 1:3, 2:5 (mean 4); user 20 rates 1:2, 2:4, 3:3 (mean 3)
        // item 1 centred by user: [3-4, 2-3] = [-1,-1]; item 2: [5-4, 4-3] = [1,1] -> cosine -1
        RatingMatrix m = RatingMatrix.builder().add(10, 1, 3).add(10, 2, 5)
                .add(20, 1, 2).add(20, 2, 4).add(20, 3, 3).build();
        Similarity s = Similarity.adjustedCosine(m);
        assertEquals(-1.0, s.between(m.itemColumn(0), m.itemColumn(1)), EPS);
    }

    @Test
    void shrinkageAndSignificanceWeightingHandComputed() {
        double cos = 2 / (3 * Math.sqrt(11));   // u, v co-rate n = 1 index
        // shrinkage lambda = 3: cos * 1/(1+3)
        assertEquals(cos / 4, Similarity.cosine().withShrinkage(3).between(U, V), EPS);
        // significance gamma = 5: cos * min(1,5)/5
        assertEquals(cos / 5, Similarity.cosine().withSignificanceWeighting(5).between(U, V), EPS);
        // both: cos * 1/4 * 1/5
        assertEquals(cos / 20, Similarity.cosine().withShrinkage(3).withSignificanceWeighting(5).between(U, V), EPS);
        // lambda = 0 and gamma = 1 change nothing
        assertEquals(cos, Similarity.cosine().withShrinkage(0).withSignificanceWeighting(1).between(U, V), EPS);
    }

    @Test
    void namesDescribeSettings() {
        assertEquals("cosine", Similarity.cosine().name());
        assertEquals("pearson shrinkage=10.0 significance=50",
                Similarity.pearson().withShrinkage(10).withSignificanceWeighting(50).name());
        assertEquals("adjusted cosine", Similarity.adjustedCosine(new double[]{1}).name());
        assertEquals("jaccard", Similarity.jaccard().name());
        assertEquals("weighted jaccard", Similarity.weightedJaccard().toString());
    }

    private static List<Similarity> all(int dimension, Random random) {
        double[] means = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            means[i] = 1 + 4 * random.nextDouble();
        }
        return List.of(Similarity.cosine(), Similarity.adjustedCosine(means), Similarity.pearson(),
                Similarity.jaccard(), Similarity.weightedJaccard(),
                Similarity.pearson().withShrinkage(2.5), Similarity.cosine().withSignificanceWeighting(3));
    }

    private static SparseVector randomVector(Random random, int dimension) {
        int[] idx = new int[dimension];
        float[] val = new float[dimension];
        int n = 0;
        double density = random.nextDouble();
        for (int i = 0; i < dimension; i++) {
            if (random.nextDouble() < density) {
                idx[n] = i;
                val[n++] = 1 + random.nextInt(5);
            }
        }
        return SparseVector.of(java.util.Arrays.copyOf(idx, n), java.util.Arrays.copyOf(val, n));
    }

    @Test
    void symmetricBoundedNeverNaN() {
        Random random = new Random(42);
        int dim = 12;
        List<Similarity> measures = all(dim, random);
        for (int trial = 0; trial < 500; trial++) {
            SparseVector a = randomVector(random, dim);
            SparseVector b = randomVector(random, dim);
            for (Similarity s : measures) {
                double ab = s.between(a, b);
                assertEquals(ab, s.between(b, a), 1e-12, s.name() + " symmetric on " + a + ", " + b);
                assertTrue(ab >= -1 && ab <= 1, s.name() + " in [-1,1]: " + ab);
                if (s == Similarity.jaccard() || s == Similarity.weightedJaccard()) {
                    assertTrue(ab >= 0, s.name() + " in [0,1]: " + ab);
                }
            }
        }
    }

    @Test
    void selfSimilarityIsOne() {
        SparseVector a = vec(new int[]{1, 4, 7}, 1, 5, 2);
        assertEquals(1.0, Similarity.cosine().between(a, a), EPS);
        assertEquals(1.0, Similarity.pearson().between(a, a), EPS);
        assertEquals(1.0, Similarity.jaccard().between(a, a), EPS);
        assertEquals(1.0, Similarity.weightedJaccard().between(a, a), EPS);
        assertEquals(1.0, Similarity.adjustedCosine(new double[8]).between(a, a), EPS);
    }

    @Test
    void emptyDisjointAndConstantGiveZero() {
        SparseVector empty = SparseVector.empty();
        SparseVector a = vec(new int[]{0, 1}, 2, 3);
        SparseVector disjoint = vec(new int[]{2, 3}, 2, 3);
        SparseVector constant = vec(new int[]{0, 1, 2}, 4, 4, 4);
        SparseVector zeros = vec(new int[]{0, 1}, 0, 0);
        for (Similarity s : all(4, new Random(1))) {
            assertEquals(0.0, s.between(empty, a), s.name());
            assertEquals(0.0, s.between(empty, empty), s.name());
            assertEquals(0.0, s.between(a, disjoint), s.name());
        }
        assertEquals(0.0, Similarity.pearson().between(constant, a));      // zero variance on the co-rated part
        assertEquals(0.0, Similarity.cosine().between(zeros, a));          // zero norm
        assertEquals(0.0, Similarity.weightedJaccard().between(zeros, zeros));
        assertEquals(0.0, Similarity.adjustedCosine(new double[]{4, 4, 4}).between(constant, a));  // centred to 0
    }

    @Test
    void inputOrderOfStorageDoesNotMatterOnlyIndices() {
        // the same vector built twice compares equal to a third vector identically (views vs copies)
        RatingMatrix m = RatingMatrix.builder().add(1, 1, 4).add(1, 2, 2).add(2, 1, 1).add(2, 2, 5).build();
        SparseVector copy = SparseVector.of(m.userRow(0).indices(), m.userRow(0).values());
        assertEquals(Similarity.pearson().between(m.userRow(0), m.userRow(1)),
                Similarity.pearson().between(copy, m.userRow(1)));
    }

    @Test
    void rejectsBadSettingsWithMessages() {
        assertEquals("shrinkage lambda must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Similarity.cosine().withShrinkage(-1)).getMessage());
        assertEquals("shrinkage lambda must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> Similarity.cosine().withShrinkage(Double.NaN)).getMessage());
        assertEquals("shrinkage lambda must be finite and >= 0, got Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> Similarity.cosine().withShrinkage(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("significance weighting gamma must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> Similarity.pearson().withSignificanceWeighting(0)).getMessage());
        assertEquals("adjusted cosine: means[1] is NaN; every mean must be finite (use 0 for an index without entries)",
                assertThrows(IllegalArgumentException.class,
                        () -> Similarity.adjustedCosine(new double[]{1, Double.NaN})).getMessage());
    }

    @Test
    void rejectsBadVectorsWithMessages() {
        assertEquals("adjusted cosine has 3 means but the vector has index 3",
                assertThrows(IllegalArgumentException.class,
                        () -> Similarity.adjustedCosine(new double[3]).between(U, U)).getMessage());
        SparseVector negative = vec(new int[]{0, 3}, 1, -2);
        assertEquals("weighted jaccard needs non-negative values, found -2.0 at index 3",
                assertThrows(IllegalArgumentException.class,
                        () -> Similarity.weightedJaccard().between(U, negative)).getMessage());
    }

    @Test
    void centredAndSupportWeightedDescribeTheMeasure() {
        Similarity adjusted = Similarity.adjustedCosine(new double[] {1, 2});
        assertTrue(Similarity.pearson().centred());
        assertTrue(adjusted.centred());
        assertFalse(Similarity.cosine().centred());
        assertFalse(Similarity.jaccard().centred());
        assertFalse(Similarity.weightedJaccard().centred());
        assertFalse(Similarity.pearson().supportWeighted());
        assertFalse(Similarity.pearson().withShrinkage(0).supportWeighted());
        assertFalse(Similarity.pearson().withSignificanceWeighting(1).supportWeighted());
        assertTrue(Similarity.pearson().withShrinkage(100).supportWeighted());
        assertTrue(adjusted.withSignificanceWeighting(50).supportWeighted());
        assertTrue(Similarity.pearson().withShrinkage(100).centred());
    }
}
