package io.jrec.benchmarks;

import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code benchmarks.jar}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [-quick]                 default set: compare, memory, then all JMH benchmarks
 * java -jar benchmarks/target/benchmarks.jar [-quick] compare         jrec vs Mahout: RMSE, P@10, NDCG@10, latency
 * java -jar benchmarks/target/benchmarks.jar memory                  retained heap per rating / neighbour entry
 * java -jar benchmarks/target/benchmarks.jar [-quick] scaling [max]   synthetic 1e5..max events, CSV + SVG
 * java -Xmx20g -jar benchmarks/target/benchmarks.jar scale [events...] the whole path at 1e7 and 1e8 events
 * java -jar benchmarks/target/benchmarks.jar [-quick] REGEX [jmh options...]   the JMH benchmarks matching REGEX
 * java -jar benchmarks/target/benchmarks.jar jmh -h                    JMH's own options
 * java -Xmx16g -jar benchmarks/target/benchmarks.jar ab A.jar B.jar MODEL.jrec [passes]  two builds, 1 JVM
 * </pre>
 *
 * {@code -quick} shortens every run (fewer JMH iterations, one fork, fewer Mahout users sampled).
 * {@code -Djrec.data=DIR} points at MovieLens 100K.
 */
public final class Main {
    private Main() {
    }

    /** Runs the command in {@code args}; see the class comment. */
    public static void main(String[] args) throws IOException, RunnerException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("-quick");
        String command = rest.isEmpty() ? "all" : rest.get(0);
        switch (command) {
            case "all" -> {
                Comparison.run(quick);
                Footprint.run();
                JmhRunner.run(quick, List.of());
            }
            case "compare" -> Comparison.run(quick);
            case "memory" -> Footprint.run();
            case "scaling" -> Scaling.run(quick, rest.size() > 1 ? Long.parseLong(rest.get(1)) : 0);
            case "scale" -> {
                java.util.List<Long> sizes = new java.util.ArrayList<>();
                boolean holdOut = false;
                boolean pathOnly = false;
                for (String arg : rest.subList(1, rest.size())) {
                    if (arg.equals("holdout")) {
                        holdOut = true;
                    } else if (arg.equals("path")) {
                        pathOnly = true;
                    } else {
                        sizes.add(Long.parseLong(arg));
                    }
                }
                ScaleRun.run(sizes, holdOut, pathOnly);
            }
            case "jmh" -> JmhRunner.runRaw(rest.subList(1, rest.size()));
            case "ab" -> {
                if (rest.size() < 4 || rest.size() > 5) {
                    usage();
                    System.exit(2);
                }
                URL[] a = {Path.of(rest.get(1)).toUri().toURL()};
                URL[] b = {Path.of(rest.get(2)).toUri().toURL()};
                AlternatingBuilds.run(a, b, rest.get(3), rest.size() == 5 ? Integer.parseInt(rest.get(4)) : 10,
                        System.out);
            }
            case "-h", "--help", "help" -> usage();
            default -> JmhRunner.run(quick, rest);
        }
    }

    private static void usage() {
        System.out.println("""
                usage: java -jar benchmarks.jar [-quick] [compare | memory | scaling [maxEvents] | scale [events...]
                                                | REGEX [jmh options] | jmh ARGS | ab A.jar B.jar MODEL.jrec [passes]]
                  (no command)  the default set: compare, memory, then every JMH benchmark (results/jmh.csv)
                  compare       jrec vs Apache Mahout Taste 0.13 on MovieLens 100K u1..u5:
                                RMSE, Precision@10, NDCG@10 (jrec's evaluator) and top-10 latency
                  memory        retained heap of RatingMatrix, NeighborTable and Mahout's equivalents
                  scaling       synthetic shop at 1e5, 1e6 (and 1e7 unless -quick) events: fit time, peak heap,
                                topN latency; writes benchmarks/results/scaling.csv and scaling.svg
                  scale         the whole path at 1e7 and 1e8 events (or the sizes given): shop, item-KNN and ALS
                                fits, save/load, top-10 latency, wall time and peak heap; up to 1e7 also sparse
                                EASE, RP3beta and NDCG@10 on a temporal hold-out (needs -Xmx20g for 1e8);
                                "scale holdout 10000000" runs only the shop and the temporal hold-out,
                                "scale path 10000000" only the whole path (no timestamps, no hold-out);
                                writes benchmarks/results/scale-EVENTS.md
                  REGEX         JMH benchmarks whose name matches, with any further JMH options
                                (CSV to results/jmh-subset.csv, untracked)
                  jmh ARGS      JMH's own command line, unchanged (jmh -h for its help, jmh -l to list)
                  ab            two builds (their benchmarks.jar) in one JVM, each loading MODEL.jrec with its own
                                code: top-10 latency over the same 2,000 users, passes alternating (default 10),
                                and whether their lists agree; give the heap room for two models
                  -quick        shorter runs (1 fork, fewer iterations, fewer Mahout users)
                  -Djrec.data=DIR   MovieLens 100K directory (default ../shared/data/ml-100k)""");
    }
}
