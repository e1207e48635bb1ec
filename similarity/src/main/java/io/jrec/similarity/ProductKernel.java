package io.jrec.similarity;

import io.jrec.core.SparseMatrix;

/**
 * The sparse-product kernel behind {@link Neighbors}: the similarities of one row {@code r} of
 * {@code R} to every row sharing a column with it, in one pass over {@code R[r,:]} and, for each of its
 * columns {@code c}, the rows stored in column {@code c} (row {@code c} of the transpose). The sums the
 * measure needs are accumulated into dense per-worker arrays indexed by the other row. In sparse mode the
 * rows touched are listed on first touch so that only they are finished and reset; in dense mode (a row
 * whose product meets about every row) the accumulation has no first-touch branch and one scan finds
 * the touched rows.
 *
 * <p>Pair (r, s) receives its contributions in ascending column order, the order of a merge join, so
 * the sums equal those of {@link Measure#between}; the final value may differ in the last bits (cosine
 * multiplies by precomputed inverse norms, adjusted cosine centres the values once, in {@code float}).
 *
 * <p>The shared state is immutable; each thread uses its own {@link Worker}.
 */
final class ProductKernel {
    /**
     * By default a row whose product meets at least as many entries as the matrix has rows runs in dense
     * mode (no first-touch branch; touched rows found by one scan).
     */
    static final double DEFAULT_DENSE_FACTOR = 1.0;

    private final Measure measure;
    private final Measure.Kind kind;
    private final int rows;
    private final int[] rowPtr;
    private final int[] rowCol;
    private final float[] rowVal;
    private final int[] colPtr;
    private final int[] colRow;
    private final float[] colVal;
    private final double[] rowStat;   // per row: 1/norm (cosine kinds) or value sum (weighted jaccard), else null

    /** Dense mode from {@code denseFactor * rows} entries met: 0 always, infinity never (tests use both). */
    private final double denseFactor;

    ProductKernel(SparseMatrix matrix, Measure measure) {
        this(matrix, measure, DEFAULT_DENSE_FACTOR);
    }

    ProductKernel(SparseMatrix matrix, Measure measure, double denseFactor) {
        this.measure = measure;
        this.denseFactor = denseFactor;
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
            case COSINE, ADJUSTED_COSINE -> inverseNorms();
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

    /** {@code 1 / |row|} per row, 0 for a zero row: finishing then multiplies instead of dividing. */
    private double[] inverseNorms() {
        double[] inverse = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                sum += (double) rowVal[p] * rowVal[p];
            }
            inverse[r] = sum == 0 ? 0 : 1 / Math.sqrt(sum);
        }
        return inverse;
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
        private final double[] acc;          // PEARSON: 5 per row (sa, sb, saa, sbb, sab); JACCARD: none; else 1 per row
        private final boolean damped = measure.shrinkage > 0 || measure.significance > 0;
        /** Similarities of the last computed row, aligned with {@link #touched()}. */
        final float[] similarity = new float[rows];

        Worker() {
            acc = new double[kind == Measure.Kind.PEARSON ? 5 * rows : (kind == Measure.Kind.JACCARD ? 0 : rows)];
        }

        /** The rows touched by the last {@link #compute} call (its first {@code n} entries). */
        int[] touched() {
            return touched;
        }

        /**
         * Computes the similarity of row {@code r} to every row sharing a column with it and returns how
         * many of them have a similarity greater than {@code min} ({@code r} itself only if
         * {@code keepSelf}); those rows are in {@link #touched()} and their similarities (as
         * {@code float}) in {@link #similarity}, in the same order. Rows not listed either share no
         * column with {@code r} (similarity 0) or were filtered out.
         */
        int compute(int r, double min, boolean keepSelf) {
            final boolean dense = isDense(r);
            switch (kind) {
                case COSINE, ADJUSTED_COSINE -> {
                    if (dense && min >= 0 && !damped) {
                        denseDotUncounted(r);    // a row with dot 0 has similarity 0, never kept
                        return finish(r, collectNonZero(), min, keepSelf);
                    } else if (dense) {
                        denseDot(r);
                    } else {
                        return finish(r, accumulateDot(r), min, keepSelf);
                    }
                }
                case PEARSON -> {
                    if (dense) {
                        densePearson(r);
                    } else {
                        return finish(r, accumulatePearson(r), min, keepSelf);
                    }
                }
                case JACCARD -> {
                    if (dense) {
                        denseCount(r);
                    } else {
                        return finish(r, accumulateCount(r), min, keepSelf);
                    }
                }
                case WEIGHTED_JACCARD -> {
                    if (dense) {
                        denseMin(r);
                    } else {
                        return finish(r, accumulateMin(r), min, keepSelf);
                    }
                }
                default -> throw new AssertionError(kind);
            }
            return finish(r, collectTouched(), min, keepSelf);
        }

        /**
         * Whether row {@code r} meets so many entries that every row is likely touched: then the
         * accumulation runs without the first-touch branch and the touched rows are found by one scan.
         */
        private boolean isDense(int r) {
            long work = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                int c = rowCol[p];
                work += colPtr[c + 1] - colPtr[c];
            }
            return work >= denseFactor * rows;
        }

        /** Lists the rows with a non-zero co-rated count, ascending (after a dense accumulation). */
        private int collectTouched() {
            final int[] cnt = count, tch = touched;
            int n = 0;
            for (int s = 0; s < rows; s++) {
                if (cnt[s] != 0) {
                    tch[n++] = s;
                }
            }
            return n;
        }

        /** Lists the rows with a non-zero dot product, ascending, and marks them counted. */
        private int collectNonZero() {
            final int[] cnt = count, tch = touched;
            final double[] dot = acc;
            int n = 0;
            for (int s = 0; s < rows; s++) {
                if (dot[s] != 0) {
                    cnt[s] = 1;          // finish resets it; the count itself is unused without damping
                    tch[n++] = s;
                }
            }
            return n;
        }

        private void denseDotUncounted(int r) {
            final int[] cp = colPtr, cr = colRow;
            final float[] cv = colVal;
            final double[] dot = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    dot[cr[q]] += a * cv[q];
                }
            }
        }

        private void denseDot(int r) {
            final int[] cnt = count, cp = colPtr, cr = colRow;
            final float[] cv = colVal;
            final double[] dot = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    cnt[s]++;
                    dot[s] += a * cv[q];
                }
            }
        }

        private void denseCount(int r) {
            final int[] cnt = count, cp = colPtr, cr = colRow;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    cnt[cr[q]]++;
                }
            }
        }

        private void denseMin(int r) {
            final int[] cnt = count, cp = colPtr, cr = colRow;
            final float[] cv = colVal;
            final double[] min = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final float a = rowVal[p];
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    cnt[s]++;
                    min[s] += Math.min(a, cv[q]);
                }
            }
        }

        private void densePearson(int r) {
            final int[] cnt = count, cp = colPtr, cr = colRow;
            final float[] cv = colVal;
            final double[] sums = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                final double aa = a * a;
                for (int q = cp[c], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    cnt[s]++;
                    final double b = cv[q];
                    final int o = 5 * s;
                    sums[o] += a;
                    sums[o + 1] += b;
                    sums[o + 2] += aa;
                    sums[o + 3] += b * b;
                    sums[o + 4] += a * b;
                }
            }
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

        /**
         * Turns the sums of the {@code n} touched rows into similarities, resets the scratch, and keeps
         * (compacted to the front of {@link #touched()} and {@link #similarity}) the rows whose
         * similarity is greater than {@code min}, skipping {@code r} itself unless {@code keepSelf}.
         */
        private int finish(int r, int n, double min, boolean keepSelf) {
            final int[] cnt = count, tch = touched;
            final double[] sums = acc, stat = rowStat;
            final float[] sim = similarity;
            final Measure m = measure;
            final Measure.Kind kd = kind;
            final int sizeR = rowPtr[r + 1] - rowPtr[r];
            final double statR = stat == null ? 0 : stat[r];
            int kept = 0;
            for (int t = 0; t < n; t++) {
                final int s = tch[t];
                final int co = cnt[s];
                cnt[s] = 0;
                double v;
                switch (kd) {
                    case COSINE, ADJUSTED_COSINE -> {
                        v = Measure.scaledCosine(sums[s], statR, stat[s]);
                        sums[s] = 0;
                    }
                    case JACCARD -> v = Measure.jaccard(co, sizeR, rowPtr[s + 1] - rowPtr[s]);
                    case WEIGHTED_JACCARD -> {
                        v = Measure.weightedJaccard(sums[s], statR, stat[s]);
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
                    default -> throw new AssertionError(kd);
                }
                if (damped) {
                    v = m.damp(v, co);
                }
                if (v > min && (s != r || keepSelf)) {
                    tch[kept] = s;       // kept <= t: compacting in place is safe
                    sim[kept++] = (float) v;
                }
            }
            return kept;
        }
    }
}
