package io.jrec.core;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatingMatrixTest {

    private static String invalid(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static double value(RatingMatrix m, long user, long item) {
        return m.get(m.users().indexOf(user), m.items().indexOf(item));
    }

    private static long time(RatingMatrix m, long user, long item) {
        return m.byUser().timestamp(m.byUser().position(m.users().indexOf(user), m.items().indexOf(item)));
    }

    // ---- validation ----

    @Test
    void rejectsNonFiniteValuesNamingTheIds() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        assertEquals("rating of user 7 for item 9 is NaN; values must be finite", invalid(() -> b.add(7, 9, Double.NaN)));
        assertEquals("rating of user 7 for item 9 is Infinity; values must be finite",
                invalid(() -> b.add(7, 9, Double.POSITIVE_INFINITY, 5)));
        assertEquals("rating of user -1 for item 9 is -Infinity; values must be finite",
                invalid(() -> b.add(-1, 9, Double.NEGATIVE_INFINITY)));
        assertEquals("rating of user 7 for item 9 is 1.0E39; values must be finite", invalid(() -> b.add(7, 9, 1e39)));
        assertEquals(0, b.size());
        assertEquals("duplicate policy must not be null", invalid(() -> b.duplicates(null)));
    }

    @Test
    void timestampsForAllOrNone() {
        RatingMatrix.Builder b = RatingMatrix.builder().add(1, 1, 1, 100).add(1, 2, 1);
        assertEquals("timestamps were given for 1 of 2 ratings; give one for every rating or for none", invalid(b::build));
    }

    // ---- duplicate policies: value and timestamp kept ----

    private static RatingMatrix withDuplicates(DuplicatePolicy policy) {
        return RatingMatrix.builder().duplicates(policy)
                .add(1, 10, 2, 100)
                .add(2, 10, 1, 50)
                .add(1, 10, 4, 300)
                .add(1, 10, 3, 200)     // added last, not latest in time
                .build();
    }

    @Test
    void lastKeepsTheLastAdded() {
        RatingMatrix m = withDuplicates(DuplicatePolicy.LAST);
        assertEquals(2, m.size());
        assertEquals(3.0, value(m, 1, 10));
        assertEquals(200, time(m, 1, 10));
        assertEquals(1.0, value(m, 2, 10));
    }

    @Test
    void sumAddsAndKeepsTheLatestTime() {
        RatingMatrix m = withDuplicates(DuplicatePolicy.SUM);
        assertEquals(2 + 4 + 3, value(m, 1, 10));
        assertEquals(300, time(m, 1, 10));
        assertEquals("summed rating of user 1 for item 1 overflows a float",
                invalid(() -> RatingMatrix.builder().duplicates(DuplicatePolicy.SUM)
                        .add(1, 1, 3e38).add(1, 1, 3e38).build()));
    }

    @Test
    void maxKeepsTheLargestAndItsTime() {
        RatingMatrix m = withDuplicates(DuplicatePolicy.MAX);
        assertEquals(4.0, value(m, 1, 10));
        assertEquals(300, time(m, 1, 10));
        RatingMatrix tie = RatingMatrix.builder().duplicates(DuplicatePolicy.MAX).add(1, 1, 5, 10).add(1, 1, 5, 20).build();
        assertEquals(10, time(tie, 1, 1), "on a tie the first stays");
    }

    @Test
    void rejectNamesThePair() {
        assertEquals("duplicate rating of user 1 for item 10", invalid(() -> withDuplicates(DuplicatePolicy.REJECT)));
        assertEquals(2, RatingMatrix.builder().duplicates(DuplicatePolicy.REJECT).add(1, 10, 1).add(10, 1, 1).build().size());
    }

    @Test
    void builderIsReusableAndKeepsEntries() {
        RatingMatrix.Builder b = RatingMatrix.builder().add(1, 1, 1);
        RatingMatrix first = b.build();
        RatingMatrix second = b.add(2, 2, 2).build();
        assertEquals(1, first.size());
        assertEquals(2, second.size());
    }

    // ---- empty and sparse ids ----

    @Test
    void emptyMatrix() {
        RatingMatrix m = RatingMatrix.builder().build();
        assertTrue(m.isEmpty());
        assertEquals(0, m.size());
        assertEquals(0, m.userCount());
        assertEquals(0, m.itemCount());
        assertTrue(Double.isNaN(m.globalMean()));
        assertEquals(0, m.byItem().size());
        assertEquals(0, m.byUser().rowCount());
        assertFalse(m.hasTimestamps());
        assertEquals(-1, m.users().indexOf(1));
        assertTrue(m.select(new BitSet()).isEmpty());
        assertEquals(8, m.memoryBytes());   // one 4-byte row pointer per orientation
    }

    @Test
    void hugeAndNegativeIds() {
        long big = 1_000_000_000_000L;
        RatingMatrix m = RatingMatrix.builder()
                .add(big, Long.MAX_VALUE, 1)
                .add(-5, big, 2)
                .add(Long.MIN_VALUE, -big, 3)
                .add(0, big + 1, 4)
                .build();
        assertEquals(List.of(Long.MIN_VALUE, -5L, 0L, big), List.of(m.users().idAt(0), m.users().idAt(1),
                m.users().idAt(2), m.users().idAt(3)));
        assertEquals(List.of(-big, big, big + 1, Long.MAX_VALUE), List.of(m.items().idAt(0), m.items().idAt(1),
                m.items().idAt(2), m.items().idAt(3)));
        assertEquals(1.0, value(m, big, Long.MAX_VALUE));
        assertEquals(2.0, value(m, -5, big));
        assertEquals(3.0, value(m, Long.MIN_VALUE, -big));
        assertTrue(Double.isNaN(value(m, -5, Long.MAX_VALUE)));
    }

    @Test
    void timestampsBeyondIntAreKept() {
        RatingMatrix m = RatingMatrix.builder().add(1, 1, 1, 1L << 40).add(1, 2, 1, -3).build();
        assertEquals(1L << 40, time(m, 1, 1));
        assertEquals(-3, time(m, 1, 2));
        assertEquals(1L << 40, m.byItem().timestamp(m.byItem().position(0, 0)));
    }

    @Test
    void ofChecksShapes() {
        SparseMatrix csr = SparseMatrix.fromCsr(2, 1, new int[]{0, 1, 1}, new int[]{0}, new float[]{5});
        assertEquals("matrix is 2 x 1 but there are 1 users and 1 items",
                invalid(() -> RatingMatrix.of(IdIndex.of(7), IdIndex.of(9), csr)));
        RatingMatrix m = RatingMatrix.of(IdIndex.of(7, 3), IdIndex.of(9), csr);
        assertEquals(5.0, value(m, 7, 9));
        assertEquals(0, m.userRatingCount(1));
        assertTrue(Double.isNaN(m.userMean(1)), "user without ratings has a NaN mean");
    }

    // ---- CSR and CSC agree with a brute-force map on random data ----

    @Test
    void bothOrientationsAgreeWithBruteForce() {
        Random random = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            Map<Long, Map<Long, double[]>> reference = new TreeMap<>();   // user -> item -> {value, time}
            RatingMatrix.Builder b = RatingMatrix.builder();
            int n = random.nextInt(400);
            for (int k = 0; k < n; k++) {
                long user = random.nextInt(30) * 1_000_003L - 7_000_000L;
                long item = random.nextInt(50) * 999_983L;
                double v = random.nextInt(10) / 2.0;
                long t = random.nextInt(1000);
                b.add(user, item, v, t);
                reference.computeIfAbsent(user, u -> new HashMap<>()).put(item, new double[]{v, t});
            }
            RatingMatrix m = b.build();
            int entries = reference.values().stream().mapToInt(Map::size).sum();
            assertEquals(entries, m.size());
            assertEquals(reference.size(), m.userCount());
            double sum = 0;
            int[] itemCounts = new int[m.itemCount()];
            double[] itemSums = new double[m.itemCount()];
            for (Map.Entry<Long, Map<Long, double[]>> row : reference.entrySet()) {
                int u = m.users().indexOf(row.getKey());
                double rowSum = 0;
                for (Map.Entry<Long, double[]> e : row.getValue().entrySet()) {
                    int i = m.items().indexOf(e.getKey());
                    double v = e.getValue()[0];
                    assertEquals(v, m.get(u, i));
                    assertEquals(v, m.byItem().get(i, u));
                    assertEquals((long) e.getValue()[1], m.byUser().timestamp(m.byUser().position(u, i)));
                    assertEquals((long) e.getValue()[1], m.byItem().timestamp(m.byItem().position(i, u)));
                    rowSum += v;
                    itemCounts[i]++;
                    itemSums[i] += v;
                }
                sum += rowSum;
                assertEquals(row.getValue().size(), m.userRatingCount(u));
                assertEquals(rowSum / row.getValue().size(), m.userMean(u), 1e-9);
                assertSorted(m.userRow(u));
            }
            for (int i = 0; i < m.itemCount(); i++) {
                assertEquals(itemCounts[i], m.itemRatingCount(i));
                assertEquals(itemSums[i] / itemCounts[i], m.itemMean(i), 1e-9);
                assertSorted(m.itemColumn(i));
            }
            assertEquals(entries == 0 ? Double.NaN : sum / entries, m.globalMean(), 1e-9);
            assertEquals(m.byUser().size(), m.byItem().size());
            assertTrue(m.byItem().transpose() == m.byUser());
        }
    }

    private static void assertSorted(SparseVector v) {
        for (int k = 1; k < v.size(); k++) {
            assertTrue(v.index(k) > v.index(k - 1));
        }
    }

    // ---- select ----

    @Test
    void selectKeepsIndicesValuesAndTimes() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1, 10, 1, 11).add(1, 20, 2, 12).add(2, 10, 3, 13).add(3, 30, 4, 14)
                .build();
        BitSet keep = new BitSet();
        keep.set(1);   // (1, 20)
        keep.set(3);   // (3, 30)
        RatingMatrix s = m.select(keep);
        assertEquals(m.users(), s.users());
        assertEquals(m.items(), s.items());
        assertEquals(2, s.size());
        assertEquals(2.0, value(s, 1, 20));
        assertEquals(12, time(s, 1, 20));
        assertEquals(4.0, value(s, 3, 30));
        assertTrue(Double.isNaN(value(s, 1, 10)));
        assertEquals(0, s.userRatingCount(s.users().indexOf(2)));
        assertTrue(Double.isNaN(s.userMean(s.users().indexOf(2))));
        assertEquals(0, s.itemRatingCount(s.items().indexOf(10)));
        assertEquals(1, s.itemRatingCount(s.items().indexOf(30)));
        assertEquals(3.0, s.globalMean());
    }

    @Test
    void selectRejectsPositionsBeyondTheMatrix() {
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 1).add(2, 10, 3).build();
        BitSet keep = new BitSet();
        keep.set(0);
        keep.set(5);
        assertEquals("keep has position 5 set but the matrix has 2 entries (positions 0..1)",
                invalid(() -> m.select(keep)));
    }

    @Test
    void selectOfEverythingEqualsTheMatrix() {
        Random random = new Random(3);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int k = 0; k < 300; k++) {
            b.add(random.nextInt(40), random.nextInt(60), random.nextInt(5) + 1);
        }
        RatingMatrix m = b.build();
        BitSet all = new BitSet();
        all.set(0, m.size());
        RatingMatrix s = m.select(all);
        for (int u = 0; u < m.userCount(); u++) {
            assertEquals(m.userRow(u), s.userRow(u));
        }
        for (int i = 0; i < m.itemCount(); i++) {
            assertEquals(m.itemColumn(i), s.itemColumn(i));
        }
    }

    @Test
    void memoryIsTwelveBytesPerRatingPerOrientationWithIntTimestamps() {
        RatingMatrix m = RatingMatrix.builder().add(1, 1, 1, 5).add(1, 2, 1, 5).add(2, 1, 1, 5).build();
        // by user: 3 row pointers + 3 x (column 4 + value 4 + time 4); by item the same
        assertEquals(2 * (3 * 4 + 3 * 12), m.memoryBytes());
    }
}
