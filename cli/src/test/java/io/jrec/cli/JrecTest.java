package io.jrec.cli;

import io.jrec.core.Recommender;
import io.jrec.core.io.ModelIO;
import io.jrec.models.select.ModelCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tool end to end on generated files, in process: outputs, files written and exit codes. */
class JrecTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path test;

    @BeforeAll
    static void data() throws IOException {
        Path[] files = TestData.write(dir);
        train = files[0];
        test = files[1];
    }

    static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(Jrec.OK, r.code(), r::toString);
        return r;
    }

    @Test
    void fitEvaluateRecommend() throws IOException {
        Path model = dir.resolve("itemknn.jrec");
        CliRun fit = ok("fit", "--train", train.toString(), "--model", "itemknn", "--set", "k=20", "--set",
                "shrinkage=10", "--out", model.toString());
        assertTrue(fit.out().contains("fitted ItemKNN"), fit::toString);
        assertTrue(fit.out().contains("80 users, 50 items"), fit::toString);
        assertTrue(fit.err().contains("["), "a progress bar on stderr: " + fit.err());
        Recommender loaded = ModelIO.load(model);
        assertEquals("ItemKnnRecommender", loaded.getClass().getSimpleName());

        CliRun eval = ok("evaluate", "--load", model.toString(), "--train", train.toString(), "--test",
                test.toString(), "--k", "5", "--html", dir.resolve("report.html").toString(), "-q");
        assertTrue(eval.out().contains("RMSE") && eval.out().contains("NDCG@5"), eval::toString);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("NDCG@5"));
        assertEquals("", eval.err(), "--quiet: nothing on stderr");

        CliRun one = ok("recommend", "--load", model.toString(), "--user", "2", "--n", "3");
        assertTrue(one.out().startsWith("user 2 (ItemKNN"), one::toString);
        assertEquals(4, one.out().lines().count(), one::toString);
        // the user's taste group: even users get even items first (ids 100 + i, i even)
        long even = one.out().lines().skip(1)
                .filter(l -> Long.parseLong(l.split("item")[1].trim().split(" ")[0]) % 2 == 0).count();
        assertEquals(3, even, one::toString);

        Path users = dir.resolve("users.txt");
        Files.writeString(users, "# users\n1\n\n2,extra\n999\n");
        CliRun csv = ok("recommend", "--load", model.toString(), "--users", users.toString(), "--n", "2",
                "--format", "csv", "--explain");
        assertEquals("user,rank,item,score,because", csv.out().lines().findFirst().orElseThrow());
        assertEquals(1 + 3 * 2, csv.out().lines().count(), csv::toString);
        assertTrue(csv.out().lines().skip(1).limit(4).allMatch(l -> l.contains("\"item 1")), csv::toString);

        CliRun json = ok("recommend", "--load", model.toString(), "--users", users.toString(), "--n", "2",
                "--format", "json");
        assertTrue(json.out().startsWith("[\n  {\"user\": 1, \"source\": \""), json::toString);
        assertTrue(json.out().contains("{\"user\": 999, \"source\": \"Popularity"), "unknown user falls back: "
                + json.out());
        assertTrue(json.out().strip().endsWith("]"), json::toString);
    }

    @Test
    void evaluateFitsACatalogueModel() {
        CliRun r = ok("evaluate", "--model", "ease", "--set", "lambda=50", "--train", train.toString(), "--test",
                test.toString(), "-q");
        assertTrue(r.out().contains("EASE") && r.out().contains("NDCG@10"), r::toString);
        assertFalse(r.out().contains("RMSE"), "EASE does not predict ratings: " + r.out());
    }

    @Test
    void implicitCsvByColumnNames() throws IOException {
        Path events = dir.resolve("events.csv");
        Files.writeString(events, "when;customer;product\n5;1;10\n6;1;11\n7;2;10\n8;2;12\n9;3;11\n9;3;11\n");
        Path model = dir.resolve("pop.jrec");
        CliRun fit = ok("fit", "--train", events.toString(), "--implicit", "--user", "customer", "--item", "product",
                "--timestamp", "when", "--model", "popularity", "--out", model.toString());
        assertTrue(fit.out().contains("3 users, 3 items, 5 events"), fit::toString);
        CliRun rec = ok("recommend", "--load", model.toString(), "--user", "1", "--n", "1");
        assertTrue(rec.out().contains("item 12"), rec::toString);
    }

    @Test
    void tuneWritesTheWinner() throws IOException {
        Path model = dir.resolve("tuned.jrec");
        CliRun r = ok("tune", "--train", train.toString(), "--model", "ease", "--metric", "ndcg@10", "--budget",
                "20s", "--validation", "user:0.2", "--threads", "1", "--out", model.toString(), "-q");
        assertTrue(r.out().contains("Model selection") && r.out().contains("ease"), r::toString);
        assertTrue(r.out().contains("saved " + model), r::toString);
        assertEquals("EaseRecommender", ModelIO.load(model).getClass().getSimpleName());
    }

    @Test
    void modelsListsEveryCatalogueModelWithDefaults() {
        CliRun r = ok("models");
        for (ModelCatalog.Entry e : ModelCatalog.entries()) {
            assertTrue(r.out().contains(e.name() + "  "), e.name());
            for (ModelCatalog.Setting s : e.settings()) {
                assertTrue(r.out().contains(s.name() + "=" + s.defaultValue()), e.name() + " " + s.name());
            }
        }
        for (String name : new String[] {"popularity", "baseline", "itemknn", "userknn", "mf", "svdpp", "als", "ease",
                "neumf"}) {
            assertTrue(ModelCatalog.names().contains(name), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "evaluate", "recommend", "tune", "models", "generate-completion"})
    void helpOnEverySubcommand(String command) {
        CliRun r = ok(command, "--help");
        assertTrue(r.out().startsWith("Usage: jrec " + command), r::toString);
    }

    @Test
    void completionScript() {
        CliRun r = ok("generate-completion");
        assertTrue(r.out().contains("complete -F") && r.out().contains("recommend"), r.out());
        assertTrue(r.out().contains("itemknn"), "model names complete: " + r.out());
    }

    @Test
    void version() {
        assertTrue(ok("--version").out().startsWith("jrec "));
    }
}
