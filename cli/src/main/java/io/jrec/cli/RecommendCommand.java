package io.jrec.cli;

import io.jrec.core.Explainable;
import io.jrec.core.Explanation;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.io.DataFormatException;
import io.jrec.core.io.ModelIO;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code jrec recommend}: the top-N lists of a saved model for one user or a file of users, as text, CSV
 * or JSON; with {@code --explain} each item's strongest reasons ("because you liked X").
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Recommend items with a saved model, for one user or a file of users.",
        footer = {"", "Items the user already has are excluded; an unknown user gets the model's fallback (the"
                + " source says which).", "--users FILE: one user id per line (first field; blank lines and"
                + " lines starting with # are skipped).", "", "Example:",
                "  jrec recommend --load itemknn.jrec --user 196 --n 5 --explain"})
final class RecommendCommand implements Callable<Integer> {
    /** Reasons shown per item with {@code --explain}. */
    private static final int REASONS = 3;

    /** Output formats (lower-case: picocli shows these names in its messages). */
    enum OutputFormat {
        text, csv, json
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "MODEL.jrec", description = "the saved model")
    private Path load;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Who who;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10",
            description = "items per user (default ${DEFAULT-VALUE})")
    private int n;

    @Option(names = "--explain", description = "show each item's strongest reasons (item-KNN, EASE, content models)")
    private boolean explain;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    private OutputFormat format;

    /** {@code --user ID} or {@code --users FILE}. */
    static final class Who {
        @Option(names = "--user", paramLabel = "ID", required = true, description = "one user id")
        Long user;

        @Option(names = "--users", paramLabel = "FILE", required = true, description = "a file of user ids")
        Path users;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (n < 0) {
            throw new CommandLine.ParameterException(cli, "--n must be >= 0, got " + n);
        }
        long[] users = who.user != null ? new long[] {who.user} : readUsers(who.users);
        Recommender model = ModelIO.load(load);
        if (explain && !(model instanceof Explainable)) {
            throw new CommandLine.ParameterException(cli, "--explain: " + model.getClass().getSimpleName()
                    + " cannot explain its scores (item-KNN and EASE models can)");
        }
        PrintWriter out = cli.getOut();
        if (format == OutputFormat.csv) {
            out.println(explain ? "user,rank,item,score,because" : "user,rank,item,score");
        } else if (format == OutputFormat.json) {
            out.print('[');
        }
        for (int u = 0; u < users.length; u++) {
            long user = users[u];
            Recommendations list = model.topN(user, n);
            switch (format) {
                case text -> text(out, model, user, list);
                case csv -> csv(out, model, user, list);
                case json -> json(out, model, user, list, u == 0);
                default -> throw new AssertionError(format);
            }
        }
        if (format == OutputFormat.json) {
            out.println(users.length == 0 ? "]" : "\n]");
        }
        return Jrec.OK;
    }

    private void text(PrintWriter out, Recommender model, long user, Recommendations list) {
        out.printf("user %d (%s)%n", user, list.source());
        for (int r = 0; r < list.size(); r++) {
            ScoredItem s = list.get(r);
            out.printf("  %2d. item %-10d score %9.4f%s%n", r + 1, s.itemId(), s.score(),
                    explain ? "   because " + reasons(model, user, s.itemId(), " ") : "");
        }
        if (list.isEmpty()) {
            out.println("  (no items)");
        }
    }

    private void csv(PrintWriter out, Recommender model, long user, Recommendations list) {
        for (int r = 0; r < list.size(); r++) {
            ScoredItem s = list.get(r);
            out.printf(Locale.ROOT, "%d,%d,%d,%s%s%n", user, r + 1, s.itemId(), number(s.score()),
                    explain ? ",\"" + reasons(model, user, s.itemId(), " ") + "\"" : "");
        }
    }

    private void json(PrintWriter out, Recommender model, long user, Recommendations list, boolean first) {
        out.print(first ? "\n" : ",\n");
        out.printf("  {\"user\": %d, \"source\": \"%s\", \"items\": [", user, escape(list.source()));
        for (int r = 0; r < list.size(); r++) {
            ScoredItem s = list.get(r);
            out.printf("%s{\"item\": %d, \"score\": %s", r == 0 ? "" : ", ", s.itemId(), number(s.score()));
            if (explain) {
                out.print(", \"because\": [");
                List<Explanation.Contribution> top = top(model, user, s.itemId());
                for (int c = 0; c < top.size(); c++) {
                    Explanation.Contribution x = top.get(c);
                    out.print(c == 0 ? "" : ", ");
                    out.print(x.isItem() ? "{\"item\": " + x.itemId()
                            : "{\"feature\": \"" + escape(x.feature()) + "\"");
                    out.print(", \"weight\": " + number(x.weight()) + "}");
                }
                out.print(']');
            }
            out.print('}');
        }
        out.print("]}");
    }

    /** The strongest contributions, largest weight first. */
    private static List<Explanation.Contribution> top(Recommender model, long user, long item) {
        List<Explanation.Contribution> all = new ArrayList<>(((Explainable) model).explain(user, item).contributions());
        all.sort(Comparator.comparingDouble((Explanation.Contribution c) -> c.weight()).reversed());
        return all.subList(0, Math.min(REASONS, all.size()));
    }

    /** {@code "item 50 (0.42) item 181 (0.31)"}. */
    private static String reasons(Recommender model, long user, long item, String separator) {
        StringBuilder s = new StringBuilder();
        for (Explanation.Contribution c : top(model, user, item)) {
            if (s.length() > 0) {
                s.append(separator);
            }
            s.append(c.isItem() ? "item " + c.itemId() : c.feature()).append(" (")
                    .append(String.format(Locale.ROOT, "%.3f", c.weight())).append(')');
        }
        return s.length() == 0 ? "(no reasons)" : s.toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }

    /**
     * The user ids of {@code file}: the first field (up to a comma, tab, semicolon or space) of each line.
     *
     * @throws DataFormatException naming the file and line of an id that is not an integer
     */
    static long[] readUsers(Path file) throws IOException {
        LongArrayList ids = new LongArrayList();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNumber++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String field = t.split("[,\\t; ]", 2)[0];
                try {
                    ids.add(Long.parseLong(field));
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, lineNumber, line, "user id '" + field + "' is not an integer");
                }
            }
        }
        return ids.toLongArray();
    }
}
