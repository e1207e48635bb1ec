package io.jrec.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad-input path: exit code 2 with picocli's message and the usage for bad usage, exit code 1 with
 * the loader's file-and-line message for bad data; nothing on stdout either way.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static String train;
    static String test;
    static String model;

    @BeforeAll
    static void data() throws IOException {
        Path[] files = TestData.write(dir);
        train = files[0].toString();
        test = files[1].toString();
        model = dir.resolve("pop.jrec").toString();
        assertEquals(Jrec.OK, CliRun.of("fit", "--train", train, "--model", "popularity", "--out", model, "-q").code());
    }

    /** Asserts exit code 2, the message on stderr, the usage after it, and an empty stdout. */
    static void usage(String message, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(Jrec.BAD_USAGE, r.code(), r::toString);
        assertTrue(r.err().contains(message), () -> "expected '" + message + "' in\n" + r);
        assertTrue(r.err().contains("Usage: jrec"), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    /** Asserts exit code 1, {@code "jrec COMMAND: "} and the message on stderr, and no usage. */
    static void data(String command, String message, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(Jrec.BAD_DATA, r.code(), r::toString);
        assertTrue(r.err().contains("jrec " + command + ": " + message), () -> "expected '" + message + "' in\n" + r);
        assertTrue(!r.err().contains("Usage:"), r::toString);
    }

    // ---- bad usage (exit 2) ----

    @Test
    void noCommand() {
        usage("missing command: fit, evaluate, recommend, tune, models or generate-completion");
    }

    @Test
    void unknownCommandOrOption() {
        CliRun r = CliRun.of("train");
        assertEquals(Jrec.BAD_USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("Unmatched argument at index 0: 'train'"), r::toString);
        usage("Unknown options: '--epochs', '3'", "fit", "--train", train, "--model", "mf", "--epochs", "3", "--out",
                model);
    }

    @Test
    void missingRequiredOptions() {
        usage("Missing required options: '--model=NAME', '--out=MODEL.jrec'", "fit", "--train", train);
        usage("Missing required option: '--train=FILE'", "fit", "--model", "mf", "--out", model);
        usage("Missing required option: '--load=MODEL.jrec'", "recommend", "--user", "1");
        usage("Missing required option: '--metric=METRIC'", "tune", "--train", train, "--model", "ease", "--out",
                model);
    }

    @Test
    void unknownModelOrSetting() {
        usage("unknown model 'knn'; known: popularity, baseline, itemknn, userknn, mf, svdpp, als, ease, sparseease, "
                + "rp3beta, neumf",
                "fit", "--train", train, "--model", "knn", "--out", model);
        usage("unknown setting 'neighbours' for itemknn; known: similarity, k,", "fit", "--train", train, "--model",
                "itemknn", "--set", "neighbours=10", "--out", model);
        usage("setting 'similarity' must be cosine, pearson, jaccard or weightedjaccard, got 'euclid'", "fit",
                "--train", train, "--model", "itemknn", "--set", "similarity=euclid", "--out", model);
        usage("Value for option option '--set' (KEY=VALUE) should be in KEY=VALUE format but was k", "fit", "--train",
                train, "--model", "itemknn", "--set", "k", "--out", model);
        usage("unknown model 'knn'; known: popularity", "tune", "--train", train, "--model", "knn", "--metric",
                "rmse", "--out", model);
    }

    @Test
    void badEnumValues() {
        usage("Invalid value for option '--format': expected one of [movielens, csv] (case-insensitive) but was"
                + " 'parquet'", "fit", "--train", train, "--format", "parquet", "--model", "mf", "--out", model);
        usage("Invalid value for option '--format': expected one of [text, csv, json]", "recommend", "--load", model,
                "--user", "1", "--format", "xml");
        usage("Invalid value for option '--user': 'alice' is not a long", "recommend", "--load", model, "--user",
                "alice");
    }

    @Test
    void evaluateNeedsExactlyOneModel() {
        usage("Missing required option: --model=NAME or --load=MODEL.jrec", "evaluate", "--train", train, "--test",
                test);
        usage("--model and --load are mutually exclusive", "evaluate", "--model", "ease", "--load", model, "--train",
                train, "--test", test);
        usage("--set applies to --model, not to a saved model (--load)", "evaluate", "--load", model, "--set", "k=3",
                "--train", train, "--test", test);
        usage("--threads must be >= 1, got 0", "evaluate", "--load", model, "--train", train, "--test", test,
                "--threads", "0");
        usage("--k must be >= 1, got 0", "evaluate", "--load", model, "--train", train, "--test", test, "--k", "0");
    }

    @Test
    void recommendNeedsExactlyOneOfUserAndUsers() {
        usage("Missing required argument (specify one of these): (--user=ID | --users=FILE)", "recommend", "--load",
                model);
        usage("--user=ID, --users=FILE are mutually exclusive (specify only one)", "recommend", "--load", model,
                "--user", "1", "--users", train);
        usage("--n must be >= 0, got -1", "recommend", "--load", model, "--user", "1", "--n", "-1");
        usage("--explain: PopularityRecommender cannot explain its scores", "recommend", "--load", model, "--user",
                "1", "--explain");
    }

    @Test
    void badTuneSettings() {
        usage("unknown metric 'auc'; known: rmse, mae, ndcg@K", "tune", "--train", train, "--model", "ease",
                "--metric", "auc", "--out", model);
        usage("unknown validation 'holdout:0.2'; expected user:F, temporal:F, cut:F", "tune", "--train", train,
                "--model", "ease", "--metric", "ndcg@10", "--validation", "holdout:0.2", "--out", model);
        usage("--budget 'soon' is not a duration; e.g. 90s, 10m, 1h", "tune", "--train", train, "--model", "ease",
                "--metric", "ndcg@10", "--budget", "soon", "--out", model);
        usage("--threads must be >= 1, got 0", "tune", "--train", train, "--model", "ease", "--metric", "ndcg@10",
                "--threads", "0", "--out", model);
        usage("--budget must be positive, got '0s'", "tune", "--train", train, "--model", "ease", "--metric",
                "ndcg@10", "--budget", "0s", "--out", model);
    }

    @Test
    void columnOptionsContradictTheFormat() {
        usage("--user, --item, --rating and --timestamp apply to --format csv", "fit", "--train", train, "--format",
                "movielens", "--user", "0", "--model", "popularity", "--out", model);
        data("fit", train + ", line 1: no column named 'product' in the header", "fit", "--train", train,
                "--item", "product", "--model", "popularity", "--out", model);
    }

    // ---- bad data (exit 1) ----

    @Test
    void malformedTrainingFileNamesFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "userId,movieId,rating\n1,10,4\n2,ten,5\n");
        data("fit", bad + ", line 3: ", "fit", "--train", bad.toString(), "--model", "popularity", "--out", model);
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "1,10,4\n1,11,NaN\n");
        data("evaluate", nan + ", line 2: ", "evaluate", "--model", "baseline", "--train", train, "--test",
                nan.toString());
    }

    @Test
    void malformedMovieLensFile() throws IOException {
        Path bad = dir.resolve("u.data");
        Files.writeString(bad, "1\t10\t4\t881250949\n2\t11\t5\n");
        data("fit", bad + ", line 2: ", "fit", "--train", bad.toString(), "--model", "popularity", "--out", model);
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "userId,movieId,rating\n");
        data("fit", empty + ": no ratings in the file", "fit", "--train", empty.toString(), "--model", "itemknn",
                "--out", model);
        data("evaluate", empty + ": no events in the file", "evaluate", "--model", "ease", "--implicit", "--train",
                train, "--test", empty.toString());
    }

    @Test
    void dataTheValidationCannotSplit() throws IOException {
        Path noTimes = dir.resolve("no-times.csv");
        Files.writeString(noTimes, "1,10,4\n1,11,5\n2,10,3\n2,12,4\n3,11,4\n3,12,5\n");
        data("tune", "temporal validation needs timestamps, but the training matrix has none", "tune", "--train",
                noTimes.toString(), "--model", "ease", "--metric", "ndcg@10", "--validation", "temporal:0.2",
                "--out", model, "-q");
    }

    @Test
    void missingFiles() {
        String missing = dir.resolve("missing.csv").toString();
        data("fit", "no such file: " + missing, "fit", "--train", missing, "--model", "popularity", "--out", model);
        data("recommend", "no such file: " + missing, "recommend", "--load", missing, "--user", "1");
        data("recommend", "no such file: " + missing, "recommend", "--load", model, "--users", missing);
    }

    @Test
    void badUsersFileNamesFileAndLine() throws IOException {
        Path users = dir.resolve("bad-users.txt");
        Files.writeString(users, "1\n# comment\nbob\n");
        data("recommend", users + ", line 3: user id 'bob' is not an integer: \"bob\"", "recommend", "--load", model,
                "--users", users.toString());
    }

    @Test
    void notAModelFile() throws IOException {
        data("recommend", "", "recommend", "--load", train, "--user", "1");
        Path truncated = dir.resolve("truncated.jrec");
        byte[] bytes = Files.readAllBytes(Path.of(model));
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        data("evaluate", "", "evaluate", "--load", truncated.toString(), "--train", train, "--test", test);
    }
}
