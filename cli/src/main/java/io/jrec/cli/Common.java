package io.jrec.cli;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.models.select.ModelCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Map;

/** Options and helpers the subcommands share. */
final class Common {
    private Common() {
    }

    /** {@code --quiet}: no progress bars. */
    static final class QuietOption {
        @Option(names = {"-q", "--quiet"}, description = "no progress bars on stderr")
        boolean quiet;

        /** A progress bar on the command's stderr, or nothing with {@code --quiet}. */
        ProgressBar bar(CommandLine cli) {
            return quiet ? null : new ProgressBar(cli.getErr());
        }
    }

    /** The bar as a listener ({@link ProgressListener#NONE} when null). */
    static ProgressListener listener(ProgressBar bar) {
        return bar == null ? ProgressListener.NONE : bar;
    }

    /** Ends an unfinished bar line, if any. */
    static void close(ProgressBar bar) {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * The catalogue's algorithm for {@code --model NAME --set key=value ...}.
     *
     * @throws CommandLine.ParameterException for an unknown model or setting, or a bad value (bad usage)
     */
    static Algorithm algorithm(CommandLine cli, String model, Map<String, String> settings) {
        try {
            return ModelCatalog.create(model, settings == null ? Map.of() : settings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage() + " (see `jrec models`)");
        }
    }

    /** {@code "943 users, 1,650 items, 80,000 ratings"}. */
    static String describe(RatingMatrix m, boolean implicit) {
        return String.format("%,d users, %,d items, %,d %s", m.userCount(), m.itemCount(), m.size(),
                implicit ? "events" : "ratings");
    }
}
