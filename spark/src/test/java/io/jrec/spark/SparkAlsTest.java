package io.jrec.spark;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.io.ModelIO;
import io.jrec.models.factor.ImplicitAlsRecommender;
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
import java.util.List;
import java.util.SplittableRandom;

import static io.jrec.spark.SparkInteractionsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SparkAlsTest {
    private static final double EPS = 1e-5;
    private static final StructType EVENTS = new StructType()
            .add("user", DataTypes.LongType).add("item", DataTypes.LongType).add("value", DataTypes.DoubleType);

    private static Dataset<Row> randomRatings(long seed, int users, int items, double density) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < density * (i < 6 ? 4 : 1)) {
                    rows.add(RowFactory.create(10_000_000_000L + u, 7L * i, (double) (1 + random.nextInt(5))));
                }
            }
        }
        return LocalSpark.session().createDataFrame(rows, EVENTS);
    }

    /**
     * The exported model against MLlib's own answers: predict = transform for every training pair, and
     * topN(user, n, none) = recommendForAllUsers(n), rank by rank up to float ties (an item at rank j may differ
     * only if both score the same within EPS).
     */
    private static void assertSameAsMllib(SparkAls.Fitted fitted, Dataset<Row> interactions, RatingMatrix train, int n) {
        SparkSession spark = LocalSpark.session();
        ImplicitAlsRecommender model = fitted.model();
        long[] users = train.users().toArray();
        long[] items = train.items().toArray();
        List<Row> predictions = fitted.mllib().transform(SparkAls.indexed(spark, interactions, train)).collectAsList();
        assertEquals(train.size(), predictions.size());
        for (Row r : predictions) {
            float mllib = r.getFloat(r.fieldIndex("prediction"));
            assertEquals(mllib, model.predict(users[r.getInt(0)], items[r.getInt(1)]), EPS);
        }
        List<Row> lists = fitted.mllib().recommendForAllUsers(n).collectAsList();
        assertEquals(train.userCount(), lists.size());
        int sameItem = 0;
        int compared = 0;
        for (Row r : lists) {
            long user = users[r.getInt(0)];
            List<Row> theirs = r.getList(1);
            Recommendations ours = model.topN(user, n, ItemFilter.none());
            assertEquals(theirs.size(), ours.size());
            for (int j = 0; j < ours.size(); j++) {
                long theirItem = items[theirs.get(j).getInt(0)];
                float theirScore = theirs.get(j).getFloat(1);
                assertEquals(theirScore, ours.get(j).score(), EPS, "user " + user + ", rank " + (j + 1));
                assertEquals(theirScore, model.predict(user, ours.get(j).itemId()), EPS);
                sameItem += theirItem == ours.get(j).itemId() ? 1 : 0;
                compared++;
            }
        }
        assertTrue(sameItem >= compared * 0.99, sameItem + " of " + compared + " items equal rank by rank");
    }

    private static SparkAls.Fitted fit(SparkAls als, Dataset<Row> raw, boolean implicit, RatingMatrix[] train) {
        SparkInteractions in = SparkInteractions.builder().value("value").implicit(implicit).build();
        Dataset<Row> interactions = in.normalize(raw).cache();
        train[0] = in.collect(interactions);
        return als.fit(LocalSpark.session(), interactions, train[0]);
    }

    @Test
    void explicitAlsExportsScoresEqualToMllib(@TempDir Path dir) throws IOException {
        Dataset<Row> raw = randomRatings(1, 80, 50, 0.12);
        RatingMatrix[] train = new RatingMatrix[1];
        SparkAls als = SparkAls.builder().rank(5).iterations(6).regularization(0.05).blocks(2).build();
        SparkAls.Fitted fitted = fit(als, raw, false, train);
        assertEquals("SparkALS(explicit, rank=5, iterations=6, reg=0.05)", fitted.model().name());
        assertSameAsMllib(fitted, SparkInteractions.builder().value("value").build().normalize(raw), train[0], 10);
        Path file = dir.resolve("als.jrec");
        ModelIO.save(fitted.model(), file);
        ImplicitAlsRecommender loaded = ModelIO.load(file, ImplicitAlsRecommender.class);
        for (long user : train[0].users().toArray()) {
            assertEquals(fitted.model().topN(user, 10), loaded.topN(user, 10));
            assertEquals(fitted.model().predict(user, 7), loaded.predict(user, 7));
        }
        assertEquals("Popularity (unknown user)", loaded.topN(-1, 3).source());
    }

    @Test
    void implicitAlsExportsScoresEqualToMllib() {
        Dataset<Row> raw = randomRatings(2, 90, 60, 0.1);
        RatingMatrix[] train = new RatingMatrix[1];
        SparkAls als = SparkAls.builder().rank(6).iterations(5).alpha(2).implicit(true).blocks(3).build();
        SparkAls.Fitted fitted = fit(als, raw, true, train);
        assertEquals("SparkALS(implicit, rank=6, iterations=5, reg=0.1, alpha=2.0)", fitted.model().name());
        assertSameAsMllib(fitted, SparkInteractions.builder().value("value").implicit(true).build().normalize(raw),
                train[0], 15);
    }

    @Test
    void movieLensImplicitAlsExportsScoresEqualToMllib() {
        assumeTrue(LocalSpark.ml100kAvailable(), "MovieLens 100K not found at " + LocalSpark.ml100k());
        Dataset<Row> raw = LocalSpark.session().read().option("sep", "\t")
                .schema("user LONG, item LONG, value DOUBLE, timestamp LONG")
                .csv(LocalSpark.ml100k().resolve("u1.base").toString());
        RatingMatrix[] train = new RatingMatrix[1];
        SparkAls als = SparkAls.builder().rank(8).iterations(3).implicit(true).blocks(2).build();
        SparkAls.Fitted fitted = fit(als, raw, true, train);
        assertEquals(80_000, train[0].size());
        assertSameAsMllib(fitted, SparkInteractions.builder().value("value").implicit(true).build().normalize(raw),
                train[0], 10);
    }

    @Test
    void builderRejectsImpossibleSettings() {
        assertMessage("rank must be >= 1, got 0", () -> SparkAls.builder().rank(0).build());
        assertMessage("iterations must be >= 1, got 0", () -> SparkAls.builder().iterations(0).build());
        assertMessage("regularization must be a finite number >= 0, got -0.1",
                () -> SparkAls.builder().regularization(-0.1).build());
        assertMessage("alpha must be a finite number >= 0, got NaN", () -> SparkAls.builder().alpha(Double.NaN).build());
        assertMessage("blocks must be >= 0 (0: MLlib's default), got -1", () -> SparkAls.builder().blocks(-1).build());
    }
}
