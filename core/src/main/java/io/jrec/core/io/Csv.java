package io.jrec.core.io;

import io.jrec.core.RatingMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ratings or interaction events from delimited text files (CSV, TSV, ...) described by a
 * {@link CsvFormat}.
 *
 * <pre>{@code
 * RatingMatrix m = Csv.ratings(Path.of("ratings.csv"), CsvFormat.builder().header(true)
 *         .user("userId").item("movieId").value("rating").timestamp("timestamp").build());
 * }</pre>
 *
 * <p>Malformed input gives a {@link DataFormatException} naming the file, the line and the offending
 * text: a line with the wrong number of fields or an unterminated quote, an id or timestamp that is not
 * an integer, a rating or weight that is not a number, not finite, or beyond the {@code float} range, bytes
 * that are not valid in the charset, a header without a named column, or a duplicate pair under
 * {@link io.jrec.core.DuplicatePolicy#REJECT}. In {@link CsvFormat#lenient() lenient} mode malformed
 * lines are skipped, counted in {@link LoadResult#skipped()} and logged (the first few individually, then
 * a summary); problems with the file as a whole (the header, duplicates) still fail.
 *
 * <p>Thread-safe: no shared state.
 *
 * @since 0.1.0
 */
public final class Csv {
    private static final Logger LOG = LoggerFactory.getLogger(Csv.class);
    /** How many skipped lines are logged one by one in lenient mode. */
    private static final int LOGGED_PROBLEMS = 10;

    private Csv() {
    }

    /**
     * The ratings or interactions in {@code file}.
     *
     * @throws DataFormatException if the file is malformed (see the class comment)
     * @throws IOException         if it cannot be read
     */
    public static RatingMatrix ratings(Path file, CsvFormat format) throws IOException {
        return load(file, format).matrix();
    }

    /**
     * The ratings or interactions in {@code file}, with how many lines were read and skipped.
     *
     * @throws DataFormatException if the file is malformed (see the class comment)
     * @throws IOException         if it cannot be read
     */
    public static LoadResult load(Path file, CsvFormat format) throws IOException {
        RatingMatrix.Builder builder = RatingMatrix.builder().duplicates(format.duplicates());
        List<DataFormatException> problems = new ArrayList<>();
        long skipped = 0;
        long lineNumber = 0;
        try (LineReader reader = new LineReader(file, format.charset(), format.maxLineBytes())) {
            int[] columns = null;        // user, item, value (or -1), timestamp (or -1)
            int fieldCount = format.columnCount();
            List<String> fields = new ArrayList<>();
            while (true) {
                String line;
                try {
                    line = reader.readLine();
                } catch (DataFormatException e) {
                    lineNumber = reader.lineNumber();
                    if (!format.lenient() || (format.header() && columns == null)) {
                        throw e;   // strict, or the header itself is unreadable
                    }
                    skipped = skip(e, skipped, problems);
                    continue;
                }
                if (line == null) {
                    break;
                }
                lineNumber = reader.lineNumber();
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);   // byte order mark
                }
                if (line.isBlank()) {
                    continue;
                }
                if (columns == null && format.header()) {
                    if (!split(line, format.separator(), fields)) {
                        throw new DataFormatException(file, lineNumber, line, "unterminated quote in header");
                    }
                    columns = resolveColumns(format, fields, file, lineNumber, line);
                    fieldCount = fieldCount > 0 ? fieldCount : fields.size();
                    checkFieldCount(fields.size(), fieldCount, file, lineNumber, line);
                    continue;
                }
                if (columns == null) {
                    columns = resolveColumns(format, null, file, lineNumber, line);
                }
                try {
                    if (!split(line, format.separator(), fields)) {
                        throw new DataFormatException(file, lineNumber, line, "unterminated quote");
                    }
                    if (fieldCount == 0) {     // the first good line sets the count for the rest
                        checkColumnsExist(columns, fields.size(), file, lineNumber, line);
                        addLine(builder, format, columns, fields, file, lineNumber, line);
                        fieldCount = fields.size();
                    } else {
                        checkFieldCount(fields.size(), fieldCount, file, lineNumber, line);
                        addLine(builder, format, columns, fields, file, lineNumber, line);
                    }
                } catch (DataFormatException e) {
                    if (!format.lenient()) {
                        throw e;
                    }
                    skipped = skip(e, skipped, problems);
                }
            }
        }
        if (skipped > 0) {
            LOG.warn("{}: skipped {} malformed lines of {}", file, skipped, lineNumber);
        }
        RatingMatrix matrix;
        try {
            matrix = builder.build();
        } catch (IllegalArgumentException e) {     // a duplicate under REJECT
            throw new DataFormatException(file, 0, null, e.getMessage(), e);
        }
        LOG.debug("{}: {} ({} lines, {} skipped)", file, matrix, lineNumber, skipped);
        return new LoadResult(matrix, lineNumber, skipped, problems);
    }

    private static void addLine(RatingMatrix.Builder builder, CsvFormat format, int[] columns, List<String> fields,
                                Path file, long lineNumber, String line) throws DataFormatException {
        long user = parseId(fields.get(columns[0]), "user id", file, lineNumber, line);
        long item = parseId(fields.get(columns[1]), "item id", file, lineNumber, line);
        double value;
        String valueName = format.implicit() ? "weight" : "rating";
        if (columns[2] < 0 || (format.implicit() && fields.get(columns[2]).isEmpty())) {
            value = format.defaultWeight();
        } else {
            value = parseNumber(fields.get(columns[2]), valueName, file, lineNumber, line);
        }
        if (columns[3] >= 0) {
            long ts = parseId(fields.get(columns[3]), "timestamp", file, lineNumber, line);
            builder.add(user, item, value, ts);
        } else {
            builder.add(user, item, value);
        }
    }

    /** Records a skipped line in lenient mode; returns the new count. */
    private static long skip(DataFormatException e, long skipped, List<DataFormatException> problems) {
        if (problems.size() < LoadResult.MAX_PROBLEMS) {
            problems.add(e);
        }
        if (skipped < LOGGED_PROBLEMS) {
            LOG.warn("skipping malformed line: {}", e.getMessage());
        }
        return skipped + 1;
    }

    /** Column positions of user, item, value, timestamp (-1 = none), resolving names against the header. */
    private static int[] resolveColumns(CsvFormat format, List<String> header, Path file, long lineNumber,
                                        String line) throws DataFormatException {
        CsvFormat.Column[] wanted = {format.userColumn(), format.itemColumn(), format.valueColumn(),
                format.timestampColumn()};
        int[] columns = new int[wanted.length];
        for (int c = 0; c < wanted.length; c++) {
            CsvFormat.Column col = wanted[c];
            if (col == null) {
                columns[c] = -1;
            } else if (col.name() == null) {
                columns[c] = col.index();
            } else {
                columns[c] = header.indexOf(col.name());
                if (columns[c] < 0) {
                    throw new DataFormatException(file, lineNumber, line, "no column named " + col + " in the header");
                }
                if (header.lastIndexOf(col.name()) != columns[c]) {
                    throw new DataFormatException(file, lineNumber, line, "the header names column " + col
                            + " twice");
                }
            }
        }
        if (header != null) {
            checkColumnsExist(columns, header.size(), file, lineNumber, line);
        }
        return columns;
    }

    private static void checkColumnsExist(int[] columns, int fieldCount, Path file, long lineNumber, String line)
            throws DataFormatException {
        for (int c : columns) {
            if (c >= fieldCount) {
                throw new DataFormatException(file, lineNumber, line, "column " + c + " (0-based) does not exist: "
                        + "the line has " + fieldCount + " fields");
            }
        }
    }

    private static void checkFieldCount(int found, int expected, Path file, long lineNumber, String line)
            throws DataFormatException {
        if (found != expected) {
            throw new DataFormatException(file, lineNumber, line, "expected " + expected + " fields, found " + found);
        }
    }

    /**
     * Splits {@code line} into trimmed fields; a field may be double-quoted (then it may hold the separator
     * and {@code ""} is a quote). Returns false on an unterminated quote.
     */
    static boolean split(String line, char separator, List<String> fields) {
        fields.clear();
        int n = line.length();
        int p = 0;
        while (true) {
            while (p < n && line.charAt(p) == ' ' && separator != ' ') {
                p++;
            }
            if (p < n && line.charAt(p) == '"') {
                StringBuilder sb = new StringBuilder();
                p++;
                while (true) {
                    if (p >= n) {
                        return false;
                    }
                    char c = line.charAt(p++);
                    if (c == '"') {
                        if (p < n && line.charAt(p) == '"') {
                            sb.append('"');
                            p++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                int end = line.indexOf(separator, p);
                if (!line.substring(p, end < 0 ? n : end).isBlank()) {
                    return false;   // text after the closing quote: treated as a broken quote
                }
                fields.add(sb.toString());
                if (end < 0) {
                    return true;
                }
                p = end + 1;
            } else {
                int end = line.indexOf(separator, p);
                fields.add(line.substring(p, end < 0 ? n : end).trim());
                if (end < 0) {
                    return true;
                }
                p = end + 1;
            }
        }
    }

    /** Parses a decimal integer (id or timestamp). */
    static long parseId(String field, String what, Path file, long lineNumber, String line)
            throws DataFormatException {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, lineNumber, line, what + " '" + field + "' is not an integer");
        }
    }

    /**
     * Parses a finite decimal number that fits a {@code float}: digits with an optional sign, point and
     * exponent (not Java's "NaN", "Infinity", hex or "1d" forms).
     */
    static double parseNumber(String field, String what, Path file, long lineNumber, String line)
            throws DataFormatException {
        if (!isDecimal(field)) {
            String bare = field.startsWith("+") || field.startsWith("-") ? field.substring(1) : field;
            boolean nonFinite = bare.equalsIgnoreCase("nan") || bare.equalsIgnoreCase("inf")
                    || bare.equalsIgnoreCase("infinity");
            throw new DataFormatException(file, lineNumber, line, what + " '" + field + "' is "
                    + (field.isEmpty() ? "empty" : nonFinite ? "not finite" : "not a number"));
        }
        double v = Double.parseDouble(field);
        if (!Float.isFinite((float) v)) {
            throw new DataFormatException(file, lineNumber, line, what + " '" + field + "' is beyond the float range");
        }
        return v;
    }

    private static boolean isDecimal(String s) {
        int n = s.length();
        int p = 0;
        if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            p++;
        }
        int digits = 0;
        while (p < n && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            p++;
            digits++;
        }
        if (p < n && s.charAt(p) == '.') {
            p++;
            while (p < n && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                p++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            p++;
            if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                p++;
            }
            int exponent = 0;
            while (p < n && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                p++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return p == n;
    }
}
