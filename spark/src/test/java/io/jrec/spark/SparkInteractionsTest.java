package io.jrec.spark;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkInteractionsTest {
    private static final StructType INT_IDS = new StructType()
            .add("customer", DataTypes.IntegerType, true)
            .add("product", DataTypes.LongType, true)
            .add("qty", DataTypes.DoubleType, true)
            .add("ts", DataTypes.LongType, true);

    private static Dataset<Row> frame(StructType schema, Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r));
        }
        return LocalSpark.session().createDataFrame(list, schema);
    }

    private static SparkInteractions.Builder columns() {
        return SparkInteractions.builder().user("customer").item("product").value("qty").timestamp("ts");
    }

    @Test
    void normalisesColumnsAndCollectsTheSameMatrixAsTheBuilder() {
        SplittableRandom random = new SplittableRandom(4);
        List<Object[]> rows = new ArrayList<>();
        RatingMatrix.Builder expected = RatingMatrix.builder();
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 30; i++) {
                if (random.nextDouble() < 0.2) {
                    long item = 5_000_000_000L + 7L * i;   // ids beyond int
                    double v = 1 + random.nextInt(5);
                    long ts = 1_700_000_000L + random.nextInt(1000);
                    rows.add(new Object[] {u * 3, item, v, ts});
                    expected.add(u * 3, item, v, ts);
                }
            }
        }
        SparkInteractions in = columns().build();
        Dataset<Row> normalized = in.normalize(frame(INT_IDS, rows.toArray(new Object[0][])));
        assertEquals(Arrays.asList("user", "item", "value", "timestamp"), Arrays.asList(normalized.columns()));
        assertEquals("struct<user:bigint,item:bigint,value:float,timestamp:bigint>", normalized.schema().simpleString());
        RatingMatrix m = in.collect(normalized);
        RatingMatrix e = expected.build();
        assertEquals(e.users(), m.users());
        assertEquals(e.items(), m.items());
        assertEquals(e.size(), m.size());
        for (int u = 0; u < e.userCount(); u++) {
            assertEquals(e.userRow(u), m.userRow(u));
            for (int k = e.byUser().rowStart(u); k < e.byUser().rowEnd(u); k++) {
                assertEquals(e.byUser().timestamp(k), m.byUser().timestamp(k));
            }
        }
    }

    @Test
    void withoutAValueColumnEveryInteractionCountsOne() {
        StructType schema = new StructType().add("u", DataTypes.ShortType).add("i", DataTypes.ByteType);
        SparkInteractions in = SparkInteractions.builder().user("u").item("i").build();
        RatingMatrix m = in.collect(in.normalize(frame(schema, new Object[] {(short) 1, (byte) 2},
                new Object[] {(short) 1, (byte) 3}, new Object[] {(short) 2, (byte) 2})));
        assertEquals(3, m.size());
        assertEquals(1.0, m.get(m.users().indexOf(1), m.items().indexOf(3)));
        assertFalse(m.hasTimestamps());
    }

    @Test
    void duplicatesAreCombinedByThePolicy() {
        Object[][] rows = {{1, 10L, 2.0, 100L}, {1, 10L, 5.0, 50L}, {1, 10L, 3.0, 200L}, {2, 10L, 4.0, 10L}};
        assertEquals(5.0, value(DuplicatePolicy.MAX, rows, 1, 10));
        assertEquals(10.0, value(DuplicatePolicy.SUM, rows, 1, 10));
        assertEquals(3.0, value(DuplicatePolicy.LAST, rows, 1, 10));
        assertEquals(4.0, value(DuplicatePolicy.LAST, rows, 2, 10));
        // LAST with equal latest timestamps keeps the larger value
        assertEquals(7.0, value(DuplicatePolicy.LAST, new Object[][] {{1, 10L, 7.0, 9L}, {1, 10L, 6.0, 9L}}, 1, 10));
        RatingMatrix m = columns().duplicates(DuplicatePolicy.MAX).build().collect(
                columns().duplicates(DuplicatePolicy.MAX).build().normalize(frame(INT_IDS, rows)));
        assertEquals(200L, m.byUser().timestamp(m.byUser().position(m.users().indexOf(1), m.items().indexOf(10))),
                "the latest timestamp of the pair");
        assertMessage("interactions: 1 (user, item) pairs occur more than once (4 rows for 2 pairs), e.g. user 1, "
                        + "item 10 3 times; choose a duplicate policy other than REJECT",
                () -> value(DuplicatePolicy.REJECT, rows, 1, 10));
        assertEquals(2.0, value(DuplicatePolicy.REJECT, new Object[][] {{1, 10L, 2.0, 100L}}, 1, 10));
    }

    private static double value(DuplicatePolicy policy, Object[][] rows, long user, long item) {
        SparkInteractions in = columns().duplicates(policy).build();
        RatingMatrix m = in.collect(in.normalize(frame(INT_IDS, rows)));
        return m.get(m.users().indexOf(user), m.items().indexOf(item));
    }

    @Test
    void badRowsAreCountedAndOneIsShown() {
        SparkInteractions explicit = columns().build();
        SparkInteractions implicit = columns().implicit(true).build();
        Object[] good = {1, 10L, 4.0, 5L};
        assertMessage("interactions: 2 of 4 rows have a null user id, e.g. {customer=null, product=11, qty=3.0, ts=5}",
                () -> explicit.normalize(frame(INT_IDS, good, new Object[] {null, 11L, 3.0, 5L},
                        new Object[] {null, 12L, 3.0, 5L}, good)));
        assertMessage("interactions: 1 of 2 rows has a null item id, e.g. {customer=2, product=null, qty=3.0, ts=5}",
                () -> explicit.normalize(frame(INT_IDS, good, new Object[] {2, null, 3.0, 5L})));
        assertMessage("interactions: 1 of 2 rows has a null rating, e.g. {customer=2, product=3, qty=null, ts=5}",
                () -> explicit.normalize(frame(INT_IDS, good, new Object[] {2, 3L, null, 5L})));
        assertMessage("interactions: 1 of 2 rows has a rating that is NaN, infinite or beyond the float range, "
                        + "e.g. {customer=2, product=3, qty=NaN, ts=5}",
                () -> explicit.normalize(frame(INT_IDS, good, new Object[] {2, 3L, Double.NaN, 5L})));
        assertMessage("interactions: 1 of 2 rows has a weight that is NaN, infinite or beyond the float range, "
                        + "e.g. {customer=2, product=3, qty=-Infinity, ts=5}",
                () -> implicit.normalize(frame(INT_IDS, good, new Object[] {2, 3L, Double.NEGATIVE_INFINITY, 5L})));
        assertMessage("interactions: 1 of 2 rows has a rating that is NaN, infinite or beyond the float range, "
                        + "e.g. {customer=2, product=3, qty=1.0E300, ts=5}",
                () -> explicit.normalize(frame(INT_IDS, good, new Object[] {2, 3L, 1e300, 5L})));
        assertMessage("interactions: 1 of 2 rows has a negative weight, e.g. {customer=2, product=3, qty=-1.0, ts=5}",
                () -> implicit.normalize(frame(INT_IDS, good, new Object[] {2, 3L, -1.0, 5L})));
        assertEquals(-1.0f, explicit.normalize(frame(INT_IDS, new Object[] {2, 3L, -1.0, 5L})).first().getFloat(2),
                "negative ratings are fine when explicit");
        assertMessage("interactions: 1 of 2 rows has a null timestamp, e.g. {customer=2, product=3, qty=1.0, ts=null}",
                () -> explicit.normalize(frame(INT_IDS, good, new Object[] {2, 3L, 1.0, null})));
        assertMessage("interactions: the input has no rows", () -> explicit.normalize(frame(INT_IDS)));
    }

    @Test
    void missingOrMistypedColumnsAreNamed() {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> strings = spark.createDataFrame(List.of(RowFactory.create("a", 1L, 2.0, 3L)), new StructType()
                .add("customer", DataTypes.StringType).add("product", DataTypes.LongType)
                .add("qty", DataTypes.DoubleType).add("ts", DataTypes.LongType));
        assertMessage("interactions: the user column 'customer' is of type string; it must be integral (byte, short, "
                + "int or long)", () -> columns().build().normalize(strings));
        assertMessage("interactions: no item column 'sku'; the columns are [customer, product, qty, ts]",
                () -> columns().item("sku").build().normalize(frame(INT_IDS, new Object[] {1, 2L, 3.0, 4L})));
        Dataset<Row> textValue = spark.createDataFrame(List.of(RowFactory.create(1, 1L, "x", 3L)), new StructType()
                .add("customer", DataTypes.IntegerType).add("product", DataTypes.LongType)
                .add("qty", DataTypes.StringType).add("ts", DataTypes.LongType));
        assertMessage("interactions: the value column 'qty' is of type string; it must be numeric",
                () -> columns().build().normalize(textValue));
        Dataset<Row> doubleTs = spark.createDataFrame(List.of(RowFactory.create(1, 1L, 2.0, 3.5)), new StructType()
                .add("customer", DataTypes.IntegerType).add("product", DataTypes.LongType)
                .add("qty", DataTypes.DoubleType).add("ts", DataTypes.DoubleType));
        assertMessage("interactions: the timestamp column 'ts' is of type double; it must be integral or timestamp",
                () -> columns().build().normalize(doubleTs));
    }

    @Test
    void builderRejectsImpossibleSettings() {
        assertMessage("user column name must not be null or blank, got ' '", () -> SparkInteractions.builder().user(" ").build());
        assertMessage("item column name must not be null or blank, got null", () -> SparkInteractions.builder().item(null).build());
        assertMessage("duplicate policy must not be null", () -> SparkInteractions.builder().duplicates(null).build());
        assertMessage("duplicate policy LAST needs a timestamp column: a Dataset has no order; set timestamp(column) "
                + "or use MAX, SUM or REJECT", () -> SparkInteractions.builder().duplicates(DuplicatePolicy.LAST).build());
        assertTrue(SparkInteractions.builder().timestamp("t").build().hasTimestamps());
    }

    static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }

    /** A call that may throw anything (JUnit's Executable without the checked exception). */
    interface Executable {
        void run();
    }
}
