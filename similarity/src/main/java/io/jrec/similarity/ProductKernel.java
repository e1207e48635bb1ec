package io.jrec.similarity;

import io.jrec.core.SparseMatrix;

/**
 * The sparse-product kernel behind {@link Neighbors}: the similarities of one row {@code r} of
 * {@code R} to every row sharing a column with it, in one pass over {@code R[r,:]} and, for each of its
 * columns {@code c}, the rows stored in column {@code c} (row {@code c} of the transpose). The sums the
 * measure needs are accumulated into dense per-worker arrays indexed by the other row; the rows touched
 * are listed so that only they are finished and reset.
 *
 * <p>Pair (r, s) receives its contributions in ascending column order, the order of a merge join, so
 * the sums equal those of {@link Measure#between} (up to the float centring of adjusted cosine).
 *
 * <p>The shared state is immutable; each thread uses its own {@link Worker}.
 */
final class ProductKernel {
    private final Measure measure;
    private final Measure.Kind kind;
    private final int rows;
    private final int[] rowPtr;
    private final int[] rowCol;
    private final float[] rowVal;
    private final int[] colPtr;
    private final int[] colRow;
    private final float[] colVal;
    private final double[] rowStat;   // per row: norm (cosine kinds) or value sum (weighted jaccard), else null

    ProductKernel(SparseMatrix matrix, Measure measure) {
        this.measure = measure;
        this.kind = measure.kind;
        this.rows = matrix.rowCount();
        SparseMatrix t = matrix.transpose();
        int nnz = matrix.size();
        int columns = matrix.columnCount();
        if (kind == Measure.Kind.ADJUSTED_COSINE && measure.meanCount() < columns) {
            throw new IllegalArgumentException("adjusted cosine has " + measure.meanCount()
                    + " means but the rows have " + columns + " columns");
        }
        rowPtr = new int[rows + 1];
        rowCol = new int[nnz];
        rowVal = new float[nnz];
        for (int r = 0; r < rows; r++) {
            rowPtr[r + 1] = matrix.rowEnd(r);
            for (int p = matrix.rowStart(r); p < matrix.rowEnd(r); p++) {
                int c = matrix.column(p);
                rowCol[p] = c;
                rowVal[p] = value(matrix.value(p), c, r);
            }
        }
        colPtr = new int[columns + 1];
        colRow = new int[nnz];
        colVal = new float[nnz];
        for (int c = 0; c < columns; c++) {
            colPtr[c + 1] = t.rowEnd(c);
            for (int q = t.rowStart(c); q < t.rowEnd(c); q++) {
                colRow[q] = t.column(q);
                colVal[q] = value(t.value(q), c, t.column(q));
            }
        }
        rowStat = switch (kind) {
            case COSINE, ADJUSTED_COSINE -> norms();
            case WEIGHTED_JACCARD -> sums();
            default -> null;
        };
    }

    /** The value the kernel works on for an entry at (row, column): centred for adjusted cosine. */
    private float value(float v, int column, int row) {
        if (kind == Measure.Kind.ADJUSTED_COSINE) {
            return (float) (v - measure.mean(column));
        }
        if (kind == Measure.Kind.WEIGHTED_JACCARD && v < 0) {
            throw new IllegalArgumentException("weighted jaccard needs non-negative values, found " + v
                    + " at row " + row + ", column " + column);
        }
        return v;
    }

    private double[] norms() {
        double[] norms = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                sum += (double) rowVal[p] * rowVal[p];
            }
            norms[r] = Math.sqrt(sum);
        }
        return norms;
    }

    private double[] sums() {
        double[] sums = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                sum += rowVal[p];
            }
            sums[r] = sum;
        }
        return sums;
    }

    int rowCount() {
        return rows;
    }

    Worker newWorker() {
        return new Worker();
    }

    /** Per-thread scratch: dense accumulators over the rows, reset after each row. Not thread-safe. */
    final class Worker {
        private final int[] count = new int[rows];
        private final int[] touched = new int[rows];
        private final double[] acc;          // PEARSON: 5 per row (sa, sb, saa, sbb, sab); else 1 per row
        /** Similarities of the last computed row, aligned with {@link #touched()}. */
        final double[] similarity = new double[rows];

        Worker() {
            acc = new double[kind == Measure.Kind.PEARSON ? 5 * rows : (kind == Measure.Kind.JACCARD ? 0 : rows)];
        }

        /** The rows touched by the last {@link #compute} call (its first {@code n} entries). */
        int[] touched() {
            return touched;
        }

        /**
         * Computes the similarity of row {@code r} to every row sharing a column with it (including
         * {@code r} itself when non-empty) and returns how many rows that is; the rows are in
         * {@link #touched()} and their similarities in {@link #similarity}, in the same order.
         */
        int compute(int r) {
            int n = switch (kind) {
                case COSINE, ADJUSTED_COSINE -> accumulateDot(r);
                case PEARSON -> accumulatePearson(r);
                case JACCARD -> accumulateCount(r);
                case WEIGHTED_JACCARD -> accumulateMin(r);
            };
            finish(r, n);
            return n;
        }

        private int accumulateDot(int r) {
            final int[] cnt = count, tch = touched, cp = colPtr, cr = colRow;
            final float[] cv = colVal;
            final double[] dot = acc;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    if (cnt[s]++ == 0) {
                        tch[n++] = s;
                    }
                    dot[s] += a * cv[q];
                }
            }
            return n;
        }

        private int accumulateCount(int r) {
            final int[] cnt = count, tch = touched, cp = colPtr, cr = colRow;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    if (cnt[s]++ == 0) {
                        tch[n++] = s;
                    }
                }
            }
            return n;
        }

        private int accumulateMin(int r) {
            final int[] cnt = count, tch = touched, cp = colPtr, cr = colRow;
            final float[] cv = colVal;
            final double[] min = acc;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final float a = rowVal[p];
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    if (cnt[s]++ == 0) {
                        tch[n++] = s;
                    }
                    min[s] += Math.min(a, cv[q]);
                }
            }
            return n;
        }

        private int accumulatePearson(int r) {
            final int[] cnt = count, tch = touched, cp = colPtr, cr = colRow;
            final float[] cv = colVal;
            final double[] sums = acc;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                final double aa = a * a;
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    if (cnt[s]++ == 0) {
                        tch[n++] = s;
                    }
                    final double b = cv[q];
                    final int o = 5 * s;
                    sums[o] += a;
                    sums[o + 1] += b;
                    sums[o + 2] += aa;
                    sums[o + 3] += b * b;
                    sums[o + 4] += a * b;
                }
            }
            return n;
        }

        /** Turns the sums of the touched rows into similarities and resets the scratch. */
        private void finish(int r, int n) {
            final int[] cnt = count, tch = touched;
            final double[] sums = acc, sim = similarity;
            final Measure m = measure;
            final int sizeR = rowPtr[r + 1] - rowPtr[r];
            for (int t = 0; t < n; t++) {
                final int s = tch[t];
                final int co = cnt[s];
                cnt[s] = 0;
                double v;
                switch (kind) {
                    case COSINE, ADJUSTED_COSINE -> {
                        v = Measure.cosine(sums[s], rowStat[r], rowStat[s]);
                        sums[s] = 0;
                    }
                    case JACCARD -> v = Measure.jaccard(co, sizeR, rowPtr[s + 1] - rowPtr[s]);
                    case WEIGHTED_JACCARD -> {
                        v = Measure.weightedJaccard(sums[s], rowStat[r], rowStat[s]);
                        sums[s] = 0;
                    }
                    case PEARSON -> {
                        final int o = 5 * s;
                        v = Measure.pearson(co, sums[o], sums[o + 1], sums[o + 2], sums[o + 3], sums[o + 4]);
                        sums[o] = 0;
                        sums[o + 1] = 0;
                        sums[o + 2] = 0;
                        sums[o + 3] = 0;
                        sums[o + 4] = 0;
                    }
                    default -> throw new AssertionError(kind);
                }
                sim[t] = m.damp(v, co);
            }
        }
    }
}
