package io.jrec.core.io;

import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the loaders with corrupted real-format input: MovieLens {@code u.data} (strict and lenient),
 * a CSV with a header addressed by column names, and {@code u.item}. Each case is a seeded mutation of
 * a valid file (wrong separators, missing or extra columns, huge numbers, NaN/Infinity, negative and
 * overflowing ids, non-UTF-8 bytes, empty files, 10^6-character lines, truncation, byte order marks,
 * random byte noise; lines around and over a configured line cap). An independent reference parser of the documented format says what the file
 * means; the loader must then either fail with a {@link DataFormatException} naming the file and the
 * same line as the reference, or return exactly the reference's matrix. Every case runs under a
 * timeout, and any other throwable (OutOfMemoryError, RuntimeException) fails the test.
 *
 * <p>The per-category counts are printed (see the report of issue 9).
 */
class LoaderFuzzTest {
    /** Mutations per base file; {@code mvn verify} runs 150, {@code -Djrec.fuzz.cases=700} a longer run. */
    private static final int CASES_PER_BASE = Integer.getInteger("jrec.fuzz.cases", 150);
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(20);
    private static final String[] CATEGORIES = {"separator", "missing column", "extra column", "huge number",
            "non-finite", "id range", "non-UTF-8", "empty", "long line", "truncated", "BOM", "noise", "whitespace"};

    @TempDir
    Path dir;

    private String baseName = "u.item";
    private final Map<String, int[]> counts = new TreeMap<>();   // category -> {cases, failed cleanly, parsed}

    // ---------------------------------------------------------------- formats under test

    /** A delimited rating format as the reference understands it. */
    private record Spec(char separator, String[] headerNames, int columnCount, boolean lenient, CsvFormat format) {
    }

    private static final Spec UDATA = new Spec('\t', null, 4, false,
            CsvFormat.builder().separator('\t').columnCount(4).user(0).item(1).value(2).timestamp(3).build());
    private static final Spec UDATA_LENIENT = new Spec('\t', null, 4, true,
            CsvFormat.builder().separator('\t').columnCount(4).user(0).item(1).value(2).timestamp(3)
                    .lenient(true).build());
    private static final Spec HEADER_CSV = new Spec(',', new String[]{"userId", "movieId", "rating", "timestamp"}, 0,
            false, CsvFormat.builder().header(true).user("userId").item("movieId").value("rating")
            .timestamp("timestamp").build());
    /** u.data with a 32-byte line cap (synthetic lines have 15..19 bytes), strict and lenient. */
    private static final Spec UDATA_CAPPED = new Spec('\t', null, 4, false,
            CsvFormat.builder().separator('\t').columnCount(4).user(0).item(1).value(2).timestamp(3)
                    .maxLineBytes(32).build());
    private static final Spec UDATA_CAPPED_LENIENT = new Spec('\t', null, 4, true,
            CsvFormat.builder().separator('\t').columnCount(4).user(0).item(1).value(2).timestamp(3)
                    .maxLineBytes(32).lenient(true).build());

    @Test
    void fuzzedRatingFiles() throws IOException {
        int total = 0;
        total += fuzzRatings("u.data synthetic", uData(new Random(1), 120, '\t'), UDATA, 11, true);
        total += fuzzRatings("u.data synthetic, lenient", uData(new Random(2), 120, '\t'), UDATA_LENIENT, 12, false);
        byte[] csv = ("userId,movieId,rating,timestamp\n" + new String(uData(new Random(3), 120, ','),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        total += fuzzRatings("header CSV", csv, HEADER_CSV, 13, false);
        total += fuzzRatings("u.data, 32-byte line cap", uData(new Random(5), 120, '\t'), UDATA_CAPPED, 15, false);
        total += fuzzRatings("u.data, 32-byte line cap, lenient", uData(new Random(6), 120, '\t'), UDATA_CAPPED_LENIENT,
                16, false);
        Path real = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k")).resolve("u.data");
        if (Files.isRegularFile(real)) {
            total += fuzzRatings("u.data real (first 200 lines)", head(Files.readAllBytes(real), 200), UDATA, 14, false);
        }
        printCounts("rating files", total);
        assertTrue(total >= 3 * CASES_PER_BASE);
    }

    @Test
    void fuzzedItemFiles() throws IOException {
        counts.clear();
        Path real = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k")).resolve("u.item");
        byte[] base = Files.isRegularFile(real) ? head(Files.readAllBytes(real), 150) : uItem(new Random(4), 60);
        Random random = new Random(21);
        int n = 0;
        for (; n < CASES_PER_BASE; n++) {
            String category = category(n, false);
            byte[] content = mutate(base, category, '|', random);
            checkItems(category, content);
        }
        printCounts("u.item", n);
    }

    private int fuzzRatings(String name, byte[] base, Spec spec, long seed, boolean withLongLines) throws IOException {
        baseName = name;
        Random random = new Random(seed);
        checkRatings("whitespace", base, spec);   // the unmutated base must parse
        int n = 1;
        for (int k = 0; k < CASES_PER_BASE; k++, n++) {
            String category = category(k, withLongLines);
            checkRatings(category, mutate(base, category, spec.separator, random), spec);
        }
        int cap = spec.format.maxLineBytes();
        for (int k = 0; cap < CsvFormat.DEFAULT_MAX_LINE_BYTES && k < CASES_PER_BASE / 3; k++, n++) {
            checkRatings("near line cap", nearCap(base, cap, random), spec);
        }
        return n;
    }

    /** The category of case {@code k}: round robin, with 10^6-character lines (1 MB files) rarer unless asked. */
    private static String category(int k, boolean manyLongLines) {
        String category = CATEGORIES[k % CATEGORIES.length];
        if (category.equals("long line") && !manyLongLines && k % (3 * CATEGORIES.length) != 8) {
            return "noise";
        }
        return category;
    }

    // ---------------------------------------------------------------- checking one case

    private void checkRatings(String category, byte[] content, Spec spec) throws IOException {
        Path file = dir.resolve("ratings.txt");
        Files.write(file, content);
        Reference expected = referenceRatings(content, spec);
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            LoadResult result;
            try {
                result = Csv.load(file, spec.format);
            } catch (DataFormatException e) {
                record(category, true);
                String context = baseName + ", " + category + " case, reference " + expected + ", got " + e.getMessage();
                assertEquals(file, e.file(), context);
                assertTrue(expected.errorLine > 0, "loader failed but the reference parses: " + context);
                assertEquals(expected.errorLine, e.line(), context);
                assertTrue(e.getMessage().startsWith(file + ", line " + expected.errorLine + ": "), context);
                assertTrue(e.getMessage().length() < 1000, "message too long: " + e.getMessage().length());
                return;
            }
            record(category, false);
            assertEquals(0, expected.errorLine, () -> baseName + ", " + category + " case parsed but the reference fails at line "
                    + expected.errorLine + ": " + expected.problem);
            assertEquals(expected.skipped, result.skipped(), category);
            assertSameRatings(expected.ratings, result.matrix(), category);
        }, () -> category + " case timed out");
    }

    /** Titles do not look at the genre flags; genres do: each call is checked against its own reference. */
    private void checkItems(String category, byte[] content) throws IOException {
        Path file = dir.resolve("u.item");
        Files.write(file, content);
        ItemReference titlesExpected = referenceItems(content, false);
        ItemReference genresExpected = referenceItems(content, true);
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            boolean failed = false;
            try {
                Map<Long, String> titles = MovieLens.titles(file);
                assertEquals(0, titlesExpected.errorLine, category + " case parsed but the reference fails");
                assertEquals(new ArrayList<>(titlesExpected.titles.entrySet()), new ArrayList<>(titles.entrySet()),
                        category);
            } catch (DataFormatException e) {
                failed = true;
                assertItemError(titlesExpected, e, file, category);
            }
            try {
                ItemFeatures genres = MovieLens.genres(file);
                assertEquals(0, genresExpected.errorLine, category + " case parsed but the reference fails");
                for (Map.Entry<Long, Set<String>> e : genresExpected.genres.entrySet()) {
                    SparseVector v = genres.featuresOf(e.getKey());
                    Set<String> got = new TreeSet<>();
                    for (int k = 0; k < v.size(); k++) {
                        got.add(genres.featureName(v.index(k)));
                    }
                    assertEquals(e.getValue(), got, category + " genres of movie " + e.getKey());
                }
            } catch (DataFormatException e) {
                failed = true;
                assertItemError(genresExpected, e, file, category);
            }
            record(category, failed);
        }, () -> category + " case timed out");
    }

    private static void assertItemError(ItemReference expected, DataFormatException e, Path file, String category) {
        String context = category + " case, reference line " + expected.errorLine + " (" + expected.problem
                + "), got " + e.getMessage();
        assertEquals(file, e.file(), context);
        assertEquals(expected.errorLine, e.line(), context);
    }

    private void record(String category, boolean failed) {
        int[] c = counts.computeIfAbsent(category, x -> new int[3]);
        c[0]++;
        c[failed ? 1 : 2]++;
    }

    private void printCounts(String what, int total) {
        int failed = 0;
        int parsed = 0;
        StringBuilder sb = new StringBuilder("Loader fuzz (" + what + "): " + total + " cases\n");
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            sb.append(String.format("  %-15s %5d cases: %5d DataFormatException at the reference line, "
                    + "%5d parsed == reference%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]));
            failed += e.getValue()[1];
            parsed += e.getValue()[2];
        }
        assertEquals(total, failed + parsed);
        System.out.print(sb);
    }

    private static void assertSameRatings(Map<Long, Map<Long, Cell>> expected, RatingMatrix m, String category) {
        int size = 0;
        Set<Long> items = new TreeSet<>();
        for (Map.Entry<Long, Map<Long, Cell>> row : expected.entrySet()) {
            int u = m.users().indexOf(row.getKey());
            assertTrue(u >= 0, category + ": user " + row.getKey() + " missing");
            assertEquals(row.getValue().size(), m.userRatingCount(u), category + ": row of user " + row.getKey());
            for (Map.Entry<Long, Cell> cell : row.getValue().entrySet()) {
                int i = m.items().indexOf(cell.getKey());
                assertTrue(i >= 0, category + ": item " + cell.getKey() + " missing");
                int position = m.byUser().position(u, i);
                assertTrue(position >= 0, category + ": rating (" + row.getKey() + ", " + cell.getKey() + ") missing");
                assertEquals(cell.getValue().value(), m.byUser().value(position), category);
                assertEquals(cell.getValue().time(), m.byUser().timestamp(position), category);
                items.add(cell.getKey());
                size++;
            }
        }
        assertEquals(size, m.size(), category);
        assertEquals(expected.size(), m.userCount(), category);
        assertEquals(items.size(), m.itemCount(), category);
    }

    // ---------------------------------------------------------------- the reference parsers

    /** What a file means: an error at a line (strict), or ratings user -> item -> {value, timestamp}. */
    private record Reference(long errorLine, String problem, long skipped, Map<Long, Map<Long, Cell>> ratings) {
        @Override
        public String toString() {
            return errorLine > 0 ? "error at line " + errorLine + " (" + problem + ")" : "ok, skipped " + skipped;
        }
    }

    private static final class LineError extends Exception {
        LineError(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * The documented format: lines end at LF (a CR before it dropped), each decoded strictly as UTF-8; a
     * BOM opens line 1; blank lines are skipped; fields are trimmed or double-quoted; every line has the
     * field count of {@code columnCount} (or of the first good line); ids and timestamps are Java longs;
     * ratings are plain decimals finite as floats; repeated pairs keep the last. Lenient mode skips bad
     * lines, except an unreadable header.
     */
    private static Reference referenceRatings(byte[] content, Spec spec) {
        Map<Long, Map<Long, Cell>> ratings = new HashMap<>();
        List<byte[]> lines = splitLines(content);
        int[] columns = null;
        int fieldCount = spec.columnCount;
        long skipped = 0;
        for (int l = 0; l < lines.size(); l++) {
            long lineNumber = l + 1;
            try {
                String line;
                if (lines.get(l).length > spec.format.maxLineBytes()) {
                    if (spec.lenient && !(spec.headerNames != null && columns == null)) {
                        throw new LineError("line length");   // skippable, except an overlong header
                    }
                    return new Reference(lineNumber, "line length", 0, null);
                }
                try {
                    line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(lines.get(l)))
                            .toString();
                } catch (CharacterCodingException e) {
                    if (spec.lenient && !(spec.headerNames != null && columns == null)) {
                        throw new LineError("encoding");   // skippable, except an unreadable header
                    }
                    return new Reference(lineNumber, "encoding", 0, null);
                }
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = referenceSplit(line, spec.separator);
                if (columns == null && spec.headerNames != null) {
                    if (fields == null) {
                        return new Reference(lineNumber, "header quote", 0, null);
                    }
                    columns = new int[4];
                    for (int c = 0; c < 4; c++) {
                        columns[c] = fields.indexOf(spec.headerNames[c]);
                        if (columns[c] < 0 || fields.lastIndexOf(spec.headerNames[c]) != columns[c]) {
                            return new Reference(lineNumber, "header names", 0, null);
                        }
                    }
                    fieldCount = fieldCount > 0 ? fieldCount : fields.size();
                    if (fields.size() != fieldCount) {
                        return new Reference(lineNumber, "header field count", 0, null);
                    }
                    continue;
                }
                if (columns == null) {
                    columns = new int[]{0, 1, 2, 3};
                }
                if (fields == null) {
                    throw new LineError("quote");
                }
                boolean first = fieldCount == 0;     // the first good line sets the field count
                if (first && fields.size() < 4) {
                    throw new LineError("columns missing");
                }
                if (!first && fields.size() != fieldCount) {
                    throw new LineError("field count " + fields.size());
                }
                long user = referenceLong(fields.get(columns[0]));
                long item = referenceLong(fields.get(columns[1]));
                float value = referenceRating(fields.get(columns[2]));
                long time = referenceLong(fields.get(columns[3]));
                ratings.computeIfAbsent(user, x -> new HashMap<>()).put(item, new Cell(value, time));
                if (first) {
                    fieldCount = fields.size();
                }
            } catch (LineError e) {
                if (!spec.lenient) {
                    return new Reference(lineNumber, e.getMessage(), 0, null);
                }
                skipped++;
            }
        }
        return new Reference(0, null, skipped, ratings);
    }

    /** One rating as the reference reads it. */
    private record Cell(float value, long time) {
    }

    private static List<byte[]> splitLines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int p = 0; p <= content.length; p++) {
            if (p == content.length || content[p] == '\n') {
                if (p == content.length && start == p) {
                    break;
                }
                int end = p > start && content[p - 1] == '\r' ? p - 1 : p;
                lines.add(Arrays.copyOfRange(content, start, end));
                start = p + 1;
            }
        }
        return lines;
    }

    /** Fields trimmed of chars <= ' ', or a quoted field; null for a broken quote. */
    private static List<String> referenceSplit(String line, char separator) {
        List<String> fields = new ArrayList<>();
        int p = 0;
        while (true) {
            int q = p;
            while (q < line.length() && line.charAt(q) == ' ' && separator != ' ') {
                q++;
            }
            if (q < line.length() && line.charAt(q) == '"') {
                StringBuilder sb = new StringBuilder();
                int r = q + 1;
                while (true) {
                    if (r >= line.length()) {
                        return null;
                    }
                    if (line.startsWith("\"\"", r)) {
                        sb.append('"');
                        r += 2;
                    } else if (line.charAt(r) == '"') {
                        r++;
                        break;
                    } else {
                        sb.append(line.charAt(r++));
                    }
                }
                int end = line.indexOf(separator, r);
                String rest = end < 0 ? line.substring(r) : line.substring(r, end);
                if (!rest.isBlank()) {
                    return null;
                }
                fields.add(sb.toString());
                if (end < 0) {
                    return fields;
                }
                p = end + 1;
            } else {
                int end = line.indexOf(separator, p);
                fields.add((end < 0 ? line.substring(p) : line.substring(p, end)).trim());
                if (end < 0) {
                    return fields;
                }
                p = end + 1;
            }
        }
    }

    private static long referenceLong(String s) throws LineError {
        if (!s.matches("[+-]?[0-9]+")) {
            throw new LineError("not an integer: " + s);
        }
        String digits = s.replaceFirst("^[+-]?0*", "");
        if (digits.length() > 19) {
            throw new LineError("integer overflow: " + s);
        }
        try {
            return new java.math.BigInteger(s).longValueExact();
        } catch (ArithmeticException e) {
            throw new LineError("integer overflow: " + s);
        }
    }

    private static float referenceRating(String s) throws LineError {
        if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            throw new LineError("not a decimal: " + s);
        }
        float f = (float) Double.parseDouble(s);   // documented: read as a double, stored as a float
        if (Float.isInfinite(f)) {
            throw new LineError("beyond float: " + s);
        }
        return f;
    }

    private record ItemReference(long errorLine, String problem, Map<Long, String> titles, Map<Long, Set<String>> genres) {
    }

    /** u.item: ISO-8859-1, '|'-separated, at least 24 fields, ids unique; with checkFlags the last 19 are 0 or 1. */
    private static ItemReference referenceItems(byte[] content, boolean checkFlags) {
        Map<Long, String> titles = new LinkedHashMap<>();
        Map<Long, Set<String>> genres = new HashMap<>();
        List<byte[]> lines = splitLines(content);
        for (int l = 0; l < lines.size(); l++) {
            String line = new String(lines.get(l), StandardCharsets.ISO_8859_1);
            if (line.length() <= CsvFormat.DEFAULT_MAX_LINE_BYTES && line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            try {
                if (line.length() > CsvFormat.DEFAULT_MAX_LINE_BYTES) {
                    throw new LineError("line length");
                }
                if (fields.length < 24) {
                    throw new LineError("fields");
                }
                long id = referenceLong(fields[0].trim());
                if (titles.containsKey(id)) {
                    throw new LineError("repeated id");
                }
                Set<String> set = new TreeSet<>();
                for (int g = 0; g < 19; g++) {
                    String flag = fields[fields.length - 19 + g];
                    if (flag.equals("1")) {
                        set.add("genre=" + MovieLens.GENRES.get(g));
                    } else if (checkFlags && !flag.equals("0")) {
                        throw new LineError("flag");
                    }
                }
                titles.put(id, fields[1]);
                genres.put(id, set);
            } catch (LineError e) {
                return new ItemReference(l + 1, e.getMessage() + ": " + line, null, null);
            }
        }
        return new ItemReference(0, null, titles, genres);
    }

    // ---------------------------------------------------------------- base files and mutations

    /** A u.data-like file: user, item, rating 1..5, unix seconds; some repeated pairs. */
    private static byte[] uData(Random random, int lines, char separator) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < lines; k++) {
            sb.append(1 + random.nextInt(40)).append(separator).append(1 + random.nextInt(70)).append(separator)
                    .append(1 + random.nextInt(5)).append(separator).append(874_000_000 + random.nextInt(20_000_000))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A u.item-like file: id|title|date||url|19 flags. */
    private static byte[] uItem(Random random, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int id = 1; id <= lines; id++) {
            sb.append(id).append("|Movie ").append(id).append(" (199").append(id % 10).append(")|01-Jan-1995||http://x/")
                    .append(id);
            for (int g = 0; g < 19; g++) {
                sb.append('|').append(random.nextInt(5) == 0 ? 1 : 0);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code base} with one to three lines padded with spaces inside the first field (which the loader
     * trims) to between {@code cap - 2} and {@code cap + 2} bytes, some ending in CRLF.
     */
    private static byte[] nearCap(byte[] base, int cap, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(base, StandardCharsets.UTF_8).split("\n", -1)));
        for (int c = 1 + random.nextInt(3); c > 0; c--) {
            int l = random.nextInt(lines.size() - 1);
            String line = lines.get(l);
            int target = cap - 2 + random.nextInt(5);
            String padded = " ".repeat(Math.max(0, target - line.length())) + line;
            lines.set(l, random.nextBoolean() ? padded + "\r" : padded);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] head(byte[] content, int lines) {
        int p = 0;
        for (int l = 0; l < lines && p < content.length; p++) {
            if (content[p] == '\n') {
                l++;
            }
        }
        return Arrays.copyOf(content, p);
    }

    private static final String[] HUGE = {"99999999999999999999999999", "1e39", "-1e39", "1e308", "1e-50",
            "340282356779733661637539395458142568448", "3.4028235e38", "0.0000000000000000000000000000000000000000000001"};
    private static final String[] NON_FINITE = {"NaN", "nan", "Infinity", "-Infinity", "+Inf", "inf", "1/0", "NaN1",
            "0x1p3", "1d", "1f", "∞"};
    private static final String[] ID_RANGE = {"-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "0", "+5", "--5", "0x10", "1_000", "1.0", "1e3", "007"};
    private static final byte[][] BAD_BYTES = {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
            "é".getBytes(StandardCharsets.UTF_8), "\u00A0".getBytes(StandardCharsets.UTF_8),
            "中".getBytes(StandardCharsets.UTF_8), {(byte) 0xE9}};

    private static final String NOISE = " \t\r\n\"0-.e,;|";

    /** A copy of {@code base} corrupted in the way {@code category} names. */
    private static byte[] mutate(byte[] base, String category, char separator, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(base, StandardCharsets.ISO_8859_1).split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int l = random.nextInt(lines.size());
        String[] fields = lines.get(l).split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        int f = random.nextInt(fields.length);
        switch (category) {
            case "separator" -> {
                String[] seps = {",", ";", " ", "|", "\t", "\t\t", ", ", ":"};
                lines.set(l, String.join(seps[random.nextInt(seps.length)], fields));
            }
            case "missing column" -> {
                List<String> less = new ArrayList<>(Arrays.asList(fields));
                less.remove(f);
                lines.set(l, String.join(String.valueOf(separator), less));
                if (random.nextInt(4) == 0) {   // sometimes every line
                    return join(dropColumnEverywhere(lines, separator, f));
                }
            }
            case "extra column" -> {
                List<String> more = new ArrayList<>(Arrays.asList(fields));
                String[] extra = {"", "1", "x", "4.5", "\"a,b\"", "874965758"};
                more.add(random.nextInt(more.size() + 1), extra[random.nextInt(extra.length)]);
                lines.set(l, String.join(String.valueOf(separator), more));
            }
            case "huge number" -> {
                fields[f] = HUGE[random.nextInt(HUGE.length)];
                lines.set(l, String.join(String.valueOf(separator), fields));
            }
            case "non-finite" -> {
                fields[f] = NON_FINITE[random.nextInt(NON_FINITE.length)];
                lines.set(l, String.join(String.valueOf(separator), fields));
            }
            case "id range" -> {
                fields[f] = ID_RANGE[random.nextInt(ID_RANGE.length)];
                lines.set(l, String.join(String.valueOf(separator), fields));
            }
            case "non-UTF-8" -> {
                byte[] joined = join(lines);
                byte[] bad = BAD_BYTES[random.nextInt(BAD_BYTES.length)];
                return insert(joined, random.nextInt(joined.length + 1), bad);
            }
            case "empty" -> {
                String[] empties = {"", "\n", "\n\n\n", "   \n\t\n", "\r\n", "\uFEFF", "\uFEFF\n"};
                String e = empties[random.nextInt(empties.length)];
                return random.nextBoolean() ? e.getBytes(StandardCharsets.UTF_8)
                        : concat(e.getBytes(StandardCharsets.UTF_8), join(lines.subList(0, 1 + random.nextInt(3))));
            }
            case "long line" -> {
                String[] kinds = {"digits", "junk", "separators", "rating", "over cap"};
                String kind = kinds[random.nextInt(kinds.length)];
                String filler = switch (kind) {
                    case "digits" -> "7".repeat(1_000_000);
                    case "junk" -> "x".repeat(1_000_000);
                    case "separators" -> String.valueOf(separator).repeat(1_000_000);
                    case "over cap" -> "x".repeat(CsvFormat.DEFAULT_MAX_LINE_BYTES + 1 + random.nextInt(3));
                    default -> "3." + "0".repeat(999_998);
                };
                if (kind.equals("rating") && fields.length >= 3) {
                    fields[2] = filler;
                    lines.set(l, String.join(String.valueOf(separator), fields));
                } else {
                    lines.set(l, filler);
                }
            }
            case "truncated" -> {
                byte[] joined = join(lines);
                return Arrays.copyOf(joined, random.nextInt(joined.length + 1));
            }
            case "BOM" -> {
                byte[] bom = "\uFEFF".getBytes(StandardCharsets.UTF_8);
                byte[] joined = join(lines);
                return switch (random.nextInt(4)) {
                    case 0 -> concat(bom, joined);                         // fine
                    case 1 -> concat(concat(bom, bom), joined);            // second one is content
                    case 2 -> insert(joined, lineStart(joined, l), bom);   // BOM in the middle
                    default -> concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, joined);  // UTF-16 BOM
                };
            }
            case "noise" -> {
                byte[] joined = join(lines);
                for (int k = 1 + random.nextInt(3); k > 0 && joined.length > 0; k--) {
                    int p = random.nextInt(joined.length);
                    switch (random.nextInt(5)) {
                        case 0 -> joined[p] ^= (byte) (1 << random.nextInt(8));
                        case 1 -> joined = remove(joined, p);
                        case 2 -> joined = insert(joined, p, new byte[]{(byte) NOISE.charAt(random.nextInt(NOISE.length()))});
                        case 3 -> joined[p] = (byte) random.nextInt(128);
                        default -> joined = insert(joined, p, Arrays.copyOfRange(joined, p,
                                Math.min(joined.length, p + random.nextInt(40))));
                    }
                }
                return joined;
            }
            case "whitespace" -> {
                String[] pads = {" ", "  ", "\r", "\t"};
                String pad = pads[random.nextInt(pads.length)];
                fields[f] = random.nextBoolean() ? pad + fields[f] : fields[f] + pad;
                lines.set(l, String.join(String.valueOf(separator), fields));
                if (random.nextBoolean()) {
                    lines.add(random.nextInt(lines.size() + 1), random.nextBoolean() ? "" : " \t ");
                }
            }
            default -> throw new AssertionError(category);
        }
        return join(lines);
    }

    private static List<String> dropColumnEverywhere(List<String> lines, char separator, int f) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> fields = new ArrayList<>(Arrays.asList(
                    line.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1)));
            if (f < fields.size()) {
                fields.remove(f);
            }
            out.add(String.join(String.valueOf(separator), fields));
        }
        return out;
    }

    private static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int lineStart(byte[] content, int line) {
        int p = 0;
        for (int l = 0; l < line && p < content.length; p++) {
            if (content[p] == '\n') {
                l++;
            }
        }
        return p;
    }

    private static byte[] insert(byte[] a, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + what.length);
        out.write(a, 0, at);
        out.write(what, 0, what.length);
        out.write(a, at, a.length - at);
        return out.toByteArray();
    }

    private static byte[] remove(byte[] a, int at) {
        byte[] out = new byte[a.length - 1];
        System.arraycopy(a, 0, out, 0, at);
        System.arraycopy(a, at + 1, out, at, a.length - at - 1);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void referenceAgreesWithHandWrittenCases() {
        // the oracle itself: "1\t2\t3\t4" is fine; a comma line fails at its line; NaN fails; lenient skips
        assertEquals(0, referenceRatings("1\t2\t3\t4\n".getBytes(StandardCharsets.UTF_8), UDATA).errorLine);
        assertEquals(2, referenceRatings("1\t2\t3\t4\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8), UDATA).errorLine);
        assertEquals(1, referenceRatings("1\t2\tNaN\t4\n".getBytes(StandardCharsets.UTF_8), UDATA).errorLine);
        assertEquals(1, referenceRatings("1\t2\tNaN\t4\n1\t2\t3\t4".getBytes(StandardCharsets.UTF_8), UDATA_LENIENT)
                .skipped);
        assertEquals(3f, referenceRatings("\uFEFF1\t2\t 3 \t4\r\n".getBytes(StandardCharsets.UTF_8), UDATA)
                .ratings.get(1L).get(2L).value());
    }
}
