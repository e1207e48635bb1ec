package io.jrec.benchmarks;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.io.ModelIO;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One build's side of {@link AlternatingBuilds}: a saved model loaded by that build's own classes and
 * its single-threaded {@code topN(user, 10)} timed over a fixed sample of users. Defined anew in each
 * build's class loader, so it uses only what every build has ({@code ModelIO.load}, {@code topN},
 * {@code trainingData}, and {@link BenchmarkData#sampleUsers}, the users {@code LargeCatalogueBenchmark}
 * queries); its methods are called by reflection. Not thread-safe.
 */
public final class BuildProbe {
    private final Recommender model;
    private final long[] users;
    private final long[] nanos;

    /** Loads {@code model} and samples {@code count} users with training interactions (the same in every build). */
    public BuildProbe(String model, int count, long seed) throws IOException {
        this.model = ModelIO.load(Path.of(model));
        if (!(this.model instanceof AbstractRecommender fitted)) {
            throw new IllegalArgumentException(model + " holds a " + this.model.getClass().getSimpleName()
                    + ", not a model fitted on one RatingMatrix: time one of its members");
        }
        this.users = BenchmarkData.sampleUsers(fitted.trainingData(), count, seed);
        this.nanos = new long[users.length];
    }

    /** One pass over the users: {median, 90th percentile, mean} of the call times, in microseconds. */
    public double[] pass() {
        long total = 0;
        for (int q = 0; q < users.length; q++) {
            long start = System.nanoTime();
            model.topN(users[q], 10);
            nanos[q] = System.nanoTime() - start;
            total += nanos[q];
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new double[] {sorted[n / 2] / 1e3, sorted[Math.min(n - 1, n * 9 / 10)] / 1e3, total / 1e3 / n};
    }

    /** The top-10 list of the {@code q}-th user, as text (item ids and scores), to compare builds. */
    public String list(int q) {
        Recommendations list = model.topN(users[q], 10);
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < list.size(); k++) {
            text.append(list.get(k).itemId()).append(':').append(list.get(k).score()).append(' ');
        }
        return text.toString();
    }

    /** How many users are sampled. */
    public int users() {
        return users.length;
    }
}
