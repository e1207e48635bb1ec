package io.jrec.models.baseline;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.io.MovieLens;
import io.jrec.models.PersistenceTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static io.jrec.models.Fixtures.baseAndBatch;
import static io.jrec.models.Fixtures.sample;
import static io.jrec.models.Fixtures.subset;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopularityRecommenderTest {
    // item 10: two interactions (values 1, 1); item 20: one interaction (value 5); item 30: three (1, 1, 1)
    private static RatingMatrix data(boolean timestamps) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        long[][] rows = {{1, 10, 1, 100}, {2, 10, 1, 200}, {1, 20, 5, 300}, {2, 30, 1, 0}, {3, 30, 1, 0}, {4, 30, 1, 0}};
        for (long[] r : rows) {
            if (timestamps) {
                b.add(r[0], r[1], r[2], r[3]);
            } else {
                b.add(r[0], r[1], r[2]);
            }
        }
        return b.build();
    }

    @Test
    void countsInteractions() {
        PopularityRecommender p = PopularityRecommender.builder().build().fit(data(false));
        assertEquals(2, p.popularity(10));
        assertEquals(1, p.popularity(20));
        assertEquals(3, p.popularity(30));
        assertArrayEquals(new long[] {30, 10, 20}, p.topN(99, 3).itemIds());
        assertArrayEquals(new long[] {30}, p.topN(1, 3).itemIds());   // user 1 has 10 and 20
        assertEquals(3, p.predict(1, 30));
        assertTrue(Double.isNaN(p.popularity(77)));
    }

    @Test
    void weightedSumsValues() {
        PopularityRecommender p = PopularityRecommender.builder().weighted(true).build().fit(data(false));
        assertEquals(1 + 1, p.popularity(10));
        assertEquals(5, p.popularity(20));
        assertEquals(1 + 1 + 1, p.popularity(30));
        assertArrayEquals(new long[] {20, 30, 10}, p.topN(99, 3).itemIds());
    }

    @Test
    void halfLifeDecaysOlderInteractions() {
        // latest timestamp is 300; halfLife 100: weight 2^(-(300 - t) / 100)
        PopularityRecommender p = PopularityRecommender.builder().halfLife(100).build().fit(data(true));
        assertEquals(Math.pow(2, -2) + Math.pow(2, -1), p.popularity(10), 1e-6);   // t = 100, 200
        assertEquals(1, p.popularity(20), 1e-6);                                     // t = 300
        assertEquals(3 * Math.pow(2, -3), p.popularity(30), 1e-6);                   // t = 0 three times
        assertArrayEquals(new long[] {20, 10, 30}, p.topN(99, 3).itemIds());
    }

    @Test
    void sessionExcludesItsOwnItems() {
        PopularityRecommender p = PopularityRecommender.builder().build().fit(data(false));
        Recommendations r = p.topNForSession(new long[] {30, 12345}, new float[] {1, 1}, 3, ItemFilter.excludeSeen());
        assertArrayEquals(new long[] {10, 20}, r.itemIds());
        assertArrayEquals(new long[] {30, 10, 20},
                p.topNForSession(new long[] {30}, new float[] {1}, 3, ItemFilter.none()).itemIds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.topNForSession(new long[] {30}, new float[] {1, 2}, 3, ItemFilter.none()));
        assertEquals("itemIds and weights differ in length: 1 vs 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> p.topNForSession(new long[] {30}, new float[] {Float.NaN}, 3, ItemFilter.none()));
        assertEquals("weight of session item 30 is NaN; weights must be finite", e.getMessage());
    }

    @Test
    void builderRejectsBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PopularityRecommender.builder().halfLife(0).build());
        assertEquals("halfLife must be > 0 (or +Infinity for no decay), got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopularityRecommender.builder().halfLife(Double.NaN).build());
        assertEquals("halfLife must be > 0 (or +Infinity for no decay), got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopularityRecommender.builder().halfLife(10).build().fit(data(false)));
        assertEquals("halfLife 10.0 needs timestamps, but the training data has none; add ratings with "
                + "timestamps or leave halfLife unset", e.getMessage());
    }

    @Test
    void popularityUpdateEqualsFullRefitExactly() {
        RatingMatrix[] data = baseAndBatch();
        RatingMatrix merged = data[0].merge(data[1], DuplicatePolicy.LAST);
        for (PopularityRecommender.Config config : List.of(PopularityRecommender.builder().build(),
                PopularityRecommender.builder().weighted(true).build(),
                PopularityRecommender.builder().halfLife(86_400).build())) {
            PopularityRecommender updated = config.fit(data[0]).update(data[1]);
            PopularityRecommender full = config.fit(merged);
            assertArrayEquals(full.popularity, updated.popularity, config.name());
            assertEquals(PersistenceTest.answers(full, merged), PersistenceTest.answers(updated, merged), config.name());
        }
    }

    /** ML-100K (measurement, skipped without the data): 1,000 random ratings as the batch; update vs full refit. */
    @Test
    void movieLensUpdateVersusFullRefit() throws IOException {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        Assumptions.assumeTrue(Boolean.getBoolean("jrec.measure"), "measurement: run with -Djrec.measure=true");
        RatingMatrix all = MovieLens.ratings(dir.resolve("u.data"));
        BitSet held = sample(all, 1000, 2);
        RatingMatrix base = subset(all, held, true);
        RatingMatrix batch = subset(all, held, false);
        RatingMatrix merged = base.merge(batch, DuplicatePolicy.LAST);
        PopularityRecommender.Config popularity = PopularityRecommender.builder().build();
        PopularityRecommender oldPopularity = popularity.fit(base);
        long bestUpdate = Long.MAX_VALUE;
        long bestFit = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            PopularityRecommender p = oldPopularity.update(batch);
            long t1 = System.nanoTime();
            PopularityRecommender q = popularity.fit(merged);
            long t2 = System.nanoTime();
            assertArrayEquals(q.popularity, p.popularity);
            bestUpdate = Math.min(bestUpdate, t1 - t0);
            bestFit = Math.min(bestFit, t2 - t1);
        }
        System.out.printf("ML-100K popularity: update with 1,000 ratings %.2f ms, full refit on the merged matrix %.2f ms "
                        + "(best of 5)%n",
                bestUpdate / 1e6, bestFit / 1e6);
    }
}
