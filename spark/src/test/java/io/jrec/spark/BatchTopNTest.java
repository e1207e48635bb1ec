package io.jrec.spark;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.baseline.PopularityRecommender;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jrec.spark.SparkInteractionsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchTopNTest {
    private static final StructType USERS = new StructType().add("customer", DataTypes.LongType, true);

    private static Dataset<Row> users(Long... ids) {
        List<Row> rows = new ArrayList<>();
        for (Long id : ids) {
            rows.add(RowFactory.create(id));
        }
        return LocalSpark.session().createDataFrame(rows, USERS).repartition(3);
    }

    /** Rows grouped by user, in rank order. */
    private static Map<Long, List<Row>> byUser(List<Row> rows) {
        Map<Long, List<Row>> out = new HashMap<>();
        for (Row r : rows) {
            out.computeIfAbsent(r.getLong(0), u -> new ArrayList<>()).add(r);
        }
        for (List<Row> list : out.values()) {
            list.sort((a, b) -> Integer.compare(a.getInt(3), b.getInt(3)));
        }
        return out;
    }

    private static void assertSameLists(Recommender model, Map<Long, List<Row>> actual, long user, int n) {
        Recommendations expected = model.topN(user, n);
        List<Row> rows = actual.getOrDefault(user, List.of());
        assertEquals(expected.size(), rows.size(), "list length of user " + user);
        for (int j = 0; j < expected.size(); j++) {
            assertEquals(expected.get(j).itemId(), rows.get(j).getLong(1));
            assertEquals(expected.get(j).score(), rows.get(j).getDouble(2));
            assertEquals(j + 1, rows.get(j).getInt(3));
        }
    }

    @Test
    void everyUserGetsTheModelsOwnListAndUnknownUsersItsFallback(@TempDir Path dir) {
        RatingMatrix m = DistributedNeighborsTest.random(5, 50, 40);
        ItemKnnRecommender model = ItemKnnRecommender.builder().neighbors(10).build().fit(m);
        List<Long> ids = new ArrayList<>();
        for (long id : m.users().toArray()) {
            ids.add(id);
        }
        ids.add(-42L);   // unknown: training popularity, seen items excluded as for everyone
        Dataset<Row> lists = BatchTopN.topN(LocalSpark.session(), model, users(ids.toArray(new Long[0])), "customer", 7);
        assertEquals(BatchTopN.SCHEMA, lists.schema());
        Map<Long, List<Row>> actual = byUser(lists.collectAsList());
        for (long id : ids) {
            assertSameLists(model, actual, id, 7);
        }
        assertEquals(7, actual.get(-42L).size());
        assertEquals("Popularity (unknown user)", model.topN(-42L, 7).source());

        String path = dir.resolve("top7.parquet").toString();
        BatchTopN.writeParquet(LocalSpark.session(), model, users(ids.toArray(new Long[0])), "customer", 7, path);
        List<Row> read = LocalSpark.session().read().parquet(path).collectAsList();
        assertEquals(lists.count(), read.size());
        Map<Long, List<Row>> reread = byUser(read);
        for (long id : ids) {
            assertSameLists(model, reread, id, 7);
        }
    }

    @Test
    void integerUserColumnsWorkAndBadArgumentsAreNamed() {
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 1).add(1, 11, 1).add(2, 11, 1).add(3, 12, 1).build();
        PopularityRecommender model = PopularityRecommender.builder().build().fit(m);
        SparkSession spark = LocalSpark.session();
        Dataset<Row> ints = spark.createDataFrame(List.of(RowFactory.create(2), RowFactory.create(3)),
                new StructType().add("u", DataTypes.IntegerType));
        Map<Long, List<Row>> lists = byUser(BatchTopN.topN(spark, model, ints, "u", 5).collectAsList());
        assertSameLists(model, lists, 2, 5);
        assertSameLists(model, lists, 3, 5);
        assertMessage("n must be >= 1, got 0", () -> BatchTopN.topN(spark, model, ints, "u", 0));
        assertMessage("users: no column 'user'; the columns are u", () -> BatchTopN.topN(spark, model, ints, "user", 5));
        Dataset<Row> text = spark.createDataFrame(List.of(RowFactory.create("a")), new StructType().add("u", DataTypes.StringType));
        assertMessage("users: the column 'u' is of type string; it must be integral (byte, short, int or long)",
                () -> BatchTopN.topN(spark, model, text, "u", 5));
        Exception e = assertThrows(Exception.class, () -> BatchTopN.topN(spark, model, users(1L, null), "customer", 5).count());
        assertTrue(String.valueOf(e.getMessage()).contains("users: a null user id in column 'customer'"), e.getMessage());
    }
}
