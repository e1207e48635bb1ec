package io.jrec.cli;

import io.jrec.core.io.DataFormatException;
import io.jrec.core.io.ModelFormatException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code jrec} command: fit, evaluate, tune and query recommendation models from data files.
 *
 * <pre>
 * jrec fit --train u1.base --model itemknn --set k=40 --out itemknn.jrec
 * jrec evaluate --load itemknn.jrec --train u1.base --test u1.test
 * jrec recommend --load itemknn.jrec --user 196 --n 5 --explain
 * </pre>
 *
 * <p>Results go to standard output, progress bars and messages to standard error. Exit codes:
 * {@value #OK} on success, {@value #BAD_USAGE} on bad usage (an unknown option, model or setting, a
 * missing argument; picocli's message and the usage), {@value #BAD_DATA} when the data cannot be used (a
 * malformed file, with the loader's file-and-line message; a missing file; data a model cannot fit).
 */
@Command(name = "jrec", mixinStandardHelpOptions = true, versionProvider = Jrec.Version.class,
        description = "Fit, evaluate, tune and query jrec recommendation models from data files.",
        subcommands = {FitCommand.class, EvaluateCommand.class, RecommendCommand.class, TuneCommand.class,
                ModelsCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 success, 1 bad data (file and line in the message), 2 bad usage.",
                "Results go to stdout; progress and messages to stderr."})
public final class Jrec implements Runnable {
    /** Exit code on success. */
    public static final int OK = 0;
    /** Exit code when the data (a file, a model file) cannot be used. */
    public static final int BAD_DATA = 1;
    /** Exit code on bad usage: picocli's message and the command's usage on stderr. */
    public static final int BAD_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the tool with its output on {@code out} and {@code err}, and returns its exit code
     * ({@link #OK}, {@link #BAD_DATA} or {@link #BAD_USAGE}); never calls {@code System.exit}.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command line (case-insensitive enum values, the error handler). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Jrec());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("jrec " + commandLine.getCommandName() + ": " + message(e));
            commandLine.getErr().flush();
            return BAD_DATA;
        });
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return cli;
    }

    /** The user-facing text of a failure: the loader's own message where there is one. */
    static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "no such file: " + t.getMessage();
        }
        if (t instanceof AccessDeniedException) {
            return "cannot read " + t.getMessage() + ": access denied";
        }
        if (t instanceof DataFormatException || t instanceof ModelFormatException
                || t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            return t.getMessage();
        }
        if (t instanceof IOException) {
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return t.toString();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: fit, evaluate, recommend, tune,"
                + " models or generate-completion");
    }

    /** The version line of {@code jrec --version}: the jar's implementation version when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Jrec.class.getPackage().getImplementationVersion();
            return new String[] {"jrec " + (v == null ? "(development build)" : v)};
        }
    }
}
