package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.models.baseline.BaselinePredictor;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.knn.Centering;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.similarity.Similarity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The work of one {@code topN(user, 10)} query as the calling thread's CPU time, per call, for the
 * models of {@link RecommenderBenchmark} (same data, settings and user sample): a figure that
 * survives a shared, overloaded machine, where JMH's wall-clock samples also count waiting for a
 * core. Reports the median and mean over {@code reps} passes of the 200 sampled users after
 * warm-up, minus the median cost of reading the CPU clock twice.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.jrec.benchmarks.RecommenderCpuTime [reps]}
 */
public final class RecommenderCpuTime {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RecommenderCpuTime() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        BenchmarkData data = BenchmarkData.get();
        RatingMatrix train = data.train(1);
        long[] users = BenchmarkData.sampleUsers(train, 200, BenchmarkData.SEED);
        Map<String, Recommender> models = new LinkedHashMap<>();
        models.put("item-KNN cosine k=50", ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50)
                .build().fit(train));
        models.put("user-KNN cosine k=50", UserKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50)
                .centering(Centering.MEAN).build().fit(train));
        models.put("popularity", PopularityRecommender.builder().build().fit(train));
        models.put("baseline", BaselinePredictor.builder().build().fit(train));
        System.out.println(data.description() + "; " + Machine.describe());
        long clock = clockOverhead();
        for (Map.Entry<String, Recommender> e : models.entrySet()) {
            Recommender r = e.getValue();
            long sink = 0;
            for (int rep = 0; rep < 20; rep++) {
                for (long user : users) {
                    sink += r.topN(user, 10).size();
                }
            }
            long[] nanos = new long[reps * users.length];
            int k = 0;
            for (int rep = 0; rep < reps; rep++) {
                for (long user : users) {
                    long before = CPU.getCurrentThreadCpuTime();
                    sink += r.topN(user, 10).size();
                    nanos[k++] = CPU.getCurrentThreadCpuTime() - before - clock;
                }
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%-22s topN(user, 10) CPU time: median %.1f µs, mean %.1f µs, p90 %.1f µs (%d calls)%s%n",
                    e.getKey(), nanos[nanos.length / 2] / 1e3, mean / 1e3, nanos[(int) (nanos.length * 0.9)] / 1e3,
                    nanos.length, sink == 42 ? " " : "");
        }
    }

    /** The median cost of two consecutive reads of the thread CPU clock, in nanoseconds. */
    private static long clockOverhead() {
        long[] d = new long[20_000];
        for (int k = 0; k < d.length; k++) {
            long a = CPU.getCurrentThreadCpuTime();
            d[k] = CPU.getCurrentThreadCpuTime() - a;
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
