package io.jrec.spark;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.io.ModelIO;
import io.jrec.core.io.MovieLens;
import io.jrec.models.knn.Centering;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.similarity.Similarity;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TrainJobTest {
    @TempDir
    static Path dir;
    static Path movielens;
    static RatingMatrix ratings;

    /** What one run printed and returned. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void data() throws IOException {
        LocalSpark.session();   // the shared session: TrainJob's getOrCreate() finds it
        SplittableRandom random = new SplittableRandom(9);
        StringBuilder lines = new StringBuilder();
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 1; u <= 80; u++) {
            for (int i = 1; i <= 50; i++) {
                if (random.nextDouble() < (i <= 5 ? 0.5 : 0.1)) {
                    int r = 1 + random.nextInt(5);
                    long ts = 880_000_000L + random.nextInt(1_000_000);
                    lines.append(u).append('\t').append(i).append('\t').append(r).append('\t').append(ts).append('\n');
                    b.add(u, i, r, ts);
                }
            }
        }
        movielens = dir.resolve("u.base");
        Files.writeString(movielens, lines);
        ratings = b.build();
    }

    private static void assertSameTopN(Recommender expected, Recommender actual, RatingMatrix m) {
        for (long user : m.users().toArray()) {
            assertEquals(expected.topN(user, 10), actual.topN(user, 10), "user " + user);
        }
    }

    @Test
    void itemKnnOnMovieLensFormatEqualsTheOneMachineModel() throws IOException {
        Path out = dir.resolve("models/knn.jrec");
        Result r = run("--master", "local[2]", "--input", movielens.toString(), "--format", "movielens",
                "--model", "itemknn", "--out", out.toString(), "--set", "k=20", "--set", "similarity=pearson",
                "--set", "shrinkage=10");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("read " + String.format("%,d", ratings.size()) + " interactions: 80 users, 50 items"), r.out());
        assertTrue(r.out().contains("wrote " + out + ": "), r.out());
        assertTrue(r.out().contains("ItemKnnRecommender"), r.out());
        ItemKnnRecommender loaded = ModelIO.load(out, ItemKnnRecommender.class);
        ItemKnnRecommender local = ItemKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(10)
                .neighbors(20).modelSize(20).build().fit(ratings);
        assertEquals(local.name(), loaded.name());
        assertSameTopN(local, loaded, ratings);
        assertEquals(local.predict(3, 7), loaded.predict(3, 7));
    }

    @Test
    void implicitAlsFromCsvWithNamedColumns() throws IOException {
        Path csv = dir.resolve("events.csv");
        StringBuilder text = new StringBuilder("customer,product,qty\n");
        for (int u = 0; u < ratings.userCount(); u++) {
            for (int k = ratings.byUser().rowStart(u); k < ratings.byUser().rowEnd(u); k++) {
                text.append(ratings.users().idAt(u)).append(',').append(ratings.items().idAt(ratings.byUser().column(k)))
                        .append(',').append((int) ratings.byUser().value(k)).append('\n');
            }
        }
        Files.writeString(csv, text);
        Path out = dir.resolve("als.jrec");
        Result r = run("--master", "local[2]", "--input", csv.toString(), "--format", "csv", "--user", "customer",
                "--item", "product", "--rating", "qty", "--implicit", "--model", "als", "--out", out.toString(),
                "--set", "rank=4", "--set", "iterations=3", "--set", "alpha=2", "--set", "regularisation=0.05");
        assertEquals(0, r.status(), r.err());
        ImplicitAlsRecommender loaded = ModelIO.load(out, ImplicitAlsRecommender.class);
        assertEquals(4, loaded.factors());
        assertEquals("SparkALS(implicit, rank=4, iterations=3, reg=0.05, alpha=2.0)", loaded.name());
        assertEquals(ratings.users(), loaded.trainingData().users());
        assertEquals(10, loaded.topN(1, 10, ItemFilter.none()).size());
    }

    @Test
    void matrixFactorisationFromParquetIsFittedOnTheDriver() throws IOException {
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        for (int u = 0; u < ratings.userCount(); u++) {
            for (int k = ratings.byUser().rowStart(u); k < ratings.byUser().rowEnd(u); k++) {
                rows.add(RowFactory.create((int) ratings.users().idAt(u), ratings.items().idAt(ratings.byUser().column(k)),
                        ratings.byUser().value(k)));
            }
        }
        String parquet = dir.resolve("ratings.parquet").toString();
        LocalSpark.session().createDataFrame(rows, new StructType().add("user", DataTypes.IntegerType)
                .add("item", DataTypes.LongType).add("stars", DataTypes.FloatType)).write().parquet(parquet);
        Path out = dir.resolve("mf.jrec");
        Result r = run("--input", parquet, "--format", "parquet", "--rating", "stars", "--model", "mf",
                "--out", out.toString(), "--set", "rank=8", "--set", "iterations=5", "--set", "seed=3");
        assertEquals(0, r.status(), r.err());
        MatrixFactorizationRecommender loaded = ModelIO.load(out, MatrixFactorizationRecommender.class);
        RatingMatrix withoutTimes = RatingMatrix.of(ratings.users(), ratings.items(), io.jrec.core.SparseMatrix.fromCsr(
                ratings.userCount(), ratings.itemCount(), pointers(ratings), columns(ratings), values(ratings)));
        MatrixFactorizationRecommender local = MatrixFactorizationRecommender.builder().factors(8).epochs(5)
                .factorRegularization(0.02).seed(3).build().fit(withoutTimes);
        assertEquals(local.predict(5, 3), loaded.predict(5, 3));
        assertSameTopN(local, loaded, ratings);
    }

    private static int[] pointers(RatingMatrix m) {
        int[] p = new int[m.userCount() + 1];
        for (int u = 0; u < m.userCount(); u++) {
            p[u + 1] = m.byUser().rowEnd(u);
        }
        return p;
    }

    private static int[] columns(RatingMatrix m) {
        int[] c = new int[m.size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = m.byUser().column(k);
        }
        return c;
    }

    private static float[] values(RatingMatrix m) {
        float[] v = new float[m.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = m.byUser().value(k);
        }
        return v;
    }

    @Test
    void movieLensU1BaseAsInTheReadme() throws IOException {
        assumeTrue(LocalSpark.ml100kAvailable(), "MovieLens 100K not found at " + LocalSpark.ml100k());
        Path u1 = LocalSpark.ml100k().resolve("u1.base");
        Path out = dir.resolve("ml100k-itemknn.jrec");
        Result r = run("--master", "local[2]", "--input", u1.toString(), "--format", "movielens", "--model", "itemknn",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("read 80,000 interactions: 943 users, 1,650 items"), r.out());
        RatingMatrix m = MovieLens.ratings(u1);
        ItemKnnRecommender local = ItemKnnRecommender.builder().neighbors(50).modelSize(50)
                .centering(Centering.BASELINE).build().fit(m);
        assertSameTopN(local, ModelIO.load(out), m);
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        String in = movielens.toString();
        assertUsage("--input is required", "--format", "csv");
        assertUsage("--format must be one of movielens, csv, parquet, got 'tsv'", "--input", in, "--format", "tsv");
        assertUsage("--model must be one of itemknn, als, mf, got 'ease'", "--model", "ease");
        assertUsage("--out is required", "--input", in, "--format", "movielens", "--model", "als");
        assertUsage("unknown option '--threads'", "--threads", "2");
        assertUsage("--out needs a value", "--out");
        assertUsage("--set takes key=value, got 'k'", "--set", "k");
        assertUsage("--set alpha does not apply to --model itemknn (its keys: k, modelSize, shrinkage, similarity, tasks)",
                "--input", in, "--format", "movielens", "--model", "itemknn", "--out", "x.jrec", "--set", "alpha=1");
        assertUsage("--user, --item and --rating apply to csv and parquet; movielens has the fixed columns user, item, "
                + "rating, timestamp", "--input", in, "--format", "movielens", "--user", "u", "--model", "als", "--out", "x");
        assertUsage("--model mf predicts ratings; for --implicit data use als or itemknn", "--input", in, "--format",
                "movielens", "--implicit", "--model", "mf", "--out", "x");
        Result k = run("--input", in, "--format", "movielens", "--model", "itemknn", "--out", "x", "--set", "k=many");
        assertEquals(2, k.status());
        assertTrue(k.err().contains("--set k must be an integer, got 'many'"), k.err());
        Result sim = run("--input", in, "--format", "movielens", "--model", "itemknn", "--out", "x", "--set", "similarity=dice");
        assertEquals(2, sim.status());
        assertTrue(sim.err().contains("unknown similarity 'dice'; use cosine, jaccard or pearson"), sim.err());
    }

    private static void assertUsage(String message, String... args) {
        Result r = run(args);
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("TrainJob: " + message + "\nusage: TrainJob"), r.err());
    }

    @Test
    void badDataExitsWithOneAndNamesTheRows() throws IOException {
        Path bad = dir.resolve("bad.data");
        Files.writeString(bad, "1\t2\t5\t881250949\n1\tx\t3\t881250950\n2\t2\tNaN\t881250951\n");
        Result r = run("--input", bad.toString(), "--format", "movielens", "--model", "itemknn", "--out",
                dir.resolve("never.jrec").toString());
        assertEquals(1, r.status(), r.out());
        assertEquals("TrainJob: " + bad + ": interactions: 1 of 3 rows has a null item id, e.g. {user=1, item=null, "
                + "rating=3.0, timestamp=881250950}\n", r.err());
        assertTrue(Files.notExists(dir.resolve("never.jrec")));
        Result missing = run("--input", dir.resolve("nothing-here").toString(), "--format", "parquet", "--model", "als",
                "--out", dir.resolve("never.jrec").toString());
        assertEquals(1, missing.status(), missing.out());
        assertTrue(missing.err().startsWith("TrainJob: " + dir.resolve("nothing-here") + ": "), missing.err());
        Path empty = dir.resolve("empty.data");
        Files.writeString(empty, "");
        Result none = run("--input", empty.toString(), "--format", "movielens", "--model", "als", "--out", "x.jrec");
        assertEquals(1, none.status());
        assertEquals("TrainJob: " + empty + ": interactions: the input has no rows\n", none.err());
    }
}
