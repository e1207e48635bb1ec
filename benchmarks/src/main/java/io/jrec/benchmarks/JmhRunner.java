package io.jrec.benchmarks;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.util.List;

/**
 * Runs the JMH benchmarks, with the quick or default run length unless the caller's options say
 * otherwise, writing JMH's CSV to {@code results/jmh.csv} ({@code jmh-quick.csv}) for the whole suite
 * and to the untracked {@code results/jmh-subset.csv} for a regex, so that a partial run never replaces
 * the recorded full one; {@code -rf} or {@code -rff} override both.
 */
final class JmhRunner {
    private JmhRunner() {
    }

    /** Runs the benchmarks matching {@code args[0]} (all when empty), further args being JMH options. */
    static void run(boolean quick, List<String> args) throws RunnerException, IOException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH options " + args + ": " + e.getMessage(), e);
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include("io\\.jrec\\.benchmarks\\..*");
        }
        // Defaults only where the command line and the annotations leave a choice.
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (quick) {
            if (!cli.getWarmupIterations().hasValue()) {
                options.warmupIterations(1);
            }
            if (!cli.getWarmupTime().hasValue()) {
                options.warmupTime(TimeValue.seconds(1));
            }
            if (!cli.getMeasurementIterations().hasValue()) {
                options.measurementIterations(3);
            }
            if (!cli.getMeasurementTime().hasValue()) {
                options.measurementTime(TimeValue.seconds(1));
            }
            options.jvmArgsAppend("-Djrec.quick=true");
        }
        if (!cli.getResult().hasValue() && !cli.getResultFormat().hasValue()) {
            String file = !cli.getIncludes().isEmpty() ? "jmh-subset.csv" : quick ? "jmh-quick.csv" : "jmh.csv";
            options.resultFormat(ResultFormatType.CSV).result(Results.dir().resolve(file).toString());
        }
        String data = System.getProperty("jrec.data");
        if (data != null) {
            options.jvmArgsAppend("-Djrec.data=" + data);  // forks do not inherit system properties
        }
        new Runner(options.build()).run();
    }

    /** JMH's own command line, unchanged. */
    static void runRaw(List<String> args) throws RunnerException {
        try {
            org.openjdk.jmh.Main.main(args.toArray(new String[0]));
        } catch (java.io.IOException e) {
            throw new RunnerException(e);
        }
    }
}
