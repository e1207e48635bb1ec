package io.jrec.examples;

import io.jrec.core.ProgressListener;

import java.io.PrintStream;

/**
 * Renders {@link ProgressListener} events as a one-line console progress bar, e.g.
 * {@code fit ItemKNN  [##########----------]  50%  (842/1682)}. Redraws at most every 100 ms and on
 * completion; thread-safe.
 */
public final class ConsoleProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private String lastStage = "";
    private long lastDraw;
    private int lastLength;

    /** A bar drawn on {@code out} (usually {@code System.err} so results on stdout stay clean). */
    public ConsoleProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void progress(String stage, long done, long total, String message) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (stage.equals(lastStage) && !finished && now - lastDraw < 100_000_000L) {
            return;
        }
        if (!stage.equals(lastStage) && lastLength > 0) {
            out.print('\n');
            lastLength = 0;
        }
        lastStage = stage;
        lastDraw = now;
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-28s ", stage.length() > 28 ? stage.substring(0, 28) : stage));
        if (total > 0) {
            int filled = (int) (WIDTH * Math.min(done, total) / total);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append(']');
            line.append(String.format(" %3d%%  (%d/%d)", 100 * Math.min(done, total) / total, done, total));
        } else {
            line.append(done);
        }
        if (!message.isEmpty()) {
            line.append("  ").append(message);
        }
        int length = line.length();
        if (length < lastLength) {
            line.append(" ".repeat(lastLength - length));
        }
        out.print('\r');
        out.print(line);
        lastLength = length;
        if (finished) {
            out.print('\n');
            lastLength = 0;
            lastStage = "";
        }
        out.flush();
    }
}
