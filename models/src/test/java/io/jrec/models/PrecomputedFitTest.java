package io.jrec.models;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Models built from neighbour lists or factors computed elsewhere (jrec-spark does this). */
class PrecomputedFitTest {

    private static RatingMatrix random(long seed, int users, int items, double density) {
        SplittableRandom random = new SplittableRandom(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < density) {
                    b.add(100 + u, 1000 + i, 1 + random.nextInt(5));
                }
            }
        }
        return b.build();
    }

    @Test
    void itemKnnFromATableEqualsItsOwnFit() {
        RatingMatrix m = random(5, 60, 40, 0.15);
        ItemKnnRecommender.Config config = ItemKnnRecommender.builder().similarity(Similarity.pearson())
                .shrinkage(5).neighbors(6).modelSize(12).build();
        NeighborTable table = Neighbors.allPairs(m.byItem(), Similarity.pearson().withShrinkage(5), 12, 1);
        ItemKnnRecommender own = config.fit(m);
        ItemKnnRecommender given = config.fit(m, table);
        assertEquals(own.name(), given.name());
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            assertEquals(own.topN(user, 10), given.topN(user, 10));
            for (int i = 0; i < m.itemCount(); i++) {
                long item = m.items().idAt(i);
                assertEquals(own.predict(user, item), given.predict(user, item));
            }
        }
        for (int i = 0; i < m.itemCount(); i++) {
            assertEquals(own.similarItems(m.items().idAt(i), 20), given.similarItems(m.items().idAt(i), 20));
        }
    }

    @Test
    void itemKnnFromATableChecksItsShape() {
        RatingMatrix m = random(6, 30, 20, 0.2);
        NeighborTable five = Neighbors.allPairs(m.byItem(), Similarity.cosine(), 5, 1);
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> ItemKnnRecommender.builder().neighbors(5).build().fit(m, five));
        assertEquals("the neighbour table keeps k=5 per item but this model keeps " + (m.itemCount() - 1)
                + "; compute it with k >= " + (m.itemCount() - 1) + " or set modelSize(5)", small.getMessage());
        RatingMatrix other = random(7, 30, 25, 0.2);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> ItemKnnRecommender.builder().neighbors(5).modelSize(5).build().fit(other, five));
        assertEquals("the neighbour table has " + m.itemCount() + " rows but the training data has "
                + other.itemCount() + " items", rows.getMessage());
    }

    @Test
    void factorsFromElsewhereScoreByTheirDotProduct() {
        RatingMatrix m = random(8, 10, 6, 0.4);
        int f = 3;
        float[] x = new float[m.userCount() * f];
        float[] y = new float[m.itemCount() * f];
        SplittableRandom random = new SplittableRandom(1);
        for (int p = 0; p < x.length; p++) {
            x[p] = (float) random.nextGaussian();
        }
        for (int p = 0; p < y.length; p++) {
            y[p] = (float) random.nextGaussian();
        }
        ImplicitAlsRecommender als = ImplicitAlsRecommender.fromFactors(m, "MLlib ALS", f, x, y);
        x[0] = 99;   // copied
        long user = m.users().idAt(0);
        long item = m.items().idAt(2);
        float dot = 0;
        for (int d = 0; d < f; d++) {
            dot += als.userFactors()[d] * y[2 * f + d];
        }
        assertEquals(dot, als.predict(user, item), 1e-6);
        assertEquals(m.itemCount(), als.topN(user, 100, ItemFilter.none()).size());
        assertEquals("MLlib ALS", als.topN(user, 1).source());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ImplicitAlsRecommender.fromFactors(m, "x", f, new float[4], y));
        assertEquals("user factors have 4 values; expected " + m.userCount() + " users x 3 factors", shape.getMessage());
        y[4] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ImplicitAlsRecommender.fromFactors(m, "x", f, x, y));
        assertEquals("item factor 1 of item index 1 is NaN; factors must be finite", nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImplicitAlsRecommender.fromFactors(m, "x", 0, x, y));
    }
}
