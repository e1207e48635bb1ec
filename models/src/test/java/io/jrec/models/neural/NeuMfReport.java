package io.jrec.models.neural;

import io.jrec.core.Algorithm;
import io.jrec.core.RatingMatrix;
import io.jrec.core.eval.Candidates;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.models.Ml100k;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Measures NeuMF (the builder's defaults: GMF 8 + MLP 64-32-16-8, 4 negatives, Adam 1e-3, batch 256,
 * 20 epochs) on MovieLens 100K leave-last-out for the given seeds and prints HR@10 and NDCG@10 over all
 * unseen items and with the test item among 100 sampled unseen items (not a unit test; run by hand with
 * the test classpath): {@code java -cp ... io.jrec.models.neural.NeuMfReport [threads] [seed...]}.
 */
public final class NeuMfReport {

    private NeuMfReport() {
    }

    public static void main(String[] args) throws IOException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Split split = Splits.leaveLastOut(NeuMfMovieLensTest.load(Ml100k.dir().resolve("u.data")));
        RatingMatrix train = split.train();
        for (int a = 1; a < Math.max(args.length, 2); a++) {
            long seed = args.length > a ? Long.parseLong(args[a]) : 42;
            NeuralCollaborativeFiltering.Config config = NeuralCollaborativeFiltering.builder().seed(seed)
                    .threads(threads).build();
            long start = System.nanoTime();
            NeuralCollaborativeFiltering model = config.fit(train);
            double fit = (System.nanoTime() - start) / 1e9;
            StringBuilder epochs = new StringBuilder();
            for (NeuralCollaborativeFiltering.Epoch e : model.history()) {
                epochs.append(e.millis()).append(' ');
            }
            Algorithm fitted = new NeuMfMovieLensTest.Fitted(model, config.name());
            double[] r = new double[4];
            int c = 0;
            for (Candidates candidates : List.of(Candidates.allUnseen(), Candidates.sampled(100, 42))) {
                EvaluationReport report = Evaluator.builder().metrics(Metrics.hitRate(10), Metrics.ndcg(10))
                        .relevance(Relevance.anyEvent()).candidates(candidates).threads(1).build()
                        .evaluate(List.of(fitted), List.of(split));
                r[c++] = report.mean(config.name(), "HitRate@10");
                r[c++] = report.mean(config.name(), "NDCG@10");
            }
            System.out.printf(Locale.ROOT, "seed %d: all-items HR@10 %.4f NDCG@10 %.4f | sampled-100 HR@10 %.4f "
                            + "NDCG@10 %.4f | loss %.4f | fit %.1f s, epoch ms: %s%n", seed, r[0], r[1], r[2], r[3],
                    model.history().get(model.history().size() - 1).loss(), fit, epochs);
        }
    }
}
