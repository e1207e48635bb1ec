package io.jrec.models.select;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.Candidates;
import io.jrec.core.eval.Relevance;
import io.jrec.core.tune.Objective;
import io.jrec.core.tune.Search;
import io.jrec.core.tune.SearchSpace;
import io.jrec.core.tune.Settings;
import io.jrec.core.tune.Tuner;
import io.jrec.core.tune.TuningResult;
import io.jrec.core.tune.Validation;
import io.jrec.models.hybrid.HybridRecommender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks a model for your data: tunes one family of the {@link ModelCatalog}, or ({@code auto}) every
 * family that suits the goal, each briefly, then z-score blends of the best two and three
 * ({@link HybridRecommender}, weights tuned on the same validation data), and returns the best with a
 * table of what was tried and why it won. Everything is judged on validation data carved out of the
 * training matrix ({@link Validation}); the test set never reaches it.
 *
 * <pre>{@code
 * Selection s = ModelSelection.builder()
 *         .objective(Objective.parse("ndcg@10"))          // or "rmse": the goal follows the metric
 *         .validation(Validation.parse("user:0.2", 42))
 *         .timeBudget(Duration.ofMinutes(5)).threads(2)
 *         .build()
 *         .run("auto", train);                            // or a family name, e.g. "ease"
 * s.print(System.out);
 * ModelIO.save(s.model(), Path.of("model.jrec"));
 * }</pre>
 *
 * <p><b>How auto spends the budget.</b> Without blends the families share the whole time budget, with
 * blends three quarters of it (the blends get the rest). Families run in catalogue order (cheap ones
 * first); each gets the unspent family time divided by the families left, so time a quick family does
 * not need goes to the later ones. Each family runs a seeded random search over its
 * {@link ModelCatalog.Entry#space default space}, starting from its defaults, at most
 * {@link Builder#trialsPerFamily} trials; iterative families stop early on the objective, so their epoch
 * count is tuned too. The budget is checked before each trial starts, so a run can overrun by about one
 * trial; the final refit of the winner on all of {@code train} comes on top.
 *
 * <p><b>Blends.</b> The best two (and three) families by validation score are blended with the
 * settings each was tuned to: for top-N a z-score blend of their candidate lists, for ratings the
 * weighted mean of their predictions. The first member has weight 1, the others a log-uniform weight
 * in [0.05, 20], searched like a family (each member is fitted once per validation split, not once
 * per weight).
 *
 * <p>Defaults: objective NDCG@10 (goal top-N), validation {@code user:0.2} (seed 42), a 5-minute
 * budget, 1 thread, relevance {@code atLeast(4)} (use {@link Relevance#anyEvent()} for clicks or
 * purchases), all unseen items as candidates, patience 3 epochs, 20 trials per family, blends of up to
 * 3 families. With the same seed and a trial limit that binds before the time budget, the result is
 * the same for any thread count; models fit with one thread each while trials run in parallel.
 *
 * <p>Immutable; {@code run} may be called concurrently.
 *
 * @since 0.1.0
 */
public final class ModelSelection {
    private static final Logger log = LoggerFactory.getLogger(ModelSelection.class);

    private final Objective objective;
    private final Goal goal;
    private final Validation validation;
    private final Duration budget;
    private final int threads;
    private final long seed;
    private final ProgressListener progress;
    private final Relevance relevance;
    private final Candidates candidates;
    private final int patience;
    private final int trialsPerFamily;
    private final int maxBlend;
    private final List<String> families;

    private ModelSelection(Builder b) {
        this.objective = b.objective;
        this.goal = objective.isRatingError() ? Goal.RATING : Goal.TOP_N;
        this.validation = b.validation;
        this.budget = b.budget;
        this.threads = b.threads;
        this.seed = b.seed;
        this.progress = b.progress;
        this.relevance = b.relevance;
        this.candidates = b.candidates;
        this.patience = b.patience;
        this.trialsPerFamily = b.trialsPerFamily;
        this.maxBlend = b.maxBlend;
        List<String> f = new ArrayList<>();
        if (b.families == null) {
            for (ModelCatalog.Entry e : ModelCatalog.entries()) {
                if (e.triedByAuto(goal)) {
                    f.add(e.name());
                }
            }
        } else {
            f.addAll(b.families);
        }
        this.families = List.copyOf(f);
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** The goal, from the objective: {@link Goal#RATING} for RMSE/MAE, else {@link Goal#TOP_N}. */
    public Goal goal() {
        return goal;
    }

    /** The families {@code auto} tries, in order (for top-N by default popularity, itemknn, userknn, als, ease). */
    public List<String> families() {
        return families;
    }

    /**
     * {@code "auto"}: {@link #select}; a family name: {@link #tune}.
     *
     * @throws IllegalArgumentException for an unknown name, or training data that cannot be split
     * @throws IllegalStateException    if every trial failed
     */
    public Selection run(String model, RatingMatrix train) {
        return "auto".equalsIgnoreCase(Objects.requireNonNull(model, "model").trim()) ? select(train) : tune(model, train);
    }

    /**
     * An algorithm that tunes while it fits: {@code fit(train)} runs {@link #run run(model, train)} and
     * returns the winner refitted on {@code train}. Evaluating it on a split therefore tunes on that
     * split's training part only, e.g. once per fold in {@link io.jrec.core.eval.Evaluator}.
     *
     * @param model a family name or {@code "auto"}
     * @throws IllegalArgumentException for an unknown family (checked here, not at fit time)
     */
    public Algorithm tuned(String model) {
        String name = "auto".equalsIgnoreCase(model.trim()) ? "auto" : ModelCatalog.get(model).name();
        return new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener listener) {
                return run(name, train).model();
            }

            @Override
            public String name() {
                return "Tuned " + name + " (" + objective.metric().name() + ", " + validation + ")";
            }
        };
    }

    /**
     * Tunes one family within the whole budget and refits its best settings on {@code train}.
     *
     * @throws IllegalArgumentException for an unknown family or training data that cannot be split
     * @throws IllegalStateException    if every trial failed
     */
    public Selection tune(String model, RatingMatrix train) {
        ModelCatalog.Entry entry = ModelCatalog.get(model);
        long start = System.nanoTime();
        TuningResult result = tuneFamily(entry, train, budget, Integer.MAX_VALUE);
        Candidate c = candidate(entry.name(), result);
        Algorithm algorithm = entry.create(result.bestSettings(), threads);
        long refit = System.nanoTime();
        Recommender model1 = algorithm.fit(train, progress);
        return new Selection(objective, validation.toString(), List.of(c), c, algorithm, model1,
                Map.of(entry.name(), result), (refit - start) / 1e9, (System.nanoTime() - refit) / 1e9,
                "the only family asked for");
    }

    /**
     * Tunes every family of {@link #families()}, then blends of the best two and three, and refits the
     * winner on {@code train}.
     *
     * @throws IllegalArgumentException if training data cannot be split
     * @throws IllegalStateException    if every family failed
     */
    public Selection select(RatingMatrix train) {
        long start = System.nanoTime();
        long familyNanos = maxBlend >= 2 ? budget.toNanos() / 4 * 3 : budget.toNanos();
        long familyDeadline = start + familyNanos;
        Map<String, TuningResult> tunings = new LinkedHashMap<>();
        List<Candidate> tried = new ArrayList<>();
        Map<String, Algorithm> tuned = new LinkedHashMap<>();
        Map<String, Settings> bestSettings = new LinkedHashMap<>();
        for (int f = 0; f < families.size(); f++) {
            ModelCatalog.Entry entry = ModelCatalog.get(families.get(f));
            long share = Math.max(1_000_000, (familyDeadline - System.nanoTime()) / (families.size() - f));
            try {
                TuningResult r = tuneFamily(entry, train, Duration.ofNanos(share), trialsPerFamily);
                tunings.put(entry.name(), r);
                Candidate c = candidate(entry.name(), r);
                tried.add(c);
                tuned.put(entry.name(), entry.create(r.bestSettings(), 1));
                bestSettings.put(entry.name(), r.bestSettings());
                log.info("{}: {} {} ({} trials)", entry.name(), objective.metric().name(), c.score(), c.trials());
            } catch (IllegalStateException e) {
                tried.add(new Candidate(entry.name(), "", Double.NaN, 0, 0, e.getMessage()));
                log.info("{}: every trial failed: {}", entry.name(), e.getMessage());
            }
        }
        List<Candidate> ranked = Selection.ranked(objective, tried);
        Map<String, Algorithm> blends = new LinkedHashMap<>();
        for (int size = 2; size <= Math.min(maxBlend, ranked.size()); size++) {
            long left = start + budget.toNanos() - System.nanoTime();
            long share = Math.max(1_000_000, left / (Math.min(maxBlend, ranked.size()) - size + 1));
            List<Algorithm> members = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int m = 0; m < size; m++) {
                names.add(ranked.get(m).name());
                members.add(tuned.get(ranked.get(m).name()));
            }
            String name = "blend " + String.join(" + ", names);
            try {
                TuningResult r = tuneBlend(members, train, Duration.ofNanos(share));
                tunings.put(name, r);
                Candidate c = candidate(name, r);
                tried.add(c);
                blends.put(name, Blends.blend(members, r.bestSettings()));
            } catch (IllegalStateException e) {
                tried.add(new Candidate(name, "", Double.NaN, 0, 0, e.getMessage()));
            }
        }
        Candidate winner = Selection.best(objective, tried, null);
        String why = Selection.why(objective, tried, winner);
        Algorithm algorithm = blends.containsKey(winner.name())
                ? Blends.blend(blendMembers(winner.name(), bestSettings), tunings.get(winner.name()).bestSettings())
                : ModelCatalog.get(winner.name()).create(tunings.get(winner.name()).bestSettings(), threads);
        long refit = System.nanoTime();
        Recommender model = algorithm.fit(train, progress);
        return new Selection(objective, validation.toString(), tried, winner, algorithm, model, tunings,
                (refit - start) / 1e9, (System.nanoTime() - refit) / 1e9, why);
    }

    /** The members of a blend named {@code "blend a + b"}, with their tuned settings and the selection's threads. */
    private List<Algorithm> blendMembers(String blendName, Map<String, Settings> bestSettings) {
        List<Algorithm> members = new ArrayList<>();
        for (String family : blendName.substring("blend ".length()).split(" \\+ ")) {
            members.add(ModelCatalog.get(family).create(bestSettings.get(family), threads));
        }
        return members;
    }

    private TuningResult tuneFamily(ModelCatalog.Entry entry, RatingMatrix train, Duration time, int maxTrials) {
        SearchSpace space = entry.space(goal);
        Settings defaults = entry.defaultsIn(space);
        boolean single = true;
        for (SearchSpace.Parameter p : space.parameters()) {
            single &= p.kind() == SearchSpace.Kind.CHOICE && p.choices().size() == 1;
        }
        int trials = single ? 1 : Math.min(maxTrials, trialsPerFamily);
        Tuner.Builder b = tuner(time).space(space).search(Search.random(seed)).maxTrials(trials).startWith(defaults);
        if (entry.epochSetting() != null) {
            b.earlyStopping(entry.epochSetting(), patience);
        }
        int modelThreads = threads > 1 ? 1 : 0;
        return b.build().tune(s -> entry.create(s, modelThreads), train);
    }

    private TuningResult tuneBlend(List<Algorithm> members, RatingMatrix train, Duration time) {
        List<Algorithm> once = Blends.fitOnce(members);
        return tuner(time).space(Blends.weightSpace(members.size())).search(Search.random(seed))
                .maxTrials(trialsPerFamily).startWith(Blends.equalWeights(members.size())).build()
                .tune(s -> Blends.blend(once, s), train);
    }

    private Tuner.Builder tuner(Duration time) {
        return Tuner.builder().objective(objective).validation(validation).timeBudget(time).threads(threads)
                .relevance(relevance).candidates(candidates).progress(progress).refit(false);
    }

    private static Candidate candidate(String name, TuningResult r) {
        return new Candidate(name, r.bestSettings().toString(), r.best().score(), r.trials().size(), r.searchSeconds(),
                r.failures() > 0 ? r.failures() + " trials failed" : "");
    }

    /**
     * One row of the selection table: a family or a blend, its best settings, its best validation score,
     * and what it cost.
     *
     * @param name     the family ({@code "ease"}) or blend ({@code "blend ease + userknn"})
     * @param settings its best settings ({@code "lambda=312.5"}, for a blend the weights)
     * @param score    the objective on validation data; NaN if every trial failed
     * @param trials   the number of trials
     * @param seconds  wall time of its search
     * @param note     failures, or empty
     */
    public record Candidate(String name, String settings, double score, int trials, double seconds, String note) {
    }

    /** Settings of a {@link ModelSelection}; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private Objective objective = Objective.parse("ndcg@10");
        private Validation validation = Validation.perUser(0.2, 42);
        private Duration budget = Duration.ofMinutes(5);
        private int threads = 1;
        private long seed = 42;
        private ProgressListener progress = ProgressListener.NONE;
        private Relevance relevance = Relevance.atLeast(4);
        private Candidates candidates = Candidates.allUnseen();
        private int patience = 3;
        private int trialsPerFamily = 20;
        private int maxBlend = 3;
        private List<String> families;

        private Builder() {
        }

        /** What to optimise; an error metric makes the goal rating prediction, a top-N metric top-N lists. */
        public Builder objective(Objective objective) {
            this.objective = Objects.requireNonNull(objective, "objective");
            return this;
        }

        /** How validation data is carved out of the training matrix. */
        public Builder validation(Validation validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /**
         * The wall time for the whole search, > 0 (default 5 minutes).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeBudget(Duration budget) {
            if (budget == null || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("timeBudget must be positive, got " + budget);
            }
            this.budget = budget;
            return this;
        }

        /**
         * Trials run at once, >= 1 (default 1); with more than one, every model fits on one thread.
         *
         * @throws IllegalArgumentException if {@code threads < 1}
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The seed of the random searches (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Receives the tuners' {@code "tune"} stages and the final refit's stages. */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Which validation entries are relevant for top-N objectives (default {@code atLeast(4)}). */
        public Builder relevance(Relevance relevance) {
            this.relevance = Objects.requireNonNull(relevance, "relevance");
            return this;
        }

        /** Which items are ranked for top-N objectives (default all unseen). */
        public Builder candidates(Candidates candidates) {
            this.candidates = Objects.requireNonNull(candidates, "candidates");
            return this;
        }

        /**
         * Epochs without a better validation objective before an iterative model stops, >= 1 (default 3).
         *
         * @throws IllegalArgumentException if {@code patience < 1}
         */
        public Builder patience(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be >= 1, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /**
         * The most trials per family and per blend, >= 1 (default 20).
         *
         * @throws IllegalArgumentException if {@code trials < 1}
         */
        public Builder trialsPerFamily(int trials) {
            if (trials < 1) {
                throw new IllegalArgumentException("trialsPerFamily must be >= 1, got " + trials);
            }
            this.trialsPerFamily = trials;
            return this;
        }

        /**
         * Blends of up to this many families, 1 (no blends), 2 or 3 (default 3).
         *
         * @throws IllegalArgumentException if not 1, 2 or 3
         */
        public Builder maxBlend(int families) {
            if (families < 1 || families > 3) {
                throw new IllegalArgumentException("maxBlend must be 1 (no blends), 2 or 3, got " + families);
            }
            this.maxBlend = families;
            return this;
        }

        /**
         * The families {@code auto} tries (default: those {@link ModelCatalog.Entry#triedByAuto} for the goal).
         *
         * @throws IllegalArgumentException for an unknown or repeated name, or none
         */
        public Builder families(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("families needs at least one name; known: "
                        + String.join(", ", ModelCatalog.names()));
            }
            List<String> list = new ArrayList<>();
            for (String n : names) {
                String name = ModelCatalog.get(n).name();
                if (list.contains(name)) {
                    throw new IllegalArgumentException("family '" + name + "' is listed twice");
                }
                list.add(name);
            }
            this.families = List.copyOf(list);
            return this;
        }

        /** The configured selection. */
        public ModelSelection build() {
            return new ModelSelection(this);
        }
    }
}
