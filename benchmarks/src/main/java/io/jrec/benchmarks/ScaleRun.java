package io.jrec.benchmarks;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.SparseMatrix;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.core.io.ModelIO;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.graph.Rp3betaRecommender;
import io.jrec.models.linear.SparseEaseRecommender;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The whole path an application runs, at catalogue scale: synthetic shop generation (matrix build
 * included), item-KNN (cosine, k = 50) and implicit ALS (32 factors, 10 iterations) fits,
 * {@code ModelIO} save and load of both, and single-threaded top-10 latency, each with wall time and
 * peak heap; at sizes up to 10^7 events also sparse EASE and RP3beta fits and NDCG@10 on a temporal
 * hold-out (the last 10% of interactions by time) against implicit ALS. Prints a Markdown table and
 * writes it to {@code results/scale-<events>.md}; the hold-out fits print their stages to stderr as they go.
 *
 * <pre>java -Xmx20g -jar benchmarks/target/benchmarks.jar scale [events ...]   (default 10^7 and 10^8)</pre>
 *
 * Shop shapes: {@code events / 20} customers and {@code min(10^6, events / 100)} products; timestamps
 * are kept only where the temporal hold-out needs them (up to 10^7 events).
 */
public final class ScaleRun {
    static final int THREADS = 2;
    static final int LATENCY_USERS = 2_000;
    static final int EVALUATION_USERS = 3_000;
    static final long ACCURACY_MAX_EVENTS = 10_000_000;

    private ScaleRun() {
    }

    /** One measured step: its wall time, the peak heap above the start and the heap in use after it. */
    record Step(String what, double seconds, double cpuSeconds, double peakMiB, double usedAfterMiB, String note) {
    }

    /** CPU time of the whole JVM (all threads, GC and JIT included), in seconds. */
    static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /**
     * Runs every size (default 10^7 and 10^8 events); with {@code holdOutOnly} only the shop and the
     * temporal hold-out (sparse EASE, ALS, RP3beta and item-KNN fits and NDCG@10); with {@code pathOnly}
     * only the whole path, without timestamps and without the hold-out, at every size (as at 10^8).
     */
    public static void run(List<Long> sizes, boolean holdOutOnly, boolean pathOnly) throws IOException {
        List<Long> run = sizes.isEmpty() ? List.of(10_000_000L, 100_000_000L) : sizes;
        for (long events : run) {
            String table = runOne((int) events, holdOutOnly, pathOnly);
            Path file = Results.dir().resolve("scale-" + events + (holdOutOnly ? "-holdout" : pathOnly ? "-path" : "")
                    + ".md");
            Files.writeString(file, table);
            System.out.println(table);
            System.out.println("written to " + file);
        }
    }

    static String runOne(int events, boolean holdOutOnly, boolean pathOnly) throws IOException {
        int customers = events / 20;
        int products = Math.min(1_000_000, events / 100);
        boolean accuracy = holdOutOnly || !pathOnly && events <= ACCURACY_MAX_EVENTS;
        List<Step> steps = new ArrayList<>();
        System.out.printf(Locale.ROOT, "# %,d events, %,d customers, %,d products (max heap %.1f GiB)%n", events,
                customers, products, Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        double c0 = cpu();
        Footprint.Peak<SyntheticShop> built = Footprint.peak(() -> SyntheticShop.builder().customers(customers)
                .products(products).events(events).seed(BenchmarkData.SEED).threads(THREADS).timestamps(accuracy)
                .build());
        SyntheticShop shop = built.result();
        RatingMatrix m = shop.interactions();
        steps.add(step("shop: events + both matrices", built, c0, String.format(Locale.ROOT,
                "%,d interactions, %.1f B of arrays each (%s timestamps); %s", m.size(),
                m.memoryBytes() / (double) m.size(), accuracy ? "with" : "without", tail(m))));
        System.out.println(steps.get(steps.size() - 1));
        if (!accuracy) {
            double cb = cpu();
            Footprint.Peak<RatingMatrix> rebuilt = Footprint.peak(() -> rebuild(m));
            steps.add(step("matrix build: RatingMatrix.builder()", rebuilt, cb, String.format(Locale.ROOT,
                    "%,d (customer, product, value) triples added in a seeded random order of customers, then built"
                            + " (both orientations); %s", m.size(), rebuilt.result().size() == m.size()
                            ? "the same interactions as the shop's matrix" : "NOT the shop's interactions")));
            System.out.println(steps.get(steps.size() - 1));
        }
        long[] users = sample(m, LATENCY_USERS, BenchmarkData.SEED);

        Algorithm knnAlgorithm = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50)
                .modelSize(50).implicit(true).threads(THREADS).build();
        Algorithm alsAlgorithm = ImplicitAlsRecommender.builder().factors(32).iterations(10).threads(THREADS)
                .seed(BenchmarkData.SEED).build();
        // -Djrec.scale.models=knn,als,alscg picks the fits (default knn,als); alscg is ALS with 3 CG steps per solve
        List<String> only = List.of(System.getProperty("jrec.scale.models", "knn,als").split(","));
        List<Algorithm> fitted = new ArrayList<>();
        if (only.contains("knn")) {
            fitted.add(knnAlgorithm);
        }
        if (only.contains("als")) {
            fitted.add(alsAlgorithm);
        }
        if (only.contains("alscg")) {
            fitted.add(ImplicitAlsRecommender.builder().factors(32).iterations(10).conjugateGradient(3)
                    .threads(THREADS).seed(BenchmarkData.SEED).build());
        }
        for (Algorithm algorithm : holdOutOnly ? List.<Algorithm>of() : fitted) {
            double c1 = cpu();
            Footprint.Peak<Recommender> fit = Footprint.peak(() -> algorithm.fit(m));
            steps.add(step("fit " + algorithm.name(), fit, c1, ""));
            System.out.println(steps.get(steps.size() - 1));
            Recommender model = fit.result();
            steps.add(latency(model, users));
            System.out.println(steps.get(steps.size() - 1));
            steps.addAll(saveAndLoad(model));
            System.out.println(steps.get(steps.size() - 1));
        }
        if (accuracy) {
            steps.addAll(temporalHoldOut(m));
        }
        return table(events, customers, products, m, steps);
    }

    /**
     * What an application loading its events does: every interaction of {@code m} added to a
     * {@link RatingMatrix#builder()} by external ids, customers in a seeded random order, then built.
     */
    static RatingMatrix rebuild(RatingMatrix m) {
        SparseMatrix rows = m.byUser();
        int[] order = new int[m.userCount()];
        for (int u = 0; u < order.length; u++) {
            order[u] = u;
        }
        SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
        for (int u = order.length - 1; u > 0; u--) {
            int other = random.nextInt(u + 1);
            int t = order[u];
            order[u] = order[other];
            order[other] = t;
        }
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u : order) {
            long user = m.users().idAt(u);
            for (int k = rows.rowStart(u); k < rows.rowEnd(u); k++) {
                b.add(user, m.items().idAt(rows.column(k)), rows.value(k));
            }
        }
        return b.build();
    }

    /** Save to a temporary file and load it back; a failure is reported, not thrown. */
    static List<Step> saveAndLoad(Recommender model) throws IOException {
        Path dir = Files.createTempDirectory("jrec-scale");
        Path file = dir.resolve("model.jrec");
        List<Step> out = new ArrayList<>();
        try {
            double c0 = cpu();
            Footprint.Peak<Boolean> save = Footprint.peak(() -> {
                try {
                    ModelIO.save(model, file);
                    return true;
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException(e.toString(), e);
                }
            });
            out.add(step("save", save, c0, String.format(Locale.ROOT, "%.0f MiB file", Files.size(file) / 1048576.0)));
            double c1 = cpu();
            Footprint.Peak<Recommender> load = Footprint.peak(() -> {
                try {
                    return ModelIO.load(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e.toString(), e);
                }
            });
            out.add(step("load", load, c1, ""));
        } catch (IllegalStateException | OutOfMemoryError e) {
            out.add(new Step("save/load", Double.NaN, Double.NaN, Double.NaN, used(), "failed: " + e.getMessage()));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        return out;
    }

    /** Median and mean single-threaded top-10 time over the sampled users (after one warm-up pass). */
    static Step latency(Recommender model, long[] users) {
        long sink = 0;
        for (long user : users) {
            sink += model.topN(user, 10).size();
        }
        long[] nanos = new long[users.length * 3];
        double c0 = cpu();
        long start = System.nanoTime();
        for (int pass = 0, k = 0; pass < 3; pass++) {
            for (long user : users) {
                long t0 = System.nanoTime();
                sink += model.topN(user, 10).size();
                nanos[k++] = System.nanoTime() - t0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        double median = nanos[nanos.length / 2] / 1e3;
        double mean = seconds * 1e6 / nanos.length;
        return new Step("top-10 (1 thread)", seconds, cpu() - c0, Double.NaN, used(), String.format(Locale.ROOT,
                "median %s, mean %s, p99 %s over %,d calls%s", Latency.human(median), Latency.human(mean),
                Latency.human(nanos[nanos.length * 99 / 100] / 1e3), nanos.length, sink == 42 ? " " : ""));
    }

    /**
     * Fits on the first 90% of the interactions by time and ranks every unseen item for a seeded sample
     * of the users with a later interaction (relevant = any later interaction): NDCG@10.
     */
    static List<Step> temporalHoldOut(RatingMatrix m) {
        Split split = Splits.temporalFraction(m, 0.1);
        RatingMatrix train = split.train();
        RatingMatrix test = split.test();
        List<Step> out = new ArrayList<>();
        List<Algorithm> algorithms = List.of(
                SparseEaseRecommender.builder().lambda(300).neighbors(100).support(200).threads(THREADS).build(),
                ImplicitAlsRecommender.builder().factors(32).iterations(10).threads(THREADS).seed(BenchmarkData.SEED)
                        .build(),
                Rp3betaRecommender.builder().alpha(0.8).beta(0.5).neighbors(100).threads(THREADS).build(),
                ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).modelSize(50).implicit(true)
                        .threads(THREADS).build());
        long[] testUsers = evaluationUsers(train, test, EVALUATION_USERS, BenchmarkData.SEED);
        for (Algorithm algorithm : algorithms) {
            double c0 = cpu();
            Footprint.Peak<Recommender> fit = Footprint.peak(() -> algorithm.fit(train, new Stages(algorithm.name())));
            double ndcg = ndcg(fit.result(), test, testUsers);
            out.add(step("temporal hold-out: fit " + algorithm.name(), fit, c0, String.format(Locale.ROOT,
                    "NDCG@10 %.4f (%,d users; train %,d, test %,d interactions)", ndcg, testUsers.length,
                    train.size(), test.size())));
            System.out.println(out.get(out.size() - 1));
        }
        return out;
    }

    /**
     * Prints each stage of a long fit to stderr when it starts and at every tenth of it, with the wall time
     * since the fit started, so that a slow stage shows while the run goes on. Thread-safe.
     */
    static final class Stages implements ProgressListener {
        private final String what;
        private final long start = System.nanoTime();
        private String stage = "";
        private long tenth = -1;

        Stages(String what) {
            this.what = what;
        }

        @Override
        public synchronized void progress(String stage, long done, long total, String message) {
            long t = total > 0 ? 10 * done / total : 0;
            if (!stage.equals(this.stage) || t > tenth) {
                this.stage = stage;
                this.tenth = t;
                System.err.printf(Locale.ROOT, "  [%s] %s %,d/%,d at %.1f s wall, %.1f s CPU%n", what, stage, done,
                        total, (System.nanoTime() - start) / 1e9, cpu());
            }
        }
    }

    static double ndcg(Recommender model, RatingMatrix test, long[] users) {
        double sum = 0;
        for (long user : users) {
            int u = test.users().indexOf(user);
            SparseMatrix rows = test.byUser();
            List<ScoredItem> top = model.topN(user, 10);
            double dcg = 0;
            for (int r = 0; r < top.size(); r++) {
                int i = test.items().indexOf(top.get(r).itemId());
                if (i >= 0 && rows.position(u, i) >= 0) {
                    dcg += 1 / (Math.log(r + 2) / Math.log(2));
                }
            }
            double ideal = 0;
            for (int r = 0; r < Math.min(10, rows.rowSize(u)); r++) {
                ideal += 1 / (Math.log(r + 2) / Math.log(2));
            }
            sum += dcg / ideal;
        }
        return sum / users.length;
    }

    /** Up to {@code count} seeded users with training history and a test interaction not in training. */
    static long[] evaluationUsers(RatingMatrix train, RatingMatrix test, int count, long seed) {
        long[] candidates = new long[test.userCount()];
        int n = 0;
        for (int u = 0; u < test.userCount(); u++) {
            long id = test.users().idAt(u);
            int t = train.users().indexOf(id);
            if (test.userRatingCount(u) > 0 && t >= 0 && train.userRatingCount(t) > 0) {
                candidates[n++] = id;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        int take = Math.min(count, n);
        for (int k = 0; k < take; k++) {
            int j = k + random.nextInt(n - k);
            long tmp = candidates[k];
            candidates[k] = candidates[j];
            candidates[j] = tmp;
        }
        return Arrays.copyOf(candidates, take);
    }

    static long[] sample(RatingMatrix m, int count, long seed) {
        return BenchmarkData.sampleUsers(m, count, seed);
    }

    /** How long the tail is: products never touched, and the share of interactions on the top 1%. */
    static String tail(RatingMatrix m) {
        int[] counts = new int[m.itemCount()];
        int untouched = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = m.itemRatingCount(i);
            untouched += counts[i] == 0 ? 1 : 0;
        }
        Arrays.sort(counts);
        long top = 0;
        for (int i = counts.length - 1; i >= counts.length - Math.max(1, counts.length / 100); i--) {
            top += counts[i];
        }
        return String.format(Locale.ROOT,
                "%.1f%% of products untouched, top 1%% of products hold %.1f%% of interactions",
                100.0 * untouched / counts.length, 100.0 * top / m.size());
    }

    static <T> Step step(String what, Footprint.Peak<T> p, double cpuBefore, String note) {
        return new Step(what, p.millis() / 1000, cpu() - cpuBefore, p.peakBytes() / 1048576.0, used(), note);
    }

    static double used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    static String table(int events, int customers, int products, RatingMatrix m, List<Step> steps) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "# Scale run: %,d events (%,d customers x %,d products, %,d interactions)%n%n%s, -Xmx %.1f GiB, %d"
                        + " threads for fits; CPU = the whole JVM's CPU time during the step (GC and JIT included)%n%n"
                        + "| step | wall | CPU | peak heap above start | heap used after | note |%n"
                        + "|---|---|---|---|---|---|%n",
                events, customers, products, m.size(), Machine.describe(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30), THREADS));
        for (Step step : steps) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f MiB | %s |%n", step.what(),
                    Double.isNaN(step.seconds()) ? "—" : String.format(Locale.ROOT, "%.1f s", step.seconds()),
                    Double.isNaN(step.cpuSeconds()) ? "—" : String.format(Locale.ROOT, "%.1f s", step.cpuSeconds()),
                    Double.isNaN(step.peakMiB()) ? "—" : String.format(Locale.ROOT, "%.0f MiB", step.peakMiB()),
                    step.usedAfterMiB(), step.note()));
        }
        return s.toString();
    }
}
