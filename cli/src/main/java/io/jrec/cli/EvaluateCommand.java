package io.jrec.cli;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metric;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.io.ModelIO;
import io.jrec.models.select.Goal;
import io.jrec.models.select.ModelCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code jrec evaluate}: fits a catalogue model on the training file (or takes a saved one) and reports
 * RMSE/MAE (for rating-prediction models on rating data) and the top-N metrics at {@code --k} on the test
 * file, with the {@link io.jrec.core.eval.Evaluator}'s protocol notes.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model (fitted here with --model, or saved with --load) on a test file.",
        footer = {"", "With --load the saved model is evaluated as it is (not refitted); --train must be the data"
                + " it was fitted on (its items are excluded from each user's candidates).",
                "RMSE and MAE are reported for rating-prediction models (baseline, itemknn, userknn, mf, svdpp) on"
                        + " rating data.", "", "Example:",
                "  jrec evaluate --model ease --set lambda=300 --train u1.base --test u1.test --html report.html"})
final class EvaluateCommand implements Callable<Integer> {
    /** The saved model types whose {@code predict} is a rating (the others' is a ranking score). */
    private static final Set<String> RATING_MODELS = Set.of("BaselinePredictor", "ItemKnnRecommender",
            "UserKnnRecommender", "MatrixFactorizationRecommender");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", completionCandidates = ModelsCommand.Names.class,
            description = "fit this model on --train: ${COMPLETION-CANDIDATES}")
    private String model;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a model setting, repeatable (with --model)")
    private Map<String, String> settings;

    @Option(names = "--load", paramLabel = "MODEL.jrec", description = "evaluate this saved model instead")
    private Path load;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "training data")
    private Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "test data (same format)")
    private Path test;

    @Mixin
    private DataOptions data;

    @Option(names = "--relevant", paramLabel = "RATING",
            description = "test ratings at least this are relevant for top-N metrics (default 4; with --implicit"
                    + " every event)")
    private Double relevant;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10",
            description = "top-N cutoff (default ${DEFAULT-VALUE})")
    private int k;

    @Option(names = "--html", paramLabel = "REPORT.html", description = "also write the HTML report")
    private Path html;

    @Option(names = "--threads", paramLabel = "N", description = "evaluation threads (default: all processors)")
    private Integer threads;

    @Mixin
    private Common.QuietOption quiet;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if ((model == null) == (load == null)) {
            throw new CommandLine.ParameterException(cli, model == null
                    ? "Missing required option: --model=NAME or --load=MODEL.jrec"
                    : "--model and --load are mutually exclusive (fit a model here, or evaluate a saved one)");
        }
        if (load != null && settings != null) {
            throw new CommandLine.ParameterException(cli, "--set applies to --model, not to a saved model (--load)");
        }
        if (k < 1) {
            throw new CommandLine.ParameterException(cli, "--k must be >= 1, got " + k);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(cli, "--threads must be >= 1, got " + threads);
        }
        Algorithm algorithm;
        boolean predictsRatings;
        if (model != null) {
            algorithm = Common.algorithm(cli, model, settings);
            predictsRatings = ModelCatalog.get(model).suits(Goal.RATING);
        } else {
            Recommender saved = ModelIO.load(load);
            algorithm = new Saved(saved, load.getFileName() + " (" + saved.getClass().getSimpleName() + ")");
            predictsRatings = RATING_MODELS.contains(saved.getClass().getSimpleName());
        }
        RatingMatrix trainMatrix = data.load(cli, train);
        RatingMatrix testMatrix = data.load(cli, test);
        List<Metric> metrics = new ArrayList<>();
        if (predictsRatings && !data.implicit) {
            metrics.add(Metrics.rmse());
            metrics.add(Metrics.mae());
        }
        metrics.addAll(Metrics.ranking(k));
        Relevance relevance = relevant != null ? Relevance.atLeast(relevant)
                : data.implicit ? Relevance.anyEvent() : Relevance.atLeast(4);
        ProgressBar bar = quiet.bar(cli);
        Evaluator.Builder evaluator = Evaluator.builder().metrics(metrics).relevance(relevance)
                .progress(Common.listener(bar));
        if (threads != null) {
            evaluator.threads(threads);
        }
        EvaluationReport report;
        try {
            report = evaluator.build().evaluate(algorithm, List.of(new Split(test.getFileName().toString(),
                    trainMatrix, testMatrix)));
        } finally {
            Common.close(bar);
        }
        cli.getOut().printf("train %s: %s%n", train, Common.describe(trainMatrix, data.implicit));
        cli.getOut().printf("test  %s: %s%n%n", test, Common.describe(testMatrix, data.implicit));
        cli.getOut().print(report.toTable());
        if (html != null) {
            report.writeHtml(html);
            cli.getOut().printf("%nwrote %s%n", html);
        }
        return Jrec.OK;
    }

    /** A saved model as an algorithm whose fit returns it unchanged. */
    private record Saved(Recommender model, String name) implements Algorithm {
        @Override
        public Recommender fit(RatingMatrix train, ProgressListener progress) {
            return model;
        }
    }
}
