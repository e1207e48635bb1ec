package io.jrec.models.neural;

import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.eval.Candidates;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.linear.EaseRecommender;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NeuMF on MovieLens 100K, leave-last-out (test = each user's latest rating, ties by the larger item
 * id; train = the rest, binary). Skipped when the data is absent. By default it trains 1 epoch (a
 * smoke band); {@code -Djrec.neumf.epochs=20} runs the full measurement (with validation HR@10 printed
 * after every epoch) and prints the figures:
 * <pre>
 * mvn -B -ntp -q -pl models -am test -Dtest=NeuMfMovieLensTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djrec.neumf.epochs=20
 * </pre>
 */
class NeuMfMovieLensTest {

    static RatingMatrix load(Path uData) throws IOException {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (String line : Files.readAllLines(uData)) {
            String[] f = line.split("\t");
            b.add(Long.parseLong(f[0]), Long.parseLong(f[1]), 1.0, Long.parseLong(f[3]));
        }
        return b.build();
    }

    @Test
    void leaveLastOutHitRate() throws IOException {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        int epochs = Integer.getInteger("jrec.neumf.epochs", 1);
        Split split = Splits.leaveLastOut(load(dir.resolve("u.data")));
        ProgressListener print = (stage, done, total, message) ->
                System.out.println(stage + " " + done + "/" + total + ": " + message);
        NeuralCollaborativeFiltering.Builder settings = NeuralCollaborativeFiltering.builder().epochs(epochs).seed(42)
                .threads(2);
        if (epochs > 1) {
            settings.validation(split.test()); // monitoring only: the number of epochs is fixed in advance
        }
        NeuralCollaborativeFiltering.Config neumf = settings.build();
        long start = System.nanoTime();
        NeuralCollaborativeFiltering model = neumf.fit(split.train(), print);
        System.out.printf("fit %d epochs: %.1f s%n", epochs, (System.nanoTime() - start) / 1e9);
        List<io.jrec.core.Algorithm> algorithms = new java.util.ArrayList<>(List.of(new Fitted(model, neumf.name())));
        if (epochs > 1) { // the full run also measures the references under the same protocol
            algorithms.add(PopularityRecommender.builder().build());
            algorithms.add(ItemKnnRecommender.builder().neighbors(Integer.MAX_VALUE).implicit(true).build());
            algorithms.add(EaseRecommender.builder().lambda(250).build());
        }
        double all = 0;
        for (Candidates candidates : List.of(Candidates.allUnseen(), Candidates.sampled(100, 42))) {
            EvaluationReport report = Evaluator.builder()
                    .metrics(Metrics.hitRate(10), Metrics.ndcg(10))
                    .relevance(Relevance.anyEvent())
                    .candidates(candidates)
                    .threads(1)
                    .build()
                    .evaluate(algorithms, List.of(split));
            report.print(System.out);
            if (!candidates.isSampled()) {
                all = report.mean(report.algorithms().get(0), report.metrics().get(0));
            }
        }
        // a loose band for the 1-epoch smoke run (popularity is 0.0498); the full figures are in the report
        assertTrue(all > 0.04, "all-items HR@10 " + all);
    }

    /** Serves an already fitted model to the evaluator (which calls fit). */
    record Fitted(NeuralCollaborativeFiltering model, String name) implements io.jrec.core.Algorithm {
        @Override
        public io.jrec.core.Recommender fit(RatingMatrix train, ProgressListener progress) {
            return model;
        }
    }
}
