package io.jrec.models.nn;

import java.util.SplittableRandom;

/**
 * A lookup table of {@code rows} vectors of {@code width} doubles (e.g. one per user), initialised
 * N(0, std^2) from a seeded generator. The forward pass copies rows into a batch buffer; the backward
 * pass adds gradients to the rows it used only (a sparse {@link Parameter}), so an optimiser step costs
 * the rows of the batch, not the table.
 *
 * <p>Not thread-safe during training.
 *
 * @since 0.1.0
 */
public final class Embedding {
    private final Parameter table;
    private final int rows;
    private final int width;

    /**
     * @throws IllegalArgumentException if rows or width is not positive, or std is negative
     */
    public Embedding(String name, int rows, int width, double std, SplittableRandom random) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException(name + ": std must be >= 0, got " + std);
        }
        this.table = Parameter.sparseRows(name, rows, width, true);
        this.rows = rows;
        this.width = width;
        double[] v = table.value();
        for (int j = 0; j < v.length; j++) {
            v[j] = Initializer.gaussian(random) * std;
        }
    }

    private Embedding(Embedding original) {
        this.table = original.table.shadow();
        this.rows = original.rows;
        this.width = original.width;
    }

    /** A table sharing this one's values with gradients of its own (see {@link Parameter#shadow()}). */
    public Embedding shadow() {
        return new Embedding(this);
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Vector length. */
    public int width() {
        return width;
    }

    /** The table (row-major {@code rows x width}) as a sparse parameter. */
    public Parameter table() {
        return table;
    }

    /**
     * For each example e &lt; batch, copies row {@code ids[e]} to
     * {@code out[e * stride + offset .. + width)}; stride and offset let several embeddings fill one
     * concatenated input.
     */
    public void forward(int[] ids, int batch, double[] out, int stride, int offset) {
        final double[] v = table.value();
        final int w = width;
        for (int e = 0; e < batch; e++) {
            System.arraycopy(v, ids[e] * w, out, e * stride + offset, w);
        }
    }

    /** Adds {@code dOut[e * stride + offset .. + width)} to the gradient of row {@code ids[e]}. */
    public void backward(int[] ids, int batch, double[] dOut, int stride, int offset) {
        for (int e = 0; e < batch; e++) {
            table.addToRow(ids[e], dOut, e * stride + offset);
        }
    }
}
