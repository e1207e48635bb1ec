package io.jrec.core.io;

import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MovieLensTest {
    @TempDir
    Path dir;

    private static final String FLAGS_COMEDY = "|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    private static final String FLAGS_ACTION_WESTERN = "|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1";

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return file;
    }

    @Test
    void readsUData() throws IOException {
        RatingMatrix m = MovieLens.ratings(write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"
                + "196\t302\t5\t881250950\n"));
        assertEquals(2, m.userCount());
        assertEquals(2, m.itemCount());
        assertEquals(3, m.size());
        assertTrue(m.hasTimestamps());
        assertEquals((3 + 3 + 5) / 3.0, m.globalMean(), 1e-12);
        int u = m.users().indexOf(196);
        assertEquals(881250950L, m.byUser().timestamp(m.byUser().position(u, m.items().indexOf(302))));
    }

    @Test
    void rejectsBadUData() throws IOException {
        Path file = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\n");
        assertEquals(file + ", line 2: expected 4 fields, found 3: \"186\\t302\\t3\"",
                assertThrows(DataFormatException.class, () -> MovieLens.ratings(file)).getMessage());
        Path first = write("u.data", "196\t242\t3\n");   // the first line sets no count: always 4 fields
        assertEquals(first + ", line 1: expected 4 fields, found 3: \"196\\t242\\t3\"",
                assertThrows(DataFormatException.class, () -> MovieLens.ratings(first)).getMessage());
        Path nan = write("u.data", "196\t242\tNaN\t881250949\n");
        assertEquals(nan + ", line 1: rating 'NaN' is not finite: \"196\\t242\\tNaN\\t881250949\"",
                assertThrows(DataFormatException.class, () -> MovieLens.ratings(nan)).getMessage());
        Path comma = write("u.data", "196,242,3,881250949\n");
        assertEquals(comma + ", line 1: expected 4 fields, found 1: \"196,242,3,881250949\"",
                assertThrows(DataFormatException.class, () -> MovieLens.ratings(comma)).getMessage());
    }

    @Test
    void readsGenresAndTitles() throws IOException {
        Path file = write("u.item", "1|Toy Story (1995)|01-Jan-1995||http://x" + FLAGS_COMEDY + "\n"
                + "2|Caf\u00e9 | Bar (1995)|01-Jan-1995||http://y" + FLAGS_ACTION_WESTERN + "\n"   // '|' in the title
                + "3|Nothing (1995)|||" + "|0".repeat(19) + "\n");
        ItemFeatures genres = MovieLens.genres(file);
        assertEquals(List.of("genre=Action", "genre=Comedy", "genre=Western"),
                List.of(genres.featureName(0), genres.featureName(1), genres.featureName(2)));
        assertEquals(1, genres.featuresOf(1).size());
        assertEquals(1.0, genres.featuresOf(1).get(genres.featureIndex("genre=Comedy")));
        assertEquals(2, genres.featuresOf(2).size());
        assertTrue(genres.featuresOf(3).isEmpty());       // no flag set: no features
        assertEquals(2, genres.items().size());
        Map<Long, String> titles = MovieLens.titles(file);
        assertEquals(List.of(1L, 2L, 3L), List.copyOf(titles.keySet()));
        assertEquals("Toy Story (1995)", titles.get(1L));
        assertEquals("Caf\u00e9 ", titles.get(2L));   // the title field before the stray '|'
    }

    @Test
    void rejectsBadUItem() throws IOException {
        Path shortLine = write("u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n");
        assertEquals(shortLine + ", line 1: expected 24 '|'-separated fields, found 7: \"1|Toy Story (1995)|01-Jan-1995||http://x|0|1\"",
                assertThrows(DataFormatException.class, () -> MovieLens.genres(shortLine)).getMessage());
        Path badFlag = write("u.item", "1|T|||" + "|0".repeat(18) + "|2\n");
        assertEquals(badFlag + ", line 1: genre flag Western is '2'; expected 0 or 1: \"1|T|||" + "|0".repeat(18) + "|2\"",
                assertThrows(DataFormatException.class, () -> MovieLens.genres(badFlag)).getMessage());
        Path badId = write("u.item", "x1|T|||" + "|0".repeat(19) + "\n");
        assertEquals(badId + ", line 1: movie id 'x1' is not an integer: \"x1|T|||" + "|0".repeat(19) + "\"",
                assertThrows(DataFormatException.class, () -> MovieLens.genres(badId)).getMessage());
        Path twice = write("u.item", "1|T|||" + "|0".repeat(19) + "\n1|U|||" + "|0".repeat(19) + "\n");
        assertEquals(twice + ", line 2: movie id 1 was already given on line 1: \"1|U|||" + "|0".repeat(19) + "\"",
                assertThrows(DataFormatException.class, () -> MovieLens.titles(twice)).getMessage());
    }

    // ---- the real MovieLens 100K, when present ----

    private static Path ml100k() {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        return dir;
    }

    @Test
    void realUData() throws IOException {
        RatingMatrix m = MovieLens.ratings(ml100k().resolve("u.data"));
        assertEquals(100_000, m.size());
        assertEquals(943, m.userCount());
        assertEquals(1_682, m.itemCount());
        assertEquals(3.52986, m.globalMean(), 5e-6);
        assertTrue(m.hasTimestamps());
        // Both orientations hold the same entries.
        assertEquals(m.size(), m.byItem().size());
        int u = m.users().indexOf(196);
        assertEquals(3.0, m.get(u, m.items().indexOf(242)));
    }

    @Test
    void realFoldsPartitionUData() throws IOException {
        Path dir = ml100k();
        RatingMatrix base = MovieLens.ratings(dir.resolve("u1.base"));
        RatingMatrix test = MovieLens.ratings(dir.resolve("u1.test"));
        assertEquals(80_000, base.size());
        assertEquals(20_000, test.size());
    }

    @Test
    void realUItem() throws IOException {
        Path uItem = ml100k().resolve("u.item");
        ItemFeatures genres = MovieLens.genres(uItem);
        assertEquals(1_682, genres.items().size());
        assertEquals(19, genres.featureCount());
        assertEquals("Toy Story (1995)", MovieLens.titles(uItem).get(1L));
        // Toy Story: Animation, Children's, Comedy
        assertEquals(3, genres.featuresOf(1).size());
        assertEquals(1.0, genres.featuresOf(1).get(genres.featureIndex("genre=Animation")));
    }
}
