package io.jrec.core.tune;

import io.jrec.core.Recommender;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a {@link Tuner} found: every trial (settings, validation scores, time, failure reason), the
 * best one, the settings the final model was refitted with, and that model.
 *
 * <p>Output: {@link #toTable()} / {@link #print} (aligned table, best first), {@link #writeCsv} (one row
 * per trial) and {@link #writeHtml} (a self-contained page in the style of the evaluation report, with
 * one chart of the objective against each setting). Immutable and thread-safe (the model is too).
 *
 * @since 0.1.0
 */
public final class TuningResult {
    private final Objective objective;
    private final List<String> metrics;
    private final SearchSpace space;
    private final String search;
    private final String validation;
    private final String epochSetting;
    private final List<Trial> trials;
    private final Trial best;
    private final Settings chosen;
    private final Recommender model;
    private final double searchSeconds;
    private final double refitSeconds;
    private final int threads;
    private final int trainSize;

    TuningResult(Objective objective, List<String> metrics, SearchSpace space, String search, String validation,
                 String epochSetting, List<Trial> trials, Trial best, Settings chosen, Recommender model,
                 double searchSeconds, double refitSeconds, int threads, int trainSize) {
        this.objective = objective;
        this.metrics = List.copyOf(metrics);
        this.space = space;
        this.search = search;
        this.validation = validation;
        this.epochSetting = epochSetting;
        this.trials = List.copyOf(trials);
        this.best = best;
        this.chosen = chosen;
        this.model = model;
        this.searchSeconds = searchSeconds;
        this.refitSeconds = refitSeconds;
        this.threads = threads;
        this.trainSize = trainSize;
    }

    /** What was optimised. */
    public Objective objective() {
        return objective;
    }

    /** The recorded metric names, objective first; {@link Trial#scores()} follows this order. */
    public List<String> metrics() {
        return metrics;
    }

    /** Every trial, in index order. */
    public List<Trial> trials() {
        return trials;
    }

    /** The best trial (for successive halving: the best of the last rung reached). */
    public Trial best() {
        return best;
    }

    /**
     * The settings {@link #model()} was fitted with: the best trial's, plus, with early stopping, the
     * epoch setting at the best trial's stopped epoch.
     */
    public Settings bestSettings() {
        return chosen;
    }

    /**
     * The best settings refitted on the whole training matrix.
     *
     * @throws IllegalStateException if the tuner was told not to refit
     */
    public Recommender model() {
        if (model == null) {
            throw new IllegalStateException("this search did not refit (Tuner.Builder.refit(false)); fit the best"
                    + " settings yourself");
        }
        return model;
    }

    /** Wall time of the search (all trials), seconds. */
    public double searchSeconds() {
        return searchSeconds;
    }

    /** Wall time of the final refit, seconds. */
    public double refitSeconds() {
        return refitSeconds;
    }

    /** The number of failed trials. */
    public int failures() {
        int n = 0;
        for (Trial t : trials) {
            if (t.failed()) {
                n++;
            }
        }
        return n;
    }

    /** The summary lines above the table (objective, validation, search, cost, best). */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("Objective: " + objective + " on validation " + validation + ", carved from the " + trainSize
                + " training ratings only");
        notes.add("Space: " + space);
        notes.add(String.format(Locale.ROOT, "Search: %s; %d trials (%d failed) in %.1f s on %d thread%s%s", search,
                trials.size(), failures(), searchSeconds, threads, threads == 1 ? "" : "s", model == null ? ""
                        : String.format(Locale.ROOT, "; refit on all training data %.1f s", refitSeconds)));
        notes.add(String.format(Locale.ROOT, "Best: trial %d, %s %.4f; %s %s", best.index(),
                objective.metric().name(), best.score(), model == null ? "settings" : "refitted with", chosen));
        return notes;
    }

    /** The notes and an aligned table of every trial: successful ones best first (last rung first), then failures. */
    public String toTable() {
        List<String> columns = settingColumns();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("trial");
        header.addAll(columns);
        if (epochSetting != null) {
            header.add("stopped at");
        }
        header.addAll(metrics);
        header.add("seconds");
        header.add("note");
        rows.add(header.toArray(new String[0]));
        for (Trial t : ranked()) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(t.index()));
            for (String c : columns) {
                row.add(t.settings().get(c, ""));
            }
            if (epochSetting != null) {
                row.add(t.stoppedEpoch() > 0 ? Integer.toString(t.stoppedEpoch()) : "");
            }
            double[] s = t.scores();
            for (double v : s) {
                row.add(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v));
            }
            row.add(String.format(Locale.ROOT, "%.2f", t.seconds()));
            row.add(t == best ? "best" : t.failure().map(f -> "failed: " + f).orElse(""));
            rows.add(row.toArray(new String[0]));
        }
        int[] width = new int[header.size()];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String note : notes()) {
            out.append(note).append('\n');
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                boolean last = c == row.length - 1;
                out.append(c == 0 ? "" : " | ");
                String pad = last ? "" : " ".repeat(width[c] - row[c].length());
                out.append(last ? row[c] : pad + row[c]);
            }
            while (out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            out.append('\n');
            if (r == 0) {
                for (int c = 0; c < row.length; c++) {
                    out.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Prints {@link #toTable()}. */
    public void print(PrintStream out) {
        out.print(toTable());
        out.flush();
    }

    /**
     * One CSV row per trial in index order: {@code trial,rung,<settings...>,stopped_epoch,<metrics...>,seconds,failure}
     * (empty fields for settings a trial did not have and for successes' failure; NaN as {@code NaN}).
     */
    public void writeCsv(Path file) throws IOException {
        List<String> columns = settingColumns();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("trial,rung");
            for (String c : columns) {
                h.append(',').append(csv(c));
            }
            h.append(",stopped_epoch");
            for (String m : metrics) {
                h.append(',').append(csv(m));
            }
            w.write(h.append(",seconds,failure\n").toString());
            for (Trial t : trials) {
                StringBuilder r = new StringBuilder().append(t.index()).append(',').append(t.rung());
                for (String c : columns) {
                    r.append(',').append(csv(t.settings().get(c, "")));
                }
                r.append(',').append(t.stoppedEpoch() > 0 ? Integer.toString(t.stoppedEpoch()) : "");
                for (double v : t.scores()) {
                    r.append(',').append(v);
                }
                r.append(',').append(t.seconds()).append(',').append(csv(t.failure().orElse("")));
                w.write(r.append('\n').toString());
            }
        }
    }

    /**
     * Writes a self-contained HTML page (no scripts or external resources): the notes, one chart per
     * setting with the objective of every successful trial against the setting's value (log axis for
     * log ranges; the best trial ringed; successive-halving rungs shaded), and the trial table.
     */
    public void writeHtml(Path file) throws IOException {
        Files.writeString(file, TuningHtml.render(this), StandardCharsets.UTF_8);
    }

    /** Trials best first (last rung first), failures last. */
    List<Trial> ranked() {
        List<Trial> ok = new ArrayList<>();
        List<Trial> failed = new ArrayList<>();
        for (Trial t : trials) {
            (t.failed() ? failed : ok).add(t);
        }
        ok.sort((a, b) -> a.rung() != b.rung() ? Integer.compare(b.rung(), a.rung())
                : objective.isBetter(a.score(), b.score()) ? -1
                : objective.isBetter(b.score(), a.score()) ? 1 : Integer.compare(a.index(), b.index()));
        ok.addAll(failed);
        return ok;
    }

    /** Every setting name any trial had, in first-seen order. */
    List<String> settingColumns() {
        Set<String> names = new LinkedHashSet<>();
        for (Trial t : trials) {
            names.addAll(t.settings().asMap().keySet());
        }
        return List.copyOf(names);
    }

    SearchSpace space() {
        return space;
    }

    String epochSetting() {
        return epochSetting;
    }

    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return "TuningResult[" + trials.size() + " trials, best " + chosen + " " + objective.metric().name() + " "
                + best.score() + "]";
    }
}
