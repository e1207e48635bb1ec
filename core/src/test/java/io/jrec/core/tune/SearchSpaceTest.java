package io.jrec.core.tune;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceTest {

    @Test
    void gridTakesEveryChoiceAndEvenlySpacedRangeValues() {
        SearchSpace space = SearchSpace.builder().gridPoints(3)
                .choice("s", "cosine", "pearson")
                .logRange("lambda", 10, 1000)       // 10, 100, 1000
                .intRange("k", 10, 20)              // 10, 15, 20
                .build();
        List<Settings> grid = space.grid(1000);
        assertEquals(18, grid.size());
        assertEquals("s=cosine, lambda=10, k=10", grid.get(0).toString());
        assertEquals("s=cosine, lambda=10, k=15", grid.get(1).toString());
        assertEquals("s=cosine, lambda=100, k=10", grid.get(3).toString());
        assertEquals("s=pearson, lambda=1000, k=20", grid.get(17).toString());
        // a log integer grid rounds and drops duplicates: 1, 1.78, 3.16, 5.62, 10 -> 1, 2, 3, 6, 10
        SearchSpace ints = SearchSpace.builder().logIntRange("k", 1, 10).build();
        assertEquals(List.of("1", "2", "3", "6", "10"), ints.grid(100).stream().map(s -> s.get("k")).toList());
        assertEquals(List.of(Settings.empty()), SearchSpace.builder().build().grid(1));
        assertEquals("the grid has more than 10 points; use fewer choices, fewer gridPoints, or a random search",
                assertThrows(IllegalArgumentException.class, () -> space.grid(10)).getMessage());
    }

    @Test
    void randomPointsStayInRangeAndLogRangesAreLogUniform() {
        SearchSpace space = SearchSpace.builder().intRange("i", -3, 3).logIntRange("k", 10, 1000)
                .range("r", 0.5, 1.5).logRange("l", 1e-3, 1e3).choice("c", "a", "b", "c").build();
        SplittableRandom random = new SplittableRandom(3);
        int belowHundred = 0;
        int belowOne = 0;
        int[] ints = new int[7];
        int n = 20_000;
        for (int t = 0; t < n; t++) {
            Settings s = space.sample(random);
            int i = s.getInt("i");
            ints[i + 3]++;
            int k = s.getInt("k");
            assertTrue(k >= 10 && k <= 1000, "k " + k);
            belowHundred += k < 100 ? 1 : 0;
            double r = s.getDouble("r");
            assertTrue(r >= 0.5 && r <= 1.5);
            double l = s.getDouble("l");
            assertTrue(l >= 1e-3 && l <= 1e3);
            belowOne += l < 1 ? 1 : 0;
            assertTrue(List.of("a", "b", "c").contains(s.get("c")));
        }
        // log-uniform: half the draws below the geometric middle (100 of 10..1000, 1 of 1e-3..1e3)
        assertEquals(0.5, belowHundred / (double) n, 0.02);
        assertEquals(0.5, belowOne / (double) n, 0.02);
        for (int c : ints) {
            assertEquals(1.0 / 7, c / (double) n, 0.02);
        }
    }

    @Test
    void realsAreWrittenWithFourSignificantDigits() {
        assertEquals("523.5", SearchSpace.format(523.456));
        assertEquals("0.001235", SearchSpace.format(0.0012346));
        assertEquals("500", SearchSpace.format(500.0));
        assertEquals("0", SearchSpace.format(0));
        assertEquals(List.of("0.1", "0.5"), SearchSpace.builder().choice("y", 0.1, 0.5).build()
                .parameter("y").choices());
    }

    @Test
    void badSpacesAreRejectedWithMessages() {
        assertEquals("choice 'x' needs at least one value", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().choice("x", new String[0])).getMessage());
        assertEquals("choice 'x' lists 'a' twice", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().choice("x", "a", "a")).getMessage());
        assertEquals("choice 'x' has a blank value", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().choice("x", "a", " ")).getMessage());
        assertEquals("range 'x' has low 5.0 > high 4.0", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().intRange("x", 5, 4)).getMessage());
        assertEquals("log range 'x' must start at >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().logIntRange("x", 0, 4)).getMessage());
        assertEquals("log range 'x' must start above 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().logRange("x", 0, 4)).getMessage());
        assertEquals("range 'x' needs finite bounds, got 0.0..Infinity", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().range("x", 0, Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("parameter 'x' is defined twice", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().choice("x", 1).intRange("x", 1, 2)).getMessage());
        assertEquals("a parameter name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().choice(" ", 1)).getMessage());
        assertEquals("gridPoints must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.builder().gridPoints(0)).getMessage());
    }

    @Test
    void settingsParseTheirValuesAndSayWhichIsBad() {
        Settings s = Settings.of(Map.of("k", "50")).with("lambda", "1e3").with("on", "yes").with("name", "x");
        assertEquals(50, s.getInt("k"));
        assertEquals(1000.0, s.getDouble("lambda"));
        assertTrue(s.getBoolean("on"));
        assertEquals("k=50, lambda=1e3, on=yes, name=x", s.toString());
        assertEquals("k=60, lambda=1e3, on=yes, name=x", s.with("k", 60).toString());
        assertEquals("setting 'name' must be an integer, got 'x'", assertThrows(IllegalArgumentException.class,
                () -> s.getInt("name")).getMessage());
        assertEquals("setting 'name' must be a number, got 'x'", assertThrows(IllegalArgumentException.class,
                () -> s.getDouble("name")).getMessage());
        assertEquals("setting 'name' must be true or false, got 'x'", assertThrows(IllegalArgumentException.class,
                () -> s.getBoolean("name")).getMessage());
        assertEquals("setting 'z' is not set; set: [k, lambda, on, name]", assertThrows(IllegalArgumentException.class,
                () -> s.get("z")).getMessage());
        assertEquals("setting 'n' must be a finite number, got 'NaN'", assertThrows(IllegalArgumentException.class,
                () -> Settings.empty().with("n", "NaN").getDouble("n")).getMessage());
        assertEquals("(defaults)", Settings.empty().toString());
    }
}
