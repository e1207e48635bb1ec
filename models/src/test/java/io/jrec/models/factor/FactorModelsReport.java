package io.jrec.models.factor;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.Candidates;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.models.Ml100k;
import io.jrec.models.Protocols;
import io.jrec.models.linear.EaseRecommender;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Measures the latent-factor models on MovieLens 100K under the protocols of DESIGN.md and prints the
 * figures (not a unit test; run by hand with the test classpath):
 * {@code java -cp ... io.jrec.models.factor.FactorModelsReport [rmse|svdpp|topn|loo|all]}.
 */
public final class FactorModelsReport {

    private FactorModelsReport() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        Path dir = Ml100k.dir();
        if (what.equals("rmse") || what.equals("all")) {
            rmse("biased MF", MatrixFactorizationRecommender.builder().build(), dir);
        }
        if (what.equals("svdpp") || what.equals("all")) {
            rmse("SVD++", svdPlusPlus(), dir);
        }
        if (what.equals("topn") || what.equals("all")) {
            RatingMatrix base = Ml100k.binary(Ml100k.read(dir.resolve("u1.base")));
            RatingMatrix test = Ml100k.read(dir.resolve("u1.test"));
            topN("EASE(500)", EaseRecommender.builder().lambda(500).build(), base, test);
            topN("ALS", ImplicitAlsRecommender.builder().build(), base, test);
        }
        if (what.equals("loo") || what.equals("all")) {
            Split split = Splits.leaveLastOut(Ml100k.read(dir.resolve("u.data")));
            loo("EASE(250)", EaseRecommender.builder().lambda(250).build(), split);
            loo("ALS", ImplicitAlsRecommender.builder().binary(true).build(), split);
        }
    }

    /** The SVD++ settings reported in the README. */
    static Algorithm svdPlusPlus() {
        return MatrixFactorizationRecommender.svdPlusPlusBuilder().build();
    }

    static void rmse(String label, Algorithm algorithm, Path dir) {
        double sum = 0;
        long time = 0;
        for (int fold = 1; fold <= 5; fold++) {
            RatingMatrix train = Ml100k.read(dir.resolve("u" + fold + ".base"));
            RatingMatrix test = Ml100k.read(dir.resolve("u" + fold + ".test"));
            long t0 = System.nanoTime();
            Recommender model = algorithm.fit(train);
            time += System.nanoTime() - t0;
            double r = Protocols.rmse(model, test, train.globalMean());
            System.out.printf(Locale.ROOT, "%s u%d RMSE %.4f%n", label, fold, r);
            sum += r;
        }
        System.out.printf(Locale.ROOT, "%s %s: mean RMSE u1..u5 %.4f (fit %.1f s total)%n", label,
                algorithm.name(), sum / 5, time / 1e9);
    }

    static void topN(String label, Algorithm algorithm, RatingMatrix train, RatingMatrix test) {
        long t0 = System.nanoTime();
        Recommender model = algorithm.fit(train);
        long fit = System.nanoTime() - t0;
        double[] r = Protocols.topN(model, test, 4, 10);
        System.out.printf(Locale.ROOT, "%s %s: u1 P@10 %.4f NDCG@10 %.4f over %d users (fit %d ms)%n", label,
                algorithm.name(), r[0], r[1], (int) r[2], fit / 1_000_000);
    }

    /** Leave-last-out through io.jrec.core.eval: all unseen items, and 1 + 100 sampled negatives (seed 42). */
    static void loo(String label, Algorithm algorithm, Split split) {
        Recommender model = algorithm.fit(split.train());
        Algorithm fitted = new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener progress) {
                return model;
            }

            @Override
            public String name() {
                return label;
            }
        };
        Evaluator.Builder b = Evaluator.builder().metrics(Metrics.hitRate(10), Metrics.ndcg(10))
                .relevance(Relevance.anyEvent()).threads(1);
        EvaluationReport all = b.build().evaluate(fitted, List.of(split));
        EvaluationReport sampled = b.candidates(Candidates.sampled(100, 42)).build().evaluate(fitted, List.of(split));
        System.out.printf(Locale.ROOT, "%s %s: leave-last-out HR@10 %.4f NDCG@10 %.4f (all items); "
                + "HR@10 %.4f NDCG@10 %.4f (1 + 100 sampled)%n", label, algorithm.name(),
                all.mean(label, "HitRate@10"), all.mean(label, "NDCG@10"),
                sampled.mean(label, "HitRate@10"), sampled.mean(label, "NDCG@10"));
    }
}
