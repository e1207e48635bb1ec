package io.jrec.examples;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metric;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.core.io.MovieLens;
import io.jrec.core.tune.Objective;
import io.jrec.core.tune.Search;
import io.jrec.core.tune.SearchSpace;
import io.jrec.core.tune.Tuner;
import io.jrec.core.tune.Validation;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.hybrid.HybridRecommender;
import io.jrec.models.knn.Centering;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.models.linear.EaseRecommender;
import io.jrec.models.neural.NeuralCollaborativeFiltering;
import io.jrec.models.select.ModelSelection;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every jrec algorithm on MovieLens 100K's five given folds (u1..u5), with a console progress bar,
 * the aligned result table and an HTML report with charts.
 *
 * <pre>
 *   EvaluateMovieLens [-quick] [-only Label,Label,...] [ml-100k folder] [report.html]
 * </pre>
 * Defaults: {@code ../shared/data/ml-100k} and {@code target/jrec-report.html}; {@code -quick} uses u1
 * only; {@code -only} keeps the named rows (e.g. {@code -only ItemKNN,EASE}). Run from the project root:
 * <pre>
 *   mvn -B -ntp -q install -DskipTests
 *   mvn -B -ntp -q -pl examples exec:java -Dexec.mainClass=io.jrec.examples.EvaluateMovieLens -Dexec.args="-quick"
 * </pre>
 * Exit code 2 (with a message saying where to get the data) if the folder or a fold file is missing.
 *
 * <p>Rating predictors (baseline, KNN, MF, SVD++) get RMSE/MAE; ranking-only models (popularity,
 * content, hybrid, implicit ALS, EASE, NeuMF) score items on other scales, so their {@code predict} is
 * left out of the error metrics (see {@link Entry}). The settings are chosen so that all five folds
 * take a few minutes on two cores; NeuMF trains 5 epochs instead of the paper's 20 for that reason.
 *
 * <p>Two rows are tuned on each fold's training part instead of using settings once picked while looking
 * at the test folds: {@code Baseline} (its regularisation, by {@link ModelSelection#tuned}) and
 * {@code ItemKNN-P} (k and shrinkage of the Pearson, baseline-centred item-KNN, by a {@link Tuner}); both
 * minimise RMSE on a per-user 20% validation hold-out of the fold's {@code .base} data, with a trial limit
 * so that the figures do not depend on the machine's speed.
 */
public final class EvaluateMovieLens {
    static final Path DEFAULT_DATA = Path.of("../shared/data/ml-100k");
    static final Path DEFAULT_REPORT = Path.of("target/jrec-report.html");
    static final int THREADS = 2;
    static final String USAGE = "usage: EvaluateMovieLens [-quick] [-only Label,Label,...] [ml-100k folder] [report.html]";

    private EvaluateMovieLens() {
    }

    public static void main(String[] args) throws IOException {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the evaluation and returns the process exit code: 0 on success, 1 on bad arguments, 2 if the
     * data is missing. Output goes to {@code out}, the progress bar and errors to {@code err}.
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        boolean quick = false;
        List<String> only = null;
        List<String> paths = new ArrayList<>();
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (arg.equals("-quick")) {
                quick = true;
            } else if (arg.equals("-only") && a + 1 < args.length) {
                only = List.of(args[++a].split(","));
            } else if (arg.startsWith("-")) {
                err.println("unknown option " + arg + "\n" + USAGE);
                return 1;
            } else {
                paths.add(arg);
            }
        }
        if (paths.size() > 2) {
            err.println("too many arguments\n" + USAGE);
            return 1;
        }
        Path dir = paths.isEmpty() ? DEFAULT_DATA : Path.of(paths.get(0));
        Path report = paths.size() < 2 ? DEFAULT_REPORT : Path.of(paths.get(1));
        String missing = missingFile(dir);
        if (missing != null) {
            err.println("MovieLens 100K not found: " + missing + " is missing.\n"
                    + "Download https://files.grouplens.org/datasets/movielens/ml-100k.zip, unzip it and pass the"
                    + " folder:\n  " + USAGE.substring("usage: ".length()));
            return 2;
        }

        long start = System.nanoTime();
        List<Split> splits = Splits.movieLensFolds(dir);
        if (quick) {
            splits = splits.subList(0, 1);
        }
        ItemFeatures genres = MovieLens.genres(dir.resolve("u.item"));
        List<Entry> algorithms = algorithms(genres);
        if (only != null) {
            List<Entry> chosen = new ArrayList<>();
            for (String label : only) {
                Entry match = null;
                for (Entry e : algorithms) {
                    match = e.label().equals(label) ? e : match;
                }
                if (match == null) {
                    err.println("unknown algorithm " + label + " in -only; choose from " + labels(algorithms));
                    return 1;
                }
                chosen.add(match);
            }
            algorithms = chosen;
        }
        out.printf(Locale.ROOT, "MovieLens 100K from %s: %s, %d algorithms, %d evaluation threads%n",
                dir, quick ? "fold u1 only (-quick)" : "folds u1..u5", algorithms.size(), THREADS);
        out.println("Settings:");
        for (Entry e : algorithms) {
            out.printf(Locale.ROOT, "  %-10s %s%s%n", e.label(), e.inner().name(),
                    e.ratings() ? "" : "  [ranking only]");
        }
        out.println();

        Evaluator evaluator = Evaluator.builder()
                .metrics(metrics())
                .threads(THREADS)
                .progress(new ConsoleProgressBar(err))
                .build();
        EvaluationReport result = evaluator.evaluate(algorithms, splits);
        err.println();
        result.print(out);
        out.println("Ranking-only models (scores are not ratings) have no RMSE/MAE: their pairs count as"
                + " unpredictable above.");

        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        result.writeHtml(report);
        out.printf(Locale.ROOT, "%nHTML report with charts: %s%nTotal time %.1f s%n", report.toAbsolutePath(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static List<String> labels(List<Entry> entries) {
        List<String> labels = new ArrayList<>();
        for (Entry e : entries) {
            labels.add(e.label());
        }
        return labels;
    }

    /** RMSE, MAE and the top-10 metrics of the table. */
    static List<Metric> metrics() {
        return List.of(Metrics.rmse(), Metrics.mae(), Metrics.precision(10), Metrics.recall(10), Metrics.ndcg(10),
                Metrics.map(10), Metrics.hitRate(10), Metrics.coverage(10), Metrics.novelty(10));
    }

    /** Every algorithm with the settings of the published table (see the class comment). */
    static List<Entry> algorithms(ItemFeatures genres) {
        ContentBasedRecommender.Config content = ContentBasedRecommender.builder().features(genres).build();
        PopularityRecommender.Config popularity = PopularityRecommender.builder().build();
        ItemKnnRecommender.Config itemCosine = ItemKnnRecommender.builder()
                .similarity(Similarity.cosine()).neighbors(50).build();
        return List.of(
                Entry.ranking("Popularity", popularity),
                Entry.ratings("Baseline", ModelSelection.builder().objective(Objective.parse("rmse"))
                        .validation(Validation.perUser(0.2, 42)).trialsPerFamily(20).timeBudget(Duration.ofHours(1))
                        .build().tuned("baseline")),
                Entry.ratings("ItemKNN", itemCosine),
                Entry.ratings("ItemKNN-P", tunedPearsonItemKnn()),
                Entry.ratings("UserKNN", UserKnnRecommender.builder().similarity(Similarity.pearson())
                        .shrinkage(0).neighbors(50).centering(Centering.MEAN).build()),   // as Surprise's centred k-NN
                Entry.ranking("Content", content),
                Entry.ranking("Hybrid", HybridRecommender.builder()
                        .add(itemCosine, 0.8).add(content, 0.2)
                        .switching(5, content, popularity)
                        .build()),
                Entry.ratings("MF", MatrixFactorizationRecommender.builder().build()),
                Entry.ratings("SVD++", MatrixFactorizationRecommender.svdPlusPlusBuilder().build()),
                Entry.ranking("ALS", ImplicitAlsRecommender.builder().threads(1).build()),
                Entry.ranking("EASE", EaseRecommender.builder().lambda(500).build()),
                Entry.ranking("NeuMF", NeuralCollaborativeFiltering.builder().epochs(5).seed(42).threads(1).build()));
    }

    /**
     * Pearson item-KNN, baseline-centred, with k and shrinkage tuned for RMSE on a validation hold-out of
     * whatever training data it is fitted on (so under the evaluator: of each fold's training part), by a
     * 12-trial seeded random search; the refit uses the best pair.
     */
    static Algorithm tunedPearsonItemKnn() {
        Tuner tuner = Tuner.builder()
                .space(SearchSpace.builder().logIntRange("k", 10, 200).choice("shrinkage", 0, 10, 25, 50, 100, 200)
                        .build())
                .objective(Objective.parse("rmse"))
                .validation(Validation.perUser(0.2, 42))
                .search(Search.random(42)).maxTrials(12)
                .build();
        return new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener progress) {
                return tuner.tune(s -> ItemKnnRecommender.builder().similarity(Similarity.pearson())
                        .neighbors(s.getInt("k")).shrinkage(s.getDouble("shrinkage"))
                        .centering(Centering.BASELINE).build(), train).model();
            }

            @Override
            public String name() {
                return "ItemKNN(pearson, baseline-centred, k and shrinkage tuned for RMSE on validation user:0.2)";
            }
        };
    }

    /** The first of u.item and the ten fold files that is missing, or null if all are there. */
    static String missingFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return dir.toAbsolutePath().normalize().toString();
        }
        List<String> names = new ArrayList<>(List.of("u.item"));
        for (int f = 1; f <= 5; f++) {
            names.add("u" + f + ".base");
            names.add("u" + f + ".test");
        }
        for (String name : names) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name).toAbsolutePath().normalize().toString();
            }
        }
        return null;
    }
}
