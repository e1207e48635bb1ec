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

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@link ModelCatalog}'s families: each family's settings with their defaults, its factory from
 * parsed settings to a configured builder, and its default search spaces; plus the parsing of the values
 * settings share (similarity, centring, model size, layer widths). Stateless.
 */
final class Families {
    private static final String PROCESSORS = Integer.toString(Runtime.getRuntime().availableProcessors());

    private Families() {
    }

    /** Every family, in {@link ModelCatalog}'s order. */
    static List<ModelCatalog.Entry> all() {
        return List.of(popularity(), baseline(), knn(true), knn(false), mf(false), mf(true), als(), ease(),
                sparseEase(), rp3beta(), neumf());
    }

    private static ModelCatalog.Setting s(String name, String defaultValue, String description) {
        return new ModelCatalog.Setting(name, defaultValue, description);
    }

    private static ModelCatalog.Entry popularity() {
        return new ModelCatalog.Entry("popularity", "PopularityRecommender: most interacted items (cold start, baseline)", false, true,
                List.of(s("weighted", "false", "sum the stored values instead of counting interactions"),
                        s("halfLife", "inf", "exponential time decay in timestamp units (inf: none; needs timestamps)")),
                v -> PopularityRecommender.builder().weighted(v.getBoolean("weighted"))
                        .halfLife(positiveOrInfinite(v, "halfLife")).build(),
                goal -> SearchSpace.builder().build(), null);
    }

    private static ModelCatalog.Entry baseline() {
        return new ModelCatalog.Entry("baseline", "BaselinePredictor: mu + b_u + b_i (rating prediction baseline)", true, false,
                List.of(s("lambdaItem", "5", "regularisation of the item biases, >= 0"),
                        s("lambdaUser", "5", "regularisation of the user biases, >= 0"),
                        s("iterations", "1000", "most alternating rounds (stops at convergence)")),
                v -> BaselinePredictor.builder().lambdaItem(v.getDouble("lambdaItem"))
                        .lambdaUser(v.getDouble("lambdaUser")).iterations(v.getInt("iterations")).build(),
                goal -> SearchSpace.builder().logRange("lambdaItem", 0.5, 50).logRange("lambdaUser", 0.5, 50).build(),
                null);
    }

    private static ModelCatalog.Entry knn(boolean items) {
        String name = items ? "itemknn" : "userknn";
        String description = items
                ? "ItemKnnRecommender: item neighbours (also-bought, explanations, sessions)"
                : "UserKnnRecommender: user neighbours";
        List<ModelCatalog.Setting> settings = List.of(
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
        Function<Settings, Algorithm> factory = items ? Families::itemKnn : Families::userKnn;
        Function<Goal, SearchSpace> spaces = goal -> goal == Goal.RATING
                ? SearchSpace.builder().choice("similarity", "cosine", "pearson").logIntRange("k", 10, 200)
                        .choice("shrinkage", 0, 10, 30, 100, 300).choice("centering", "mean", "baseline").build()
                : SearchSpace.builder().choice("similarity", "cosine", "jaccard").logIntRange("k", 10, 400)
                        .choice("implicit", "false", "true").choice("shrinkage", 0, 10, 100).build();
        return new ModelCatalog.Entry(name, description, true, true, settings, factory, spaces, null);
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

    private static ModelCatalog.Entry mf(boolean svdpp) {
        String factors = "100";
        String epochs = svdpp ? "80" : "40";
        String lr = svdpp ? "0.007" : "0.01";
        String decay = svdpp ? "0.97" : "1";
        String regF = svdpp ? "0.12" : "0.1";
        List<ModelCatalog.Setting> settings = List.of(
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
        return new ModelCatalog.Entry(svdpp ? "svdpp" : "mf", svdpp
                ? "MatrixFactorizationRecommender, SVD++: biased MF with implicit feedback (rating prediction)"
                : "MatrixFactorizationRecommender: biased MF by SGD (rating prediction)",
                true, false, settings, factory, spaces, "epochs");
    }

    private static ModelCatalog.Entry als() {
        return new ModelCatalog.Entry("als", "ImplicitAlsRecommender: implicit-feedback ALS (top-N, large catalogues)", false, true,
                List.of(s("factors", "32", "latent factors, >= 1"),
                        s("alpha", "2", "confidence slope in c = 1 + alpha r, >= 0"),
                        s("regularization", "30", "L2 regularisation, > 0"),
                        s("iterations", "10", "ALS iterations, >= 1 (with early stopping: the most)"),
                        s("binary", "false", "count every stored entry as r = 1"),
                        s("initStd", "0.01", "standard deviation of the initial factors, > 0"),
                        s("seed", "42", "seed of the initial factors"),
                        s("cgSteps", "0", "conjugate-gradient steps per row solve, >= 0 (0: exact Cholesky; 3 is"
                                + " several times faster on large data)"),
                        s("threads", PROCESSORS, "threads for the solves (same result for any value)")),
                v -> ImplicitAlsRecommender.builder().factors(v.getInt("factors")).alpha(v.getDouble("alpha"))
                        .regularization(v.getDouble("regularization")).iterations(v.getInt("iterations"))
                        .binary(v.getBoolean("binary")).initStd(v.getDouble("initStd")).seed(v.getLong("seed"))
                        .conjugateGradient(v.getInt("cgSteps")).threads(v.getInt("threads")).build(),
                goal -> SearchSpace.builder().logIntRange("factors", 8, 128).logRange("alpha", 0.1, 50)
                        .logRange("regularization", 0.1, 300).choice("binary", "true", "false")
                        .choice("iterations", 20).build(),
                "iterations");
    }

    private static ModelCatalog.Entry ease() {
        return new ModelCatalog.Entry("ease", "EaseRecommender: closed-form item-item linear model (top-N, up to ~10k items)",
                false, true,
                List.of(s("lambda", "500", "L2 regularisation added to the diagonal of X'X, > 0"),
                        s("binary", "true", "X counts every stored entry as 1 (false: the stored values)"),
                        s("threads", PROCESSORS, "threads for the inverse (same result for any value)")),
                v -> EaseRecommender.builder().lambda(v.getDouble("lambda")).binary(v.getBoolean("binary"))
                        .threads(v.getInt("threads")).build(),
                goal -> SearchSpace.builder().logRange("lambda", 1, 20_000).build(), null);
    }

    private static ModelCatalog.Entry sparseEase() {
        return new ModelCatalog.Entry("sparseease", "SparseEaseRecommender: EASE solved per item on a sparse support (top-N, "
                + "catalogues beyond ~10k items)", false, true,
                List.of(s("lambda", "300", "L2 regularisation added to the diagonal of X'X, > 0"),
                        s("k", "100", "weights kept per item, >= 1"),
                        s("support", "auto", "candidate items of each item's regression, >= k (auto: 2 k)"),
                        s("hubs", String.valueOf(SparseEaseRecommender.DEFAULT_HUBS), "most popular items whose Gram "
                                + "entries come from one table of 8 hubs^2 bytes, 0 to " + SparseEaseRecommender.MAX_HUBS
                                + " (same model for any value)"),
                        s("binary", "true", "X counts every stored entry as 1 (false: the stored values)"),
                        s("threads", PROCESSORS, "threads for the fit (same result for any value)")),
                v -> {
                    SparseEaseRecommender.Builder b = SparseEaseRecommender.builder().lambda(v.getDouble("lambda"))
                            .neighbors(v.getInt("k")).hubs(v.getInt("hubs")).binary(v.getBoolean("binary"))
                            .threads(v.getInt("threads"));
                    if (!"auto".equals(v.get("support"))) {
                        b.support(v.getInt("support"));
                    }
                    return b.build();
                },
                goal -> SearchSpace.builder().logRange("lambda", 1, 20_000).choice("k", 50, 100, 200).build(), null);
    }

    private static ModelCatalog.Entry rp3beta() {
        return new ModelCatalog.Entry("rp3beta", "Rp3betaRecommender: item-item random walk with a popularity penalty (top-N)",
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

    private static ModelCatalog.Entry neumf() {
        return new ModelCatalog.Entry("neumf", "NeuralCollaborativeFiltering: NeuMF, GMF + MLP towers (top-N; slow to fit)",
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
