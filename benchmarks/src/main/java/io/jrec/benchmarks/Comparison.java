package io.jrec.benchmarks;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metric;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * jrec against Apache Mahout Taste 0.13 in one JVM on the same data: quality from jrec's own
 * evaluator applied to both libraries' predictions and top-10 lists, and single-threaded top-10
 * latency, so the quality and speed ratios come out of one run.
 *
 * <p>Protocol (DESIGN.md): RMSE over the given folds u1..u5, pairs a model cannot predict filled
 * with the training mean; Precision@10 and NDCG@10 on u1, candidates = all items not in the user's
 * training row, relevant = test rating >= 4 (456 users). Latency: models fitted on u1.base, one
 * thread, top-10 per user after a warm-up pass, over a fixed seeded sample of users. Mahout's
 * item-based recommender takes tens of milliseconds per user, so it is timed on a smaller sample
 * ({@link #MAHOUT_ITEM_USERS} users, {@link #MAHOUT_ITEM_USERS_QUICK} with {@code -quick}); the
 * sample sizes are printed with the figures.
 */
public final class Comparison {
    static final int JREC_USERS = 400;
    static final int MAHOUT_USER_USERS = 200;
    static final int MAHOUT_ITEM_USERS = 40;
    static final int MAHOUT_ITEM_USERS_QUICK = 12;
    private static final int N = 10;

    private Comparison() {
    }

    /** One comparison: jrec configurations and the Mahout configuration doing the same job. */
    record Pair(String label, List<Algorithm> jrec, Algorithm mahout, int mahoutUsers) {
    }

    /** The measured figures of one library in one pair. */
    record Row(String pair, String library, String algorithm, double rmse, double precision, double ndcg,
               double fitMillis, double micros, double cpuMicros, int latencyUsers) {
    }

    /**
     * The three comparisons: item-based Pearson (jrec plain and with similarity shrinkage 50, which
     * Mahout does not offer), item-based cosine, user-based Pearson k=50.
     */
    static List<Pair> pairs(boolean quick) {
        int itemUsers = quick ? MAHOUT_ITEM_USERS_QUICK : MAHOUT_ITEM_USERS;
        return List.of(
                new Pair("item-based, Pearson", List.of(
                        // shrinkage(0): undamped Pearson, as Mahout's (the default would shrink by 100)
                        ItemKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(0).neighbors(50).build(),
                        ItemKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(50).neighbors(50)
                                .build()),
                        Taste.itemBased(Taste.Kernel.PEARSON), itemUsers),
                new Pair("item-based, cosine", List.of(
                        ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).build()),
                        Taste.itemBased(Taste.Kernel.COSINE), itemUsers),
                new Pair("user-based, Pearson, k=50", List.of(
                        UserKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(0).neighbors(50).build()),
                        Taste.userBasedPearson(), MAHOUT_USER_USERS));
    }

    /** Runs every pair, prints the table to standard output and writes it under benchmarks/results/. */
    public static void run(boolean quick) throws IOException {
        BenchmarkData data = BenchmarkData.get();
        System.out.println("# jrec vs Apache Mahout Taste 0.13" + (quick ? " (-quick)" : ""));
        System.out.println(Machine.describe());
        System.out.println("data: " + data.description());
        List<Split> folds = new ArrayList<>();
        for (int f = 1; f <= BenchmarkData.FOLDS; f++) {
            folds.add(Splits.given("u" + f, data.train(f), data.test(f)));
        }
        List<List<Row>> rows = new ArrayList<>();
        for (Pair pair : pairs(quick)) {
            List<Row> group = new ArrayList<>();
            for (Algorithm jrec : pair.jrec()) {
                group.add(measure(pair.label(), "jrec", jrec, folds, JREC_USERS));
            }
            group.add(measure(pair.label(), "Mahout", pair.mahout(), folds, pair.mahoutUsers()));
            rows.add(group);
        }
        String table = table(rows);
        System.out.println();
        System.out.println(table);
        Path out = Results.dir().resolve(quick ? "comparison-quick.md" : "comparison.md");
        Files.writeString(out, "# jrec vs Apache Mahout Taste 0.13" + (quick ? " (-quick)" : "") + "\n\n"
                + Machine.describe() + "\n\ndata: " + data.description() + "\n\n" + table);
        System.out.println("written to " + out);
    }

    /** Quality (jrec's evaluator) and single-threaded top-10 latency of one algorithm. */
    static Row measure(String pair, String library, Algorithm algorithm, List<Split> folds, int latencyUsers) {
        Memo memo = new Memo(algorithm);
        long t0 = System.nanoTime();
        Recommender fitted = memo.fit(folds.get(0).train());
        double fitMillis = (System.nanoTime() - t0) / 1e6;
        log(library + " " + algorithm.name() + ": fitted u1 in " + format(fitMillis) + " ms");

        Metric rmse = Metrics.rmse();
        EvaluationReport error = Evaluator.builder().metrics(rmse).fillUnpredictable(true).threads(2).build()
                .evaluate(memo, folds);
        double rmseMean = error.mean(memo.name(), rmse.name());
        log(library + ": RMSE u1..u5 = " + format(rmseMean));

        Metric precision = Metrics.precision(N);
        Metric ndcg = Metrics.ndcg(N);
        EvaluationReport ranking = Evaluator.builder().metrics(precision, ndcg).threads(2).build()
                .evaluate(memo, folds.subList(0, 1));
        double p = ranking.mean(memo.name(), precision.name());
        double g = ranking.mean(memo.name(), ndcg.name());
        log(library + ": P@10 = " + format(p) + ", NDCG@10 = " + format(g) + " on u1 ("
                + ranking.stats(memo.name(), "u1").usersEvaluated() + " users)");

        long[] users = BenchmarkData.sampleUsers(folds.get(0).train(), latencyUsers, BenchmarkData.SEED);
        Latency.Result latency = Latency.perTopN(fitted, users, N);
        log(library + ": top-10 " + Latency.human(latency.wallMicros()) + " wall, "
                + Latency.human(latency.cpuMicros()) + " CPU per user over " + users.length + " users");
        memo.clear();
        return new Row(pair, library, algorithm.name(), rmseMean, p, g, fitMillis, latency.wallMicros(),
                latency.cpuMicros(), users.length);
    }

    /** The Markdown table: one line per configuration, Mahout last in each group, plus the ratios. */
    static String table(List<List<Row>> groups) {
        StringBuilder s = new StringBuilder();
        s.append("| comparison | configuration | RMSE u1..u5 | P@10 u1 | NDCG@10 u1 | fit u1 (ms) "
                + "| top-10 per user, wall (CPU) | users timed | top-10 speed-up, wall (CPU) |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (List<Row> group : groups) {
            Row mahout = group.get(group.size() - 1);
            for (Row r : group) {
                String name = r.algorithm().startsWith(r.library()) ? r.algorithm()
                        : r.library() + " " + r.algorithm();
                s.append("| ").append(r.pair()).append(" | ").append(name).append(" | ").append(format(r.rmse()))
                        .append(" | ").append(format(r.precision())).append(" | ").append(format(r.ndcg()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f", r.fitMillis()))
                        .append(" | ").append(Latency.human(r.micros())).append(" (")
                        .append(Latency.human(r.cpuMicros())).append(")")
                        .append(" | ").append(r.latencyUsers())
                        .append(" | ").append(r != mahout
                                ? String.format(Locale.ROOT, "**%.0fx** (%.0fx)", mahout.micros() / r.micros(),
                                        mahout.cpuMicros() / r.cpuMicros())
                                : "1x")
                        .append(" |\n");
            }
        }
        s.append("\nRMSE: folds u1..u5 given by MovieLens, mean over folds, unpredictable pairs filled with the "
                + "training mean. P@10 / NDCG@10: u1, candidates = all items not in the user's training row, "
                + "relevant = test rating >= 4, averaged over test users with a relevant item. Both libraries "
                + "scored by jrec's Evaluator (io.jrec.core.eval). Latency: fitted on u1.base, one thread, "
                + "top-10 per user after a warm-up pass, fixed user sample (seed " + BenchmarkData.SEED
                + "), wall-clock time and in brackets the calling thread's CPU time; speed-up = Mahout time / "
                + "jrec time.\n");
        return s.toString();
    }

    static String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void log(String message) {
        System.out.println("  " + message);
    }

    /**
     * Fits each training matrix once (by identity) so that the RMSE run, the ranking run and the
     * latency run share Mahout's expensive precomputation.
     */
    private static final class Memo implements Algorithm {
        private final Algorithm delegate;
        private final Map<RatingMatrix, Recommender> fitted = new IdentityHashMap<>();

        Memo(Algorithm delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized Recommender fit(RatingMatrix train, ProgressListener progress) {
            return fitted.computeIfAbsent(train, t -> delegate.fit(t, progress));
        }

        synchronized void clear() {
            fitted.clear();
        }

        @Override
        public String name() {
            return delegate.name();
        }
    }
}
