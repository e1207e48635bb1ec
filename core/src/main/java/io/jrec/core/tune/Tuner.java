package io.jrec.core.tune;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.Candidates;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metric;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Model selection: tries settings from a {@link SearchSpace} on validation data carved out of the
 * training matrix, picks the best by an {@link Objective}, and refits that setting on the whole
 * training matrix.
 *
 * <pre>{@code
 * TuningResult result = Tuner.builder()
 *         .space(SearchSpace.builder().logRange("lambda", 10, 5000).build())
 *         .objective(Objective.of(Metrics.ndcg(10)))
 *         .validation(Validation.perUser(0.2, 42))
 *         .search(Search.random(42)).maxTrials(20).timeBudget(Duration.ofMinutes(5))
 *         .threads(2)
 *         .build()
 *         .tune(s -> EaseRecommender.builder().lambda(s.getDouble("lambda")).threads(1).build(), train);
 * result.print(System.out);
 * Recommender model = result.model();     // best settings, refitted on all of train
 * }</pre>
 *
 * <p><b>No leakage.</b> {@link #tune} takes the training matrix only; every fit sees a part of it, and
 * every score is computed on another part of it ({@link Validation}). Hold your test set back and
 * evaluate {@link TuningResult#model()} on it afterwards.
 *
 * <p><b>Budgets.</b> A search stops at {@link Builder#maxTrials} trials or when its
 * {@link Builder#timeBudget} is spent, whichever comes first. The time budget is checked before each
 * trial starts (the first trial always runs); running trials finish (a fit cannot be interrupted), so
 * a search may overrun by about one trial, and the refit comes on top.
 *
 * <p><b>Failures.</b> If the factory or a fit throws a {@code RuntimeException} (e.g. a setting the
 * model rejects), or the objective comes out NaN, the trial is recorded with the reason and the search
 * goes on. Only if every trial fails does {@code tune} throw.
 *
 * <p><b>Threads and determinism.</b> Trials run on {@link Builder#threads} threads of the tuner's own
 * executor (give the models one thread each, or fewer tuner threads, so the cores are not
 * oversubscribed). Trial {@code t}'s settings depend only on the search, its seed and {@code t}, and
 * trials are started in index order; with deterministic models the scores, the best trial (ties go to
 * the lower index) and the refitted model are the same for any thread count. With a time budget, how
 * many trials run depends on the machine; those that run are the same as in a longer search.
 *
 * <p>A tuner is immutable; {@code tune} may be called concurrently.
 *
 * @since 0.1.0
 */
public final class Tuner {
    private static final Logger log = LoggerFactory.getLogger(Tuner.class);
    private static final int MAX_GRID = 100_000;

    private final SearchSpace space;
    private final Objective objective;
    private final Validation validation;
    private final Search search;
    private final int maxTrials;
    private final Duration timeBudget;
    private final int threads;
    private final ProgressListener progress;
    private final Evaluator evaluator;
    private final List<String> metricNames;
    private final String epochSetting;
    private final int patience;
    private final List<Settings> first;
    private final boolean refit;

    private Tuner(Builder b) {
        this.space = b.space;
        this.objective = b.objective;
        this.validation = b.validation;
        this.search = b.search;
        this.maxTrials = b.maxTrials;
        this.timeBudget = b.timeBudget;
        this.threads = b.threads;
        this.progress = b.progress;
        this.epochSetting = b.epochSetting;
        this.patience = b.patience;
        this.first = b.first;
        this.refit = b.refit;
        List<Metric> metrics = new ArrayList<>();
        metrics.add(objective.metric());
        for (Metric m : b.also) {
            if (!m.name().equals(objective.metric().name())) {
                metrics.add(m);
            }
        }
        this.evaluator = Evaluator.builder().metrics(metrics).relevance(b.relevance).candidates(b.candidates)
                .fillUnpredictable(b.fillUnpredictable).threads(1).build();
        List<String> names = new ArrayList<>();
        for (Metric m : metrics) {
            names.add(m.name());
        }
        this.metricNames = List.copyOf(names);
    }

    /**
     * A builder with the defaults: an empty space, objective NDCG@10 maximised, validation
     * {@code user:0.2} with seed 42, grid search, no trial or time limit, 1 thread, relevance
     * {@code atLeast(4)}, all unseen items as candidates, unpredictable pairs filled with the training
     * mean, no early stopping.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Searches the space on validation splits of {@code train} and refits the best settings on all of
     * {@code train}.
     *
     * @param factory makes the algorithm for one point (e.g. {@code s -> Ease.builder().lambda(s.getDouble("lambda")).build()});
     *                called concurrently from the tuner's threads; may throw for settings it rejects
     * @param train   the training data; the only data the tuner sees
     * @throws IllegalArgumentException if {@code train} cannot be split as asked, or the space holds the
     *                                  successive-halving resource
     * @throws IllegalStateException    if every trial failed (the message gives the first reasons)
     */
    public TuningResult tune(Function<Settings, ? extends Algorithm> factory, RatingMatrix train) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(train, "train");
        if (search.kind() == Search.Kind.HALVING && space.parameter(search.resource()) != null) {
            throw new IllegalArgumentException("the space must not contain '" + search.resource()
                    + "': successive halving sets it per rung");
        }
        long start = System.nanoTime();
        long deadline = timeBudget == null ? Long.MAX_VALUE : start + timeBudget.toNanos();
        List<Split> splits = validation.splits(train);
        Run run = new Run(factory, splits, deadline);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jrec-tune");
            t.setDaemon(true);
            return t;
        });
        List<Trial> trials;
        Trial best;
        try {
            switch (search.kind()) {
                case GRID -> {
                    List<Settings> grid = space.grid(MAX_GRID);
                    trials = run.batch(pool, grid.size(), t -> grid.get(t), 0, 0);
                    best = bestOf(trials);
                }
                case RANDOM -> {
                    long seed = search.seed();
                    trials = run.batch(pool, Integer.MAX_VALUE, t -> t < first.size() ? first.get(t)
                            : space.sample(randomFor(seed, t - first.size())), 0, 0);
                    best = bestOf(trials);
                }
                default -> {
                    trials = new ArrayList<>();
                    best = halving(run, pool, trials);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (best == null) {
            StringBuilder reasons = new StringBuilder();
            for (int t = 0; t < Math.min(3, trials.size()); t++) {
                reasons.append("; trial ").append(t).append(" [").append(trials.get(t).settings()).append("]: ")
                        .append(trials.get(t).failure().orElse("?"));
            }
            throw new IllegalStateException("all " + trials.size() + " trials failed" + reasons);
        }
        Settings chosen = best.settings();
        if (best.stoppedEpoch() > 0) {
            chosen = chosen.with(epochSetting, best.stoppedEpoch());
        }
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        long refitStart = System.nanoTime();
        Recommender model = refit ? factory.apply(chosen).fit(train, progress) : null;
        double refitSeconds = (System.nanoTime() - refitStart) / 1e9;
        log.info("tuned {} trials in {} s: best [{}] {} {} (validation {})", trials.size(),
                String.format(Locale.ROOT, "%.1f", searchSeconds), chosen, objective.metric().name(),
                String.format(Locale.ROOT, "%.4f", best.score()), validation);
        return new TuningResult(objective, metricNames, space, search.toString(), validation.toString(),
                epochSetting, trials, best, chosen, model, searchSeconds, refitSeconds, threads, train.size());
    }

    private Trial halving(Run run, ExecutorService pool, List<Trial> all) {
        int rungs = search.rungs();
        long seed = search.seed();
        List<Settings> arms = new ArrayList<>();
        for (int a = 0; a < search.arms(); a++) {
            arms.add(a < first.size() ? first.get(a) : space.sample(randomFor(seed, a - first.size())));
        }
        Trial best = null;
        for (int rung = 0; rung < rungs && !arms.isEmpty(); rung++) {
            String resource = search.resource();
            int amount = search.resourceOf(rung);
            List<Settings> points = new ArrayList<>();
            for (Settings arm : arms) {
                points.add(arm.with(resource, amount));
            }
            int first = all.size();
            List<Trial> trials = run.batch(pool, points.size(), points::get, first, rung);
            all.addAll(trials);
            Trial rungBest = bestOf(trials);
            if (rungBest == null) {
                break;   // every trial of the rung failed, or the budget ran out before it started
            }
            best = rungBest;
            List<Trial> ranked = new ArrayList<>(trials);
            ranked.removeIf(Trial::failed);
            ranked.sort(ranking());
            int keep = Math.min(ranked.size(), Math.max(1, arms.size() / search.eta()));
            List<Settings> survivors = new ArrayList<>();
            for (int k = 0; k < keep; k++) {
                survivors.add(arms.get(ranked.get(k).index() - first));
            }
            arms = survivors;
            if (trials.size() < points.size()) {
                break;   // the budget ran out in this rung
            }
        }
        return best;
    }

    /** Best first: by objective, ties by lower index. */
    private Comparator<Trial> ranking() {
        return (a, b) -> objective.isBetter(a.score(), b.score()) ? -1
                : objective.isBetter(b.score(), a.score()) ? 1 : Integer.compare(a.index(), b.index());
    }

    private Trial bestOf(List<Trial> trials) {
        Trial best = null;
        for (Trial t : trials) {
            if (!t.failed() && (best == null || ranking().compare(t, best) < 0)) {
                best = t;
            }
        }
        return best;
    }

    static SplittableRandom randomFor(long seed, int trial) {
        long h = seed * 0x9E3779B97F4A7C15L + trial;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(h ^ (h >>> 31));
    }

    /** The state of one {@code tune} call. */
    private final class Run {
        private final Function<Settings, ? extends Algorithm> factory;
        private final List<Split> splits;
        private final long deadline;
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();

        Run(Function<Settings, ? extends Algorithm> factory, List<Split> splits, long deadline) {
            this.factory = factory;
            this.splits = splits;
            this.deadline = deadline;
        }

        /**
         * Runs points {@code 0..count-1} (trial numbers from {@code firstIndex}) on the pool, in index
         * order, until done, out of trials or out of time; returns the finished trials by index.
         */
        List<Trial> batch(ExecutorService pool, int count, IntFunction<Settings> points, int firstIndex, int rung) {
            ConcurrentHashMap<Integer, Trial> done = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            long total = maxTrials > 0 ? maxTrials : count == Integer.MAX_VALUE ? 0 : count;
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    while (true) {
                        int p;
                        synchronized (next) {   // take a point only while trials and time are left
                            if (next.get() >= count || (System.nanoTime() >= deadline && started.get() > 0)
                                    || (maxTrials > 0 && started.get() >= maxTrials)) {
                                return;
                            }
                            p = next.getAndIncrement();
                            started.incrementAndGet();
                        }
                        Trial trial = run(firstIndex + p, rung, points.apply(p));
                        done.put(p, trial);
                        progress.progress("tune", finished.incrementAndGet(), total, trial.failed()
                                ? "trial " + trial.index() + " failed: " + trial.failure().orElse("")
                                : String.format(Locale.ROOT, "trial %d [%s]: %s %.4f", trial.index(), trial.settings(),
                                        objective.metric().name(), trial.score()));
                    }
                }));
            }
            for (Future<?> w : workers) {
                try {
                    w.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("tuning interrupted", e);
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
            Trial[] ordered = new Trial[done.size()];
            for (int p = 0; p < ordered.length; p++) {
                ordered[p] = done.get(p);   // points are taken in order, so the finished ones are 0..n-1
            }
            return List.of(ordered);
        }

        private Trial run(int index, int rung, Settings settings) {
            long t0 = System.nanoTime();
            double[] scores = new double[metricNames.size()];
            int stopped = -1;
            String failure = null;
            try {
                Algorithm algorithm = Objects.requireNonNull(factory.apply(settings), "the factory returned null");
                boolean early = epochSetting != null && algorithm instanceof IterativeAlgorithm;
                long epochs = 0;
                for (Split split : splits) {
                    double[] s;
                    if (early) {
                        EarlyStopping stopping = EarlyStopping.on(split, evaluator, objective, patience);
                        ((IterativeAlgorithm) algorithm).fit(stopping, ProgressListener.NONE);
                        s = stopping.bestScores();
                        epochs += stopping.bestEpoch();
                    } else {
                        EvaluationReport report = evaluator.evaluate(algorithm, List.of(split));
                        String name = report.algorithms().get(0);
                        s = new double[metricNames.size()];
                        for (int m = 0; m < s.length; m++) {
                            s[m] = report.value(name, metricNames.get(m), split.name());
                        }
                    }
                    for (int m = 0; m < s.length; m++) {
                        scores[m] += s[m] / splits.size();
                    }
                }
                if (early) {
                    stopped = (int) Math.max(1, Math.round((double) epochs / splits.size()));
                }
                if (Double.isNaN(scores[0])) {
                    failure = objective.metric().name() + " is NaN on the validation data (no predictable pair or"
                            + " no user with a relevant validation item?)";
                }
            } catch (RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.debug("trial {} [{}] failed", index, settings, e);
            }
            if (failure != null) {
                Arrays.fill(scores, Double.NaN);
            }
            return new Trial(index, rung, settings, scores, stopped, (System.nanoTime() - t0) / 1e9, failure);
        }
    }

    /** Settings of a {@link Tuner}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private SearchSpace space = SearchSpace.builder().build();
        private Objective objective = Objective.parse("ndcg@10");
        private Validation validation = Validation.perUser(0.2, 42);
        private Search search = Search.grid();
        private int maxTrials;
        private Duration timeBudget;
        private int threads = 1;
        private ProgressListener progress = ProgressListener.NONE;
        private Relevance relevance = Relevance.atLeast(4);
        private Candidates candidates = Candidates.allUnseen();
        private boolean fillUnpredictable = true;
        private List<Metric> also = List.of();
        private String epochSetting;
        private int patience;
        private List<Settings> first = List.of();
        private boolean refit = true;

        private Builder() {
        }

        /**
         * Points a random search (or successive halving, as its first arms) tries before its random ones,
         * e.g. the model's defaults, so that the result is never worse on validation than they are. They
         * count as trials; a grid ignores them.
         */
        public Builder startWith(Settings... points) {
            for (Settings p : points) {
                Objects.requireNonNull(p, "point");
            }
            this.first = List.of(points);
            return this;
        }

        /**
         * Whether {@code tune} refits the best settings on the whole training matrix (default true); without
         * it {@link TuningResult#model()} is not available, for callers that compare several searches first.
         */
        public Builder refit(boolean refit) {
            this.refit = refit;
            return this;
        }

        /** The settings to try. */
        public Builder space(SearchSpace space) {
            this.space = Objects.requireNonNull(space, "space");
            return this;
        }

        /** What to optimise on the validation data. */
        public Builder objective(Objective objective) {
            this.objective = Objects.requireNonNull(objective, "objective");
            return this;
        }

        /** How validation data is carved out of the training matrix. */
        public Builder validation(Validation validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** Grid, random or successive halving. */
        public Builder search(Search search) {
            this.search = Objects.requireNonNull(search, "search");
            return this;
        }

        /** The most trials to run (all rungs of successive halving together), >= 1; default no limit. */
        public Builder maxTrials(int trials) {
            if (trials < 1) {
                throw new IllegalArgumentException("maxTrials must be >= 1, got " + trials);
            }
            this.maxTrials = trials;
            return this;
        }

        /** The wall time after which no new trial starts, > 0; default none. */
        public Builder timeBudget(Duration budget) {
            if (budget == null || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("timeBudget must be positive, got " + budget);
            }
            this.timeBudget = budget;
            return this;
        }

        /** Trials run at once, >= 1; default 1. The result does not depend on it. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Receives stage {@code "tune"} (done = finished trials, total = the trial limit or 0 if unknown,
         * message = the trial's settings and score), from the tuner's threads, and the refit's own stages.
         */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Which validation entries are relevant for top-N objectives; default {@code atLeast(4)}. */
        public Builder relevance(Relevance relevance) {
            this.relevance = Objects.requireNonNull(relevance, "relevance");
            return this;
        }

        /** Which items are ranked for top-N objectives; default all unseen. */
        public Builder candidates(Candidates candidates) {
            this.candidates = Objects.requireNonNull(candidates, "candidates");
            return this;
        }

        /**
         * Whether validation pairs a model cannot predict count with the training mean in RMSE/MAE
         * (default true, so that a model cannot win by abstaining) or are left out.
         */
        public Builder fillUnpredictable(boolean fill) {
            this.fillUnpredictable = fill;
            return this;
        }

        /** More metrics to record for every trial (the objective is always first). */
        public Builder alsoReport(Metric... metrics) {
            for (Metric m : metrics) {
                Objects.requireNonNull(m, "metric");
            }
            this.also = List.of(metrics);
            return this;
        }

        /**
         * Makes the number of epochs a tuned result: algorithms that are {@link IterativeAlgorithm}s are
         * fitted with {@link EarlyStopping} on each validation split (stopping after {@code patience}
         * epochs without a better objective), and the refit sets {@code epochSetting} to the best epoch
         * (rounded mean over the splits). Other algorithms are fitted as usual.
         *
         * @throws IllegalArgumentException if the setting name is blank or {@code patience < 1}
         */
        public Builder earlyStopping(String epochSetting, int patience) {
            if (epochSetting == null || epochSetting.isBlank()) {
                throw new IllegalArgumentException("early stopping needs the name of the epoch setting, e.g. \"epochs\"");
            }
            if (patience < 1) {
                throw new IllegalArgumentException("early stopping patience must be >= 1, got " + patience);
            }
            this.epochSetting = epochSetting;
            this.patience = patience;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a random search has neither a trial limit nor a time budget
         */
        public Tuner build() {
            if (search.kind() == Search.Kind.RANDOM && maxTrials == 0 && timeBudget == null) {
                throw new IllegalArgumentException("a random search needs maxTrials(n) or timeBudget(d)");
            }
            return new Tuner(this);
        }
    }
}
