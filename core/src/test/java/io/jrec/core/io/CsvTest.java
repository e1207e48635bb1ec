package io.jrec.core.io;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {
    @TempDir
    Path dir;

    private static final CsvFormat EXPLICIT = CsvFormat.builder().user(0).item(1).value(2).build();
    private static final CsvFormat WITH_TIME = CsvFormat.builder().user(0).item(1).value(2).timestamp(3).build();

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private double value(RatingMatrix m, long user, long item) {
        return m.get(m.users().indexOf(user), m.items().indexOf(item));
    }

    /** Loads {@code content} with {@code format} and returns the message of the exception it must raise. */
    private String error(String content, CsvFormat format) throws IOException {
        Path file = write(content);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.ratings(file, format));
        assertEquals(file, e.file());
        return e.getMessage();
    }

    private String prefix(int line) {
        return dir.resolve("data.csv") + ", line " + line + ": ";
    }

    // ---- good input ----

    @Test
    void readsExplicitRatingsByPosition() throws IOException {
        RatingMatrix m = Csv.ratings(write("1,10,4\n2,10,3.5\n\n1,20,2\n1,10,5\n"), EXPLICIT);
        assertEquals(2, m.userCount());
        assertEquals(2, m.itemCount());
        assertEquals(3, m.size());
        assertEquals(5.0, value(m, 1, 10));     // LAST: the later 5 replaces 4
        assertEquals(3.5, value(m, 2, 10));
        assertFalse(m.hasTimestamps());
    }

    @Test
    void readsHeaderColumnsByNameWithQuotesBomAndCrlf() throws IOException {
        CsvFormat format = CsvFormat.builder().header(true)
                .user("userId").item("movieId").value("rating").timestamp("timestamp").build();
        Path file = write("\uFEFFmovieId,\"userId\",title,rating,timestamp\r\n"
                + "10,1,\"Heat, the film\",4.5,1700000000\r\n"
                + " 20 , 2 ,\"say \"\"hi\"\"\", 3 ,1700000001\r\n");
        LoadResult r = Csv.load(file, format);
        RatingMatrix m = r.matrix();
        assertEquals(3, r.lines());
        assertEquals(0, r.skipped());
        assertEquals(4.5, value(m, 1, 10));
        assertEquals(3.0, value(m, 2, 20));
        assertEquals(1700000001L, m.byUser().timestamp(m.byUser().position(m.users().indexOf(2), m.items().indexOf(20))));
    }

    @Test
    void implicitEventsUseDefaultWeightAndSum() throws IOException {
        CsvFormat format = CsvFormat.builder().separator(';').user(0).item(1).value(2).implicit().build();
        // user 1 item 5: 1 (empty weight -> default 1) + 2 + 1 = 4
        RatingMatrix m = Csv.ratings(write("1;5;\n1;5;2\n1;5;1\n2;5;0.5\n"), format);
        assertEquals(DuplicatePolicy.SUM, format.duplicates());
        assertEquals(4.0, value(m, 1, 5));
        assertEquals(0.5, value(m, 2, 5));
    }

    @Test
    void implicitEventsWithoutWeightColumnAndMaxPolicy() throws IOException {
        CsvFormat format = CsvFormat.builder().user(0).item(1).timestamp(2).implicit()
                .defaultWeight(3).duplicates(DuplicatePolicy.MAX).build();
        RatingMatrix m = Csv.ratings(write("7,8,100\n7,8,200\n-1,1000000000000,5\n"), format);
        assertEquals(3.0, value(m, 7, 8));
        assertEquals(3.0, value(m, -1, 1_000_000_000_000L));
        assertTrue(m.hasTimestamps());
    }

    @Test
    void acceptsSignedAndExponentNumbers() throws IOException {
        RatingMatrix m = Csv.ratings(write("1,1,+2.5\n1,2,-1\n1,3,1e2\n1,4,.5\n1,5,3.\n"), EXPLICIT);
        assertEquals(2.5, value(m, 1, 1));
        assertEquals(-1.0, value(m, 1, 2));
        assertEquals(100.0, value(m, 1, 3));
        assertEquals(0.5, value(m, 1, 4));
        assertEquals(3.0, value(m, 1, 5));
    }

    @Test
    void emptyFileGivesEmptyMatrix() throws IOException {
        LoadResult r = Csv.load(write(""), EXPLICIT);
        assertTrue(r.matrix().isEmpty());
        assertEquals(0, r.lines());
    }

    // ---- bad input: every path names file, line and text ----

    @Test
    void wrongFieldCount() throws IOException {
        assertEquals(prefix(2) + "expected 3 fields, found 2: \"1,11\"", error("1,10,4\n1,11\n", EXPLICIT));
        assertEquals(prefix(2) + "expected 3 fields, found 4: \"1,11,3,9\"", error("1,10,4\n1,11,3,9\n", EXPLICIT));
        CsvFormat four = CsvFormat.builder().user(0).item(1).value(2).columnCount(4).build();
        assertEquals(prefix(1) + "expected 4 fields, found 3: \"1,10,4\"", error("1,10,4\n", four));
    }

    @Test
    void columnBeyondTheFirstLine() throws IOException {
        CsvFormat format = CsvFormat.builder().user(0).item(1).value(5).build();
        assertEquals(prefix(1) + "column 5 (0-based) does not exist: the line has 3 fields: \"1,10,4\"",
                error("1,10,4\n", format));
    }

    @Test
    void badIdsAndTimestamps() throws IOException {
        assertEquals(prefix(1) + "user id 'alice' is not an integer: \"alice,10,4\"", error("alice,10,4\n", EXPLICIT));
        assertEquals(prefix(1) + "item id '10.0' is not an integer: \"1,10.0,4\"", error("1,10.0,4\n", EXPLICIT));
        assertEquals(prefix(1) + "user id '' is not an integer: \",10,4\"", error(",10,4\n", EXPLICIT));
        assertEquals(prefix(1) + "timestamp '2024-01-01' is not an integer: \"1,10,4,2024-01-01\"",
                error("1,10,4,2024-01-01\n", WITH_TIME));
        assertEquals(prefix(1) + "item id '99999999999999999999' is not an integer: \"1,99999999999999999999,4\"",
                error("1,99999999999999999999,4\n", EXPLICIT));
    }

    @Test
    void badRatings() throws IOException {
        assertEquals(prefix(1) + "rating 'NaN' is not finite: \"1,10,NaN\"", error("1,10,NaN\n", EXPLICIT));
        assertEquals(prefix(1) + "rating 'Infinity' is not finite: \"1,10,Infinity\"", error("1,10,Infinity\n", EXPLICIT));
        assertEquals(prefix(1) + "rating '-inf' is not finite: \"1,10,-inf\"", error("1,10,-inf\n", EXPLICIT));
        assertEquals(prefix(1) + "rating 'good' is not a number: \"1,10,good\"", error("1,10,good\n", EXPLICIT));
        assertEquals(prefix(1) + "rating '4d' is not a number: \"1,10,4d\"", error("1,10,4d\n", EXPLICIT));
        assertEquals(prefix(1) + "rating '0x1p3' is not a number: \"1,10,0x1p3\"", error("1,10,0x1p3\n", EXPLICIT));
        assertEquals(prefix(1) + "rating '1e' is not a number: \"1,10,1e\"", error("1,10,1e\n", EXPLICIT));
        assertEquals(prefix(1) + "rating '' is empty: \"1,10,\"", error("1,10,\n", EXPLICIT));
        assertEquals(prefix(1) + "rating '1e39' is beyond the float range: \"1,10,1e39\"", error("1,10,1e39\n", EXPLICIT));
        CsvFormat implicit = CsvFormat.builder().user(0).item(1).value(2).implicit().build();
        assertEquals(prefix(1) + "weight 'nan' is not finite: \"1,10,nan\"", error("1,10,nan\n", implicit));
    }

    @Test
    void brokenQuotes() throws IOException {
        assertEquals(prefix(2) + "unterminated quote: \"\"1,10,4\"", error("1,10,4\n\"1,10,4\n", EXPLICIT));
        assertEquals(prefix(1) + "unterminated quote: \"\"1\"x,10,4\"", error("\"1\"x,10,4\n", EXPLICIT));
        CsvFormat named = CsvFormat.builder().header(true).user("u").item("i").value("r").build();
        assertEquals(prefix(1) + "unterminated quote in header: \"u,\"i,r\"", error("u,\"i,r\n1,2,3\n", named));
    }

    @Test
    void headerProblems() throws IOException {
        CsvFormat named = CsvFormat.builder().header(true).user("user").item("item").value("rating").build();
        assertEquals(prefix(1) + "no column named 'rating' in the header: \"user,item,score\"",
                error("user,item,score\n1,2,3\n", named));
        assertEquals(prefix(1) + "the header names column 'item' twice: \"user,item,rating,item\"",
                error("user,item,rating,item\n1,2,3,4\n", named));
        CsvFormat mixed = CsvFormat.builder().header(true).user("user").item(1).value(7).build();
        assertEquals(prefix(1) + "column 7 (0-based) does not exist: the line has 3 fields: \"user,item,rating\"",
                error("user,item,rating\n1,2,3\n", mixed));
        assertEquals(prefix(2) + "expected 3 fields, found 2: \"1,2\"", error("user,item,rating\n1,2\n", named));
    }

    @Test
    void invalidUtf8() throws IOException {
        Path file = dir.resolve("data.csv");
        Files.write(file, new byte[]{'1', ',', '2', ',', '3', '\n', '1', ',', (byte) 0xC3, (byte) 0x28, ',', '3', '\n'});
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.ratings(file, EXPLICIT));
        assertEquals(prefix(2) + "bytes that are not valid UTF-8: \"1,\uFFFD(,3\"", e.getMessage());
        LoadResult lenient = Csv.load(file, CsvFormat.builder().user(0).item(1).value(2).lenient(true).build());
        assertEquals(1, lenient.skipped());
        assertEquals(1, lenient.matrix().size());
        // The same bytes are fine as ISO-8859-1 text, and then the id is the problem.
        CsvFormat latin1 = CsvFormat.builder().user(0).item(1).value(2)
                .charset(StandardCharsets.ISO_8859_1).build();
        assertEquals(prefix(2) + "item id '\u00C3(' is not an integer: \"1,\u00C3(,3\"",
                assertThrows(DataFormatException.class, () -> Csv.ratings(file, latin1)).getMessage());
    }

    @Test
    void duplicateRejected() throws IOException {
        CsvFormat reject = CsvFormat.builder().user(0).item(1).value(2).duplicates(DuplicatePolicy.REJECT).build();
        Path file = write("1,10,4\n2,10,4\n1,10,5\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.ratings(file, reject));
        assertEquals(file + ": duplicate rating of user 1 for item 10", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void longLinesAreShortenedInMessages() throws IOException {
        String longField = "x".repeat(500);
        String message = error("1,10," + longField + "\n", EXPLICIT);
        String line = "1,10," + longField;
        assertEquals(prefix(1) + "rating '" + longField + "' is not a number: \"" + line.substring(0, 200)
                + "... (505 characters)\"", message);
    }

    @Test
    void tabsAreVisibleInMessages() throws IOException {
        CsvFormat tsv = CsvFormat.builder().separator('\t').user(0).item(1).value(2).build();
        assertEquals(prefix(1) + "rating 'x' is not a number: \"1\\t2\\tx\"", error("1\t2\tx\n", tsv));
    }

    // ---- lenient mode ----

    @Test
    void lenientSkipsCountsAndReportsBadLines() throws IOException {
        CsvFormat lenient = CsvFormat.builder().user(0).item(1).value(2).lenient(true).build();
        Path file = write("1,10,4\n1,11,NaN\n\n2,10\n2,11,3\nx,1,1\n");
        LoadResult r = Csv.load(file, lenient);
        assertEquals(6, r.lines());
        assertEquals(3, r.skipped());
        assertEquals(2, r.matrix().size());
        assertEquals(3, r.problems().size());
        assertEquals(2, r.problems().get(0).line());
        assertEquals(4, r.problems().get(1).line());
        assertEquals(6, r.problems().get(2).line());
        assertEquals("rating 'NaN' is not finite", r.problems().get(0).problem());
        assertEquals("2,10", r.problems().get(1).text());
    }

    @Test
    void lenientBadFirstLineDoesNotSetTheFieldCount() throws IOException {
        CsvFormat lenient = CsvFormat.builder().user(0).item(1).value(2).lenient(true).build();
        LoadResult r = Csv.load(write("1,x,3,4\n1,10,4\n2,10,3\n2,11,3,9\n"), lenient);
        assertEquals(2, r.matrix().size());
        assertEquals(2, r.skipped());
        assertEquals("item id 'x' is not an integer", r.problems().get(0).problem());
        assertEquals("expected 3 fields, found 4", r.problems().get(1).problem());
    }

    @Test
    void lenientSkipsUndecodableFirstLineWithoutHeader() throws IOException {
        Path file = dir.resolve("data.csv");
        Files.write(file, new byte[]{'1', ',', (byte) 0xFF, ',', '3', '\n', '1', ',', '2', ',', '3', '\n'});
        LoadResult r = Csv.load(file, CsvFormat.builder().user(0).item(1).value(2).lenient(true).build());
        assertEquals(1, r.skipped());
        assertEquals(1, r.matrix().size());
        CsvFormat header = CsvFormat.builder().header(true).user("u").item("i").value("r").lenient(true).build();
        assertEquals(prefix(1) + "bytes that are not valid UTF-8: \"1,\uFFFD,3\"",
                assertThrows(DataFormatException.class, () -> Csv.load(file, header)).getMessage());
    }

    @Test
    void lenientKeepsAtMostMaxProblems() throws IOException {
        CsvFormat lenient = CsvFormat.builder().user(0).item(1).value(2).lenient(true).build();
        LoadResult r = Csv.load(write("1,1,1\n" + "1,1,bad\n".repeat(150)), lenient);
        assertEquals(150, r.skipped());
        assertEquals(LoadResult.MAX_PROBLEMS, r.problems().size());
        assertEquals(1, r.matrix().size());
    }

    @Test
    void lenientStillFailsOnHeaderProblems() throws IOException {
        CsvFormat format = CsvFormat.builder().header(true).user("user").item("item").value("rating")
                .lenient(true).build();
        assertEquals(prefix(1) + "no column named 'item' in the header: \"user,rating\"",
                error("user,rating\n1,2\n", format));
    }

    // ---- format validation ----

    private static String invalid(CsvFormat.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void formatRejectsImpossibleSettings() {
        assertEquals("user and item columns are required; set user(...) and item(...)",
                invalid(CsvFormat.builder().item(1).value(2)));
        assertEquals("explicit ratings need a value column; set value(...) or use implicit() for events without ratings",
                invalid(CsvFormat.builder().user(0).item(1)));
        assertEquals("separator must not be a double quote, CR or LF",
                invalid(CsvFormat.builder().separator('"').user(0).item(1).value(2)));
        assertEquals("separator must not be a double quote, CR or LF",
                invalid(CsvFormat.builder().separator('\n').user(0).item(1).value(2)));
        assertEquals("item column must be >= 0 (0-based), got -1",
                invalid(CsvFormat.builder().user(0).item(-1).value(2)));
        assertEquals("user column is named 'userId'; naming columns needs header(true) and a non-empty name",
                invalid(CsvFormat.builder().user("userId").item(1).value(2)));
        assertEquals("item column is named ''; naming columns needs header(true) and a non-empty name",
                invalid(CsvFormat.builder().header(true).user(0).item("").value(2)));
        assertEquals("user and value are both column 0",
                invalid(CsvFormat.builder().user(0).item(1).value(0)));
        assertEquals("defaultWeight must be finite, got NaN",
                invalid(CsvFormat.builder().user(0).item(1).implicit().defaultWeight(Double.NaN)));
        assertEquals("columnCount must be >= 0 (0 = as the first line), got -2",
                invalid(CsvFormat.builder().user(0).item(1).value(2).columnCount(-2)));
        assertEquals("timestamp column 3 does not exist with columnCount 3",
                invalid(CsvFormat.builder().user(0).item(1).value(2).timestamp(3).columnCount(3)));
        assertEquals("duplicate policy must not be null",
                assertThrows(IllegalArgumentException.class, () -> CsvFormat.builder().duplicates(null)).getMessage());
        assertEquals("charset must be ASCII-compatible (e.g. UTF-8, ISO-8859-1), got null",
                assertThrows(IllegalArgumentException.class, () -> CsvFormat.builder().charset(null)).getMessage());
        assertEquals("charset must be ASCII-compatible (e.g. UTF-8, ISO-8859-1), got UTF-16",
                assertThrows(IllegalArgumentException.class,
                        () -> CsvFormat.builder().charset(StandardCharsets.UTF_16)).getMessage());
    }

    @Test
    void formatDefaults() {
        CsvFormat f = EXPLICIT;
        assertEquals(',', f.separator());
        assertFalse(f.header());
        assertFalse(f.implicit());
        assertFalse(f.lenient());
        assertEquals(DuplicatePolicy.LAST, f.duplicates());
        assertEquals(StandardCharsets.UTF_8, f.charset());
        assertEquals(1.0, CsvFormat.builder().user(0).item(1).implicit().build().defaultWeight());
    }

    /**
     * The default cap is 1 MiB = 1,048,576 bytes per line: a line one byte longer fails with file, line
     * and cap (lenient mode skips it and reads on); a line of exactly the cap, CRLF-terminated, parses;
     * a 3 MiB file without a line break fails on line 1.
     */
    @Test
    void linesLongerThanTheCapFailCleanly() throws IOException {
        int cap = CsvFormat.DEFAULT_MAX_LINE_BYTES;
        assertEquals(1_048_576, cap);
        assertEquals(cap, EXPLICIT.maxLineBytes());
        String over = "x".repeat(cap + 1);
        String content = "1,10,4\n" + over + "\n2,20,3\n";
        String message = error(content, EXPLICIT);
        assertTrue(message.startsWith(dir.resolve("data.csv") + ", line 2: line longer than the limit of 1048576 bytes"),
                message);
        assertTrue(message.contains("raise CsvFormat.Builder.maxLineBytes(int)"), message);
        assertTrue(message.length() < 600, "the line is shortened in the message: " + message.length());

        LoadResult lenient = Csv.load(write(content), CsvFormat.builder().user(0).item(1).value(2).lenient(true).build());
        assertEquals(2, lenient.matrix().size());
        assertEquals(1, lenient.skipped());

        String atCap = " ".repeat(cap - "1,10,4".length()) + "1,10,4";   // leading blanks are trimmed
        assertEquals(cap, atCap.length());
        RatingMatrix m = Csv.ratings(write(atCap + "\r\n2,20,3\n"), EXPLICIT);
        assertEquals(4, value(m, 1, 10));

        String noBreak = error("7".repeat(3 * cap), EXPLICIT);
        assertTrue(noBreak.contains(", line 1: line longer than the limit of 1048576 bytes"), noBreak);

        CsvFormat small = CsvFormat.builder().user(0).item(1).value(2).maxLineBytes(6).build();
        assertEquals(1, Csv.ratings(write("1,10,4\n"), small).size());
        String tooLong = error("1,10,4\n1,10,40\n", small);
        assertTrue(tooLong.endsWith(", line 2: line longer than the limit of 6 bytes (a missing line break or a wrong "
                + "file?); raise CsvFormat.Builder.maxLineBytes(int) if the lines are meant to be that long; the line "
                + "starts: \"1,10,40\""), tooLong);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.builder().user(0).item(1).value(2).maxLineBytes(0).build());
        assertEquals("maxLineBytes must be >= 1, got 0", e.getMessage());
    }
}
