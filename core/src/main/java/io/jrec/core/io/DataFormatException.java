package io.jrec.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as the expected format. The message names the file, the 1-based line
 * number and the offending text (long lines are shortened), e.g.
 * {@code ratings.csv, line 17: rating 'abc' is not a number: "42,1001,abc"}.
 *
 * <p>{@link #line()} is 0 when the problem is not on one line (e.g. a duplicate pair rejected by
 * {@link io.jrec.core.DuplicatePolicy#REJECT}).
 *
 * @since 0.1.0
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    /** Offending lines longer than this are shortened in messages. */
    static final int MAX_TEXT = 200;

    private final transient Path file;
    /** The 1-based line number, 0 when the problem is not on one line. */
    private final long line;
    /** The offending line, shortened to {@link #MAX_TEXT} characters, or null. */
    private final String text;
    /** What is wrong, without the file and line. */
    private final String problem;

    /**
     * @param file    the file being read
     * @param line    the 1-based line number, or 0 if the problem is not on one line
     * @param text    the offending line (shortened in the message if long), or {@code null}
     * @param problem what is wrong, e.g. {@code "rating 'abc' is not a number"}
     */
    public DataFormatException(Path file, long line, String text, String problem) {
        this(file, line, text, problem, null);
    }

    /** As {@link #DataFormatException(Path, long, String, String)}, with a cause. */
    public DataFormatException(Path file, long line, String text, String problem, Throwable cause) {
        super(message(file, line, text, problem), cause);
        this.file = file;
        this.line = line;
        this.text = text == null ? null : shorten(text);
        this.problem = problem;
    }

    private static String message(Path file, long line, String text, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        sb.append(": ").append(problem);
        if (text != null) {
            sb.append(": \"").append(shorten(text).replace("\t", "\\t")).append('"');
        }
        return sb.toString();
    }

    /** {@code text} if at most {@value #MAX_TEXT} characters, else its start and the full length. */
    static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text
                : text.substring(0, MAX_TEXT) + "... (" + text.length() + " characters)";
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 if the problem is not on one line. */
    public long line() {
        return line;
    }

    /** The offending line (shortened if long), or {@code null}. */
    public String text() {
        return text;
    }

    /** What is wrong, without file, line and text. */
    public String problem() {
        return problem;
    }
}
