package io.jrec.cli;

import io.jrec.core.RatingMatrix;
import io.jrec.core.eval.Relevance;
import io.jrec.core.io.ModelIO;
import io.jrec.core.tune.Objective;
import io.jrec.core.tune.Validation;
import io.jrec.models.select.ModelCatalog;
import io.jrec.models.select.ModelSelection;
import io.jrec.models.select.Selection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jrec tune}: {@link ModelSelection} from the command line. Tunes one catalogue family, or
 * ({@code auto}) every family suited to the metric plus blends of the best, on validation data carved
 * out of the training file only; prints the trial table and saves the winner, refitted on the whole
 * training file, with {@link ModelIO}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tune a model's settings (or pick the model family: auto) on validation data carved out of"
                + " the training file, and save the winner refitted on all of it.",
        footer = {"", "The test set never reaches the tuner: evaluate the saved model afterwards with"
                + " `jrec evaluate --load`.", "", "Example:",
                "  jrec tune --train u1.base --model auto --metric ndcg@10 --budget 5m --out best.jrec"})
final class TuneCommand implements Callable<Integer> {
    private static final Pattern BUDGET = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "training data")
    private Path train;

    @Mixin
    private DataOptions data;

    @Option(names = "--model", required = true, paramLabel = "NAME|auto", completionCandidates = TuneNames.class,
            description = "a model name, or auto to pick the family: ${COMPLETION-CANDIDATES}")
    private String model;

    @Option(names = "--metric", required = true, paramLabel = "METRIC",
            description = "what to optimise: rmse or mae (rating prediction), ndcg@10, precision@10, recall@10,"
                    + " map@10, ... (top-N)")
    private String metric;

    @Option(names = "--budget", paramLabel = "TIME", defaultValue = "5m",
            description = "time budget, e.g. 90s, 10m, 1h (default ${DEFAULT-VALUE}); the final refit comes on top")
    private String budget;

    @Option(names = "--validation", paramLabel = "SPLIT", defaultValue = "user:0.2",
            description = "user:F (random fraction per user), temporal:F (latest fraction per user), cut:F"
                    + " (global time cut) or kfold:K (default ${DEFAULT-VALUE})")
    private String validation;

    @Option(names = "--relevant", paramLabel = "RATING",
            description = "validation ratings at least this are relevant for top-N metrics (default 4; with"
                    + " --implicit every event)")
    private Double relevant;

    @Option(names = "--threads", paramLabel = "N", description = "trials run in parallel (default: all processors)")
    private Integer threads;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "seed of the validation split and the random search (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--csv", paramLabel = "TRIALS.csv", description = "also write the table as CSV")
    private Path csv;

    @Option(names = "--out", required = true, paramLabel = "MODEL.jrec", description = "where to save the tuned model")
    private Path out;

    @Mixin
    private Common.QuietOption quiet;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (!model.trim().equalsIgnoreCase("auto")) {
            try {
                ModelCatalog.get(model);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, e.getMessage() + ", or auto");
            }
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(cli, "--threads must be >= 1, got " + threads);
        }
        ModelSelection.Builder selection = ModelSelection.builder();
        try {
            selection.objective(Objective.parse(metric)).validation(Validation.parse(validation, seed))
                    .timeBudget(duration(budget)).seed(seed);
            if (threads != null) {
                selection.threads(threads);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        selection.relevance(relevant != null ? Relevance.atLeast(relevant)
                : data.implicit ? Relevance.anyEvent() : Relevance.atLeast(4));
        RatingMatrix matrix = data.load(cli, train);
        ProgressBar bar = quiet.bar(cli);
        selection.progress(Common.listener(bar));
        Selection result;
        try {
            result = selection.build().run(model, matrix);
        } finally {
            Common.close(bar);
        }
        ModelIO.save(result.model(), out);
        cli.getOut().printf("train %s: %s%n%n", train, Common.describe(matrix, data.implicit));
        cli.getOut().print(result.toTable());
        if (csv != null) {
            result.writeCsv(csv);
        }
        cli.getOut().printf("%nsaved %s (%,d bytes): %s %s%n", out, Files.size(out), result.winner().name(),
                result.winner().settings());
        return Jrec.OK;
    }

    /**
     * {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, a bare number of seconds, or ISO-8601
     * ({@code PT10M}).
     *
     * @throws IllegalArgumentException for anything else or a zero budget
     */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = BUDGET.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double seconds = switch (unit) {
                case "ms" -> v / 1000;
                case "m", "min" -> v * 60;
                case "h" -> v * 3600;
                default -> v;
            };
            d = Duration.ofNanos(Math.round(seconds * 1e9));
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--budget '" + text + "' is not a duration; e.g. 90s, 10m, 1h");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("--budget must be positive, got '" + text + "'");
        }
        return d;
    }

    /** {@code auto} and the model names, for shell completion. */
    static final class TuneNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            java.util.List<String> names = new java.util.ArrayList<>();
            names.add("auto");
            names.addAll(ModelCatalog.names());
            return names.iterator();
        }
    }
}
