package io.jrec.models.select;

import io.jrec.core.Algorithm;
import io.jrec.core.tune.SearchSpace;
import io.jrec.core.tune.Settings;
import io.jrec.models.baseline.BaselinePredictor;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.knn.Centering;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.models.graph.Rp3betaRecommender;
import io.jrec.models.linear.EaseRecommender;
import io.jrec.models.linear.SparseEaseRecommender;
import io.jrec.models.neural.NeuralCollaborativeFiltering;
import io.jrec.similarity.Similarity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The model families by their command-line names, each with its settings (name, default, meaning), a
 * factory from {@code key=value} settings to a configured {@link Algorithm}, and the default search
 * space {@link ModelSelection} tunes.
 *
 * <pre>{@code
 * Algorithm knn = ModelCatalog.create("itemknn", Map.of("k", "40", "similarity", "pearson"));
 * for (ModelCatalog.Entry e : ModelCatalog.entries()) {          // what `jrec models` lists
 *     System.out.println(e.name() + ": " + e.description());
 *     for (ModelCatalog.Setting s : e.settings()) {
 *         System.out.println("  " + s.name() + " = " + s.defaultValue() + "  " + s.description());
 *     }
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Families</caption>
 *   <tr><th>name</th><th>model</th><th>goals</th></tr>
 *   <tr><td>popularity</td><td>{@link PopularityRecommender}</td><td>top-N</td></tr>
 *   <tr><td>baseline</td><td>{@link BaselinePredictor}</td><td>rating</td></tr>
 *   <tr><td>itemknn</td><td>{@link ItemKnnRecommender}</td><td>rating, top-N</td></tr>
 *   <tr><td>userknn</td><td>{@link UserKnnRecommender}</td><td>rating, top-N</td></tr>
 *   <tr><td>mf</td><td>{@link MatrixFactorizationRecommender#builder()}</td><td>rating</td></tr>
 *   <tr><td>svdpp</td><td>{@link MatrixFactorizationRecommender#svdPlusPlusBuilder()}</td><td>rating</td></tr>
 *   <tr><td>als</td><td>{@link ImplicitAlsRecommender}</td><td>top-N</td></tr>
 *   <tr><td>ease</td><td>{@link EaseRecommender}</td><td>top-N</td></tr>
 *   <tr><td>sparseease</td><td>{@link SparseEaseRecommender}</td><td>top-N, large catalogues (not tried by {@code auto} unless asked)</td></tr>
 *   <tr><td>rp3beta</td><td>{@link Rp3betaRecommender}</td><td>top-N (not tried by {@code auto} unless asked)</td></tr>
 *   <tr><td>neumf</td><td>{@link NeuralCollaborativeFiltering}</td><td>top-N (not tried by {@code auto} unless asked)</td></tr>
 * </table>
 *
 * <p>Contract: names and setting names are lower-case/camel-case exactly as listed by {@link Entry#settings()}
 * and never change meaning; a setting left out takes its listed default (the model builder's default);
 * an unknown model or setting name, or a value that does not parse, raises an
 * {@link IllegalArgumentException} that names it and lists what is accepted, and a value the model
 * rejects raises the builder's own message. Booleans are {@code true/false}; {@code halfLife} and
 * {@code modelSize} also accept {@code inf} / {@code all}; the neighbour models' {@code shrinkage} accepts
 * {@code auto}, the builder's support-aware default (100 for Pearson and adjusted cosine, else 0). The default search spaces use generic ranges
 * (orders of magnitude), not values picked on any one data set.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelCatalog {
    private static final String PROCESSORS = Integer.toString(Runtime.getRuntime().availableProcessors());
    private static final List<Entry> ENTRIES = List.of(popularity(), baseline(), knn(true), knn(false), mf(false),
            mf(true), als(), ease(), sparseEase(), rp3beta(), neumf());

    private ModelCatalog() {
    }

    /** Every family, in the order of the table above. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The family names: popularity, baseline, itemknn, userknn, mf, svdpp, als, ease, neumf. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Entry e : ENTRIES) {
            names.add(e.name());
        }
        return List.copyOf(names);
    }

    /**
     * The family called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException if there is none, listing the names
     */
    public static Entry get(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.name().equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", names()));
    }

    /**
     * {@code get(name).create(settings)}: the configured algorithm.
     *
     * @throws IllegalArgumentException for an unknown model or setting, or a bad value
     */
    public static Algorithm create(String name, Map<String, String> settings) {
        return get(name).create(settings);
    }

    /**
     * One setting of a family.
     *
     * @param name         the key of {@code key=value}
     * @param defaultValue the value used when the key is not given
     * @param description  what it does and what it accepts
     */
    public record Setting(String name, String defaultValue, String description) {
    }

    /** One family: its settings, factory and default search space. Immutable. */
    public static final class Entry {
        private final String name;
        private final String description;
        private final boolean rating;
        private final boolean topN;
        private final List<Setting> settings;
        private final Function<Settings, Algorithm> factory;
        private final Function<Goal, SearchSpace> spaces;
        private final String epochSetting;

        private Entry(String name, String description, boolean rating, boolean topN, List<Setting> settings,
                      Function<Settings, Algorithm> factory, Function<Goal, SearchSpace> spaces, String epochSetting) {
            this.name = name;
            this.description = description;
            this.rating = rating;
            this.topN = topN;
            this.settings = List.copyOf(settings);
            this.factory = factory;
            this.spaces = spaces;
            this.epochSetting = epochSetting;
        }

        /** The command-line name, e.g. {@code "itemknn"}. */
        public String name() {
            return name;
        }

        /** One line: the model and what it is for. */
        public String description() {
            return description;
        }

        /** Whether the family serves this goal. */
        public boolean suits(Goal goal) {
            return goal == Goal.RATING ? rating : topN;
        }

        /**
         * Whether {@code auto} selection tries the family for this goal by default: the families the
         * README's "Which algorithm when" recommends, i.e. every suitable family except NeuMF, which fits
         * about a hundred times more slowly and has not beaten EASE or ALS on the data measured, and
         * RP3beta and sparse EASE, which are tuned by name (sparse EASE where EASE refuses a catalogue);
         * ask for them by name, or with {@link ModelSelection.Builder#families}.
         */
        public boolean triedByAuto(Goal goal) {
            // NeuMF fits ~100x more slowly; rp3beta and sparseease joined after auto's figures were measured
            // and are tuned by name (sparseease is the model to name when EASE refuses a large catalogue)
            return suits(goal) && !name.equals("neumf") && !name.equals("rp3beta") && !name.equals("sparseease");
        }

        /** The settings with their defaults, in a stable order. */
        public List<Setting> settings() {
            return settings;
        }

        /**
         * The setting that counts epochs or iterations (the one early stopping tunes), or null for
         * families that are not iterative.
         */
        public String epochSetting() {
            return epochSetting;
        }

        /**
         * The configured algorithm: the defaults overridden by {@code values}.
         *
         * @throws IllegalArgumentException for an unknown setting (listing the known ones) or a bad value
         */
        public Algorithm create(Map<String, String> values) {
            return create(Settings.of(values));
        }

        /** As {@link #create(Map)}. */
        public Algorithm create(Settings values) {
            LinkedHashMap<String, String> all = new LinkedHashMap<>();
            for (Setting s : settings) {
                all.put(s.name(), s.defaultValue());
            }
            for (Map.Entry<String, String> e : values.asMap().entrySet()) {
                if (!all.containsKey(e.getKey())) {
                    List<String> known = new ArrayList<>(all.keySet());
                    throw new IllegalArgumentException("unknown setting '" + e.getKey() + "' for " + name + "; known: "
                            + String.join(", ", known));
                }
                all.put(e.getKey(), e.getValue());
            }
            return factory.apply(Settings.of(all));
        }

        /**
         * The default search space for a goal: the settings worth tuning, over generic ranges. For
         * iterative families the epoch setting is a single value, the most epochs a trial may train;
         * with early stopping the tuner picks the best epoch below it.
         */
        public SearchSpace space(Goal goal) {
            return spaces.apply(goal);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    // ---- the families ----

    private static Setting s(String name, String defaultValue, String description) {
        return new Setting(name, defaultValue, description);
    }

    private static Entry popularity() {
        return new Entry("popularity", "PopularityRecommender: most interacted items (cold start, baseline)", false, true,
                List.of(s("weighted", "false", "sum the stored values instead of counting interactions"),
                        s("halfLife", "inf", "exponential time decay in timestamp units (inf: none; needs timestamps)")),
                v -> PopularityRecommender.builder().weighted(v.getBoolean("weighted"))
                        .halfLife(positiveOrInfinite(v, "halfLife")).build(),
                goal -> SearchSpace.builder().build(), null);
    }

    private static Entry baseline() {
        return new Entry("baseline", "BaselinePredictor: mu + b_u + b_i (rating prediction baseline)", true, false,
                List.of(s("lambdaItem", "5", "regularisation of the item biases, >= 0"),
                        s("lambdaUser", "5", "regularisation of the user biases, >= 0"),
                        s("iterations", "1000", "most alternating rounds (stops at convergence)")),
                v -> BaselinePredictor.builder().lambdaItem(v.getDouble("lambdaItem"))
                        .lambdaUser(v.getDouble("lambdaUser")).iterations(v.getInt("iterations")).build(),
                goal -> SearchSpace.builder().logRange("lambdaItem", 0.5, 50).logRange("lambdaUser", 0.5, 50).build(),
                null);
    }

    private static Entry knn(boolean items) {
        String name = items ? "itemknn" : "userknn";
        String description = items
                ? "ItemKnnRecommender: item neighbours (also-bought, explanations, sessions)"
                : "UserKnnRecommender: user neighbours";
        List<Setting> settings = List.of(
                s("similarity", "cosine", "cosine, pearson, jaccard or weightedjaccard"),
                s("k", "50", "neighbours per " + (items ? "item" : "user") + " for top-N and per prediction, >= 1"),
                s("shrinkage", "auto", "shrink similarities by n / (n + shrinkage), n co-rated count, >= 0"
                        + " (auto: 100 for pearson, else 0)"),
                s("minSimilarity", "0", "ignore neighbours less similar than this, >= 0"),
                s("centering", items ? "baseline" : "mean", "rating prediction centring: none, mean or baseline"),
                s("implicit", "false", "top-N sums similarities only, ignoring rating values"),
                s("modelSize", "all", "neighbours kept per " + (items ? "item" : "user") + " (>= k, or all)"),
                s("lambdaItem", "5", "item-bias regularisation of the baseline centring"),
                s("lambdaUser", "5", "user-bias regularisation of the baseline centring"),
                s("threads", "1", "threads for the neighbour computation (same result for any value)"));
        Function<Settings, Algorithm> factory = items ? ModelCatalog::itemKnn : ModelCatalog::userKnn;
        Function<Goal, SearchSpace> spaces = goal -> goal == Goal.RATING
                ? SearchSpace.builder().choice("similarity", "cosine", "pearson").logIntRange("k", 10, 200)
                        .choice("shrinkage", 0, 10, 30, 100, 300).choice("centering", "mean", "baseline").build()
                : SearchSpace.builder().choice("similarity", "cosine", "jaccard").logIntRange("k", 10, 400)
                        .choice("implicit", "false", "true").choice("shrinkage", 0, 10, 100).build();
        return new Entry(name, description, true, true, settings, factory, spaces, null);
    }

    private static Algorithm itemKnn(Settings v) {
        ItemKnnRecommender.Builder b = ItemKnnRecommender.builder();
        if (!"auto".equals(v.get("shrinkage"))) {
            b.shrinkage(v.getDouble("shrinkage"));
        }
        return b.similarity(similarity(v.get("similarity"))).neighbors(v.getInt("k"))
                .minSimilarity(v.getDouble("minSimilarity"))
                .centering(centering(v.get("centering"))).implicit(v.getBoolean("implicit")).modelSize(modelSize(v))
                .baselineRegularization(v.getDouble("lambdaItem"), v.getDouble("lambdaUser"))
                .threads(v.getInt("threads")).build();
    }

    private static Algorithm userKnn(Settings v) {
        UserKnnRecommender.Builder b = UserKnnRecommender.builder();
        if (!"auto".equals(v.get("shrinkage"))) {
            b.shrinkage(v.getDouble("shrinkage"));
        }
        return b.similarity(similarity(v.get("similarity"))).neighbors(v.getInt("k"))
                .minSimilarity(v.getDouble("minSimilarity"))
                .centering(centering(v.get("centering"))).implicit(v.getBoolean("implicit")).modelSize(modelSize(v))
                .baselineRegularization(v.getDouble("lambdaItem"), v.getDouble("lambdaUser"))
                .threads(v.getInt("threads")).build();
    }

    private static Entry mf(boolean svdpp) {
        String factors = "100";
        String epochs = svdpp ? "80" : "40";
        String lr = svdpp ? "0.007" : "0.01";
        String decay = svdpp ? "0.97" : "1";
        String regF = svdpp ? "0.12" : "0.1";
        List<Setting> settings = List.of(
                s("factors", factors, "latent factors, >= 1"),
                s("epochs", epochs, "passes over the ratings, >= 1 (with early stopping: the most)"),
                s("learningRate", lr, "SGD step size, > 0"),
                s("learningRateDecay", decay, "step size factor per epoch, in (0, 1]"),
                s("biasRegularization", "0.02", "L2 regularisation of the biases, >= 0"),
                s("factorRegularization", regF, "L2 regularisation of the factors, >= 0"),
                s("initStd", "0.1", "standard deviation of the initial factors, >= 0"),
                s("seed", "42", "seed of the initial factors and the visiting order"));
        Function<Settings, Algorithm> factory = v -> MatrixFactorizationRecommender.builder().implicitFeedback(svdpp)
                .factors(v.getInt("factors")).epochs(v.getInt("epochs")).learningRate(v.getDouble("learningRate"))
                .learningRateDecay(v.getDouble("learningRateDecay"))
                .biasRegularization(v.getDouble("biasRegularization"))
                .factorRegularization(v.getDouble("factorRegularization")).initStd(v.getDouble("initStd"))
                .seed(v.getLong("seed")).build();
        Function<Goal, SearchSpace> spaces = goal -> {
            SearchSpace.Builder b = SearchSpace.builder().logIntRange("factors", 8, svdpp ? 128 : 256)
                    .logRange("learningRate", 0.002, 0.03).logRange("factorRegularization", 0.005, 0.5)
                    .logRange("biasRegularization", 0.005, 0.5);
            if (svdpp) {
                b.range("learningRateDecay", 0.9, 1.0);
            }
            return b.choice("epochs", 100).build();
        };
        return new Entry(svdpp ? "svdpp" : "mf", svdpp
                ? "MatrixFactorizationRecommender, SVD++: biased MF with implicit feedback (rating prediction)"
                : "MatrixFactorizationRecommender: biased MF by SGD (rating prediction)",
                true, false, settings, factory, spaces, "epochs");
    }

    private static Entry als() {
        return new Entry("als", "ImplicitAlsRecommender: implicit-feedback ALS (top-N, large catalogues)", false, true,
                List.of(s("factors", "32", "latent factors, >= 1"),
                        s("alpha", "2", "confidence slope in c = 1 + alpha r, >= 0"),
                        s("regularization", "30", "L2 regularisation, > 0"),
                        s("iterations", "10", "ALS iterations, >= 1 (with early stopping: the most)"),
                        s("binary", "false", "count every stored entry as r = 1"),
                        s("initStd", "0.01", "standard deviation of the initial factors, > 0"),
                        s("seed", "42", "seed of the initial factors"),
                        s("threads", PROCESSORS, "threads for the solves (same result for any value)")),
                v -> ImplicitAlsRecommender.builder().factors(v.getInt("factors")).alpha(v.getDouble("alpha"))
                        .regularization(v.getDouble("regularization")).iterations(v.getInt("iterations"))
                        .binary(v.getBoolean("binary")).initStd(v.getDouble("initStd")).seed(v.getLong("seed"))
                        .threads(v.getInt("threads")).build(),
                goal -> SearchSpace.builder().logIntRange("factors", 8, 128).logRange("alpha", 0.1, 50)
                        .logRange("regularization", 0.1, 300).choice("binary", "true", "false")
                        .choice("iterations", 20).build(),
                "iterations");
    }

    private static Entry ease() {
        return new Entry("ease", "EaseRecommender: closed-form item-item linear model (top-N, up to ~10k items)",
                false, true,
                List.of(s("lambda", "500", "L2 regularisation added to the diagonal of X'X, > 0"),
                        s("binary", "true", "X counts every stored entry as 1 (false: the stored values)"),
                        s("threads", PROCESSORS, "threads for the inverse (same result for any value)")),
                v -> EaseRecommender.builder().lambda(v.getDouble("lambda")).binary(v.getBoolean("binary"))
                        .threads(v.getInt("threads")).build(),
                goal -> SearchSpace.builder().logRange("lambda", 1, 20_000).build(), null);
    }

    private static Entry sparseEase() {
        return new Entry("sparseease", "SparseEaseRecommender: EASE solved per item on a sparse support (top-N, "
                + "catalogues beyond ~10k items)", false, true,
                List.of(s("lambda", "300", "L2 regularisation added to the diagonal of X'X, > 0"),
                        s("k", "100", "weights kept per item, >= 1"),
                        s("support", "auto", "candidate items of each item's regression, >= k (auto: 2 k)"),
                        s("binary", "true", "X counts every stored entry as 1 (false: the stored values)"),
                        s("threads", PROCESSORS, "threads for the fit (same result for any value)")),
                v -> {
                    SparseEaseRecommender.Builder b = SparseEaseRecommender.builder().lambda(v.getDouble("lambda"))
                            .neighbors(v.getInt("k")).binary(v.getBoolean("binary")).threads(v.getInt("threads"));
                    if (!"auto".equals(v.get("support"))) {
                        b.support(v.getInt("support"));
                    }
                    return b.build();
                },
                goal -> SearchSpace.builder().logRange("lambda", 1, 20_000).choice("k", 50, 100, 200).build(), null);
    }

    private static Entry rp3beta() {
        return new Entry("rp3beta", "Rp3betaRecommender: item-item random walk with a popularity penalty (top-N)",
                false, true,
                List.of(s("alpha", "1", "exponent on the transition probabilities, > 0"),
                        s("beta", "0.5", "popularity penalty deg(j)^beta, >= 0"),
                        s("k", "100", "weights kept per item, >= 1"),
                        s("binary", "true", "count every stored entry as 1 (false: the stored values)"),
                        s("threads", PROCESSORS, "threads for the fit (same result for any value)")),
                v -> Rp3betaRecommender.builder().alpha(v.getDouble("alpha")).beta(v.getDouble("beta"))
                        .neighbors(v.getInt("k")).binary(v.getBoolean("binary")).threads(v.getInt("threads"))
                        .build(),
                goal -> SearchSpace.builder().range("alpha", 0.3, 1.5).range("beta", 0, 1)
                        .logIntRange("k", 20, 400).build(), null);
    }

    private static Entry neumf() {
        return new Entry("neumf", "NeuralCollaborativeFiltering: NeuMF, GMF + MLP towers (top-N; slow to fit)",
                false, true,
                List.of(s("gmfFactors", "8", "width of the GMF embeddings, >= 1"),
                        s("mlpLayers", "64-32-16-8", "MLP widths, input first (even), separated by '-'"),
                        s("negatives", "4", "sampled negatives per positive and epoch, >= 1"),
                        s("learningRate", "0.001", "Adam learning rate, > 0"),
                        s("batchSize", "256", "examples per mini-batch, >= 1"),
                        s("epochs", "20", "epochs, >= 1 (with early stopping: the most)"),
                        s("l2", "0", "L2 coefficient, >= 0"),
                        s("seed", "42", "seed of initialisation, sampling and shuffling"),
                        s("threads", Integer.toString(Math.min(4, Runtime.getRuntime().availableProcessors())),
                                "training threads (same result for any value)")),
                v -> NeuralCollaborativeFiltering.builder().gmfFactors(v.getInt("gmfFactors"))
                        .mlpLayers(layers(v.get("mlpLayers"))).negatives(v.getInt("negatives"))
                        .learningRate(v.getDouble("learningRate")).batchSize(v.getInt("batchSize"))
                        .epochs(v.getInt("epochs")).l2(v.getDouble("l2")).seed(v.getLong("seed"))
                        .threads(v.getInt("threads")).build(),
                goal -> SearchSpace.builder().logRange("learningRate", 0.0003, 0.003).choice("gmfFactors", 8, 16, 32)
                        .choice("negatives", 2, 4, 8).choice("epochs", 20).build(),
                "epochs");
    }

    // ---- value parsing ----

    static Similarity similarity(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "cosine" -> Similarity.cosine();
            case "pearson" -> Similarity.pearson();
            case "jaccard" -> Similarity.jaccard();
            case "weightedjaccard" -> Similarity.weightedJaccard();
            default -> throw new IllegalArgumentException("setting 'similarity' must be cosine, pearson, jaccard or"
                    + " weightedjaccard, got '" + name + "'");
        };
    }

    static Centering centering(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Centering.NONE;
            case "mean" -> Centering.MEAN;
            case "baseline" -> Centering.BASELINE;
            default -> throw new IllegalArgumentException("setting 'centering' must be none, mean or baseline, got '"
                    + name + "'");
        };
    }

    private static int modelSize(Settings v) {
        String text = v.get("modelSize").trim();
        return text.equalsIgnoreCase("all") ? Integer.MAX_VALUE : v.getInt("modelSize");
    }

    private static double positiveOrInfinite(Settings v, String name) {
        String text = v.get(name).trim().toLowerCase(Locale.ROOT);
        return text.equals("inf") || text.equals("infinity") ? Double.POSITIVE_INFINITY : v.getDouble(name);
    }

    static int[] layers(String text) {
        String[] parts = text.trim().split("-");
        int[] widths = new int[parts.length];
        for (int l = 0; l < parts.length; l++) {
            try {
                widths[l] = Integer.parseInt(parts[l].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting 'mlpLayers' must be widths separated by '-', e.g."
                        + " 64-32-16-8, got '" + text + "'");
            }
        }
        return widths;
    }
}
