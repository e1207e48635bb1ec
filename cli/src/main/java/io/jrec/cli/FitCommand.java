package io.jrec.cli;

import io.jrec.core.Algorithm;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.io.ModelIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jrec fit}: fits one catalogue model on a file and saves it with {@link ModelIO}. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a model on a ratings or events file and save it.",
        footer = {"", "Example:", "  jrec fit --train u1.base --model itemknn --set k=40 --set shrinkage=100"
                + " --out itemknn.jrec"})
final class FitCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "training data")
    private Path train;

    @Mixin
    private DataOptions data;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            completionCandidates = ModelsCommand.Names.class,
            description = "model name: ${COMPLETION-CANDIDATES} (settings: `jrec models`)")
    private String model;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a model setting, repeatable (e.g. --set k=40)")
    private Map<String, String> settings;

    @Option(names = "--out", required = true, paramLabel = "MODEL.jrec", description = "where to save the model")
    private Path out;

    @Mixin
    private Common.QuietOption quiet;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        Algorithm algorithm = Common.algorithm(cli, model, settings);
        RatingMatrix matrix = data.load(cli, train);
        ProgressBar bar = quiet.bar(cli);
        long start = System.nanoTime();
        Recommender fitted;
        try {
            fitted = algorithm.fit(matrix, Common.listener(bar));
        } finally {
            Common.close(bar);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelIO.save(fitted, out);
        cli.getOut().printf("fitted %s on %s (%s) in %.1f s%n", algorithm.name(), train,
                Common.describe(matrix, data.implicit), seconds);
        cli.getOut().printf("saved %s (%,d bytes)%n", out, Files.size(out));
        return Jrec.OK;
    }
}
