package io.jrec.core.io;

import io.jrec.core.RatingMatrix;

import java.util.List;

/**
 * What a loader read: the matrix, how many lines it read and how many it skipped (lenient mode only;
 * always 0 in strict mode, which throws instead), with the first {@value #MAX_PROBLEMS} problems.
 *
 * @param matrix   the ratings or interactions
 * @param lines    lines read, including a header and blank lines
 * @param skipped  malformed lines skipped
 * @param problems the first {@value #MAX_PROBLEMS} skipped lines' problems, in file order (unmodifiable)
 * @since 0.1.0
 */
public record LoadResult(RatingMatrix matrix, long lines, long skipped, List<DataFormatException> problems) {
    /** How many problems are kept in {@link #problems()}. */
    public static final int MAX_PROBLEMS = 100;

    /** Copies {@code problems}. */
    public LoadResult {
        problems = List.copyOf(problems);
    }
}
