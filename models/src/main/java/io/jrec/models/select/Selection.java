package io.jrec.models.select;

import io.jrec.core.Algorithm;
import io.jrec.core.Recommender;
import io.jrec.core.tune.Objective;
import io.jrec.core.tune.TuningResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link ModelSelection}: every candidate tried (families and blends) with its best
 * validation score, the winner and why it won, the winner's configured algorithm and the model refitted
 * with it on the whole training matrix, and each candidate's full {@link TuningResult} (trial table,
 * CSV, HTML chart of the metric against each setting). Immutable; the model is thread-safe.
 *
 * @since 0.1.0
 */
public final class Selection {
    private final Objective objective;
    private final String validation;
    private final List<ModelSelection.Candidate> candidates;
    private final ModelSelection.Candidate winner;
    private final Algorithm algorithm;
    private final Recommender model;
    private final Map<String, TuningResult> tunings;
    private final double searchSeconds;
    private final double refitSeconds;
    private final String reason;

    Selection(Objective objective, String validation, List<ModelSelection.Candidate> candidates,
              ModelSelection.Candidate winner, Algorithm algorithm, Recommender model, Map<String, TuningResult> tunings,
              double searchSeconds, double refitSeconds, String reason) {
        this.objective = objective;
        this.validation = validation;
        this.candidates = List.copyOf(candidates);
        this.winner = winner;
        this.algorithm = algorithm;
        this.model = model;
        this.tunings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tunings));
        this.searchSeconds = searchSeconds;
        this.refitSeconds = refitSeconds;
        this.reason = reason;
    }

    /** The winner refitted on the whole training matrix. */
    public Recommender model() {
        return model;
    }

    /** The winner's configured algorithm (tuned settings; fit it again on new data). */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The winning candidate. */
    public ModelSelection.Candidate winner() {
        return winner;
    }

    /** Why the winner won: its margin on the validation objective over the runner-up. */
    public String reason() {
        return reason;
    }

    /** Every candidate, in the order tried. */
    public List<ModelSelection.Candidate> candidates() {
        return candidates;
    }

    /** Each candidate's search, by candidate name (failed families are absent). */
    public Map<String, TuningResult> tunings() {
        return tunings;
    }

    /** Wall time of the search, seconds (without the final refit). */
    public double searchSeconds() {
        return searchSeconds;
    }

    /** Wall time of the final refit, seconds. */
    public double refitSeconds() {
        return refitSeconds;
    }

    /**
     * A summary line, then one row per candidate, best first (failures last): name, best settings,
     * validation objective, trials, seconds and a note (the winner's says why it won).
     */
    public String toTable() {
        List<ModelSelection.Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort((a, b) -> objective.isBetter(a.score(), b.score()) ? -1
                : objective.isBetter(b.score(), a.score()) ? 1 : 0);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"candidate", "best settings", objective.metric().name() + " (validation)", "trials",
            "seconds", "note"});
        for (ModelSelection.Candidate c : ranked) {
            rows.add(new String[] {c.name(), c.settings(), Double.isNaN(c.score()) ? "failed"
                : String.format(Locale.ROOT, "%.4f", c.score()), Integer.toString(c.trials()),
                String.format(Locale.ROOT, "%.1f", c.seconds()), c == winner ? "winner: " + reason : c.note()});
        }
        int[] width = new int[6];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Model selection: %s on validation %s; %d candidates in %.1f s;"
                + " winner %s refitted on all training data in %.1f s%n", objective, validation, candidates.size(),
                searchSeconds, winner.name(), refitSeconds));
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean number = c >= 2 && c <= 4;
                String pad = c == row.length - 1 ? "" : " ".repeat(width[c] - row[c].length());
                line.append(c == 0 ? "" : " | ").append(number ? pad + row[c] : row[c] + pad);
            }
            s.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                for (int c = 0; c < row.length; c++) {
                    s.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** Prints {@link #toTable()}. */
    public void print(PrintStream out) {
        out.print(toTable());
        out.flush();
    }

    /**
     * Writes one CSV row per candidate: {@code candidate,settings,score,trials,seconds,winner,note}.
     */
    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("candidate,settings,score,trials,seconds,winner,note\n");
            for (ModelSelection.Candidate c : candidates) {
                w.write(csv(c.name()) + "," + csv(c.settings()) + "," + c.score() + "," + c.trials() + "," + c.seconds()
                        + "," + (c == winner) + "," + csv(c == winner ? reason : c.note()) + "\n");
            }
        }
    }

    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return "Selection[winner " + winner.name() + " " + winner.settings() + ", " + objective.metric().name() + " "
                + winner.score() + "]";
    }

    /** The candidate with the best score other than {@code except}, or null if none has a score. */
    static ModelSelection.Candidate best(Objective objective, List<ModelSelection.Candidate> tried,
                                         ModelSelection.Candidate except) {
        ModelSelection.Candidate best = null;
        for (ModelSelection.Candidate c : tried) {
            if (c != except && !Double.isNaN(c.score()) && (best == null || objective.isBetter(c.score(), best.score()))) {
                best = c;
            }
        }
        return best;
    }

    /** Why {@code winner} won: the metric, the number of candidates and the margin over the runner-up. */
    static String why(Objective objective, List<ModelSelection.Candidate> tried, ModelSelection.Candidate winner) {
        ModelSelection.Candidate runnerUp = best(objective, tried, winner);
        String why = String.format(Locale.ROOT, "best validation %s of %d candidates", objective.metric().name(),
                tried.size());
        if (runnerUp != null) {
            why += String.format(Locale.ROOT, "; %s%.4f against the runner-up, %s", winner.score() >= runnerUp.score()
                    ? "+" : "", winner.score() - runnerUp.score(), runnerUp.name());
        }
        return why;
    }

    /**
     * The candidates with a score, best first.
     *
     * @throws IllegalStateException if none has one (every family failed)
     */
    static List<ModelSelection.Candidate> ranked(Objective objective, List<ModelSelection.Candidate> tried) {
        List<ModelSelection.Candidate> ranked = new ArrayList<>();
        for (ModelSelection.Candidate c : tried) {
            if (!Double.isNaN(c.score())) {
                ranked.add(c);
            }
        }
        if (ranked.isEmpty()) {
            throw new IllegalStateException("every family failed: " + tried);
        }
        ranked.sort((a, b) -> objective.isBetter(a.score(), b.score()) ? -1 : objective.isBetter(b.score(), a.score()) ? 1 : 0);
        return ranked;
    }
}
