package io.jrec.cli;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.Csv;
import io.jrec.core.io.CsvFormat;
import io.jrec.core.io.DataFormatException;
import io.jrec.core.io.MovieLens;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the tool reads rating and event files: {@code --format}, {@code --implicit} and the CSV column
 * options, shared by {@code fit}, {@code evaluate} and {@code tune}.
 *
 * <p>{@code movielens} is the {@code u.data} layout ({@code user TAB item TAB rating TAB timestamp}, no
 * header). {@code csv} reads a delimited file: the separator is the first of tab, semicolon or comma found
 * in the first line; columns are 0-based positions or header names (a name means the file has a header,
 * and a first line whose user field is not an integer is taken as a header); defaults are user 0, item 1,
 * rating 2 and no timestamp. Without {@code --format}, a file whose first line contains a tab is read as
 * {@code movielens} when no column option is given, otherwise as {@code csv}. With {@code --implicit}
 * lines are events: the rating column is an optional weight (1 when absent) and repeated pairs add up.
 *
 * <p>Malformed files raise the loader's {@link DataFormatException}, which names the file and line; so
 * does a file without a single rating or event.
 */
final class DataOptions {
    /** The file layouts {@code --format} accepts (lower-case: picocli shows these names in its messages). */
    enum Format {
        movielens, csv
    }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "movielens (u.data: user TAB item TAB rating TAB timestamp) or csv; default: movielens"
                    + " for tab-separated files without column options, else csv")
    Format format;

    @Option(names = "--implicit", description = "events, not ratings: the rating column is an optional weight"
            + " (default 1) and repeated (user, item) pairs add up")
    boolean implicit;

    @Option(names = "--user", paramLabel = "COL", description = "csv: user id column, 0-based position or header"
            + " name (default 0)")
    String user;

    @Option(names = "--item", paramLabel = "COL", description = "csv: item id column (default 1)")
    String item;

    @Option(names = "--rating", paramLabel = "COL", description = "csv: rating column, or weight with --implicit"
            + " (default 2; with --implicit none)")
    String rating;

    @Option(names = "--timestamp", paramLabel = "COL", description = "csv: integer timestamp column (default none)")
    String timestamp;

    /**
     * The ratings of {@code file}.
     *
     * @throws CommandLine.ParameterException for contradictory options (bad usage)
     * @throws DataFormatException            for a malformed or empty file
     * @throws IOException                    if it cannot be read
     */
    RatingMatrix load(CommandLine cli, Path file) throws IOException {
        RatingMatrix m = read(cli, file);
        if (m.isEmpty()) {
            throw new DataFormatException(file, 0, null, "no " + (implicit ? "events" : "ratings") + " in the file");
        }
        return m;
    }

    private RatingMatrix read(CommandLine cli, Path file) throws IOException {
        String first = firstLine(file);
        boolean columns = user != null || item != null || rating != null || timestamp != null;
        Format f = format != null ? format : first.indexOf('\t') >= 0 && !columns ? Format.movielens : Format.csv;
        if (f == Format.movielens) {
            if (columns) {
                throw new CommandLine.ParameterException(cli, "--user, --item, --rating and --timestamp apply to"
                        + " --format csv; movielens files are user TAB item TAB rating TAB timestamp");
            }
            return implicit ? Csv.ratings(file, CsvFormat.builder().separator('\t').columnCount(4).user(0).item(1)
                    .value(2).timestamp(3).implicit().build()) : MovieLens.ratings(file);
        }
        return Csv.ratings(file, csvFormat(cli, first));
    }

    private CsvFormat csvFormat(CommandLine cli, String first) {
        char separator = first.indexOf('\t') >= 0 ? '\t' : first.indexOf(';') >= 0 ? ';' : ',';
        String u = user == null ? "0" : user;
        boolean header = !isIndex(u) || !isIndex(item) || !isIndex(rating) || !isIndex(timestamp);
        if (!header && !first.isEmpty()) {
            String[] fields = first.split(separator == '\t' ? "\t" : String.valueOf(separator), -1);
            int column = Integer.parseInt(u.trim());
            header = column < fields.length && !isLong(unquote(fields[column]));
        }
        CsvFormat.Builder b = CsvFormat.builder().separator(separator).header(header);
        column(u, b::user, b::user);
        column(item == null ? "1" : item, b::item, b::item);
        String value = rating != null ? rating : implicit ? null : "2";
        if (value != null) {
            column(value, b::value, b::value);
        }
        if (timestamp != null) {
            column(timestamp, b::timestamp, b::timestamp);
        }
        if (implicit) {
            b.implicit();
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "bad column options: " + e.getMessage());
        }
    }

    private static void column(String col, java.util.function.IntConsumer byIndex,
                               java.util.function.Consumer<String> byName) {
        if (isIndex(col)) {
            byIndex.accept(Integer.parseInt(col.trim()));
        } else {
            byName.accept(col.trim());
        }
    }

    private static boolean isIndex(String col) {
        return col == null || col.trim().matches("\\d{1,9}");
    }

    private static boolean isLong(String text) {
        try {
            Long.parseLong(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String unquote(String field) {
        String f = field.trim();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
    }

    /** The first non-blank line of the file (without a byte-order mark), or "" for an empty file. */
    private static String firstLine(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    return line.startsWith("\u00EF\u00BB\u00BF") ? line.substring(3) : line;
                }
            }
        }
        return "";
    }
}
