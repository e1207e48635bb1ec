package io.jrec.models;

import io.jrec.core.Algorithm;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.models.graph.Rp3betaRecommender;

import java.util.Locale;

/**
 * The validation grids behind the RP3beta and sparse EASE settings in the README (not a test: run by
 * hand). Validation = Splits.holdout(u1.base, 0.2, seed 42), relevant = rating >= 4, NDCG@10 over all
 * unseen items; each line also prints the u1.test figure of the same setting, which was never used to
 * choose. Usage, from the project root after {@code mvn test-compile} (class path: the modules' classes
 * and their dependencies):
 * <pre>
 * java -Djrec.ml100k=DIR -cp ... io.jrec.models.ValidationGrid rp3
 * java -Djrec.ml100k=DIR -cp ... io.jrec.models.ValidationGrid sease 200:300:100,200:500:100   (support:lambda:k)
 * </pre>
 */
public final class ValidationGrid {
    public static void main(String[] args) {
        RatingMatrix base = Ml100k.read(Ml100k.dir().resolve("u1.base"));
        RatingMatrix test = Ml100k.read(Ml100k.dir().resolve("u1.test"));
        Split val = Splits.holdout(base, 0.2, 42);
        RatingMatrix valTrain = Ml100k.binary(val.train());
        RatingMatrix fullTrain = Ml100k.binary(base);
        String what = args.length > 0 ? args[0] : "rp3";
        if (what.equals("sease")) {
            for (String spec : args[1].split(",")) {
                String[] kv = spec.split(":");
                int sup = Integer.parseInt(kv[0]);
                double lambda = Double.parseDouble(kv[1]);
                int k = Integer.parseInt(kv[2]);
                long t0 = System.nanoTime();
                var model = io.jrec.models.linear.SparseEaseRecommender.builder().lambda(lambda).neighbors(k).support(sup).threads(2)
                        .build().fit(fullTrain);
                long t1 = System.nanoTime();
                double[] t = Protocols.topN(model, test, 4, 10);
                double[] v = Protocols.topN(io.jrec.models.linear.SparseEaseRecommender.builder().lambda(lambda).neighbors(k).support(sup)
                        .threads(2).build().fit(valTrain), val.test(), 4, 10);
                System.out.printf(Locale.ROOT, "val NDCG %.4f  ", v[1]);
                System.out.printf(Locale.ROOT, "k=%d lambda=%.0f weights %d (%.3f of items^2) fit %.2f s  test P %.4f NDCG %.4f%n",
                        k, lambda, model.weightCount(), model.weightCount() / (double) fullTrain.itemCount() / fullTrain.itemCount(),
                        (t1 - t0) / 1e9, t[0], t[1]);
            }
        }
        if (what.equals("rp3")) {
            for (int k : new int[] {50, 100, 200}) {
                for (double alpha : new double[] {0.6, 0.8, 1.0}) {
                    for (double beta = 0; beta <= 1.0001; beta += 0.1) {
                        Algorithm a = Rp3betaRecommender.builder().alpha(alpha).beta(beta).neighbors(k).threads(2).build();
                        double[] v = Protocols.topN(a.fit(valTrain), val.test(), 4, 10);
                        double[] t = Protocols.topN(a.fit(fullTrain), test, 4, 10);
                        System.out.printf(Locale.ROOT, "k=%d alpha=%.1f beta=%.1f  val NDCG %.4f  test P %.4f NDCG %.4f%n",
                                k, alpha, beta, v[1], t[0], t[1]);
                    }
                }
            }
        }
    }
}
