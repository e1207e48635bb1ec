package io.jrec.core.eval;

import io.jrec.core.ItemFeatures;
import io.jrec.core.SparseVector;
import io.jrec.core.io.MovieLens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluates a most-popular recommender and a global-mean predictor on MovieLens 100K, folds u1..u5,
 * and prints the table. Skipped when the data set is not beside the project.
 */
class MovieLensEvaluationTest {

    static Path dataDir() {
        return Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
    }

    @Test
    void popularityAndGlobalMeanOnFiveFolds() throws IOException {
        Path dir = dataDir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        List<Split> folds = Splits.movieLensFolds(dir);
        ItemFeatures genres = MovieLens.genres(dir.resolve("u.item"));
        ItemSimilarity genreJaccard = (a, b) -> jaccard(genres.featuresOf(a), genres.featuresOf(b));
        EvaluationReport report = Evaluator.builder()
                .metrics(Metrics.rmse(), Metrics.mae(), Metrics.precision(10), Metrics.recall(10), Metrics.ndcg(10),
                        Metrics.gradedNdcg(10), Metrics.map(10), Metrics.mrr(10), Metrics.hitRate(10), Metrics.coverage(10),
                        Metrics.novelty(10), Metrics.diversity(10, genreJaccard))
                .fillUnpredictable(true)
                .threads(2)
                .build()
                .evaluate(List.of(TestModels.MostPopular.algorithm(), TestModels.GlobalMean.algorithm()), folds);
        report.print(System.out);
        System.out.println(report.pairedTTest("MostPopular", "GlobalMean", "NDCG@10"));

        // reference (DESIGN.md protocol): popularity on u1, relevant >= 4, 456 users: P@10 0.2136, NDCG@10 0.2451
        assertEquals(456, report.stats("MostPopular", "u1").usersEvaluated());
        assertEquals(0.2136, report.value("MostPopular", "Precision@10", "u1"), 0.0005);
        assertEquals(0.2451, report.value("MostPopular", "NDCG@10", "u1"), 0.0005);
        // predicting the training mean (about 3.53) for every pair: RMSE 1.1537 on u1, 1.1256 over u1..u5
        // (cross-checked with an independent script); coverage@10 of popularity 0.0358 over u1..u5
        assertEquals(1.1537, report.value("GlobalMean", "RMSE", "u1"), 0.0005);
        assertEquals(1.1256, report.mean("GlobalMean", "RMSE"), 0.0005);
        assertEquals(0.0358, report.mean("MostPopular", "Coverage@10"), 0.0005);
        assertTrue(report.mean("MostPopular", "NDCG@10") > report.mean("GlobalMean", "NDCG@10"));
        // kept in the module's build directory for a look (not a test resource, never committed)
        Path out = Files.createDirectories(Path.of("target", "eval"));
        report.writeCsv(out.resolve("ml100k-u1-u5.csv"));
        report.writeHtml(out.resolve("ml100k-u1-u5.html"));
        System.out.println("wrote " + out.toAbsolutePath().resolve("ml100k-u1-u5.html"));
    }

    @Test
    void leaveLastOutFullAndSampledCandidates() throws IOException {
        Path dir = dataDir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        List<Split> split = List.of(Splits.leaveLastOut(MovieLens.ratings(dir.resolve("u.data"))));
        List<io.jrec.core.Algorithm> algorithms =
                List.of(TestModels.MostPopular.algorithm(), TestModels.GlobalMean.algorithm());
        Evaluator.Builder b = Evaluator.builder().metrics(Metrics.hitRate(10), Metrics.ndcg(10))
                .relevance(Relevance.anyEvent()).threads(2);
        EvaluationReport full = b.build().evaluate(algorithms, split);
        EvaluationReport sampled = b.candidates(Candidates.sampled(100, 42)).build().evaluate(algorithms, split);
        full.print(System.out);
        sampled.print(System.out);
        assertEquals(943, full.stats("MostPopular", "leave-last-out").usersEvaluated());
        // ranking 101 candidates is far easier than ranking all ~1,600 unseen items
        assertTrue(sampled.mean("MostPopular", "HitRate@10") > 2 * full.mean("MostPopular", "HitRate@10"));
        // equal scores rank the candidates by id: a hit needs at most 9 of the 100 negatives below the
        // held-out id; the hypergeometric expectation of that over the 943 users is 0.144 (computed
        // independently; above 10/101 because the latest movies of users tend to have low, old ids)
        assertEquals(0.144, sampled.mean("GlobalMean", "HitRate@10"), 0.015);
    }

    /** |A and B| / |A or B| over the genre sets; 0 when both are empty. */
    static double jaccard(SparseVector a, SparseVector b) {
        int common = 0;
        for (int k = 0; k < a.size(); k++) {
            common += b.contains(a.index(k)) ? 1 : 0;
        }
        int union = a.size() + b.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }

    @Test
    void movieLensFoldsAreTheFiveGivenSplits() throws IOException {
        Path dir = dataDir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        List<Split> folds = Splits.movieLensFolds(dir);
        assertEquals(List.of("u1", "u2", "u3", "u4", "u5"), folds.stream().map(Split::name).toList());
        for (Split f : folds) {
            assertEquals(80_000, f.train().size(), f.name());
            assertEquals(20_000, f.test().size(), f.name());
        }
    }

    @Test
    void missingFoldFileIsNamed(@TempDir Path empty) {
        java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
                () -> Splits.movieLensFolds(empty));
        assertEquals(empty.resolve("u1.base").toString(), e.getFile());
        assertTrue(e.getMessage().contains("MovieLens 100K fold file missing"), e.getMessage());
    }
}
