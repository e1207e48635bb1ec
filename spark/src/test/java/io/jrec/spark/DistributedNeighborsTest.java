package io.jrec.spark;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.io.ModelIO;
import io.jrec.core.io.MovieLens;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.jrec.spark.SparkInteractionsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DistributedNeighborsTest {
    private static final StructType EVENTS = new StructType()
            .add("user", DataTypes.LongType).add("item", DataTypes.LongType)
            .add("value", DataTypes.DoubleType).add("ts", DataTypes.LongType);

    /** A random matrix with sparse ids, rating values 1..5, a few popular items, some items nobody shares. */
    static RatingMatrix random(long seed, int users, int items) {
        SplittableRandom random = new SplittableRandom(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double p = i < 5 ? 0.5 : 0.08;
                if (random.nextDouble() < p) {
                    b.add(1_000_000_007L * (u + 1), 3L * i + 11, 1 + random.nextInt(5));
                }
            }
        }
        return b.build();
    }

    /** The Spark path from a Dataset: normalise, collect, compute. */
    private static RatingMatrix throughSpark(RatingMatrix m) {
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = m.byUser().rowStart(u); k < m.byUser().rowEnd(u); k++) {
                rows.add(RowFactory.create(m.users().idAt(u), m.items().idAt(m.byUser().column(k)),
                        (double) m.byUser().value(k), 0L));
            }
        }
        SparkInteractions in = SparkInteractions.builder().value("value").build();
        return in.collect(in.normalize(LocalSpark.session().createDataFrame(rows, EVENTS)));
    }

    static void assertSameTable(NeighborTable expected, NeighborTable actual) {
        assertEquals(expected.rowCount(), actual.rowCount());
        assertEquals(expected.entryCount(), actual.entryCount());
        for (int r = 0; r < expected.rowCount(); r++) {
            assertEquals(expected.size(r), actual.size(r), "size of row " + r);
            for (int j = 0; j < expected.size(r); j++) {
                assertEquals(expected.neighbor(r, j), actual.neighbor(r, j), "row " + r + ", entry " + j);
                assertEquals(expected.similarity(r, j), actual.similarity(r, j), "row " + r + ", entry " + j);
            }
        }
    }

    private static NeighborTable distributed(RatingMatrix m, DistributedNeighbors.Measure measure, double shrinkage,
                                             int k, int tasks) {
        DistributedNeighbors d = DistributedNeighbors.builder().measure(measure).shrinkage(shrinkage).k(k).tasks(tasks)
                .build();
        try (ItemNeighbors n = d.compute(LocalSpark.session(), m)) {
            return n.table();
        }
    }

    @Test
    void everyMeasureAndTaskCountGivesTheOneMachineLists() {
        RatingMatrix m = throughSpark(random(1, 70, 90));
        for (DistributedNeighbors.Measure measure : DistributedNeighbors.Measure.values()) {
            for (double shrinkage : new double[] {0, 10}) {
                NeighborTable expected = Neighbors.allPairs(m.byItem(), measure.similarity(shrinkage), 7, 1);
                assertTrue(expected.entryCount() > 300);
                assertSameTable(expected, distributed(m, measure, shrinkage, 7, 3));
            }
        }
        NeighborTable cosine = Neighbors.allPairs(m.byItem(), Similarity.cosine(), 200, 2);
        for (int tasks : new int[] {1, 2, 90}) {
            assertSameTable(cosine, distributed(m, DistributedNeighbors.Measure.COSINE, 0, 200, tasks));
        }
    }

    @Test
    void theDatasetHoldsTheSameListsWithIdsAndRanks() {
        RatingMatrix m = random(2, 40, 30);
        NeighborTable expected = Neighbors.allPairs(m.byItem(), Similarity.jaccard(), 4, 1);
        DistributedNeighbors d = DistributedNeighbors.builder().measure(DistributedNeighbors.Measure.JACCARD).k(4).build();
        try (ItemNeighbors n = d.compute(LocalSpark.session(), m)) {
            Dataset<Row> rows = n.dataset();
            assertEquals(ItemNeighbors.SCHEMA, rows.schema());
            List<Row> all = rows.collectAsList();
            assertEquals(expected.entryCount(), all.size());
            Map<String, Row> byKey = new HashMap<>();
            for (Row r : all) {
                byKey.put(r.getLong(0) + "/" + r.getInt(3), r);
            }
            for (int i = 0; i < m.itemCount(); i++) {
                for (int j = 0; j < expected.size(i); j++) {
                    Row r = byKey.get(m.items().idAt(i) + "/" + (j + 1));
                    assertEquals(m.items().idAt(expected.neighbor(i, j)), r.getLong(1));
                    assertEquals(expected.similarity(i, j), r.getFloat(2));
                }
            }
            assertSameTable(expected, n.table());
        }
    }

    @Test
    void anItemKnnModelFromSparkEqualsTheOneMachineFitAndSurvivesModelIo(@TempDir Path dir) throws IOException {
        RatingMatrix m = random(3, 60, 50);
        DistributedNeighbors d = DistributedNeighbors.builder().measure(DistributedNeighbors.Measure.PEARSON)
                .shrinkage(20).k(15).build();
        ItemKnnRecommender.Config config = d.itemKnnBuilder().neighbors(10).build();
        ItemKnnRecommender fromSpark;
        try (ItemNeighbors n = d.compute(LocalSpark.session(), m)) {
            fromSpark = config.fit(m, n.table());
        }
        ItemKnnRecommender local = ItemKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(20)
                .neighbors(10).modelSize(15).build().fit(m);
        Path file = dir.resolve("knn.jrec");
        ModelIO.save(fromSpark, file);
        ItemKnnRecommender loaded = ModelIO.load(file, ItemKnnRecommender.class);
        for (int u = 0; u < m.userCount(); u++) {
            long user = m.users().idAt(u);
            assertEquals(local.topN(user, 10), fromSpark.topN(user, 10));
            assertEquals(fromSpark.topN(user, 10), loaded.topN(user, 10));
            assertEquals(fromSpark.topN(user, 5, ItemFilter.none()), loaded.topN(user, 5, ItemFilter.none()));
            for (int i = 0; i < m.itemCount(); i += 7) {
                long item = m.items().idAt(i);
                assertEquals(local.predict(user, item), loaded.predict(user, item));
            }
        }
        for (int i = 0; i < m.itemCount(); i++) {
            assertEquals(local.similarItems(m.items().idAt(i), 15), loaded.similarItems(m.items().idAt(i), 15));
        }
    }

    @Test
    void movieLensEveryListEqualsOneMachine() throws IOException {
        assumeTrue(LocalSpark.ml100kAvailable(), "MovieLens 100K not found at " + LocalSpark.ml100k());
        Path file = LocalSpark.ml100k().resolve("u1.base");
        RatingMatrix local = MovieLens.ratings(file);
        SparkSession spark = LocalSpark.session();
        Dataset<Row> raw = spark.read().option("sep", "\t").schema("user LONG, item LONG, rating DOUBLE, timestamp LONG")
                .csv(file.toString());
        SparkInteractions in = SparkInteractions.builder().value("rating").timestamp("timestamp").build();
        RatingMatrix m = in.collect(in.normalize(raw));
        assertEquals(local.users(), m.users());
        assertEquals(local.items(), m.items());
        assertEquals(80_000, m.size());
        assertSameTable(Neighbors.allPairs(local.byItem(), Similarity.cosine(), 50, 2),
                distributed(m, DistributedNeighbors.Measure.COSINE, 0, 50, 0));
        assertSameTable(Neighbors.allPairs(local.byItem(), Similarity.pearson().withShrinkage(100), 40, 2),
                distributed(m, DistributedNeighbors.Measure.PEARSON, 100, 40, 0));
        assertSameTable(Neighbors.allPairs(local.byItem(), Similarity.jaccard(), 30, 2),
                distributed(m, DistributedNeighbors.Measure.JACCARD, 0, 30, 0));
    }

    @Test
    void syntheticShopEventsGiveTheOneMachineLists() {
        SyntheticShop shop = SyntheticShop.builder().customers(5_000).products(5_000).events(Integer.getInteger(
                "jrec.spark.shopEvents", 200_000)).seed(42).build();
        List<Row> events = new ArrayList<>();
        shop.forEachEvent((customer, product, type, ts) ->
                events.add(RowFactory.create(customer, product, (double) type.weight(), ts)));
        SparkInteractions in = SparkInteractions.builder().value("value").timestamp("ts").implicit(true).build();
        RatingMatrix m = in.collect(in.normalize(LocalSpark.session().createDataFrame(events, EVENTS)));
        RatingMatrix local = shop.interactions();   // also lists the products and customers without events
        assertEquals(local.size(), m.size());
        for (int u = 0; u < m.userCount(); u++) {
            int v = local.users().indexOf(m.users().idAt(u));
            for (int k = m.byUser().rowStart(u); k < m.byUser().rowEnd(u); k++) {
                int i = local.items().indexOf(m.items().idAt(m.byUser().column(k)));
                assertEquals(local.get(v, i), m.byUser().value(k));
            }
        }
        assertSameLists(local, Neighbors.allPairs(local.byItem(), Similarity.cosine(), 50, 2),
                m, distributed(m, DistributedNeighbors.Measure.COSINE, 0, 50, 0));
    }

    /** Every item of {@code b} has the same neighbour ids and similarities in both (items of {@code a} absent from b have none). */
    private static void assertSameLists(RatingMatrix a, NeighborTable ta, RatingMatrix b, NeighborTable tb) {
        assertEquals(ta.entryCount(), tb.entryCount());
        for (int r = 0; r < b.itemCount(); r++) {
            int s = a.items().indexOf(b.items().idAt(r));
            assertEquals(ta.size(s), tb.size(r));
            for (int j = 0; j < tb.size(r); j++) {
                assertEquals(a.items().idAt(ta.neighbor(s, j)), b.items().idAt(tb.neighbor(r, j)));
                assertEquals(ta.similarity(s, j), tb.similarity(r, j));
            }
        }
    }

    @Test
    void theBroadcastBoundIsCheckedBeforeAnythingIsSent() {
        RatingMatrix m = random(4, 20, 20);
        DistributedNeighbors d = DistributedNeighbors.builder().broadcastLimit(100).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.compute(LocalSpark.session(), m));
        assertEquals(String.format("distributed neighbours broadcast the whole item x user matrix: %d interactions over "
                + "%d items need %d bytes, above the limit of 100; each executor needs about 16 + 16 x cores bytes per "
                + "interaction, so raise broadcastLimit(bytes) only if executors have that memory", m.size(),
                m.itemCount(), 8 * m.size() + 4 * (m.itemCount() + 1)).replaceAll("(\\d)(\\d{3}) bytes", "$1,$2 bytes"), e.getMessage());
        assertEquals(8L * 1_000_000 + 4 * 1001, DistributedNeighbors.broadcastBytes(1_000_000, 1000));
    }

    @Test
    void builderRejectsImpossibleSettings() {
        assertMessage("measure must not be null; use Measure.COSINE, JACCARD or PEARSON",
                () -> DistributedNeighbors.builder().measure(null).build());
        assertMessage("shrinkage must be a finite number >= 0, got -1.0", () -> DistributedNeighbors.builder().shrinkage(-1).build());
        assertMessage("shrinkage must be a finite number >= 0, got NaN",
                () -> DistributedNeighbors.builder().shrinkage(Double.NaN).build());
        assertMessage("k must be >= 1, got 0", () -> DistributedNeighbors.builder().k(0).build());
        assertMessage("minSimilarity must not be NaN", () -> DistributedNeighbors.builder().minSimilarity(Double.NaN).build());
        assertMessage("tasks must be >= 0 (0: automatic), got -2", () -> DistributedNeighbors.builder().tasks(-2).build());
        assertMessage("broadcastLimit must be > 0 bytes, got 0", () -> DistributedNeighbors.builder().broadcastLimit(0).build());
        assertMessage("unknown similarity 'dice'; use cosine, jaccard or pearson", () -> DistributedNeighbors.Measure.parse("dice"));
        assertEquals(DistributedNeighbors.Measure.PEARSON, DistributedNeighbors.Measure.parse("Pearson"));
        assertEquals("cosine", DistributedNeighbors.builder().build().similarity().name());
        assertMessage("the training data has no items", () -> DistributedNeighbors.builder().build()
                .compute(LocalSpark.session(), RatingMatrix.builder().build()));
    }
}
