package io.jrec.benchmarks;

import io.jrec.core.Algorithm;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.data.SyntheticShop;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.linear.EaseRecommender;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How fit time, peak heap and top-N latency grow with the data: jrec's synthetic shop
 * ({@link SyntheticShop}, seed 42) at 10^5, 10^6 and 10^7 events, item-KNN, matrix factorisation and
 * EASE (EASE only while the catalogue is small enough for its dense item x item inverse). Writes
 * {@code results/scaling.csv}, {@code results/scaling.svg} (hand-written SVG, log-log) and
 * {@code results/scaling.md} with the fitted growth exponents.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar scaling [maxEvents]</pre>
 */
public final class Scaling {
    /** EASE is fitted only up to this many products (dense inverse: items^2 doubles, items^3 flops). */
    static final int EASE_MAX_ITEMS = 5_000;
    /** The EASE limit with {@code -quick}. */
    static final int EASE_MAX_ITEMS_QUICK = 1_000;
    static final int LATENCY_USERS = 200;
    static final int THREADS = 2;

    private Scaling() {
    }

    /** One data size: events generated and the shop's shape. */
    record Size(int events, int customers, int products) {
    }

    /** One measured (size, model) point. */
    record Point(int events, int users, int items, int ratings, String model, double fitMillis,
                 double peakHeapMiB, double topNMicros) {
    }

    static List<Size> sizes(long maxEvents) {
        List<Size> all = List.of(new Size(100_000, 5_000, 1_000), new Size(1_000_000, 50_000, 5_000),
                new Size(10_000_000, 500_000, 20_000));
        List<Size> out = new ArrayList<>();
        for (Size s : all) {
            if (s.events() <= maxEvents) {
                out.add(s);
            }
        }
        return out;
    }

    static List<Algorithm> models(int items, int easeMaxItems) {
        List<Algorithm> models = new ArrayList<>();
        models.add(ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).modelSize(100)
                .implicit(true).threads(THREADS).build());
        models.add(MatrixFactorizationRecommender.builder().factors(32).epochs(10).seed(BenchmarkData.SEED)
                .build());
        if (items <= easeMaxItems) {
            models.add(EaseRecommender.builder().lambda(500).binary(true).build());
        }
        return models;
    }

    /**
     * Runs every size up to {@code maxEvents} (0: 10^7, or 10^6 with {@code quick}) and writes the
     * CSV, SVG and summary.
     */
    public static void run(boolean quick, long maxEvents) throws IOException {
        long max = maxEvents > 0 ? maxEvents : quick ? 1_000_000 : 10_000_000;
        System.out.println("# Scaling on the synthetic shop (up to " + max + " events)");
        System.out.println(Machine.describe());
        List<Point> points = new ArrayList<>();
        for (Size size : sizes(max)) {
            long t0 = System.nanoTime();
            RatingMatrix m = SyntheticShop.builder().customers(size.customers()).products(size.products())
                    .events(size.events()).seed(BenchmarkData.SEED).threads(THREADS).build().interactions();
            System.out.printf(Locale.ROOT, "%,d events -> %s (generated in %.1f s)%n", size.events(), m,
                    (System.nanoTime() - t0) / 1e9);
            long[] users = BenchmarkData.sampleUsers(m, LATENCY_USERS, BenchmarkData.SEED);
            for (Algorithm algorithm : models(m.itemCount(), quick ? EASE_MAX_ITEMS_QUICK : EASE_MAX_ITEMS)) {
                Point p = measure(size, m, algorithm, users);
                points.add(p);
                System.out.printf(Locale.ROOT, "  %-45s fit %9.0f ms  peak heap %8.1f MiB  top-10 %s%n",
                        p.model(), p.fitMillis(), p.peakHeapMiB(), Latency.human(p.topNMicros()));
            }
        }
        Path dir = Results.dir();
        Files.writeString(dir.resolve("scaling.csv"), csv(points));
        Files.writeString(dir.resolve("scaling.svg"), ScalingChart.svg(points));
        String summary = summary(points, quick);
        Files.writeString(dir.resolve("scaling.md"), summary);
        System.out.println(summary);
        System.out.println("written to " + dir.resolve("scaling.csv") + ", scaling.svg, scaling.md");
    }

    static Point measure(Size size, RatingMatrix m, Algorithm algorithm, long[] users) {
        Footprint.Peak<Recommender> fit = Footprint.peak(() -> algorithm.fit(m));
        Recommender model = fit.result();
        double fitMillis = fit.millis();
        double peakMiB = fit.peakBytes() / (double) (1 << 20);
        double micros = Latency.microsPerTopN(model, users, 10);
        return new Point(size.events(), m.userCount(), m.itemCount(), m.size(), algorithm.name(), fitMillis,
                peakMiB, micros);
    }

    static String csv(List<Point> points) {
        StringBuilder s = new StringBuilder("events,users,items,ratings,model,fit_ms,peak_heap_mib,top10_us\n");
        for (Point p : points) {
            s.append(String.format(Locale.ROOT, "%d,%d,%d,%d,\"%s\",%.1f,%.1f,%.2f%n", p.events(), p.users(),
                    p.items(), p.ratings(), p.model(), p.fitMillis(), p.peakHeapMiB(), p.topNMicros()));
        }
        return s.toString();
    }

    /** Growth exponent b of y ~ events^b, least squares on log-log; NaN with fewer than two points. */
    static double exponent(List<Point> points, String model, java.util.function.ToDoubleFunction<Point> y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (Point p : points) {
            double v = y.applyAsDouble(p);
            if (p.model().equals(model) && v > 0) {
                double lx = Math.log(p.events());
                double ly = Math.log(v);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                n++;
            }
        }
        return n < 2 ? Double.NaN : (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    static String summary(List<Point> points, boolean quick) {
        StringBuilder s = new StringBuilder("# Scaling (synthetic shop, seed " + BenchmarkData.SEED + ")"
                + (quick ? " -quick" : "") + "\n\n" + Machine.describe() + "\n\n");
        s.append("| events | users | items | stored interactions | model | fit | peak heap during fit | top-10 |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        for (Point p : points) {
            s.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %s | %.2f s | %.0f MiB | %s |%n",
                    p.events(), p.users(), p.items(), p.ratings(), p.model(), p.fitMillis() / 1000,
                    p.peakHeapMiB(), Latency.human(p.topNMicros())));
        }
        s.append("\nGrowth exponents b (y ~ events^b, least squares on log-log over the sizes run):\n\n");
        s.append("| model | fit time | peak heap | top-10 latency |\n|---|---|---|---|\n");
        List<String> models = new ArrayList<>();
        for (Point p : points) {
            if (!models.contains(p.model())) {
                models.add(p.model());
            }
        }
        for (String model : models) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", model,
                    b(exponent(points, model, Point::fitMillis)), b(exponent(points, model, Point::peakHeapMiB)),
                    b(exponent(points, model, Point::topNMicros))));
        }
        s.append("\nShop shapes: 10^5 events = 5,000 customers x 1,000 products; 10^6 = 50,000 x 5,000; "
                + "10^7 = 500,000 x 20,000. Interactions = the strongest event per (customer, product). "
                + "Item-KNN: cosine, k=50, 100 neighbours kept per item, implicit, 2 threads. MF: biased MF by SGD, "
                + "32 factors, 10 epochs, on the interaction weights. EASE: lambda 500, binary, only up to "
                + (quick ? EASE_MAX_ITEMS_QUICK : EASE_MAX_ITEMS) + " products. Peak heap = highest used heap "
                + "sampled every 5 ms during fit, minus the used heap before it (G1 region granularity). Top-10: one thread, " + LATENCY_USERS + " seeded active users, after "
                + "a warm-up pass.\n");
        return s.toString();
    }

    private static String b(double exponent) {
        return Double.isNaN(exponent) ? "n/a" : String.format(Locale.ROOT, "%.2f", exponent);
    }
}
