package io.jrec.models;

import io.jrec.core.Algorithm;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;

/**
 * Measures the latent-factor models on MovieLens 100K under the protocols of DESIGN.md and prints the
 * figures (not a unit test; run by hand with the test classpath):
 * {@code java -cp ... io.jrec.models.FactorModelsReport [rmse|svdpp|topn|loo|all]}.
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
            RatingMatrix all = Ml100k.binary(Ml100k.read(dir.resolve("u.data")));
            RatingMatrix withTime = Ml100k.read(dir.resolve("u.data"));
            BitSet[] split = Ml100k.leaveLastOut(withTime);
            RatingMatrix train = all.select(split[0]);
            RatingMatrix test = all.select(split[1]);
            loo("EASE(250)", EaseRecommender.builder().lambda(250).build(), train, test);
            loo("ALS", ImplicitAlsRecommender.builder().build(), train, test);
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

    static void loo(String label, Algorithm algorithm, RatingMatrix train, RatingMatrix test) {
        Recommender model = algorithm.fit(train);
        double[] all = Protocols.leaveOneOut(model, train, test, 10, 0, 1);
        double[] sampled = Protocols.leaveOneOut(model, train, test, 10, 100, 1);
        System.out.printf(Locale.ROOT, "%s %s: leave-last-out HR@10 %.4f NDCG@10 %.4f (all items); "
                + "HR@10 %.4f NDCG@10 %.4f (100 sampled)%n", label, algorithm.name(), all[0], all[1],
                sampled[0], sampled[1]);
    }
}
