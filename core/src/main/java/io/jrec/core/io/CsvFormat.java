package io.jrec.core.io;

import io.jrec.core.DuplicatePolicy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How {@link Csv} reads a delimited text file of ratings or interaction events. Immutable.
 *
 * <pre>{@code
 * // explicit ratings with a header: userId,movieId,rating,timestamp
 * CsvFormat ratings = CsvFormat.builder().header(true)
 *         .user("userId").item("movieId").value("rating").timestamp("timestamp").build();
 * // implicit events without header: customer;product[;weight] -- missing weight counts 1, repeats add up
 * CsvFormat events = CsvFormat.builder().separator(';').user(0).item(1).value(2).implicit().build();
 * }</pre>
 *
 * <p>Columns are given by 0-based position or, when the file has a header line, by name. Every line
 * must have as many fields as {@link Builder#columnCount(int)} says, or else as the header, or else as
 * the first well-formed data line.
 * Fields are trimmed; a field may be enclosed in double quotes (then it may contain the separator, and
 * {@code ""} stands for one quote). Blank lines are ignored. Ids and timestamps are integers (a
 * timestamp in any unit, e.g. unix seconds); ratings and weights are decimal numbers and must be finite.
 *
 * <p>Two kinds of data:
 * <ul>
 *   <li><b>explicit</b> (the default): every line has a rating in the {@link Builder#value} column;
 *       repeated (user, item) pairs keep the last rating ({@link DuplicatePolicy#LAST}).</li>
 *   <li><b>{@link Builder#implicit() implicit}</b> events: the value column is an optional weight; a line
 *       without one (no such column, or an empty field) weighs {@link Builder#defaultWeight} (1); repeated
 *       pairs add up ({@link DuplicatePolicy#SUM}).</li>
 * </ul>
 * {@link Builder#duplicates} overrides the duplicate policy. {@link Builder#lenient(boolean) Lenient}
 * mode skips malformed lines, counts them and logs them, instead of failing on the first.
 *
 * @since 0.1.0
 */
public final class CsvFormat {
    /** The default cap on the length of a line, in bytes (1 MiB): see {@link Builder#maxLineBytes(int)}. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final char separator;
    private final boolean header;
    private final Column user;
    private final Column item;
    private final Column value;
    private final Column timestamp;
    private final boolean implicit;
    private final double defaultWeight;
    private final DuplicatePolicy duplicates;
    private final boolean lenient;
    private final Charset charset;
    private final int columnCount;
    private final int maxLineBytes;

    /** A column by 0-based position ({@code index >= 0}) or by header name. */
    record Column(int index, String name) {
        static Column at(int index) {
            return new Column(index, null);
        }

        static Column named(String name) {
            return new Column(-1, name);
        }

        @Override
        public String toString() {
            return name != null ? "'" + name + "'" : Integer.toString(index);
        }
    }

    private CsvFormat(Builder b) {
        this.separator = b.separator;
        this.header = b.header;
        this.user = b.user;
        this.item = b.item;
        this.value = b.value;
        this.timestamp = b.timestamp;
        this.implicit = b.implicit;
        this.defaultWeight = b.defaultWeight;
        this.duplicates = b.duplicates != null ? b.duplicates
                : implicit ? DuplicatePolicy.SUM : DuplicatePolicy.LAST;
        this.lenient = b.lenient;
        this.charset = b.charset;
        this.columnCount = b.columnCount;
        this.maxLineBytes = b.maxLineBytes;
    }

    /** A builder with the defaults: comma, no header, explicit ratings, strict, UTF-8. */
    public static Builder builder() {
        return new Builder();
    }

    /** The field separator. */
    public char separator() {
        return separator;
    }

    /** Whether the first line is a header. */
    public boolean header() {
        return header;
    }

    /** Whether lines are implicit events (optional weight) rather than explicit ratings. */
    public boolean implicit() {
        return implicit;
    }

    /** The weight of an implicit event without a weight field. */
    public double defaultWeight() {
        return defaultWeight;
    }

    /** How repeated (user, item) pairs are combined. */
    public DuplicatePolicy duplicates() {
        return duplicates;
    }

    /** Whether malformed lines are skipped (and counted and logged) instead of failing. */
    public boolean lenient() {
        return lenient;
    }

    /** The character encoding of the file. */
    public Charset charset() {
        return charset;
    }

    /** The required number of fields per line, or 0 for "as the header or the first well-formed line". */
    public int columnCount() {
        return columnCount;
    }

    /** The longest line accepted, in bytes without the line terminator. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Whether a timestamp column is configured. */
    public boolean hasTimestamp() {
        return timestamp != null;
    }

    Column userColumn() {
        return user;
    }

    Column itemColumn() {
        return item;
    }

    Column valueColumn() {
        return value;
    }

    Column timestampColumn() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "CsvFormat[separator='" + (separator == '\t' ? "\\t" : String.valueOf(separator)) + "', header="
                + header + ", user=" + user + ", item=" + item + ", value=" + value + ", timestamp=" + timestamp
                + (implicit ? ", implicit, defaultWeight=" + defaultWeight : ", explicit")
                + ", duplicates=" + duplicates + (lenient ? ", lenient" : "") + ", charset=" + charset + "]";
    }

    /** Builds a {@link CsvFormat}; settings are checked at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private char separator = ',';
        private boolean header;
        private Column user;
        private Column item;
        private Column value;
        private Column timestamp;
        private boolean implicit;
        private double defaultWeight = 1.0;
        private DuplicatePolicy duplicates;
        private boolean lenient;
        private Charset charset = StandardCharsets.UTF_8;
        private int columnCount;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;

        private Builder() {
        }

        /** The field separator (default {@code ','}); not a quote, CR or LF. */
        public Builder separator(char separator) {
            this.separator = separator;
            return this;
        }

        /** Whether the first line is a header naming the columns (default false). */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** The user id column by 0-based position (required, by position or name). */
        public Builder user(int column) {
            this.user = Column.at(column);
            return this;
        }

        /** The user id column by header name. */
        public Builder user(String column) {
            this.user = Column.named(column);
            return this;
        }

        /** The item id column by 0-based position (required, by position or name). */
        public Builder item(int column) {
            this.item = Column.at(column);
            return this;
        }

        /** The item id column by header name. */
        public Builder item(String column) {
            this.item = Column.named(column);
            return this;
        }

        /** The rating (explicit; required) or weight (implicit; optional) column by 0-based position. */
        public Builder value(int column) {
            this.value = Column.at(column);
            return this;
        }

        /** The rating or weight column by header name. */
        public Builder value(String column) {
            this.value = Column.named(column);
            return this;
        }

        /** The optional timestamp column (integers, e.g. unix seconds) by 0-based position. */
        public Builder timestamp(int column) {
            this.timestamp = Column.at(column);
            return this;
        }

        /** The optional timestamp column by header name. */
        public Builder timestamp(String column) {
            this.timestamp = Column.named(column);
            return this;
        }

        /** Lines are implicit events with an optional weight; duplicates default to {@link DuplicatePolicy#SUM}. */
        public Builder implicit() {
            this.implicit = true;
            return this;
        }

        /** The weight of an implicit event without a weight (default 1); finite. */
        public Builder defaultWeight(double weight) {
            this.defaultWeight = weight;
            return this;
        }

        /** How repeated pairs are combined (default LAST for explicit ratings, SUM for implicit events). */
        public Builder duplicates(DuplicatePolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("duplicate policy must not be null");
            }
            this.duplicates = policy;
            return this;
        }

        /** Whether malformed lines are skipped, counted and logged instead of failing (default false). */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        /**
         * The character encoding (default UTF-8); it must be ASCII-compatible (UTF-8, ISO-8859-1,
         * windows-1252, ...; not UTF-16). Bytes that are not valid in it are a format error.
         */
        public Builder charset(Charset charset) {
            if (charset == null || !LineReader.asciiCompatible(charset)) {
                throw new IllegalArgumentException("charset must be ASCII-compatible (e.g. UTF-8, ISO-8859-1), got "
                        + charset);
            }
            this.charset = charset;
            return this;
        }

        /**
         * The exact number of fields every line must have; 0 (default) means as many as the header or, without
         * one, as the first well-formed data line.
         */
        public Builder columnCount(int count) {
            this.columnCount = count;
            return this;
        }

        /**
         * The longest line accepted, in bytes without the line terminator ({@code >= 1}, default
         * {@link CsvFormat#DEFAULT_MAX_LINE_BYTES} = 1 MiB; for ASCII text bytes are characters). A longer line is
         * a {@link DataFormatException} naming the file, the line and this limit (skipped in lenient
         * mode), found without holding more than the limit in memory.
         */
        public Builder maxLineBytes(int bytes) {
            this.maxLineBytes = bytes;
            return this;
        }

        /**
         * The format.
         *
         * @throws IllegalArgumentException naming the setting when user or item column is missing, an
         *                                  explicit format has no value column, a column is negative, named
         *                                  without a header or used twice, the separator is a quote, CR or
         *                                  LF, the default weight is not finite, or the column count is
         *                                  negative or too small for a column
         */
        public CsvFormat build() {
            if (separator == '"' || separator == '\n' || separator == '\r') {
                throw new IllegalArgumentException("separator must not be a double quote, CR or LF");
            }
            if (user == null || item == null) {
                throw new IllegalArgumentException("user and item columns are required; set user(...) and item(...)");
            }
            if (value == null && !implicit) {
                throw new IllegalArgumentException("explicit ratings need a value column; set value(...) "
                        + "or use implicit() for events without ratings");
            }
            if (!Double.isFinite(defaultWeight)) {
                throw new IllegalArgumentException("defaultWeight must be finite, got " + defaultWeight);
            }
            if (maxLineBytes < 1) {
                throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
            }
            if (columnCount < 0) {
                throw new IllegalArgumentException("columnCount must be >= 0 (0 = as the first line), got "
                        + columnCount);
            }
            Column[] columns = {user, item, value, timestamp};
            String[] names = {"user", "item", "value", "timestamp"};
            for (int c = 0; c < columns.length; c++) {
                Column col = columns[c];
                if (col == null) {
                    continue;
                }
                if (col.name() == null && col.index() < 0) {
                    throw new IllegalArgumentException(names[c] + " column must be >= 0 (0-based), got " + col.index());
                }
                if (col.name() != null && (col.name().isEmpty() || !header)) {
                    throw new IllegalArgumentException(names[c] + " column is named " + col
                            + "; naming columns needs header(true) and a non-empty name");
                }
                if (columnCount > 0 && col.index() >= columnCount) {
                    throw new IllegalArgumentException(names[c] + " column " + col.index()
                            + " does not exist with columnCount " + columnCount);
                }
                for (int d = 0; d < c; d++) {
                    if (col.equals(columns[d])) {
                        throw new IllegalArgumentException(names[d] + " and " + names[c] + " are both column " + col);
                    }
                }
            }
            return new CsvFormat(this);
        }
    }
}
