package io.jrec.core.io;

import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers for the MovieLens 100K files (GroupLens, https://grouplens.org/datasets/movielens/100k/).
 *
 * <pre>{@code
 * Path dir = Path.of("ml-100k");
 * RatingMatrix ratings = MovieLens.ratings(dir.resolve("u.data"));   // or u1.base, u1.test, ...
 * ItemFeatures genres = MovieLens.genres(dir.resolve("u.item"));     // "genre=Action", ...
 * }</pre>
 *
 * <p>Bad input gives a {@link DataFormatException} naming the file, line and text. Thread-safe: no
 * shared state.
 *
 * @since 0.1.0
 */
public final class MovieLens {
    /** The 19 genres of {@code u.genre}, in the order of the flags in {@code u.item}. */
    public static final List<String> GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private static final CsvFormat RATINGS = CsvFormat.builder().separator('\t').columnCount(4)
            .user(0).item(1).value(2).timestamp(3).build();
    /** id | title | release date | video release date | IMDb URL | 19 genre flags. */
    private static final int ITEM_FIELDS = 5 + 19;

    private MovieLens() {
    }

    /**
     * The ratings of a {@code u.data}-style file ({@code u.data}, {@code u1.base}, {@code ua.test}, ...):
     * one rating per line, {@code user TAB item TAB rating TAB timestamp}, ratings 1..5, unix seconds.
     *
     * @throws DataFormatException on a malformed line (wrong field count, non-integer id or timestamp,
     *                             non-numeric or non-finite rating)
     * @throws IOException         if the file cannot be read
     */
    public static RatingMatrix ratings(Path file) throws IOException {
        return Csv.ratings(file, RATINGS);
    }

    /**
     * The genres of the movies in {@code u.item} (ISO-8859-1, {@code |}-separated) as one-hot categorical
     * features named {@code "genre=" + GENRES.get(g)}, e.g. {@code "genre=Action"}; a movie may have
     * several. The genre flags are the last 19 fields, so a {@code |} inside a title or URL is tolerated.
     * A movie without any flag set has no features.
     *
     * @throws DataFormatException if a line has fewer than 24 fields, a non-integer id, a flag other than
     *                             0 or 1, or a movie id seen on an earlier line
     * @throws IOException         if the file cannot be read
     */
    public static ItemFeatures genres(Path uItem) throws IOException {
        ItemFeatures.Builder features = ItemFeatures.builder();
        readItems(uItem, (id, fields, lineNumber, line) -> {
            for (int g = 0; g < GENRES.size(); g++) {
                String flag = fields[fields.length - GENRES.size() + g];
                if (flag.equals("1")) {
                    features.categorical(id, "genre", GENRES.get(g));
                } else if (!flag.equals("0")) {
                    throw new DataFormatException(uItem, lineNumber, line, "genre flag " + GENRES.get(g)
                            + " is '" + flag + "'; expected 0 or 1");
                }
            }
        });
        return features.build();
    }

    /**
     * The movie titles of {@code u.item} by movie id, in file order (unmodifiable), e.g.
     * {@code 1 -> "Toy Story (1995)"}.
     *
     * @throws DataFormatException as {@link #genres(Path)} for a short line, a bad or repeated id
     * @throws IOException         if the file cannot be read
     */
    public static Map<Long, String> titles(Path uItem) throws IOException {
        Map<Long, String> titles = new LinkedHashMap<>();
        readItems(uItem, (id, fields, lineNumber, line) -> titles.put(id, fields[1]));
        return Collections.unmodifiableMap(titles);
    }

    private interface ItemLine {
        void accept(long id, String[] fields, long lineNumber, String line) throws DataFormatException;
    }

    private static void readItems(Path uItem, ItemLine sink) throws IOException {
        Long2LongOpenHashMap firstLine = new Long2LongOpenHashMap();
        try (LineReader reader = new LineReader(uItem, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                long lineNumber = reader.lineNumber();
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\\|", -1);
                if (fields.length < ITEM_FIELDS) {
                    throw new DataFormatException(uItem, lineNumber, line, "expected " + ITEM_FIELDS
                            + " '|'-separated fields, found " + fields.length);
                }
                long id = Csv.parseId(fields[0].trim(), "movie id", uItem, lineNumber, line);
                long previous = firstLine.putIfAbsent(id, lineNumber);
                if (previous != 0) {
                    throw new DataFormatException(uItem, lineNumber, line, "movie id " + id
                            + " was already given on line " + previous);
                }
                sink.accept(id, fields, lineNumber, line);
            }
        }
    }
}
