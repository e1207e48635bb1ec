package io.jrec.core.eval;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.SparseVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs algorithms over splits and computes metrics: for every (algorithm, split) it fits the
 * algorithm on the training data (timing it), predicts every test pair for the {@link ErrorMetric}s,
 * and asks for the top {@code max k} items of every test user for the {@link TopNMetric}s (timing
 * each call).
 *
 * <pre>{@code
 * EvaluationReport report = Evaluator.builder()
 *         .metrics(Metrics.rmse(), Metrics.precision(10), Metrics.ndcg(10))
 *         .threads(4)
 *         .build()
 *         .evaluate(List.of(popularity, itemKnn), Splits.kFold(ratings, 5, 42));
 * report.print(System.out);
 * }</pre>
 *
 * <p>Protocol, stated in every report ({@link #protocol()}):
 * <ul>
 *   <li>Everything is matched by external id, so train and test may have different indices
 *       ({@link Splits#given}).</li>
 *   <li>Top-N metrics are averaged over the test users with at least one relevant test item
 *       ({@link Relevance}); test users without one are excluded and counted. Candidates follow
 *       {@link Candidates} (default: all items not in the user's training row).</li>
 *   <li>Error metrics cover the pairs the model can predict; the others are counted and either left
 *       out (default) or filled with the split's training global mean.</li>
 * </ul>
 *
 * <p>Work runs on an executor of its own with the configured number of threads (fits of different
 * splits and chunks of users in parallel); the figures do not depend on the thread count. Fit times
 * and latencies are wall-clock and include contention when threads &gt; 1. An evaluator is immutable;
 * {@code evaluate} may be called concurrently.
 *
 * @since 0.1.0
 */
public final class Evaluator {
    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);
    private static final int USERS_PER_TASK = 64;

    private final List<Metric> metrics;
    private final List<ErrorMetric> errorMetrics;
    private final List<TopNMetric> topNMetrics;
    private final int maxK;
    private final Relevance relevance;
    private final Candidates candidates;
    private final int threads;
    private final ProgressListener progress;
    private final boolean fillUnpredictable;

    private Evaluator(Builder b) {
        this.metrics = List.copyOf(b.metrics);
        List<ErrorMetric> errors = new ArrayList<>();
        List<TopNMetric> topN = new ArrayList<>();
        int k = 0;
        for (Metric m : metrics) {
            if (m instanceof ErrorMetric e) {
                errors.add(e);
            } else {
                TopNMetric t = (TopNMetric) m;
                topN.add(t);
                k = Math.max(k, t.k());
            }
        }
        this.errorMetrics = List.copyOf(errors);
        this.topNMetrics = List.copyOf(topN);
        this.maxK = k;
        this.relevance = b.relevance;
        this.candidates = b.candidates;
        this.threads = b.threads;
        this.progress = b.progress;
        this.fillUnpredictable = b.fillUnpredictable;
    }

    /**
     * A builder with the defaults: metrics RMSE, MAE and {@link Metrics#ranking(int) ranking(10)};
     * relevance {@code atLeast(4)}; candidates {@code allUnseen()}; threads = available processors;
     * unpredictable pairs left out; no progress listener.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The metrics, in report order. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** A one-paragraph description of the protocol (candidates, relevance, averaging, error pairs). */
    public String protocol() {
        StringBuilder s = new StringBuilder();
        if (!topNMetrics.isEmpty()) {
            s.append("Top-N: candidates = ").append(candidates).append("; relevant = ").append(relevance)
                    .append("; metrics averaged over test users with at least one relevant test item. ");
        }
        if (!errorMetrics.isEmpty()) {
            s.append("Error metrics over all test pairs; pairs the model cannot predict are ")
                    .append(fillUnpredictable ? "filled with the training global mean. " : "left out and counted. ");
        }
        s.append("Mean ± sample standard deviation over splits.");
        return s.toString();
    }

    /** Evaluates one algorithm on every split. */
    public EvaluationReport evaluate(Algorithm algorithm, List<Split> splits) {
        return evaluate(List.of(algorithm), splits);
    }

    /**
     * Evaluates every algorithm on every split. Algorithms with equal {@link Algorithm#name()}s get
     * {@code " #2"}, {@code " #3"}, ... appended in the report.
     *
     * @throws IllegalArgumentException if there is no algorithm or no split
     * @throws RuntimeException         whatever an algorithm's {@code fit}, {@code topN} or
     *                                  {@code predict} threw
     */
    public EvaluationReport evaluate(List<? extends Algorithm> algorithms, List<Split> splits) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no algorithm to evaluate");
        }
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("no split to evaluate on");
        }
        List<String> names = uniqueNames(algorithms);
        int nAlg = algorithms.size();
        int nSplit = splits.size();
        int jobs = nAlg * nSplit;
        long totalUsers = 0;
        for (Split split : splits) {
            totalUsers += testUsers(split.test()).length;
        }
        totalUsers *= nAlg;

        double[][][] values = new double[nAlg][metrics.size()][nSplit];
        EvaluationReport.RunStats[][] stats = new EvaluationReport.RunStats[nAlg][nSplit];
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory());
        try {
            AtomicInteger fitted = new AtomicInteger();
            AtomicLong usersDone = new AtomicLong();
            List<Future<Fit>> fits = new ArrayList<>(jobs);
            for (int j = 0; j < jobs; j++) {
                // Keep at most `threads` fits ahead of the evaluation, so that few models are alive.
                while (fits.size() < Math.min(jobs, j + threads)) {
                    int job = fits.size();
                    Algorithm algorithm = algorithms.get(job / nSplit);
                    Split split = splits.get(job % nSplit);
                    String label = names.get(job / nSplit) + " on " + split.name();
                    fits.add(pool.submit(() -> fit(algorithm, split, label, fitted, jobs)));
                }
                Fit fit = await(fits.get(j));
                fits.set(j, null);
                int a = j / nSplit;
                int s = j % nSplit;
                stats[a][s] = evaluateFit(pool, fit, splits.get(s), s, values[a], usersDone, totalUsers);
                log.debug("{} on {}: {}", names.get(a), splits.get(s).name(), stats[a][s]);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> splitNames = new ArrayList<>();
        for (Split split : splits) {
            splitNames.add(split.name());
        }
        List<String> metricNames = new ArrayList<>();
        for (Metric m : metrics) {
            metricNames.add(m.name());
        }
        return new EvaluationReport(protocol(), names, splitNames, metricNames, values, stats, threads);
    }

    private record Fit(Recommender model, long nanos) {
    }

    private Fit fit(Algorithm algorithm, Split split, String label, AtomicInteger fitted, int jobs) {
        long start = System.nanoTime();
        Recommender model = algorithm.fit(split.train());
        long nanos = System.nanoTime() - start;
        if (model == null) {
            throw new IllegalStateException(label + ": fit returned null");
        }
        progress.progress("fit", fitted.incrementAndGet(), jobs, label);
        return new Fit(model, nanos);
    }

    /** The judged outcome of a chunk of test users. */
    private static final class Chunk {
        final RankedList[] lists;
        final long[] latencies;
        int timed;
        int withoutRelevant;
        int unpredictable;
        int predicted;

        Chunk(int users) {
            lists = new RankedList[users];
            latencies = new long[users];
        }
    }

    private EvaluationReport.RunStats evaluateFit(ExecutorService pool, Fit fit, Split split, int splitIndex,
                                                  double[][] values, AtomicLong usersDone, long totalUsers) {
        RatingMatrix test = split.test();
        int[] users = testUsers(test);
        double[] errors = errorMetrics.isEmpty() ? null : new double[test.size()];
        List<Future<Chunk>> chunks = new ArrayList<>();
        for (int from = 0; from < users.length; from += USERS_PER_TASK) {
            int start = from;
            int end = Math.min(users.length, from + USERS_PER_TASK);
            chunks.add(pool.submit(() -> {
                Chunk chunk = evaluateUsers(fit.model(), split, splitIndex, users, start, end, errors);
                progress.progress("evaluate", usersDone.addAndGet(end - start), totalUsers, split.name());
                return chunk;
            }));
        }
        List<RankedList> lists = new ArrayList<>(users.length);
        long[] latencies = new long[users.length];
        int timed = 0;
        int withoutRelevant = 0;
        int unpredictable = 0;
        int predicted = 0;
        for (Future<Chunk> future : chunks) {
            Chunk chunk = await(future);
            for (RankedList list : chunk.lists) {
                if (list != null) {
                    lists.add(list);
                }
            }
            System.arraycopy(chunk.latencies, 0, latencies, timed, chunk.timed);
            timed += chunk.timed;
            withoutRelevant += chunk.withoutRelevant;
            unpredictable += chunk.unpredictable;
            predicted += chunk.predicted;
        }
        List<RankedList> judged = List.copyOf(lists);
        for (int m = 0; m < metrics.size(); m++) {
            Metric metric = metrics.get(m);
            values[m][splitIndex] = metric instanceof ErrorMetric e
                    ? e.evaluate(errors)
                    : ((TopNMetric) metric).evaluate(judged, split.train());
        }
        long[] sorted = Arrays.copyOf(latencies, timed);
        Arrays.sort(sorted);
        return new EvaluationReport.RunStats(fit.nanos() / 1e6,
                percentile(sorted, 0.5) / 1e3, percentile(sorted, 0.99) / 1e3,
                topNMetrics.isEmpty() ? 0 : judged.size(), topNMetrics.isEmpty() ? 0 : withoutRelevant,
                predicted, unpredictable);
    }

    private Chunk evaluateUsers(Recommender model, Split split, int splitIndex, int[] users, int from, int to,
                                double[] errors) {
        RatingMatrix test = split.test();
        RatingMatrix train = split.train();
        double fill = train.globalMean();
        Chunk chunk = new Chunk(to - from);
        int[] scratch = candidates.isSampled() ? new int[train.itemCount()] : null;
        for (int x = from; x < to; x++) {
            int u = users[x];
            long userId = test.users().idAt(u);
            int start = test.byUser().rowStart(u);
            int end = test.byUser().rowEnd(u);
            if (errors != null) {
                for (int k = start; k < end; k++) {
                    double actual = test.byUser().value(k);
                    double p = model.predict(userId, test.items().idAt(test.byUser().column(k)));
                    if (p == p) {
                        chunk.predicted++;
                    } else {
                        chunk.unpredictable++;
                        p = fillUnpredictable ? fill : Double.NaN;
                    }
                    errors[k] = p - actual;
                }
            }
            if (topNMetrics.isEmpty()) {
                continue;
            }
            int relevant = 0;
            for (int k = start; k < end; k++) {
                if (relevance.isRelevant(test.byUser().value(k))) {
                    relevant++;
                }
            }
            if (relevant == 0) {
                chunk.withoutRelevant++;
                continue;
            }
            double[] ideal = new double[relevant];
            for (int k = start, r = 0; k < end; k++) {
                double g = relevance.gain(test.byUser().value(k));
                if (g > 0) {
                    ideal[r++] = g;
                }
            }
            ItemFilter filter = candidates.isSampled()
                    ? ItemFilter.allowOnly(sampledCandidates(train, test, u, userId, splitIndex, scratch))
                    : ItemFilter.excludeSeen();
            long t0 = System.nanoTime();
            Recommendations recs = model.topN(userId, maxK, filter);
            chunk.latencies[chunk.timed++] = System.nanoTime() - t0;
            long[] items = recs.itemIds();
            double[] gains = new double[items.length];
            SparseVector row = test.userRow(u);
            for (int r = 0; r < items.length; r++) {
                int i = test.items().indexOf(items[r]);
                int pos = i < 0 ? -1 : row.position(i);
                gains[r] = pos < 0 ? 0 : relevance.gain(row.value(pos));
            }
            chunk.lists[x - from] = new RankedList(userId, items, gains, ideal);
        }
        return chunk;
    }

    /**
     * The user's test items plus up to {@code negatives} training-catalogue items that the user has in
     * neither training nor test data, drawn without replacement (partial Fisher-Yates) from a random
     * stream that depends only on the seed, the split's position and the user id.
     */
    private long[] sampledCandidates(RatingMatrix train, RatingMatrix test, int testUser, long userId,
                                     int splitIndex, int[] eligible) {
        SparseVector testRow = test.userRow(testUser);
        int trainUser = train.users().indexOf(userId);
        SparseVector trainRow = trainUser < 0 ? SparseVector.empty() : train.userRow(trainUser);
        int n = 0;
        for (int i = 0; i < train.itemCount(); i++) {
            if (trainRow.contains(i)) {
                continue;
            }
            int ti = test.items().indexOf(train.items().idAt(i));
            if (ti >= 0 && testRow.contains(ti)) {
                continue;
            }
            eligible[n++] = i;
        }
        int draw = Math.min(n, candidates.negatives());
        SplittableRandom random = new SplittableRandom(mix(candidates.seed(), splitIndex, userId));
        long[] ids = new long[testRow.size() + draw];
        for (int k = 0; k < draw; k++) {
            int j = k + random.nextInt(n - k);
            int t = eligible[k];
            eligible[k] = eligible[j];
            eligible[j] = t;
            ids[k] = train.items().idAt(eligible[k]);
        }
        for (int k = 0; k < testRow.size(); k++) {
            ids[draw + k] = test.items().idAt(testRow.index(k));
        }
        return ids;
    }

    private static long mix(long seed, int splitIndex, long userId) {
        long h = seed * 0x9E3779B97F4A7C15L + splitIndex;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + userId;
        return h ^ (h >>> 29);
    }

    private static int[] testUsers(RatingMatrix test) {
        int n = 0;
        for (int u = 0; u < test.userCount(); u++) {
            if (test.userRatingCount(u) > 0) {
                n++;
            }
        }
        int[] users = new int[n];
        for (int u = 0, x = 0; u < test.userCount(); u++) {
            if (test.userRatingCount(u) > 0) {
                users[x++] = u;
            }
        }
        return users;
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. The median averages the middle pair. */
    static double percentile(long[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (p == 0.5 && n % 2 == 0) {
            return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }
        int rank = (int) Math.ceil(p * n);
        return sorted[Math.max(0, rank - 1)];
    }

    private static List<String> uniqueNames(List<? extends Algorithm> algorithms) {
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Algorithm algorithm : algorithms) {
            Objects.requireNonNull(algorithm, "algorithm");
            String base = algorithm.name();
            String name = base;
            for (int n = 2; !used.add(name); n++) {
                name = base + " #" + n;
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "jrec-eval-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Settings of an {@link Evaluator}; checked by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private List<Metric> metrics = defaultMetrics();
        private Relevance relevance = Relevance.atLeast(4);
        private Candidates candidates = Candidates.allUnseen();
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;
        private boolean fillUnpredictable;

        private Builder() {
        }

        private static List<Metric> defaultMetrics() {
            List<Metric> list = new ArrayList<>();
            list.add(Metrics.rmse());
            list.add(Metrics.mae());
            list.addAll(Metrics.ranking(10));
            return list;
        }

        /** The metrics to compute, in report order (replaces the defaults). */
        public Builder metrics(Metric... metrics) {
            return metrics(Arrays.asList(metrics));
        }

        /** The metrics to compute, in report order (replaces the defaults). */
        public Builder metrics(List<? extends Metric> metrics) {
            this.metrics = new ArrayList<>(metrics);
            return this;
        }

        /** Which test entries are relevant; default {@code Relevance.atLeast(4)}. */
        public Builder relevance(Relevance relevance) {
            this.relevance = relevance;
            return this;
        }

        /** Which items are ranked for each user; default {@code Candidates.allUnseen()}. */
        public Builder candidates(Candidates candidates) {
            this.candidates = candidates;
            return this;
        }

        /** Worker threads (>= 1); default: available processors. Results do not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Receives stage {@code "fit"} (done/total fits; message "algorithm on split") and stage
         * {@code "evaluate"} (done/total test users over all fits; message the split), from worker
         * threads, so it must be thread-safe. Algorithms are fitted with {@link ProgressListener#NONE}:
         * concurrent fits would interleave their own stages.
         */
        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Whether pairs a model cannot predict are filled with the split's training global mean in
         * RMSE/MAE (true) or left out (false, the default). They are counted either way.
         */
        public Builder fillUnpredictable(boolean fill) {
            this.fillUnpredictable = fill;
            return this;
        }

        /**
         * @throws IllegalArgumentException if there are no metrics, a metric is null, two metrics share a
         *                                  name, {@code threads < 1}, or relevance, candidates or progress
         *                                  is null
         */
        public Evaluator build() {
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException("metrics must not be empty; e.g. Metrics.ranking(10)");
            }
            Set<String> names = new HashSet<>();
            for (Metric m : metrics) {
                if (m == null) {
                    throw new IllegalArgumentException("metrics must not contain null");
                }
                if (!names.add(m.name())) {
                    throw new IllegalArgumentException("metric " + m.name() + " is given twice; names must be unique");
                }
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (relevance == null || candidates == null || progress == null) {
                throw new IllegalArgumentException("relevance, candidates and progress must not be null");
            }
            return new Evaluator(this);
        }
    }
}
