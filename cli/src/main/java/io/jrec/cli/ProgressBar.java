package io.jrec.cli;

import io.jrec.core.ProgressListener;

import java.io.PrintWriter;

/**
 * Renders {@link ProgressListener} events as a one-line progress bar on standard error, e.g.
 * {@code fit ItemKNN  [###############---------------]  50%  (842/1682)}. Redraws at most every 100 ms
 * and on completion; thread-safe.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintWriter out;
    private String lastStage = "";
    private long lastDraw;
    private int lastLength;

    /** A bar drawn on {@code out}. */
    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void progress(String stage, long done, long total, String message) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (stage.equals(lastStage) && !finished && now - lastDraw < REDRAW_NANOS) {
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
            long d = Math.min(done, total);
            int filled = (int) (WIDTH * d / total);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append(']');
            line.append(String.format(" %3d%%  (%d/%d)", 100 * d / total, done, total));
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

    /** Ends a bar left unfinished (a stage whose total was unknown, or that stopped early). */
    synchronized void close() {
        if (lastLength > 0) {
            out.print('\n');
            out.flush();
            lastLength = 0;
            lastStage = "";
        }
    }
}
