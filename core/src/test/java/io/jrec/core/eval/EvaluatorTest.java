package io.jrec.core.eval;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {
    private static final double EPS = 1e-12;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    /**
     * Train: user 1 rated 10 (5), 20 (4); user 2 rated 10 (3), 30 (5); user 3 rated 10 (4), 20 (2), 40 (1).
     * Popularity: 10 -> 3, 20 -> 2, 30 -> 1, 40 -> 1.
     */
    static RatingMatrix tinyTrain() {
        return RatingMatrix.builder()
                .add(1, 10, 5).add(1, 20, 4)
                .add(2, 10, 3).add(2, 30, 5)
                .add(3, 10, 4).add(3, 20, 2).add(3, 40, 1)
                .build();
    }

    /**
     * Test, built separately so that its indices differ from train's: item 50 is unknown to train,
     * user 4 is unknown to train, user 3 has no relevant test item.
     */
    static RatingMatrix tinyTest() {
        return RatingMatrix.builder()
                .add(1, 30, 5).add(1, 40, 2).add(1, 50, 4)
                .add(2, 20, 4)
                .add(3, 30, 3)
                .add(4, 10, 5)
                .build();
    }

    @Test
    void rankingMetricsOnGivenSplitByHand() {
        Split split = Splits.given("tiny", tinyTrain(), tinyTest());
        EvaluationReport r = Evaluator.builder()
                .metrics(Metrics.precision(2), Metrics.recall(2), Metrics.ndcg(2), Metrics.hitRate(2),
                        Metrics.mrr(2), Metrics.coverage(2), Metrics.coverage(1))
                .threads(1).build()
                .evaluate(TestModels.MostPopular.algorithm(), List.of(split));
        // user 1 (has 10, 20): candidates 30 and 40 tie at 1 rating -> lower id first: [30, 40];
        //   relevant = {30 (5), 50 (4)}: P = 1/2, R = 1/2, NDCG = 1 / (1 + 1/log2 3)
        // user 2 (has 10, 30): [20, 40]; relevant = {20}: P = 1/2, R = 1, NDCG = 1
        // user 3: only test item rated 3 < 4 -> excluded and counted
        // user 4: unknown -> popularity fallback [10, 20]; relevant = {10}: P = 1/2, R = 1, NDCG = 1
        assertEquals(0.5, r.mean("MostPopular", "Precision@2"), EPS);
        assertEquals((0.5 + 1 + 1) / 3, r.mean("MostPopular", "Recall@2"), EPS);
        assertEquals((1 / (1 + 1 / LOG2_3) + 1 + 1) / 3, r.mean("MostPopular", "NDCG@2"), EPS);
        assertEquals(1.0, r.mean("MostPopular", "HitRate@2"), EPS);
        assertEquals(1.0, r.mean("MostPopular", "MRR@2"), EPS);
        // distinct items in top-2 lists {30, 40, 20, 10} / 4 training items; top-1: {30, 20, 10} / 4
        assertEquals(1.0, r.mean("MostPopular", "Coverage@2"), EPS);
        assertEquals(0.75, r.mean("MostPopular", "Coverage@1"), EPS);
        EvaluationReport.RunStats st = r.stats("MostPopular", "tiny");
        assertEquals(3, st.usersEvaluated());
        assertEquals(1, st.usersWithoutRelevant());
        assertEquals(0, st.pairsPredicted());   // no error metric asked
        assertTrue(st.latencyP99Micros() >= st.latencyMedianMicros());
    }

    @Test
    void errorMetricsCountAndOptionallyFillUnpredictablePairs() {
        Split split = Splits.given("tiny", tinyTrain(), tinyTest());
        double mean = (5 + 4 + 3 + 5 + 4 + 2 + 1) / 7.0;    // training global mean 24/7
        // predictable pairs: (1,30,5), (1,40,2), (2,20,4), (3,30,3); item 50 and user 4 are unknown
        double[] e = {mean - 5, mean - 2, mean - 4, mean - 3};
        double rmse = Math.sqrt((e[0] * e[0] + e[1] * e[1] + e[2] * e[2] + e[3] * e[3]) / 4);
        double mae = (Math.abs(e[0]) + Math.abs(e[1]) + Math.abs(e[2]) + Math.abs(e[3])) / 4;
        Evaluator.Builder b = Evaluator.builder().metrics(Metrics.rmse(), Metrics.mae()).threads(1);
        EvaluationReport skip = b.build().evaluate(
                List.of(TestModels.GlobalMean.algorithm(), TestModels.MostPopular.algorithm()), List.of(split));
        assertEquals(rmse, skip.mean("GlobalMean", "RMSE"), EPS);
        assertEquals(mae, skip.mean("GlobalMean", "MAE"), EPS);
        assertEquals(4, skip.stats("GlobalMean", "tiny").pairsPredicted());
        assertEquals(2, skip.stats("GlobalMean", "tiny").pairsUnpredictable());
        assertTrue(Double.isNaN(skip.mean("MostPopular", "RMSE")));      // cannot predict anything
        assertEquals(6, skip.stats("MostPopular", "tiny").pairsUnpredictable());
        assertTrue(Double.isNaN(skip.stats("MostPopular", "tiny").latencyMedianMicros()));  // no topN asked

        EvaluationReport fill = b.fillUnpredictable(true).build().evaluate(
                List.of(TestModels.GlobalMean.algorithm(), TestModels.MostPopular.algorithm()), List.of(split));
        // unknown pairs (1,50,4) and (4,10,5) are filled with the training mean too
        double filled = Math.sqrt((e[0] * e[0] + e[1] * e[1] + e[2] * e[2] + e[3] * e[3]
                + (mean - 4) * (mean - 4) + (mean - 5) * (mean - 5)) / 6);
        assertEquals(filled, fill.mean("GlobalMean", "RMSE"), EPS);
        assertEquals(filled, fill.mean("MostPopular", "RMSE"), EPS);
        assertEquals(2, fill.stats("GlobalMean", "tiny").pairsUnpredictable());
        assertTrue(fill.protocol().contains("filled with the training global mean"));
        assertFalse(fill.toTable().contains("Users evaluated"), "no top-N metric, no user counts");
        String[] lines = fill.toTable().split("\n");
        assertTrue(lines[0].matches(".* \\| +unpredictable"), lines[0]);
        assertTrue(lines[2].startsWith("GlobalMean ") && lines[2].endsWith(" 2 of 6 (33.3%)"), lines[2]);
        assertTrue(lines[3].startsWith("MostPopular ") && lines[3].endsWith(" | 6 of 6 (100.0%)"), lines[3]);
    }

    /**
     * Unpredictable pairs are a column of the summary table (text and HTML), one cell per model summed over
     * splits, not a note line per model; without error metrics there is no such column.
     */
    @Test
    void unpredictablePairsAreAColumnOfTheSummary() {
        String table = handReport().toTable();
        String[] lines = table.split("\n");
        assertTrue(lines[0].matches(".* \\| +unpredictable"), lines[0]);
        // 5 of 105 pairs on each of 3 splits: 15 of 315
        assertTrue(lines[2].startsWith("A ") && lines[2].endsWith(" | 15 of 315 (4.8%)"), lines[2]);
        assertTrue(lines[3].startsWith("B,\"quoted\" ") && lines[3].endsWith(" | 15 of 315 (4.8%)"), lines[3]);
        assertFalse(table.contains("Unpredictable test pairs,"), table);
        assertTrue(table.contains("Unpredictable: test pairs for which predict gave NaN, of all test pairs, summed"
                + " over splits"), table);
        String html = HtmlReport.render(handReport());
        assertTrue(html.contains("<th>topN p99 µs</th><th>unpredictable</th></tr>"), html);
        assertTrue(html.contains("<td class=\"n\">15 of 315 (4.8%)</td></tr>"), html);

        EvaluationReport.RunStats topNOnly = new EvaluationReport.RunStats(12.5, 40, 90, 10, 2, 0, 0);
        EvaluationReport noPairs = new EvaluationReport("top-N", List.of("A"), List.of("s1"), List.of("P@10"),
                new double[][][] {{{0.3}}}, new EvaluationReport.RunStats[][] {{topNOnly}}, 1);
        assertFalse(noPairs.toTable().contains("unpredictable") || noPairs.toTable().contains("Unpredictable"));
        assertFalse(HtmlReport.render(noPairs).contains("unpredictable"));

        EvaluationReport.RunStats none = new EvaluationReport.RunStats(1, 40, 90, 10, 2, 0, 0);
        EvaluationReport.RunStats some = new EvaluationReport.RunStats(1, 40, 90, 10, 2, 8, 2);
        EvaluationReport mixed = new EvaluationReport("mixed", List.of("A", "B"), List.of("s1"), List.of("RMSE"),
                new double[][][] {{{1}}, {{1}}}, new EvaluationReport.RunStats[][] {{none}, {some}}, 1);
        assertEquals("n/a", mixed.unpredictable(0));
        assertEquals("2 of 10 (20.0%)", mixed.unpredictable(1));
    }

    @Test
    void agreesWithDirectComputationOnRandomFolds() {
        RatingMatrix m = SplitsTest.random(9);
        List<Split> folds = Splits.kFold(m, 3, 1);
        Relevance relevance = Relevance.atLeast(3);
        EvaluationReport r = Evaluator.builder().metrics(Metrics.precision(5), Metrics.ndcg(5))
                .relevance(relevance).threads(2).build()
                .evaluate(TestModels.MostPopular.algorithm(), folds);
        for (Split f : folds) {
            Recommender model = TestModels.MostPopular.algorithm().fit(f.train());
            double precision = 0;
            int users = 0;
            for (int u = 0; u < f.test().userCount(); u++) {
                List<Long> relevant = new ArrayList<>();
                for (int k = f.test().byUser().rowStart(u); k < f.test().byUser().rowEnd(u); k++) {
                    if (f.test().byUser().value(k) >= 3) {
                        relevant.add(f.test().items().idAt(f.test().byUser().column(k)));
                    }
                }
                if (relevant.isEmpty()) {
                    continue;
                }
                long[] top = model.topN(f.test().users().idAt(u), 5).itemIds();
                int hits = 0;
                for (long id : top) {
                    hits += relevant.contains(id) ? 1 : 0;
                }
                precision += hits / 5.0;
                users++;
            }
            assertEquals(precision / users, r.value("MostPopular", "Precision@5", f.name()), EPS, f.name());
            assertEquals(users, r.stats("MostPopular", f.name()).usersEvaluated());
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        RatingMatrix m = SplitsTest.random(5);
        List<Split> folds = Splits.perUserKFold(m, 3, 2);
        List<Algorithm> algorithms = List.of(TestModels.MostPopular.algorithm(), TestModels.GlobalMean.algorithm());
        Evaluator.Builder b = Evaluator.builder().candidates(Candidates.sampled(7, 3));
        EvaluationReport one = b.threads(1).build().evaluate(algorithms, folds);
        EvaluationReport four = b.threads(4).build().evaluate(algorithms, folds);
        for (String a : one.algorithms()) {
            for (String metric : one.metrics()) {
                assertArrayEquals(one.values(a, metric), four.values(a, metric), a + " " + metric);
            }
        }
    }

    /** Wraps a model and records the allow list of every topN call. */
    static final class Recording implements Algorithm {
        final Map<Long, long[]> allowed = new ConcurrentHashMap<>();
        final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Recommender fit(RatingMatrix train, ProgressListener progress) {
            Recommender inner = TestModels.MostPopular.algorithm().fit(train);
            return new Recommender() {
                @Override
                public Recommendations topN(long userId, int n, ItemFilter filter) {
                    allowed.put(userId, filter.allowedIds());
                    return inner.topN(userId, n, filter);
                }

                @Override
                public double predict(long userId, long itemId) {
                    return inner.predict(userId, itemId);
                }
            };
        }
    }

    @Test
    void sampledCandidatesAreTestItemsPlusUnseenNegativesTheSameForEveryAlgorithm() {
        RatingMatrix m = SplitsTest.random(6);
        Split split = Splits.leaveOneOut(m, 4);
        Recording a = new Recording("A");
        Recording b = new Recording("B");
        EvaluationReport r = Evaluator.builder().metrics(Metrics.hitRate(10), Metrics.ndcg(10))
                .relevance(Relevance.anyEvent()).candidates(Candidates.sampled(5, 99)).threads(3).build()
                .evaluate(List.of(a, b), List.of(split));
        assertFalse(a.allowed.isEmpty());
        for (Map.Entry<Long, long[]> e : a.allowed.entrySet()) {
            long user = e.getKey();
            int u = m.users().indexOf(user);
            long[] ids = e.getValue();
            assertArrayEquals(ids, b.allowed.get(user), "same candidates for every algorithm");
            int testItems = split.test().userRatingCount(u);
            int unseen = m.itemCount() - m.userRatingCount(u);
            assertEquals(testItems + Math.min(5, unseen), ids.length);
            int negatives = 0;
            for (long id : ids) {
                int i = m.items().indexOf(id);
                assertTrue(Double.isNaN(split.train().get(u, i)), "a training item was a candidate");
                negatives += Double.isNaN(split.test().get(u, i)) ? 1 : 0;
            }
            assertEquals(Math.min(5, unseen), negatives);
        }
        // with 1 held-out item among 6 candidates, the hit rate @10 is 1
        assertEquals(1.0, r.mean("A", "HitRate@10"), EPS);
        assertTrue(r.protocol().contains("the user's test items + 5 sampled unseen items (seed 99)"));
    }

    @Test
    void progressReachesTotals() {
        RatingMatrix m = SplitsTest.random(7);
        List<Split> folds = Splits.kFold(m, 3, 5);
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] max = new long[4];
        Evaluator.builder().threads(2).progress((stage, done, total, message) -> {
            synchronized (max) {
                int s = stage.equals("fit") ? 0 : 2;
                max[s] = Math.max(max[s], done);
                max[s + 1] = total;
            }
            events.add(stage);
        }).build().evaluate(List.of(TestModels.MostPopular.algorithm(), TestModels.GlobalMean.algorithm()), folds);
        assertEquals(6, max[0]);   // 2 algorithms x 3 folds fitted
        assertEquals(6, max[1]);
        assertEquals(max[3], max[2]);
        assertTrue(events.contains("evaluate"));
    }

    @Test
    void failuresOfTheAlgorithmPropagate() {
        Algorithm broken = new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener progress) {
                throw new IllegalArgumentException("neighbors must be >= 1, got 0");
            }
        };
        Split split = Splits.given("tiny", tinyTrain(), tinyTest());
        assertEquals("neighbors must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().threads(2).build().evaluate(broken, List.of(split))).getMessage());
    }

    @Test
    void duplicateAlgorithmNamesAreNumbered() {
        Split split = Splits.given("tiny", tinyTrain(), tinyTest());
        EvaluationReport r = Evaluator.builder().threads(1).build().evaluate(
                List.of(TestModels.MostPopular.algorithm(), TestModels.MostPopular.algorithm()), List.of(split));
        assertEquals(List.of("MostPopular", "MostPopular #2"), r.algorithms());
    }

    @Test
    void badSettingsAreRejectedWithMessages() {
        assertEquals("threads must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().threads(0).build()).getMessage());
        assertEquals("metrics must not be empty; e.g. Metrics.ranking(10)", assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().metrics().build()).getMessage());
        assertEquals("metric NDCG@10 is given twice; names must be unique", assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().metrics(Metrics.ndcg(10), Metrics.ndcg(10)).build()).getMessage());
        assertEquals("metrics must not contain null", assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().metrics(Arrays.asList(Metrics.rmse(), null)).build()).getMessage());
        assertEquals("relevance, candidates and progress must not be null", assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().relevance(null).build()).getMessage());
        Evaluator e = Evaluator.builder().build();
        Split split = Splits.given("tiny", tinyTrain(), tinyTest());
        assertEquals("no algorithm to evaluate", assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(List.of(), List.of(split))).getMessage());
        assertEquals("no split to evaluate on", assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(TestModels.MostPopular.algorithm(), List.of())).getMessage());
    }

    static EvaluationReport handReport() {
        // A = [0.3, 0.4, 0.5], B = [0.1, 0.3, 0.2] on 3 splits
        double[][][] values = {{{0.3, 0.4, 0.5}}, {{0.1, 0.3, 0.2}}};
        EvaluationReport.RunStats st = new EvaluationReport.RunStats(12.5, 40, 90, 10, 2, 100, 5);
        EvaluationReport.RunStats[][] stats = {{st, st, st}, {st, st, st}};
        return new EvaluationReport("hand-made", List.of("A", "B,\"quoted\""), List.of("s1", "s2", "s3"),
                List.of("P@10"), values, stats, 1);
    }

    @Test
    void pairedTTestByHand() {
        PairedTest t = handReport().pairedTTest("A", "B,\"quoted\"", "P@10");
        // differences 0.2, 0.1, 0.3: mean 0.2, sd 0.1, t = 0.2 / (0.1 / sqrt 3) = sqrt 12 with 2 degrees of
        // freedom, where the two-sided p-value has the closed form 1 - t / sqrt(2 + t^2) = 1 - sqrt(12/14)
        assertEquals(0.2, t.meanDifference(), 1e-12);
        assertEquals(1 - Math.sqrt(12.0 / 14), t.pValue(), 1e-9);
        assertEquals(3, t.splits());
        assertEquals("unknown metric 'NDCG'; known: [P@10]", assertThrows(IllegalArgumentException.class,
                () -> handReport().pairedTTest("A", "A", "NDCG")).getMessage());
        assertEquals("unknown algorithm 'C'; known: [A, B,\"quoted\"]", assertThrows(IllegalArgumentException.class,
                () -> handReport().pairedTTest("A", "C", "P@10")).getMessage());
        EvaluationReport one = new EvaluationReport("p", List.of("A"), List.of("s"), List.of("m"),
                new double[][][] {{{1}}}, new EvaluationReport.RunStats[][] {{handReport().stats("A", "s1")}}, 1);
        assertEquals("a paired t-test needs at least 2 splits, this report has 1", assertThrows(
                IllegalArgumentException.class, () -> one.pairedTTest("A", "A", "m")).getMessage());
        assertEquals("1.0000", EvaluationReport.meanStd(one.values("A", "m"), "%.4f"));   // no std for 1 split
    }

    @Test
    void tableIsAlignedAndShowsMeanAndStd() {
        String table = handReport().toTable();
        String[] lines = table.split("\n");
        assertEquals(lines[0].length(), lines[1].length());
        assertEquals(lines[0].length(), lines[2].length());
        assertEquals(lines[0].length(), lines[3].length());
        // A: mean 0.4, sample std sqrt(((0.1)^2 + 0 + (0.1)^2) / 2) = 0.1
        assertTrue(lines[2].startsWith("A "), lines[2]);
        assertTrue(lines[2].contains("0.4000 ± 0.1000"), lines[2]);
        assertTrue(lines[0].contains("P@10") && lines[0].contains("topN p99 µs"), lines[0]);
        assertTrue(table.contains("Protocol: hand-made"));
        assertTrue(table.contains("Users evaluated per split: 10, 10, 10; excluded (no relevant test item): 2, 2, 2"));
    }

    @Test
    void csvHasOneRowPerFigure(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.csv");
        handReport().writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals("algorithm,split,metric,value", lines.get(0));
        assertEquals(1 + 2 * 3 * (1 + 7), lines.size());   // 2 algorithms x 3 splits x (1 metric + 7 stats)
        assertEquals("A,s1,P@10,0.3", lines.get(1));
        assertTrue(lines.contains("\"B,\"\"quoted\"\"\",s3,P@10,0.2"));
        assertTrue(lines.contains("A,s2,users_without_relevant,2"));
    }

    @Test
    void htmlIsSelfContainedWithOneChartPerMetric(@TempDir Path dir) throws IOException {
        Split split = Splits.given("tiny", tinyTrain(), tinyTest());
        EvaluationReport r = Evaluator.builder().threads(1).build().evaluate(
                List.of(TestModels.MostPopular.algorithm(), TestModels.GlobalMean.algorithm()), List.of(split));
        Path file = dir.resolve("r.html");
        r.writeHtml(file);
        String html = Files.readString(file);
        assertEquals(r.metrics().size(), html.split("<svg ", -1).length - 1);
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href=")
                || html.contains("@import") || html.contains("url("));
        assertTrue(html.contains("all items not in the user&#39;s training row")
                || html.contains("all items not in the user's training row"));
        String hand = HtmlReport.render(handReport());
        assertTrue(hand.contains("B,&quot;quoted&quot;"));
        assertEquals(5.0, HtmlReport.niceCeil(4.2), EPS);
        assertEquals(0.25, HtmlReport.niceCeil(0.2136), EPS);
        assertEquals(1.0, HtmlReport.niceCeil(0), EPS);
    }

    @Test
    void percentiles() {
        long[] sorted = {1, 2, 3, 4, 100};
        assertEquals(3.0, Evaluator.percentile(sorted, 0.5), EPS);
        assertEquals(100.0, Evaluator.percentile(sorted, 0.99), EPS);    // nearest rank ceil(4.95) = 5
        assertEquals(2.5, Evaluator.percentile(new long[] {1, 2, 3, 4}, 0.5), EPS);
        assertTrue(Double.isNaN(Evaluator.percentile(new long[0], 0.5)));
    }
}
