package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.core.io.MovieLens;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data every benchmark runs on: MovieLens 100K ({@code u.data} and the five given folds
 * {@code u1..u5}), loaded once per JVM and shared by all JMH benchmarks and harnesses.
 *
 * <p>Where it comes from, first match wins: the directory in system property {@code jrec.data};
 * {@code ../shared/data/ml-100k} or {@code ../../shared/data/ml-100k} (run from the project root or
 * from {@code benchmarks/}). When none holds {@code u.data}, a {@link SyntheticShop} of the same
 * shape (943 customers, 1682 products, 100,000 events, five random folds) is generated from a fixed
 * seed and a banner says so on standard error: figures from it are not MovieLens figures.
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class BenchmarkData {
    /** Number of given folds (u1..u5). */
    public static final int FOLDS = 5;
    /** Seed of the synthetic fallback and of every user sample. */
    public static final long SEED = 42L;

    private static BenchmarkData cached;

    private final String description;
    private final boolean synthetic;
    private final RatingMatrix all;
    private final List<RatingMatrix> trains;
    private final List<RatingMatrix> tests;

    private BenchmarkData(String description, boolean synthetic, RatingMatrix all,
                          List<RatingMatrix> trains, List<RatingMatrix> tests) {
        this.description = description;
        this.synthetic = synthetic;
        this.all = all;
        this.trains = List.copyOf(trains);
        this.tests = List.copyOf(tests);
    }

    /** The benchmark data of this JVM, loaded on first use (see the class comment for the order). */
    public static synchronized BenchmarkData get() {
        if (cached == null) {
            cached = load();
        }
        return cached;
    }

    private static BenchmarkData load() {
        Path dir = locate();
        if (dir != null) {
            return movieLens(dir);
        }
        String banner = "*".repeat(78);
        System.err.println(banner);
        System.err.println("* MovieLens 100K NOT FOUND (tried -Djrec.data, ../shared/data/ml-100k,");
        System.err.println("* ../../shared/data/ml-100k). Using a SYNTHETIC shop of the same shape instead.");
        System.err.println("* The figures below are NOT MovieLens figures; pass -Djrec.data=DIR for real data.");
        System.err.println(banner);
        return synthetic(SEED);
    }

    /**
     * The fallback: a {@link SyntheticShop} with MovieLens 100K's shape (943 customers, 1682 products,
     * 100,000 events; values are event weights 1/3/5), split into five random folds.
     */
    static BenchmarkData synthetic(long seed) {
        SyntheticShop shop = SyntheticShop.builder().customers(943).products(1682).events(100_000).seed(seed)
                .build();
        RatingMatrix all = shop.interactions();
        List<RatingMatrix> trains = new ArrayList<>();
        List<RatingMatrix> tests = new ArrayList<>();
        for (Split split : Splits.kFold(all, FOLDS, seed)) {
            trains.add(split.train());
            tests.add(split.test());
        }
        return new BenchmarkData("SYNTHETIC shop shaped like MovieLens 100K (943 customers, 1682 products, "
                + "100,000 events -> " + all.size() + " interactions, seed " + seed + ")", true, all, trains, tests);
    }

    /** The MovieLens directory to use, or {@code null} when none is found. */
    static Path locate() {
        String property = System.getProperty("jrec.data");
        if (property != null) {
            Path dir = Path.of(property);
            if (!Files.isRegularFile(dir.resolve("u.data"))) {
                throw new IllegalArgumentException("-Djrec.data=" + property + " does not contain u.data");
            }
            return dir;
        }
        for (String candidate : new String[] {"../shared/data/ml-100k", "../../shared/data/ml-100k"}) {
            Path dir = Path.of(candidate);
            if (Files.isRegularFile(dir.resolve("u.data"))) {
                return dir.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    static BenchmarkData movieLens(Path dir) {
        try {
            List<RatingMatrix> trains = new ArrayList<>();
            List<RatingMatrix> tests = new ArrayList<>();
            for (int fold = 1; fold <= FOLDS; fold++) {
                trains.add(MovieLens.ratings(dir.resolve("u" + fold + ".base")));
                tests.add(MovieLens.ratings(dir.resolve("u" + fold + ".test")));
            }
            return new BenchmarkData("MovieLens 100K (" + dir + ")", false,
                    MovieLens.ratings(dir.resolve("u.data")), trains, tests);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MovieLens 100K from " + dir, e);
        }
    }

    /** What was loaded, e.g. {@code "MovieLens 100K (/path)"} or the synthetic shop's shape. */
    public String description() {
        return description;
    }

    /** Whether this is the synthetic fallback rather than MovieLens. */
    public boolean synthetic() {
        return synthetic;
    }

    /** All ratings ({@code u.data}). */
    public RatingMatrix all() {
        return all;
    }

    /** The training matrix of fold {@code fold} (1..5), e.g. {@code u1.base}. */
    public RatingMatrix train(int fold) {
        return trains.get(checkFold(fold) - 1);
    }

    /** The test matrix of fold {@code fold} (1..5), e.g. {@code u1.test}; its own id indices. */
    public RatingMatrix test(int fold) {
        return tests.get(checkFold(fold) - 1);
    }

    private static int checkFold(int fold) {
        if (fold < 1 || fold > FOLDS) {
            throw new IllegalArgumentException("fold must be in 1.." + FOLDS + ", got " + fold);
        }
        return fold;
    }

    /**
     * {@code count} distinct ids of users with at least one rating in {@code m} (all of them if there
     * are fewer), drawn uniformly with {@code seed}, in ascending id order: the fixed sample latency
     * benchmarks query.
     */
    public static long[] sampleUsers(RatingMatrix m, int count, long seed) {
        int[] order = new int[m.userCount()];
        int n = 0;
        for (int u = 0; u < m.userCount(); u++) {
            if (m.userRatingCount(u) > 0) {
                order[n++] = u;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        int take = Math.min(count, n);
        for (int k = 0; k < take; k++) {
            int j = k + random.nextInt(n - k);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        long[] ids = new long[take];
        for (int k = 0; k < take; k++) {
            ids[k] = m.users().idAt(order[k]);
        }
        Arrays.sort(ids);
        return ids;
    }
}
