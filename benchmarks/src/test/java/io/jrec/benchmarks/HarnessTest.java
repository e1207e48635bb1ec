package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HarnessTest {

    @Test
    void userSampleIsSeededSortedDistinctAndSkipsUsersWithoutRatings() {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (long u = 1; u <= 50; u++) {
            b.add(u, 7, 1);
        }
        RatingMatrix m = b.build();
        long[] a = BenchmarkData.sampleUsers(m, 10, 42);
        assertArrayEquals(a, BenchmarkData.sampleUsers(m, 10, 42));
        assertEquals(10, a.length);
        for (int k = 1; k < a.length; k++) {
            assertTrue(a[k - 1] < a[k]);
        }
        assertEquals(50, BenchmarkData.sampleUsers(m, 500, 42).length);
    }

    @Test
    void growthExponentOfAPowerLawIsItsPower() {
        // fit time = events^1.5 exactly: 1e5 -> 10^7.5, 1e6 -> 10^9
        List<Scaling.Point> points = List.of(
                new Scaling.Point(100_000, 1, 1, 1, "m", Math.pow(1e5, 1.5), 1, 1),
                new Scaling.Point(1_000_000, 1, 1, 1, "m", Math.pow(1e6, 1.5), 1, 1));
        assertEquals(1.5, Scaling.exponent(points, "m", Scaling.Point::fitMillis), 1e-9);
        assertEquals(0.0, Scaling.exponent(points, "m", Scaling.Point::topNMicros), 1e-9);
        assertTrue(Double.isNaN(Scaling.exponent(points.subList(0, 1), "m", Scaling.Point::fitMillis)));
    }

    @Test
    void chartIsWellFormedSvgWithOnePolylinePerModelAndPanel() {
        List<Scaling.Point> points = List.of(
                new Scaling.Point(100_000, 1, 1, 1, "a<b", 10, 1, 5),
                new Scaling.Point(1_000_000, 1, 1, 1, "a<b", 100, 10, 6),
                new Scaling.Point(100_000, 1, 1, 1, "c", 20, 2, 7));
        String svg = ScalingChart.svg(points);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.trim().endsWith("</svg>"));
        assertEquals(6, svg.split("<polyline", -1).length - 1);
        assertTrue(svg.contains("a&lt;b"));
    }

    @Test
    void latencyIsPrintedInTheUnitThatReadsBest() {
        assertEquals("38.0 µs", Latency.human(38));
        assertEquals("151 µs", Latency.human(151.3));
        assertEquals("1.46 ms", Latency.human(1460));
    }

    @Test
    void aFoldOutsideOneToFiveIsRejected() {
        BenchmarkData data = BenchmarkData.synthetic(1);
        assertTrue(data.synthetic());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.train(6));
        assertEquals("fold must be in 1..5, got 6", e.getMessage());
        assertEquals(data.all().size(), data.train(1).size() + data.test(1).size());
    }
}
