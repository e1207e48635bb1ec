package io.jrec.similarity;

import io.jrec.core.ProgressListener;
import io.jrec.core.SparseMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeighborsTest {
    private static final double TOLERANCE = 1e-5;

    /** A measure with an independent two-pass reference implementation on dense rows. */
    private record Case(Similarity similarity, Reference reference) {
    }

    private interface Reference {
        /** Similarity of dense rows a, b (present marks stored entries) and the co-rated count n. */
        double of(double[] a, boolean[] pa, double[] b, boolean[] pb);
    }

    private static int coRated(boolean[] pa, boolean[] pb) {
        int n = 0;
        for (int c = 0; c < pa.length; c++) {
            if (pa[c] && pb[c]) {
                n++;
            }
        }
        return n;
    }

    private static double refCosine(double[] a, double[] b, double[] means) {
        double dot = 0, na = 0, nb = 0;
        for (int c = 0; c < a.length; c++) {
            double x = a[c] == 0 ? 0 : a[c] - means[c];   // dense: absent stored as exact 0 (values are >= 1)
            double y = b[c] == 0 ? 0 : b[c] - means[c];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static double refPearson(double[] a, boolean[] pa, double[] b, boolean[] pb) {
        int n = coRated(pa, pb);
        if (n == 0) {
            return 0;
        }
        double ma = 0, mb = 0;
        for (int c = 0; c < a.length; c++) {
            if (pa[c] && pb[c]) {
                ma += a[c];
                mb += b[c];
            }
        }
        ma /= n;
        mb /= n;
        double cov = 0, va = 0, vb = 0;
        for (int c = 0; c < a.length; c++) {
            if (pa[c] && pb[c]) {
                cov += (a[c] - ma) * (b[c] - mb);
                va += (a[c] - ma) * (a[c] - ma);
                vb += (b[c] - mb) * (b[c] - mb);
            }
        }
        return va < 1e-9 || vb < 1e-9 ? 0 : cov / Math.sqrt(va * vb);
    }

    private static double refJaccard(boolean[] pa, boolean[] pb) {
        int inter = 0, union = 0;
        for (int c = 0; c < pa.length; c++) {
            inter += pa[c] && pb[c] ? 1 : 0;
            union += pa[c] || pb[c] ? 1 : 0;
        }
        return union == 0 ? 0 : (double) inter / union;
    }

    private static double refWeightedJaccard(double[] a, double[] b) {
        double min = 0, max = 0;
        for (int c = 0; c < a.length; c++) {
            min += Math.min(a[c], b[c]);
            max += Math.max(a[c], b[c]);
        }
        return max == 0 ? 0 : min / max;
    }

    private static List<Case> cases(double[] means) {
        double[] zeros = new double[means.length];
        return List.of(
                new Case(Similarity.cosine(), (a, pa, b, pb) -> refCosine(a, b, zeros)),
                new Case(Similarity.adjustedCosine(means), (a, pa, b, pb) -> refCosine(a, b, means)),
                new Case(Similarity.pearson(), NeighborsTest::refPearson),
                new Case(Similarity.jaccard(), (a, pa, b, pb) -> refJaccard(pa, pb)),
                new Case(Similarity.weightedJaccard(), (a, pa, b, pb) -> refWeightedJaccard(a, b)),
                new Case(Similarity.pearson().withShrinkage(5),
                        (a, pa, b, pb) -> refPearson(a, pa, b, pb) * coRated(pa, pb) / (coRated(pa, pb) + 5.0)),
                new Case(Similarity.cosine().withSignificanceWeighting(3),
                        (a, pa, b, pb) -> refCosine(a, b, zeros) * Math.min(coRated(pa, pb), 3) / 3.0));
    }

    /**
     * A random rows x columns matrix with integer values 1..5 and the awkward rows the kernel must get
     * right: empty rows, single ratings, constant rows and exact duplicates (ties).
     */
    static SparseMatrix randomMatrix(Random random, int rows, int columns) {
        double[][] dense = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                continue;                                           // empty row
            }
            if (kind == 1) {
                dense[r][random.nextInt(columns)] = 1 + random.nextInt(5);   // single rating
                continue;
            }
            if (kind == 2 && r > 0) {
                dense[r] = dense[random.nextInt(r)].clone();         // duplicate of an earlier row: ties
                continue;
            }
            double density = 0.05 + 0.5 * random.nextDouble();
            int constant = kind == 3 ? 1 + random.nextInt(5) : 0;   // constant row
            for (int c = 0; c < columns; c++) {
                if (random.nextDouble() < density) {
                    dense[r][c] = constant > 0 ? constant : 1 + random.nextInt(5);
                }
            }
        }
        return fromDense(dense);
    }

    static SparseMatrix fromDense(double[][] dense) {
        int rows = dense.length, columns = rows == 0 ? 0 : dense[0].length;
        int[] ptr = new int[rows + 1];
        List<Integer> cols = new ArrayList<>();
        List<Float> vals = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (dense[r][c] != 0) {
                    cols.add(c);
                    vals.add((float) dense[r][c]);
                }
            }
            ptr[r + 1] = cols.size();
        }
        int[] ci = new int[cols.size()];
        float[] cv = new float[cols.size()];
        for (int k = 0; k < ci.length; k++) {
            ci[k] = cols.get(k);
            cv[k] = vals.get(k);
        }
        return SparseMatrix.fromCsr(rows, columns, ptr, ci, cv);
    }

    private static double[] denseRow(SparseMatrix m, int r) {
        double[] row = new double[m.columnCount()];
        for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
            row[m.column(p)] = m.value(p);
        }
        return row;
    }

    private static boolean[] present(SparseMatrix m, int r) {
        boolean[] row = new boolean[m.columnCount()];
        for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
            row[m.column(p)] = true;
        }
        return row;
    }

    /**
     * Checks the table against brute force: same number of neighbours per row, the j-th similarities
     * agree, every listed neighbour's reference similarity agrees with the stored one, the order is
     * by similarity descending then id ascending. Returns the max abs error seen.
     */
    private static double assertMatchesBruteForce(SparseMatrix m, Case c, int k, double min, NeighborTable t) {
        int n = m.rowCount();
        assertEquals(n, t.rowCount());
        assertEquals(k, t.k());
        double[][] rows = new double[n][];
        boolean[][] pres = new boolean[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = denseRow(m, r);
            pres[r] = present(m, r);
        }
        double maxError = 0;
        for (int r = 0; r < n; r++) {
            List<double[]> expected = new ArrayList<>();   // (similarity as float, id)
            double[] ref = new double[n];
            for (int s = 0; s < n; s++) {
                ref[s] = c.reference.of(rows[r], pres[r], rows[s], pres[s]);
                if (Math.abs(ref[s]) < 1e-12) {
                    ref[s] = 0;   // two-pass rounding of an exact zero
                }
                if (s != r && coRated(pres[r], pres[s]) > 0 && ref[s] > min) {
                    expected.add(new double[]{(float) ref[s], s});
                }
            }
            expected.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
            int size = Math.min(k, expected.size());
            String where = c.similarity.name() + " row " + r;
            assertEquals(size, t.size(r), where + " size");
            for (int j = 0; j < size; j++) {
                int s = t.neighbor(r, j);
                float sim = t.similarity(r, j);
                maxError = Math.max(maxError, Math.abs(sim - expected.get(j)[0]));
                maxError = Math.max(maxError, Math.abs(sim - ref[s]));
                assertTrue(s != r && coRated(pres[r], pres[s]) > 0, where + ": neighbour " + s + " shares nothing");
                if (j > 0) {
                    float prev = t.similarity(r, j - 1);
                    assertTrue(prev > sim || (prev == sim && t.neighbor(r, j - 1) < s),
                            where + ": order at " + j);
                }
            }
        }
        assertTrue(maxError <= TOLERANCE, c.similarity.name() + ": max abs error " + maxError);
        return maxError;
    }

    private static double[] columnMeans(SparseMatrix m) {
        SparseMatrix t = m.transpose();
        double[] means = new double[m.columnCount()];
        for (int c = 0; c < means.length; c++) {
            double mean = t.row(c).mean();
            means[c] = Double.isNaN(mean) ? 0 : mean;
        }
        return means;
    }

    @Test
    void allPairsEqualsBruteForceForEveryMeasure() {
        Random random = new Random(7);
        for (int trial = 0; trial < 6; trial++) {
            SparseMatrix m = randomMatrix(random, 30 + random.nextInt(40), 5 + random.nextInt(40));
            for (Case c : cases(columnMeans(m))) {
                for (int k : new int[]{1, 5, 1000}) {          // 1000: more than the row count
                    NeighborTable t = Neighbors.allPairs(m, c.similarity, k, 1 + trial % 3);
                    assertMatchesBruteForce(m, c, k, 0.0, t);
                }
            }
        }
    }

    /** Real-valued ratings (no exact integer sums) on every kernel path, and min = -0 behaving as 0. */
    @Test
    void nonIntegerValuesEqualBruteForceOnEveryPath() {
        Random random = new Random(41);
        SparseMatrix ints = randomMatrix(random, 60, 35);
        double[][] dense = new double[60][35];
        for (int r = 0; r < 60; r++) {
            for (int p = ints.rowStart(r); p < ints.rowEnd(r); p++) {
                dense[r][ints.column(p)] = 0.5 + 5 * random.nextFloat();
            }
        }
        SparseMatrix m = fromDense(dense);
        for (Case c : cases(columnMeans(m))) {
            for (double min : new double[]{Double.NEGATIVE_INFINITY, -0.0, 0.0, 0.3}) {
                Neighbors config = Neighbors.builder().similarity(c.similarity).k(9).minSimilarity(min).threads(2)
                        .build();
                for (int symmetricMaxRows : new int[]{0, Integer.MAX_VALUE}) {
                    for (double denseFactor : new double[]{0.0, Double.POSITIVE_INFINITY}) {
                        assertMatchesBruteForce(m, c, 9, min, config.compute(m, denseFactor, symmetricMaxRows));
                    }
                }
            }
        }
    }

    @Test
    void everyKernelPathEqualsBruteForce() {
        Random random = new Random(23);
        SparseMatrix m = randomMatrix(random, 45, 30);
        for (Case c : cases(columnMeans(m))) {
            for (double min : new double[]{Double.NEGATIVE_INFINITY, 0.0, 0.41}) {   // 0.4 = 0.6 * 2/3 sits on a rounding edge
                Neighbors config = Neighbors.builder().similarity(c.similarity).k(8).minSimilarity(min).threads(2)
                        .build();
                for (int symmetricMaxRows : new int[]{0, Integer.MAX_VALUE}) {      // each pair twice / once
                    for (double denseFactor : new double[]{0.0, Double.POSITIVE_INFINITY}) {   // always / never dense
                        assertMatchesBruteForce(m, c, 8, min, config.compute(m, denseFactor, symmetricMaxRows));
                    }
                }
            }
        }
    }

    /**
     * The pair-once row of a dense or sparse row equals compute() scattered into a NaN row, bit for bit:
     * the same values, and only the canonical NaN (TopK's selection is fast only for that one).
     */
    @Test
    void upperRowEqualsComputeScatteredWithCanonicalNaN() {
        Random random = new Random(31);
        SparseMatrix m = randomMatrix(random, 40, 25);
        int n = m.rowCount();
        for (Case c : cases(columnMeans(m))) {
            for (double min : new double[]{Double.NEGATIVE_INFINITY, 0.0, 0.3}) {
                for (double denseFactor : new double[]{0.0, Double.POSITIVE_INFINITY}) {
                    ProductKernel kernel = new ProductKernel(m, (Measure) c.similarity, denseFactor, true);
                    ProductKernel.Worker listing = kernel.newWorker(), direct = kernel.newWorker();
                    for (int r = 0; r < n; r++) {
                        float[] expected = new float[n];
                        java.util.Arrays.fill(expected, r + 1, n, Float.NaN);
                        int kept = listing.compute(r, min, false);
                        for (int t = 0; t < kept; t++) {
                            expected[listing.touched()[t]] = listing.similarity[t];
                        }
                        float[] row = new float[n];
                        direct.upperRow(r, min, row);
                        for (int s = 0; s < n; s++) {
                            assertEquals(Float.floatToRawIntBits(expected[s]), Float.floatToRawIntBits(row[s]),
                                    c.similarity.name() + " min " + min + " row " + r + " column " + s);
                        }
                    }
                }
            }
        }
    }

    @Test
    void thresholdKeepsOnlyStrictlyGreaterAndNegativeInfinityKeepsNegativeCorrelations() {
        Random random = new Random(11);
        SparseMatrix m = randomMatrix(random, 50, 20);
        for (Case c : cases(columnMeans(m))) {
            for (double min : new double[]{Double.NEGATIVE_INFINITY, -0.5, 0.3, 0.9}) {
                NeighborTable t = Neighbors.allPairs(m, c.similarity, 10, min, 2);
                assertMatchesBruteForce(m, c, 10, min, t);
            }
        }
        NeighborTable all = Neighbors.allPairs(m, Similarity.pearson(), 100, Double.NEGATIVE_INFINITY, 1);
        boolean negative = false;
        for (int r = 0; r < m.rowCount(); r++) {
            negative |= all.size(r) > 0 && all.similarity(r, all.size(r) - 1) < 0;
        }
        assertTrue(negative, "random ratings give some negative correlations");
    }

    @Test
    void rowsAndValuesOfSmallCaseAreExact() {
        // rows: 0 = {0:1, 1:1}, 1 = {0:1}, 2 = {0:1} (1 and 2 tie), 3 = {} (empty), 4 = {2:3}
        SparseMatrix m = fromDense(new double[][]{{1, 1, 0}, {1, 0, 0}, {1, 0, 0}, {0, 0, 0}, {0, 0, 3}});
        NeighborTable t = Neighbors.allPairs(m, Similarity.cosine(), 5, 1);
        // cos(0,1) = 1 / (sqrt(2) * 1) = 0.70711 = cos(0,2): tie, lower id first
        assertEquals(2, t.size(0));
        assertEquals(1, t.neighbor(0, 0));
        assertEquals(2, t.neighbor(0, 1));
        assertEquals((float) (1 / Math.sqrt(2)), t.similarity(0, 0));
        // row 1: cos(1,2) = 1 beats cos(1,0) = 0.70711
        assertEquals(2, t.neighbor(1, 0));
        assertEquals(1.0f, t.similarity(1, 0));
        assertEquals(0, t.neighbor(1, 1));
        assertEquals(0, t.size(3));   // empty row: no neighbours
        assertEquals(0, t.size(4));   // shares no column with anyone
        assertEquals(4 * 6 + 8 * 6, t.memoryBytes());   // 6 offsets; 2+2+2+0+0 = 6 entries of 8 bytes
        assertEquals(6, t.entryCount());
        assertThrows(IndexOutOfBoundsException.class, () -> t.neighbor(3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.similarity(0, 2));
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        Random random = new Random(3);
        SparseMatrix m = randomMatrix(random, 700, 120);   // many blocks of 16 rows
        for (Case c : cases(columnMeans(m))) {
            NeighborTable one = Neighbors.allPairs(m, c.similarity, 20, 1);
            for (int threads : new int[]{2, 3, 8}) {
                NeighborTable many = Neighbors.allPairs(m, c.similarity, 20, threads);
                assertIdentical(one, many, m.rowCount());
                Neighbors config = Neighbors.builder().similarity(c.similarity).k(20).threads(threads).build();
                NeighborTable pairsTwice = config.compute(m, ProductKernel.DEFAULT_DENSE_FACTOR, 0);
                NeighborTable pairsTwiceOneThread = Neighbors.builder().similarity(c.similarity).k(20).build()
                        .compute(m, ProductKernel.DEFAULT_DENSE_FACTOR, 0);
                assertIdentical(pairsTwiceOneThread, pairsTwice, m.rowCount());
            }
        }
    }

    /** The listed rows equal the full computation's (every measure, 1 and 3 threads); the others are empty. */
    @Test
    void listedRowsEqualTheFullTablesRows() {
        Random random = new Random(9);
        SparseMatrix m = randomMatrix(random, 150, 60);
        int[] which = {0, 3, 4, 17, 80, 149};
        for (Case c : cases(columnMeans(m))) {
            for (int threads : new int[]{1, 3}) {
                Neighbors config = Neighbors.builder().similarity(c.similarity).k(12).threads(threads).build();
                NeighborTable full = config.compute(m);
                NeighborTable some = config.compute(m, which);
                int entries = 0;
                for (int r = 0, w = 0; r < m.rowCount(); r++) {
                    if (w < which.length && which[w] == r) {
                        w++;
                        assertEquals(full.size(r), some.size(r), c.similarity.name() + " row " + r);
                        for (int j = 0; j < full.size(r); j++) {
                            assertEquals(full.neighbor(r, j), some.neighbor(r, j), c.similarity.name() + " row " + r);
                            assertEquals(full.similarity(r, j), some.similarity(r, j), 0f, c.similarity.name() + " row " + r);
                        }
                        entries += full.size(r);
                    } else {
                        assertEquals(0, some.size(r), c.similarity.name() + " row " + r);
                    }
                }
                assertEquals(entries, some.entryCount());
            }
        }
    }

    private static void assertIdentical(NeighborTable one, NeighborTable many, int rows) {
        assertEquals(one.entryCount(), many.entryCount());
        for (int r = 0; r < rows; r++) {
            assertEquals(one.size(r), many.size(r));
            for (int j = 0; j < one.size(r); j++) {
                assertEquals(one.neighbor(r, j), many.neighbor(r, j));
                assertEquals(one.similarity(r, j), many.similarity(r, j));
            }
        }
    }

    @Test
    void allPairsAgreesWithBetween() {
        Random random = new Random(5);
        SparseMatrix m = randomMatrix(random, 60, 25);
        for (Case c : cases(columnMeans(m))) {
            NeighborTable t = Neighbors.allPairs(m, c.similarity, 60, Double.NEGATIVE_INFINITY, 1);
            for (int r = 0; r < m.rowCount(); r++) {
                for (int j = 0; j < t.size(r); j++) {
                    double pairwise = c.similarity.between(m.row(r), m.row(t.neighbor(r, j)));
                    assertEquals(pairwise, t.similarity(r, j), TOLERANCE, c.similarity.name());
                }
            }
        }
    }

    @Test
    void fullMatrixIsSymmetricAndEqualsBetween() {
        Random random = new Random(9);
        SparseMatrix m = randomMatrix(random, 40, 15);
        for (Case c : cases(columnMeans(m))) {
            float[][] full = Neighbors.fullMatrix(m, c.similarity, 3);
            assertEquals(40, full.length);
            for (int r = 0; r < 40; r++) {
                for (int s = 0; s < 40; s++) {
                    assertEquals(c.similarity.between(m.row(r), m.row(s)), full[r][s], TOLERANCE,
                            c.similarity.name() + " [" + r + "][" + s + "]");
                    assertEquals(full[r][s], full[s][r], TOLERANCE);
                }
            }
            assertArrayEquals(full[0], Neighbors.fullMatrix(m, c.similarity, 1)[0]);
        }
    }

    @Test
    void builderSettingsAndProgress() {
        Random random = new Random(13);
        SparseMatrix m = randomMatrix(random, 100, 30);
        Map<String, Long> last = new ConcurrentHashMap<>();
        ProgressListener listener = (stage, done, total, message) -> {
            assertEquals(100, total);
            last.merge(stage, done, Math::max);
        };
        NeighborTable viaBuilder = Neighbors.builder().similarity(Similarity.jaccard()).k(7).minSimilarity(0.2)
                .threads(2).progress(listener).build().compute(m);
        assertEquals(Map.of("jaccard", 100L), last);                  // each pair twice: one stage
        last.clear();
        Neighbors.builder().similarity(Similarity.pearson()).threads(2).progress(listener).build().compute(m);
        assertEquals(Map.of("pearson", 100L, "top-k", 100L), last);   // Pearson, 100 rows: pairs once, then top-k
        NeighborTable viaStatic = Neighbors.allPairs(m, Similarity.jaccard(), 7, 0.2, 1);
        assertEquals(viaStatic.entryCount(), viaBuilder.entryCount());
        assertEquals(7, viaBuilder.k());
        // each setting changes the output
        assertTrue(Neighbors.allPairs(m, Similarity.jaccard(), 3, 1).entryCount()
                < Neighbors.allPairs(m, Similarity.jaccard(), 7, 1).entryCount());
        assertTrue(viaStatic.entryCount() < Neighbors.allPairs(m, Similarity.jaccard(), 7, 1).entryCount());
        NeighborTable defaults = Neighbors.builder().build().compute(m);   // cosine, k 50
        assertEquals(50, defaults.k());
    }

    @Test
    void memoryIsEightBytesPerNeighbourPlusOffsets() {
        SparseMatrix m = randomMatrix(new Random(17), 300, 50);
        NeighborTable t = Neighbors.allPairs(m, Similarity.cosine(), 20, 2);
        assertEquals(8 * t.entryCount() + 4L * (300 + 1), t.memoryBytes());
        assertTrue(t.memoryBytes() <= 8L * 20 * 300 + 4L * 301);
    }

    @Test
    void emptyMatrices() {
        SparseMatrix none = SparseMatrix.fromCsr(0, 0, new int[]{0}, new int[0], new float[0]);
        assertEquals(0, Neighbors.allPairs(none, Similarity.cosine(), 5, 2).rowCount());
        SparseMatrix one = fromDense(new double[][]{{1, 2}});
        NeighborTable t = Neighbors.allPairs(one, Similarity.pearson(), 5, 2);
        assertEquals(1, t.rowCount());
        assertEquals(0, t.size(0));
    }

    @Test
    void rejectsBadInputWithMessages() {
        SparseMatrix m = fromDense(new double[][]{{1, 2}, {3, 0}});
        assertEquals("k must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Neighbors.allPairs(m, Similarity.cosine(), 0, 1)).getMessage());
        assertEquals("threads must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Neighbors.allPairs(m, Similarity.cosine(), 5, 0)).getMessage());
        assertEquals("minSimilarity must not be NaN", assertThrows(IllegalArgumentException.class,
                () -> Neighbors.allPairs(m, Similarity.cosine(), 5, Double.NaN, 1)).getMessage());
        assertEquals("similarity must not be null", assertThrows(IllegalArgumentException.class,
                () -> Neighbors.allPairs(m, null, 5, 1)).getMessage());
        assertEquals("progress must not be null (use ProgressListener.NONE)",
                assertThrows(IllegalArgumentException.class, () -> Neighbors.builder().progress(null).build())
                        .getMessage());
        assertEquals("threads must be >= 1, got -1", assertThrows(IllegalArgumentException.class,
                () -> Neighbors.fullMatrix(m, Similarity.cosine(), -1)).getMessage());
        assertEquals("similarity must not be null", assertThrows(IllegalArgumentException.class,
                () -> Neighbors.fullMatrix(m, null, 1)).getMessage());
        assertEquals("adjusted cosine has 1 means but the rows have 2 columns",
                assertThrows(IllegalArgumentException.class,
                        () -> Neighbors.allPairs(m, Similarity.adjustedCosine(new double[1]), 5, 1)).getMessage());
        SparseMatrix negative = fromDense(new double[][]{{1, -2}, {3, 0}});
        assertEquals("weighted jaccard needs non-negative values, found -2.0 at row 0, column 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Neighbors.allPairs(negative, Similarity.weightedJaccard(), 5, 2)).getMessage());
    }

    @Test
    void rejectsTooLargeFullMatrixAndTable() {
        SparseMatrix wide = SparseMatrix.fromCsr(50_000, 1, new int[50_001], new int[0], new float[0]);
        assertEquals("fullMatrix needs rows^2 floats; 50000 rows is too many (at most 46340); "
                        + "use allPairs with a k instead",
                assertThrows(IllegalArgumentException.class,
                        () -> Neighbors.fullMatrix(wide, Similarity.cosine(), 1)).getMessage());
        assertEquals("50000 rows x k=49999 neighbours exceeds 2147483647 table entries",
                assertThrows(IllegalArgumentException.class,
                        () -> Neighbors.allPairs(wide, Similarity.cosine(), 100_000, 1)).getMessage());
    }
}
