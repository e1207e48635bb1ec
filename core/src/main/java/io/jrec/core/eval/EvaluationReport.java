package io.jrec.core.eval;

import org.apache.commons.math3.stat.inference.TTest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one evaluation: every metric for every (algorithm, split), fit times and top-N
 * latencies, and the protocol they were measured under. Summaries are the mean and the sample
 * standard deviation over splits ({@code NaN} std for a single split).
 *
 * <p>Output: {@link #toTable()} / {@link #print} (aligned console table), {@link #writeCsv} (one row
 * per algorithm, split and figure), {@link #writeHtml} (self-contained page with inline SVG bar charts:
 * bar = mean, whisker = ± std, dots = the individual splits). Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EvaluationReport {
    private final String protocol;
    private final List<String> algorithms;
    private final List<String> splits;
    private final List<String> metrics;
    private final double[][][] values;     // [algorithm][metric][split]
    private final RunStats[][] stats;      // [algorithm][split]
    private final int threads;

    /**
     * What was measured for one algorithm on one split besides the metrics. Times are wall-clock
     * inside the evaluation (other threads busy, JIT warm-up on the first split): good for spotting a
     * slow model, not a benchmark; the {@code benchmarks} module measures speed with JMH.
     *
     * @param fitMillis            wall time of {@code fit}
     * @param latencyMedianMicros  median wall time of one {@code topN} call over the evaluated users
     *                             ({@code NaN} without top-N metrics)
     * @param latencyP99Micros     99th percentile (nearest rank) of the same
     * @param usersEvaluated       test users with at least one relevant test item (top-N metrics average
     *                             over them)
     * @param usersWithoutRelevant test users excluded because none of their test items is relevant
     * @param pairsPredicted       test pairs the model could predict (0 without error metrics)
     * @param pairsUnpredictable   test pairs it could not ({@code predict} gave NaN)
     */
    public record RunStats(double fitMillis, double latencyMedianMicros, double latencyP99Micros,
                           int usersEvaluated, int usersWithoutRelevant, int pairsPredicted,
                           int pairsUnpredictable) {
    }

    EvaluationReport(String protocol, List<String> algorithms, List<String> splits, List<String> metrics,
                     double[][][] values, RunStats[][] stats, int threads) {
        this.protocol = protocol;
        this.algorithms = List.copyOf(algorithms);
        this.splits = List.copyOf(splits);
        this.metrics = List.copyOf(metrics);
        this.values = values;
        this.stats = stats;
        this.threads = threads;
    }

    /** The protocol description (candidates, relevance, averaging, unpredictable pairs). */
    public String protocol() {
        return protocol;
    }

    /** The algorithm names, in evaluation order. */
    public List<String> algorithms() {
        return algorithms;
    }

    /** The split names, in order. */
    public List<String> splits() {
        return splits;
    }

    /** The metric names, in report order. */
    public List<String> metrics() {
        return metrics;
    }

    /**
     * The metric's value on each split, in split order (a copy).
     *
     * @throws IllegalArgumentException if the algorithm or metric is unknown
     */
    public double[] values(String algorithm, String metric) {
        return values[indexOf(algorithms, algorithm, "algorithm")][indexOf(metrics, metric, "metric")].clone();
    }

    /**
     * The metric's value on one split.
     *
     * @throws IllegalArgumentException if the algorithm, metric or split is unknown
     */
    public double value(String algorithm, String metric, String split) {
        return values(algorithm, metric)[indexOf(splits, split, "split")];
    }

    /** The mean over splits ({@code NaN} if any split's value is NaN). */
    public double mean(String algorithm, String metric) {
        return mean(values(algorithm, metric));
    }

    /** The sample standard deviation over splits; {@code NaN} for a single split. */
    public double std(String algorithm, String metric) {
        return std(values(algorithm, metric));
    }

    /**
     * Fit time, latency and user/pair counts of one algorithm on one split.
     *
     * @throws IllegalArgumentException if the algorithm or split is unknown
     */
    public RunStats stats(String algorithm, String split) {
        return stats[indexOf(algorithms, algorithm, "algorithm")][indexOf(splits, split, "split")];
    }

    /**
     * A two-sided paired t-test (commons-math3 {@code TTest.pairedTTest}) of A against B on one metric,
     * pairing the values of the same split.
     *
     * @throws IllegalArgumentException if a name is unknown, there are fewer than two splits, or a value
     *                                  is NaN
     */
    public PairedTest pairedTTest(String algorithmA, String algorithmB, String metric) {
        double[] a = values(algorithmA, metric);
        double[] b = values(algorithmB, metric);
        if (a.length < 2) {
            throw new IllegalArgumentException("a paired t-test needs at least 2 splits, this report has " + a.length);
        }
        double diff = 0;
        for (int s = 0; s < a.length; s++) {
            if (Double.isNaN(a[s]) || Double.isNaN(b[s])) {
                throw new IllegalArgumentException(metric + " is NaN on split " + splits.get(s)
                        + " for " + (Double.isNaN(a[s]) ? algorithmA : algorithmB) + "; cannot test");
            }
            diff += a[s] - b[s];
        }
        double p = new TTest().pairedTTest(a, b);
        return new PairedTest(metric, algorithmA, algorithmB, diff / a.length, p, a.length);
    }

    /**
     * The aligned console table (mean ± std over splits; with error metrics, a last column of the test pairs
     * each model could not predict, summed over splits) followed by the protocol notes.
     */
    public String toTable() {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[metrics.size() + 4];
        header[0] = "algorithm";
        for (int m = 0; m < metrics.size(); m++) {
            header[m + 1] = metrics.get(m);
        }
        header[metrics.size() + 1] = "fit ms";
        header[metrics.size() + 2] = "topN p50 µs";
        header[metrics.size() + 3] = "topN p99 µs";
        boolean pairs = hasPairs();
        if (pairs) {
            header = java.util.Arrays.copyOf(header, header.length + 1);
            header[header.length - 1] = UNPREDICTABLE;
        }
        rows.add(header);
        for (int a = 0; a < algorithms.size(); a++) {
            String[] row = new String[header.length];
            row[0] = algorithms.get(a);
            for (int m = 0; m < metrics.size(); m++) {
                row[m + 1] = meanStd(values[a][m], "%.4f");
            }
            row[metrics.size() + 1] = meanStd(statColumn(a, 0), "%.1f");
            row[metrics.size() + 2] = meanStd(statColumn(a, 1), "%.1f");
            row[metrics.size() + 3] = meanStd(statColumn(a, 2), "%.1f");
            if (pairs) {
                row[header.length - 1] = unpredictable(a);
            }
            rows.add(row);
        }
        int[] width = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                s.append(c == 0 ? "" : " | ");
                String pad = " ".repeat(width[c] - row[c].length());
                s.append(c == 0 ? row[c] + pad : pad + row[c]);
            }
            s.append('\n');
            if (r == 0) {
                for (int c = 0; c < row.length; c++) {
                    s.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
                }
                s.append('\n');
            }
        }
        for (String note : notes()) {
            s.append(note).append('\n');
        }
        return s.toString();
    }

    /** Prints {@link #toTable()}. */
    public void print(PrintStream out) {
        out.print(toTable());
        out.flush();
    }

    /**
     * Writes one CSV row per (algorithm, split, figure): header {@code algorithm,split,metric,value};
     * besides the metrics the figures are {@code fit_ms}, {@code topn_median_us}, {@code topn_p99_us},
     * {@code users_evaluated}, {@code users_without_relevant}, {@code pairs_predicted} and
     * {@code pairs_unpredictable}. NaN is written as {@code NaN}; fields are quoted when needed.
     */
    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("algorithm,split,metric,value\n");
            for (int a = 0; a < algorithms.size(); a++) {
                for (int s = 0; s < splits.size(); s++) {
                    String prefix = csv(algorithms.get(a)) + "," + csv(splits.get(s)) + ",";
                    for (int m = 0; m < metrics.size(); m++) {
                        w.write(prefix + csv(metrics.get(m)) + "," + values[a][m][s] + "\n");
                    }
                    RunStats st = stats[a][s];
                    w.write(prefix + "fit_ms," + st.fitMillis() + "\n");
                    w.write(prefix + "topn_median_us," + st.latencyMedianMicros() + "\n");
                    w.write(prefix + "topn_p99_us," + st.latencyP99Micros() + "\n");
                    w.write(prefix + "users_evaluated," + st.usersEvaluated() + "\n");
                    w.write(prefix + "users_without_relevant," + st.usersWithoutRelevant() + "\n");
                    w.write(prefix + "pairs_predicted," + st.pairsPredicted() + "\n");
                    w.write(prefix + "pairs_unpredictable," + st.pairsUnpredictable() + "\n");
                }
            }
        }
    }

    /**
     * Writes a self-contained HTML page (no scripts, fonts or other external resources): the protocol,
     * the summary table, per-split values, and one inline SVG bar chart per metric.
     */
    public void writeHtml(Path file) throws IOException {
        Files.writeString(file, HtmlReport.render(this), StandardCharsets.UTF_8);
    }

    List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("Splits (" + splits.size() + "): " + String.join(", ", splits));
        notes.add("Protocol: " + protocol);
        RunStats[] first = stats[0];   // user counts depend on the test data only, not the algorithm
        StringBuilder users = new StringBuilder();
        StringBuilder excluded = new StringBuilder();
        long judged = 0;
        for (int s = 0; s < splits.size(); s++) {
            users.append(s == 0 ? "" : ", ").append(first[s].usersEvaluated());
            excluded.append(s == 0 ? "" : ", ").append(first[s].usersWithoutRelevant());
            judged += first[s].usersEvaluated() + first[s].usersWithoutRelevant();
        }
        if (judged > 0) {
            notes.add("Users evaluated per split: " + users + "; excluded (no relevant test item): " + excluded);
        }
        if (hasPairs()) {
            notes.add("Unpredictable: test pairs for which predict gave NaN, of all test pairs, summed over splits"
                    + " (how RMSE/MAE treat them: see the protocol).");
        }
        notes.add("Times: fit = wall time of fit; topN p50/p99 = wall time of one topN call per evaluated user"
                + " (median, 99th percentile), " + threads + " evaluation thread" + (threads == 1 ? "" : "s") + ".");
        return notes;
    }

    /** The summary table's column of unpredictable pairs (shown when error metrics were evaluated). */
    static final String UNPREDICTABLE = "unpredictable";

    /** Whether any run judged test pairs with {@code predict}, i.e. an error metric was evaluated. */
    boolean hasPairs() {
        for (RunStats[] row : stats) {
            for (RunStats st : row) {
                if (st.pairsPredicted() + (long) st.pairsUnpredictable() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The unpredictable pairs of one algorithm summed over splits, e.g. {@code "15 of 315 (4.8%)"};
     * {@code "n/a"} if it judged no pairs.
     */
    String unpredictable(int algorithm) {
        long bad = 0;
        long all = 0;
        for (RunStats st : stats[algorithm]) {
            bad += st.pairsUnpredictable();
            all += st.pairsUnpredictable() + (long) st.pairsPredicted();
        }
        return all == 0 ? "n/a" : bad + " of " + all + String.format(Locale.ROOT, " (%.1f%%)", 100.0 * bad / all);
    }

    double[][][] rawValues() {
        return values;
    }

    double[] statColumn(int algorithm, int which) {
        double[] column = new double[splits.size()];
        for (int s = 0; s < column.length; s++) {
            RunStats st = stats[algorithm][s];
            column[s] = which == 0 ? st.fitMillis() : which == 1 ? st.latencyMedianMicros() : st.latencyP99Micros();
        }
        return column;
    }

    static String meanStd(double[] v, String format) {
        double mean = mean(v);
        if (Double.isNaN(mean)) {
            return "n/a";
        }
        double std = std(v);
        String m = String.format(Locale.ROOT, format, mean);
        return Double.isNaN(std) ? m : m + " ± " + String.format(Locale.ROOT, format, std);
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static int indexOf(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "'; known: " + names);
        }
        return i;
    }

    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return "EvaluationReport[" + algorithms + " x " + splits.size() + " splits x " + metrics + "]";
    }
}
