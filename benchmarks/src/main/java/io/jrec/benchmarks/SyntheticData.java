package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic rating data for when MovieLens is absent and for scaling runs: users with a
 * long-tailed activity, items with Zipf-like popularity, ratings 1..5 from a user bias, an item
 * quality and noise. Deterministic for a given seed and size.
 */
final class SyntheticData {
    private SyntheticData() {
    }

    /** A 943 x 1682 x 100,000 stand-in for MovieLens 100K with five random folds of 20% test each. */
    static BenchmarkData movieLensShaped(long seed) {
        int users = 943;
        int items = 1682;
        int events = 100_000;
        long[][] triples = events(users, items, events, seed);
        RatingMatrix.Builder all = RatingMatrix.builder();
        List<RatingMatrix.Builder> trains = new ArrayList<>();
        List<RatingMatrix.Builder> tests = new ArrayList<>();
        for (int f = 0; f < BenchmarkData.FOLDS; f++) {
            trains.add(RatingMatrix.builder());
            tests.add(RatingMatrix.builder());
        }
        SplittableRandom foldOf = new SplittableRandom(seed + 1);
        for (long[] t : triples) {
            all.add(t[0], t[1], t[2]);
            int fold = foldOf.nextInt(BenchmarkData.FOLDS);
            for (int f = 0; f < BenchmarkData.FOLDS; f++) {
                (f == fold ? tests : trains).get(f).add(t[0], t[1], t[2]);
            }
        }
        List<RatingMatrix> train = new ArrayList<>();
        List<RatingMatrix> test = new ArrayList<>();
        for (int f = 0; f < BenchmarkData.FOLDS; f++) {
            train.add(trains.get(f).build());
            test.add(tests.get(f).build());
        }
        return BenchmarkData.of("SYNTHETIC shop shaped like MovieLens 100K (" + users + " users, " + items
                + " items, " + events + " ratings, seed " + seed + ")", all.build(), train, test);
    }

    /** {@code events} distinct (user, item, rating) triples; ids start at 1. */
    static long[][] events(int users, int items, int events, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] userBias = new double[users];
        for (int u = 0; u < users; u++) {
            userBias[u] = random.nextGaussian() * 0.4;
        }
        double[] quality = new double[items];
        for (int i = 0; i < items; i++) {
            quality[i] = random.nextGaussian() * 0.6;
        }
        it.unimi.dsi.fastutil.longs.LongOpenHashSet seen = new it.unimi.dsi.fastutil.longs.LongOpenHashSet(events);
        long[][] out = new long[events][];
        int n = 0;
        while (n < events) {
            int u = skewed(random, users, 0.6);
            int i = skewed(random, items, 1.0);
            if (!seen.add((long) u * items + i)) {
                continue;
            }
            double r = Math.rint(3.5 + userBias[u] + quality[i] + random.nextGaussian() * 0.8);
            out[n++] = new long[] {u + 1, i + 1, (long) Math.max(1, Math.min(5, r))};
        }
        return out;
    }

    /** An index in 0..n-1, low indices more likely; {@code exponent} 0 is uniform. */
    private static int skewed(SplittableRandom random, int n, double exponent) {
        double x = Math.pow(random.nextDouble(), 1 + 2 * exponent);
        return Math.min(n - 1, (int) (x * n));
    }
}
