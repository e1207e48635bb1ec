package io.jrec.models.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trainable array of doubles with its gradient: the unit an {@link Optimizer} updates.
 *
 * <p>A dense parameter (layer weights, biases) is updated as a whole. A <em>sparse</em> parameter is a
 * table of rows of {@code rowWidth} values (an {@link Embedding}); gradients are added row by row
 * through {@link #addToRow}, which records the touched rows, and the optimiser visits only those, so a
 * step costs the rows a batch used, not the whole table.
 *
 * <p>Mutable and not thread-safe: one training thread owns it.
 *
 * @since 0.1.0
 */
public final class Parameter {
    private final String name;
    private final double[] value;
    private final double[] gradient;
    private final boolean decayed;
    private final int rowWidth;
    private final boolean sparse;
    private final boolean[] touched;
    private int[] touchedRows;
    private int touchedCount;

    private Parameter(String name, int size, boolean decayed, int rowWidth, boolean sparse) {
        this(name, new double[size], decayed, rowWidth, sparse);
    }

    private Parameter(String name, double[] value, boolean decayed, int rowWidth, boolean sparse) {
        int size = value.length;
        this.name = Objects.requireNonNull(name, "name");
        this.value = value;
        this.gradient = new double[size];
        this.decayed = decayed;
        this.rowWidth = rowWidth;
        this.sparse = sparse;
        this.touched = sparse ? new boolean[size / rowWidth] : null;
        this.touchedRows = sparse ? new int[16] : null;
    }

    /** A dense parameter of {@code size} zeros; {@code decayed}: whether L2 regularisation applies. */
    public static Parameter dense(String name, int size, boolean decayed) {
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": size must be > 0, got " + size);
        }
        return new Parameter(name, size, decayed, size, false);
    }

    /** A sparse table of {@code rows} x {@code width} zeros, updated only in the rows that got gradients. */
    public static Parameter sparseRows(String name, int rows, int width, boolean decayed) {
        if (rows <= 0 || width <= 0) {
            throw new IllegalArgumentException(name + ": rows and width must be > 0, got " + rows + " x " + width);
        }
        return new Parameter(name, Math.multiplyExact(rows, width), decayed, width, true);
    }

    /** The name used in messages. */
    public String name() {
        return name;
    }

    /** The values, updated in place by the optimiser (a live view, not a copy). */
    public double[] value() {
        return value;
    }

    /** The accumulated gradient (a live view); layers add into it, {@link Optimizer#step()} clears it. */
    public double[] gradient() {
        return gradient;
    }

    /** Whether L2 regularisation applies to this parameter (weights and embeddings yes, biases no). */
    public boolean decayed() {
        return decayed;
    }

    /** Whether only touched rows are updated. */
    public boolean sparse() {
        return sparse;
    }

    /** The row width (the whole size for a dense parameter). */
    public int rowWidth() {
        return rowWidth;
    }

    /** Adds {@code g[from .. from + rowWidth)} to the gradient of {@code row} and marks the row touched. */
    public void addToRow(int row, double[] g, int from) {
        if (!sparse) {
            throw new IllegalStateException(name + " is dense");
        }
        if (!touched[row]) {
            touched[row] = true;
            if (touchedCount == touchedRows.length) {
                touchedRows = Arrays.copyOf(touchedRows, touchedCount * 2);
            }
            touchedRows[touchedCount++] = row;
        }
        int base = row * rowWidth;
        for (int k = 0; k < rowWidth; k++) {
            gradient[base + k] += g[from + k];
        }
    }

    /**
     * A parameter that shares this one's values (a live view) but has a gradient of its own: a worker
     * of data-parallel training accumulates into its shadow, and the trainer then adds the shadows into
     * the original with {@link #addGradientTo} in a fixed order, so the sum does not depend on timing.
     */
    public Parameter shadow() {
        return new Parameter(name, value, decayed, rowWidth, sparse);
    }

    /** Adds this parameter's gradient (only touched rows if sparse) to {@code target}'s and clears it. */
    public void addGradientTo(Parameter target) {
        if (target.value.length != value.length || target.sparse != sparse) {
            throw new IllegalArgumentException(name + ": gradient shapes differ from " + target.name);
        }
        if (sparse) {
            for (int k = 0; k < touchedCount; k++) {
                int row = touchedRows[k];
                target.addToRow(row, gradient, row * rowWidth);
            }
        } else {
            double[] t = target.gradient;
            for (int j = 0; j < t.length; j++) {
                t[j] += gradient[j];
            }
        }
        zeroGradient();
    }

    /** Number of rows touched since the last step (sparse parameters only). */
    int touchedCount() {
        return touchedCount;
    }

    /** The k-th touched row. */
    int touchedRow(int k) {
        return touchedRows[k];
    }

    /** Clears the gradient (only the touched rows for a sparse parameter). */
    public void zeroGradient() {
        if (!sparse) {
            Arrays.fill(gradient, 0.0);
            return;
        }
        for (int k = 0; k < touchedCount; k++) {
            int row = touchedRows[k];
            touched[row] = false;
            Arrays.fill(gradient, row * rowWidth, (row + 1) * rowWidth, 0.0);
        }
        touchedCount = 0;
    }
}
