package io.jrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrec.core.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example programs run end to end without throwing and print what they promise. They use the
 * embedded synthetic shop (a few seconds each); the MovieLens evaluation runs in quick mode when
 * ML-100K is present ({@code -Djrec.ml100k}) and is skipped otherwise.
 */
class ExamplesSmokeTest {

    /** Runs {@code body} with {@code System.out} captured; returns what it printed. */
    private static String captureStdout(ThrowingRunnable body) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void quickstartPrintsPersonalListsSimilarProductsAndTheNewCustomerFallback() throws Exception {
        String out = captureStdout(() -> Quickstart.main(new String[0]));
        assertTrue(out.contains("Synthetic shop: 2,000 customers, 500 products"), out);
        assertTrue(out.contains("because you liked:"), out);
        assertTrue(out.contains("also bought:"), out);
        assertTrue(out.contains("served by ContentBased (similar to"), out);
        assertTrue(out.contains("served by Hybrid fallback (0 < 3 interactions): Popularity (unknown user)"), out);
        assertTrue(out.contains("(session)"), out);
    }

    @Test
    void shopScenarioRunsEveryStepAndTheServedModelAnswersLikeTheFittedOne() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        assertEquals(0, ShopScenario.run(new String[0], out, ProgressListener.NONE));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Customers who bought it also bought:"), text);
        assertTrue(text.contains("OUT OF STOCK"), "the unfiltered home page shows the stock rule's effect\n" + text);
        String filtered = text.substring(text.indexOf("With ItemFilter"), text.indexOf("Why the first one?"));
        assertTrue(!filtered.contains("OUT OF STOCK"), filtered);
        assertTrue(text.contains("Hybrid fallback (1 < 3 interactions): ContentBased"), text);
        assertTrue(text.contains("Hybrid fallback (0 < 3 interactions): Popularity (unknown user)"), text);
        assertTrue(text.matches("(?s).*\"Lumenza Nova Boot\" is in the top 10 of [1-9]\\d* of.*"), text);
        assertTrue(text.matches("(?s).*titles \\+ vectors \\(vectorWeight 0\\.5\\) +[1-9]\\d* of 1973.*"), text);
        assertTrue(text.contains("log loss") && text.contains("AUC"), text);
        assertTrue(text.contains("identical top-10 lists for 2000 of 2000 customers"), text);
    }

    @Test
    void searchScenarioPrintsUnderstoodQueriesAndEveryComparison() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        SearchScenario.run(new String[] {"-quick"}, new PrintStream(buffer, true, StandardCharsets.UTF_8),
                ProgressListener.NONE);
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("corrected=["), text);
        assertTrue(text.contains("ranked by: BM25 + popularity 0.10 + personal"), text);
        assertTrue(text.contains("because you bought:"), text);
        assertTrue(text.contains("plain BM25") && text.contains("(tuned)") && text.contains("MRR"), text);
        assertTrue(text.contains("item2vec nextItems") && text.contains("item-KNN cosine similarItems"), text);
        assertTrue(text.contains("Product vectors loaded from"), text);
    }

    @Test
    void shopScenarioSavesInOneStepAndServesInAnother(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        assertEquals(0, ShopScenario.run(new String[]{"save", dir.toString()},
                new PrintStream(saved, true, StandardCharsets.UTF_8), ProgressListener.NONE));
        assertTrue(Files.size(dir.resolve(ShopScenario.MODEL_FILE)) > 0);
        ByteArrayOutputStream served = new ByteArrayOutputStream();
        assertEquals(0, ShopScenario.run(new String[]{"serve", dir.toString()},
                new PrintStream(served, true, StandardCharsets.UTF_8), ProgressListener.NONE));
        String text = served.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Loaded "), text);
        assertTrue(text.contains("Popularity (unknown user)"), "unknown visitors get popularity\n" + text);
    }

    @Test
    void shopScenarioRejectsUnknownArguments() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        assertEquals(1, ShopScenario.run(new String[]{"deploy"}, new PrintStream(buffer, true, StandardCharsets.UTF_8),
                ProgressListener.NONE));
        assertTrue(buffer.toString(StandardCharsets.UTF_8).startsWith("usage: ShopScenario"));
    }

    @Test
    void evaluateMovieLensSaysWhereToGetTheDataWhenItIsMissing(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvaluateMovieLens.run(new String[]{dir.resolve("nowhere").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("MovieLens 100K not found: " + dir.resolve("nowhere").toAbsolutePath()), message);
        assertTrue(message.contains("https://files.grouplens.org/datasets/movielens/ml-100k.zip"), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evaluateMovieLensRejectsUnknownOptions() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, EvaluateMovieLens.run(new String[]{"-fast"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("unknown option -fast"));
    }

    @Test
    void evaluateMovieLensNamesTheChoicesForAnUnknownAlgorithm() throws IOException {
        Path data = Path.of(System.getProperty("jrec.ml100k", "../../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(data), "MovieLens 100K not found at " + data + "; skipping");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, EvaluateMovieLens.run(new String[]{"-only", "ItemKNN,SlopeOne", data.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("unknown algorithm SlopeOne in -only; choose from"
                + " [Popularity, Baseline, ItemKNN, ItemKNN-P, UserKNN, Content, Hybrid, MF, SVD++, ALS, EASE, NeuMF]"));
    }

    @Test
    void evaluateMovieLensQuickModeWritesTheTableAndTheReport(@TempDir Path dir) throws IOException {
        Path data = Path.of(System.getProperty("jrec.ml100k", "../../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(data), "MovieLens 100K not found at " + data + "; skipping");
        Path report = dir.resolve("report.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the cheap rows only; the full list takes about a minute on u1
        int code = EvaluateMovieLens.run(new String[]{"-quick", "-only", "Popularity,Baseline,Content",
                        data.toString(), report.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err);
        assertTrue(text.contains("fold u1 only (-quick)"), text);
        assertTrue(text.contains("algorithm  |   RMSE |"), text);
        assertTrue(text.contains("Users evaluated per split: 456"), text);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("100%"), "the progress bar reaches 100%");
        String html = Files.readString(report);
        assertTrue(html.contains("<svg"), "the report has charts");
    }
}
