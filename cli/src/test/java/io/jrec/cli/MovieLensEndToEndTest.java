package io.jrec.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * fit -> evaluate -> recommend on MovieLens 100K u1 (skipped when the data is absent): the tool's
 * figures match the library's for the same model (item-KNN cosine, k = 40, shrinkage 100, baseline
 * centring: RMSE 0.9451, NDCG@10 0.3990 measured), within an accuracy band.
 */
class MovieLensEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void itemKnnOnU1() {
        Path ml = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        assumeTrue(Files.isRegularFile(ml.resolve("u1.base")), "MovieLens 100K not found at " + ml + "; skipped");
        String train = ml.resolve("u1.base").toString();
        String test = ml.resolve("u1.test").toString();
        String model = dir.resolve("itemknn.jrec").toString();

        CliRun fit = CliRun.of("fit", "--train", train, "--format", "movielens", "--model", "itemknn", "--set", "k=40",
                "--set", "shrinkage=100", "--out", model, "-q");
        assertEquals(Jrec.OK, fit.code(), fit::toString);
        assertTrue(fit.out().contains("943 users, 1,650 items, 80,000 ratings"), fit::toString);

        CliRun eval = CliRun.of("evaluate", "--load", model, "--train", train, "--test", test, "-q");
        assertEquals(Jrec.OK, eval.code(), eval::toString);
        String row = eval.out().lines().filter(l -> l.startsWith("itemknn.jrec")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        double rmse = Double.parseDouble(cells[1].trim());
        double ndcg = Double.parseDouble(cells[5].trim());
        assertEquals(0.9451, rmse, 0.01, row);
        assertEquals(0.3990, ndcg, 0.01, row);

        CliRun rec = CliRun.of("recommend", "--load", model, "--user", "196", "--n", "5", "--explain");
        assertEquals(Jrec.OK, rec.code(), rec::toString);
        assertEquals(6, rec.out().lines().count(), rec::toString);
        assertEquals(5, rec.out().lines().filter(l -> l.contains("because item")).count(), rec::toString);
    }
}
