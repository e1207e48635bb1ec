package io.jrec.similarity;

import io.jrec.core.SparseMatrix;

import java.util.Arrays;

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
    private static final int CANONICAL_NAN = Float.floatToRawIntBits(Float.NaN);

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
    /** Whether row {@code r} meets only the rows {@code s > r}. */
    private final boolean upper;
    /** Per entry {@code p} of the matrix, where its column's walk starts in the transpose. */
    private final int[] walkFrom;

    /** A kernel over all pairs: row {@code r} meets every row sharing a column. */
    ProductKernel(SparseMatrix matrix, Measure measure) {
        this(matrix, measure, DEFAULT_DENSE_FACTOR, false);
    }

    /**
     * @param upper whether row {@code r} meets only the rows {@code s > r} (each pair once, for symmetric
     *              use); otherwise every row sharing a column, {@code r} included
     */
    ProductKernel(SparseMatrix matrix, Measure measure, double denseFactor, boolean upper) {
        this.measure = measure;
        this.denseFactor = denseFactor;
        this.kind = measure.kind;
        this.upper = upper;
        this.rows = matrix.rowCount();
        SparseMatrix t = matrix.transpose();
        int nnz = matrix.size();
        int columns = matrix.columnCount();
        if (kind == Measure.Kind.ADJUSTED_COSINE && measure.meanCount() < columns) {
            throw new IllegalArgumentException("adjusted cosine has " + measure.meanCount()
                    + " means but the rows have " + columns + " columns");
        }
        // flat copies (the entries of both orientations are contiguous from 0), then a pass of their own
        // for the measures that transform or check values
        rowPtr = new int[rows + 1];
        rowCol = new int[nnz];
        rowVal = new float[nnz];
        for (int r = 0; r < rows; r++) {
            rowPtr[r + 1] = matrix.rowEnd(r);
        }
        for (int p = 0; p < nnz; p++) {
            rowCol[p] = matrix.column(p);
            rowVal[p] = matrix.value(p);
        }
        colPtr = new int[columns + 1];
        colRow = new int[nnz];
        colVal = new float[nnz];
        for (int c = 0; c < columns; c++) {
            colPtr[c + 1] = t.rowEnd(c);
        }
        for (int q = 0; q < nnz; q++) {
            colRow[q] = t.column(q);
            colVal[q] = t.value(q);
        }
        if (kind == Measure.Kind.ADJUSTED_COSINE || kind == Measure.Kind.WEIGHTED_JACCARD) {
            for (int r = 0; r < rows; r++) {
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                    rowVal[p] = value(rowVal[p], rowCol[p], r);
                }
            }
            for (int c = 0; c < columns; c++) {
                for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
                    colVal[q] = value(colVal[q], c, colRow[q]);
                }
            }
        }
        walkFrom = new int[nnz];
        if (upper) {
            int[] cursor = Arrays.copyOf(colPtr, columns);
            for (int p = 0; p < nnz; p++) {
                // rows ascend within each column, so the cursor of column c sits on entry (r, c) itself
                walkFrom[p] = ++cursor[rowCol[p]];
            }
        } else {
            for (int p = 0; p < nnz; p++) {
                walkFrom[p] = colPtr[rowCol[p]];
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

    /** 1 if {@code x != 0}, else 0, without a branch ({@code x} not NaN). */
    private static int nonZero(double x) {
        final long bits = Double.doubleToRawLongBits(x) & Long.MAX_VALUE;
        return (int) ((bits | -bits) >>> 63);
    }

    /** 1 if {@code v > min}, else 0, without a branch ({@code v}, {@code min} not NaN, {@code min} not -0). */
    private static int greater(double v, double min) {
        return (int) (Double.doubleToRawLongBits(min - v) >>> 63);
    }

    /** 1 if {@code a != b}, else 0, without a branch (both non-negative). */
    private static int differs(int a, int b) {
        return ((a - b) | (b - a)) >>> 31;
    }

    int rowCount() {
        return rows;
    }

    Worker newWorker() {
        return new Worker();
    }

    /**
     * Accumulator slots per row in a worker's scratch: the measure's sums followed by the co-rated count,
     * side by side so that one touch of a row reaches one cache line (or two for Pearson).
     */
    private int stride() {
        return switch (kind) {
            case PEARSON -> 6;          // sa, sb, saa, sbb, sab, count
            case JACCARD -> 1;          // count
            default -> 2;               // dot (cosine kinds) or sum of minima (weighted jaccard), count
        };
    }

    /** Per-thread scratch: dense accumulators over the rows, reset after each row. Not thread-safe. */
    final class Worker {
        private final int stride = stride();
        private final int countSlot = stride - 1;
        private final double[] acc = new double[stride * rows];
        private final int[] touched = new int[rows];
        private final boolean damped = measure.shrinkage > 0 || measure.significance > 0;
        /** Similarities of the last computed row, aligned with {@link #touched()}. */
        final float[] similarity = new float[rows];

        /** The rows listed by the last {@link #compute} call (its first {@code n} entries). */
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
            final boolean cosine = kind == Measure.Kind.COSINE || kind == Measure.Kind.ADJUSTED_COSINE;
            int n;
            if (!isDense(r)) {
                n = switch (kind) {
                    case COSINE, ADJUSTED_COSINE -> sparseDot(r);
                    case PEARSON -> sparsePearson(r);
                    case JACCARD -> sparseCount(r);
                    case WEIGHTED_JACCARD -> sparseMin(r);
                };
            } else if (cosine && min >= 0 && !damped) {
                denseDotUncounted(r);       // a row with dot 0 has similarity 0 and is not kept anyway
                n = collect(r, 0);
            } else {
                densePass(r);
                n = collect(r, countSlot);
            }
            return finish(r, n, min, keepSelf);
        }

        /**
         * The top of row {@code r}: offers every row whose similarity to {@code r} is greater than
         * {@code min} ({@code r} itself excluded) to {@code top}, then drains it into
         * {@code outIds}/{@code outSims} from {@code offset} and returns how many were kept. The same
         * rows and values as {@link #compute} followed by {@link TopK#select}, without listing the
         * candidates first when the row is dense.
         */
        int top(int r, double min, TopK top, int[] outIds, float[] outSims, int offset) {
            final boolean cosine = kind == Measure.Kind.COSINE || kind == Measure.Kind.ADJUSTED_COSINE;
            if (cosine && min >= 0 && !damped && isDense(r)) {
                denseDotUncounted(r);
                final double[] dot = acc, stat = rowStat;
                final double statR = stat[r], floor = min + 0.0;
                // a row with dot 0 has similarity 0 and is not kept anyway (min >= 0); every row is
                // offered without a branch and kept by (v > min) & (s != r)
                for (int s = 0, o = 0; s < rows; s++, o += 2) {
                    final double v = Measure.scaledCosine(dot[o], statR, stat[s]);
                    dot[o] = 0;
                    top.offer(s, (float) v, greater(v, floor) & differs(s, r));
                }
            } else {
                final int n = compute(r, min, false);
                final int[] tch = touched;
                final float[] sim = similarity;
                for (int t = 0; t < n; t++) {
                    top.offer(tch[t], sim[t]);
                }
            }
            return top.drain(outIds, outSims, offset);
        }

        /**
         * Whether row {@code r} meets so many entries that most rows are likely touched: then the
         * accumulation runs without the first-touch branch and the touched rows are found by one scan.
         */
        private boolean isDense(int r) {
            long work = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                work += colPtr[rowCol[p] + 1] - walkFrom[p];
            }
            return work >= denseFactor * rows;
        }

        /**
         * Lists, ascending, the rows whose accumulator {@code slot} is non-zero after a dense pass for row
         * {@code r} (in upper mode only rows after {@code r} can be).
         */
        private int collect(int r, int slot) {
            final int[] tch = touched;
            final double[] a = acc;
            final int step = stride;
            final int first = upper ? r + 1 : 0;
            int n = 0;
            for (int s = first, o = first * step + slot; s < rows; s++, o += step) {
                tch[n] = s;
                n += nonZero(a[o]);     // no branch: which rows were touched can be a coin flip
            }
            return n;
        }

        /** The measure's counted dense accumulation for row {@code r} (sums and co-rated count per row). */
        private void densePass(int r) {
            switch (kind) {
                case COSINE, ADJUSTED_COSINE -> denseDot(r);
                case PEARSON -> densePearson(r);
                case JACCARD -> denseCount(r);
                case WEIGHTED_JACCARD -> denseMin(r);
            }
        }

        private void denseDotUncounted(int r) {
            final int[] cp = colPtr, cr = colRow, from = walkFrom;
            final float[] cv = colVal;
            final double[] dot = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    dot[2 * cr[q]] += a * cv[q];
                }
            }
        }

        private void denseDot(int r) {
            final int[] cp = colPtr, cr = colRow, from = walkFrom;
            final float[] cv = colVal;
            final double[] sums = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int o = 2 * cr[q];
                    sums[o] += a * cv[q];
                    sums[o + 1] += 1;
                }
            }
        }

        private int sparseDot(int r) {
            final int[] tch = touched, cp = colPtr, cr = colRow, from = walkFrom;
            final float[] cv = colVal;
            final double[] sums = acc;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    final int o = 2 * s;
                    if (sums[o + 1]++ == 0) {
                        tch[n++] = s;
                    }
                    sums[o] += a * cv[q];
                }
            }
            return n;
        }

        private void denseCount(int r) {
            final int[] cp = colPtr, cr = colRow, from = walkFrom;
            final double[] cnt = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    cnt[cr[q]] += 1;
                }
            }
        }

        private int sparseCount(int r) {
            final int[] tch = touched, cp = colPtr, cr = colRow, from = walkFrom;
            final double[] cnt = acc;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    if (cnt[s]++ == 0) {
                        tch[n++] = s;
                    }
                }
            }
            return n;
        }

        private void denseMin(int r) {
            final int[] cp = colPtr, cr = colRow, from = walkFrom;
            final float[] cv = colVal;
            final double[] sums = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final float a = rowVal[p];
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int o = 2 * cr[q];
                    sums[o] += Math.min(a, cv[q]);
                    sums[o + 1] += 1;
                }
            }
        }

        private int sparseMin(int r) {
            final int[] tch = touched, cp = colPtr, cr = colRow, from = walkFrom;
            final float[] cv = colVal;
            final double[] sums = acc;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final float a = rowVal[p];
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    final int o = 2 * s;
                    if (sums[o + 1]++ == 0) {
                        tch[n++] = s;
                    }
                    sums[o] += Math.min(a, cv[q]);
                }
            }
            return n;
        }

        private void densePearson(int r) {
            final int[] cp = colPtr, cr = colRow, from = walkFrom;
            final float[] cv = colVal;
            final double[] sums = acc;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                final double aa = a * a;
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final double b = cv[q];
                    final int o = 6 * cr[q];
                    sums[o] += a;
                    sums[o + 1] += b;
                    sums[o + 2] += aa;
                    sums[o + 3] += b * b;
                    sums[o + 4] += a * b;
                    sums[o + 5] += 1;
                }
            }
        }

        private int sparsePearson(int r) {
            final int[] tch = touched, cp = colPtr, cr = colRow, from = walkFrom;
            final float[] cv = colVal;
            final double[] sums = acc;
            int n = 0;
            for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
                final int c = rowCol[p];
                final double a = rowVal[p];
                final double aa = a * a;
                for (int q = from[p], qEnd = cp[c + 1]; q < qEnd; q++) {
                    final int s = cr[q];
                    final int o = 6 * s;
                    if (sums[o + 5]++ == 0) {
                        tch[n++] = s;
                    }
                    final double b = cv[q];
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
         * Row {@code r} of the pair-once matrix (upper mode only): writes into {@code row[s]}, for every
         * {@code s > r}, the similarity of (r, s) as a {@code float} if the two rows share a column and it
         * is greater than {@code min}, else NaN; {@code row[0..r]} is not written. The same values as
         * {@link #compute}; a dense row is finished by one pass straight into {@code row}, without
         * listing the touched rows first.
         */
        void upperRow(int r, double min, float[] row) {
            if (!isDense(r)) {
                Arrays.fill(row, r + 1, rows, Float.NaN);
                final int m = compute(r, min, false);
                final int[] tch = touched;
                final float[] sim = similarity;
                for (int t = 0; t < m; t++) {
                    row[tch[t]] = sim[t];
                }
                return;
            }
            densePass(r);
            final double[] sums = acc;
            final int sizeR = rowPtr[r + 1] - rowPtr[r];
            final double statR = rowStat == null ? 0 : rowStat[r];
            final double floor = min + 0.0;     // -0 -> +0 for greater()
            for (int s = r + 1, o = (r + 1) * stride + countSlot; s < rows; s++, o += stride) {
                final int shared = nonZero(sums[o]);
                final double v = take(s, sizeR, statR);
                // no branch: (float) v where kept, else the canonical NaN (TopK buckets other NaNs by
                // their sign, which would make its clamping branches unpredictable)
                final int keep = greater(v, floor) & shared;
                row[s] = Float.intBitsToFloat(Float.floatToRawIntBits((float) v) & -keep | CANONICAL_NAN & keep - 1);
            }
        }

        /**
         * The similarity of the current row to row {@code s} from its accumulated sums (damped if the
         * measure is), resetting them; {@code sizeR} and {@code statR} describe the current row.
         */
        private double take(int s, int sizeR, double statR) {
            // one small method per kind: a single method with every case would exceed C2's inlining size
            return switch (kind) {
                case COSINE, ADJUSTED_COSINE -> takeCosine(s, statR);
                case JACCARD -> takeJaccard(s, sizeR);
                case WEIGHTED_JACCARD -> takeWeightedJaccard(s, statR);
                case PEARSON -> takePearson(s);
            };
        }

        private double takeCosine(int s, double statR) {
            final double[] sums = acc;
            final int o = 2 * s;
            final int co = (int) sums[o + 1];
            final double v = Measure.scaledCosine(sums[o], statR, rowStat[s]);
            sums[o] = 0;
            sums[o + 1] = 0;
            return damped ? measure.damp(v, co) : v;
        }

        private double takeJaccard(int s, int sizeR) {
            final double[] sums = acc;
            final int co = (int) sums[s];
            final double v = Measure.jaccard(co, sizeR, rowPtr[s + 1] - rowPtr[s]);
            sums[s] = 0;
            return damped ? measure.damp(v, co) : v;
        }

        private double takeWeightedJaccard(int s, double statR) {
            final double[] sums = acc;
            final int o = 2 * s;
            final int co = (int) sums[o + 1];
            final double v = Measure.weightedJaccard(sums[o], statR, rowStat[s]);
            sums[o] = 0;
            sums[o + 1] = 0;
            return damped ? measure.damp(v, co) : v;
        }

        private double takePearson(int s) {
            final double[] sums = acc;
            final int o = 6 * s;
            final int co = (int) sums[o + 5];
            final double v = Measure.pearson(co, sums[o], sums[o + 1], sums[o + 2], sums[o + 3], sums[o + 4]);
            sums[o] = 0;
            sums[o + 1] = 0;
            sums[o + 2] = 0;
            sums[o + 3] = 0;
            sums[o + 4] = 0;
            sums[o + 5] = 0;
            return damped ? measure.damp(v, co) : v;
        }

        /**
         * Turns the sums of the {@code n} listed rows into similarities, resets their accumulators, and
         * keeps (compacted to the front of {@link #touched()} and {@link #similarity}) the rows whose
         * similarity is greater than {@code min}, skipping {@code r} itself unless {@code keepSelf}.
         */
        private int finish(int r, int n, double min, boolean keepSelf) {
            final int[] tch = touched;
            final float[] sim = similarity;
            final int sizeR = rowPtr[r + 1] - rowPtr[r];
            final double statR = rowStat == null ? 0 : rowStat[r];
            final double floor = min + 0.0;     // -0 -> +0 for greater()
            final int self = keepSelf ? 1 : 0;
            final boolean signed = kind == Measure.Kind.PEARSON || kind == Measure.Kind.ADJUSTED_COSINE;
            int kept = 0;
            for (int t = 0; t < n; t++) {
                final int s = tch[t];
                final double v = take(s, sizeR, statR);
                // kept <= t: compacting in place is safe
                if (signed) {
                    // about half of a signed measure's similarities pass min = 0, so a branch would
                    // mispredict often: write always and advance without a branch
                    tch[kept] = s;
                    sim[kept] = (float) v;
                    kept += greater(v, floor) & (self | differs(s, r));
                } else if (v > min && (s != r || keepSelf)) {   // about every touched row passes
                    tch[kept] = s;
                    sim[kept++] = (float) v;
                }
            }
            return kept;
        }
    }
}
