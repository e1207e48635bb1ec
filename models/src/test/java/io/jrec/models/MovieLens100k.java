package io.jrec.models;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only access to MovieLens 100K and a small, deliberately plain implementation of the two
 * measurement protocols in DESIGN.md (the evaluation module was not on this branch when these tests
 * were written): RMSE over a test file with unpredictable pairs filled by the training mean, and
 * top-10 precision / NDCG (binary gain, log2 discount) over users with a test item rated >= 4, with
 * all items the user has not rated in training as candidates.
 */
public final class MovieLens100k {
    private MovieLens100k() {
    }

    /** The data directory from {@code -Djrec.ml100k}; skips the calling test when it is absent. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        return dir;
    }

    /** One tab-separated rating file (user, item, rating, timestamp) as {n x 3} rows. */
    public static long[][] read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            long[][] rows = new long[lines.size()][];
            for (int k = 0; k < rows.length; k++) {
                String[] f = lines.get(k).split("\t");
                rows[k] = new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RatingMatrix matrix(long[][] rows) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (long[] r : rows) {
            b.add(r[0], r[1], r[2]);
        }
        return b.build();
    }

    /** RMSE of {@code model} on {@code test}; NaN predictions are replaced by {@code fill}. */
    public static double rmse(Recommender model, long[][] test, double fill) {
        double sum = 0;
        for (long[] r : test) {
            double p = model.predict(r[0], r[1]);
            double e = (Double.isNaN(p) ? fill : p) - r[2];
            sum += e * e;
        }
        return Math.sqrt(sum / test.length);
    }

    /** {users evaluated, mean P@n, mean NDCG@n} with relevant = test rating >= 4. */
    public static double[] topN(Recommender model, long[][] test, int n) {
        Long2ObjectOpenHashMap<LongOpenHashSet> relevant = new Long2ObjectOpenHashMap<>();
        for (long[] r : test) {
            if (r[2] >= 4) {
                relevant.computeIfAbsent(r[0], k -> new LongOpenHashSet()).add(r[1]);
            }
        }
        double precision = 0;
        double ndcg = 0;
        List<Long> users = new ArrayList<>(relevant.keySet());
        for (long user : users) {
            LongOpenHashSet rel = relevant.get(user);
            List<ScoredItem> top = model.topN(user, n);
            double dcg = 0;
            int hits = 0;
            for (int k = 0; k < top.size(); k++) {
                if (rel.contains(top.get(k).itemId())) {
                    hits++;
                    dcg += 1 / log2(k + 2);
                }
            }
            double idcg = 0;
            for (int k = 0; k < Math.min(n, rel.size()); k++) {
                idcg += 1 / log2(k + 2);
            }
            precision += hits / (double) n;
            ndcg += dcg / idcg;
        }
        return new double[] {users.size(), precision / users.size(), ndcg / users.size()};
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
