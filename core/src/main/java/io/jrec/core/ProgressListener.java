package io.jrec.core;

/**
 * Receives progress of long operations (fitting, evaluation). Called from the working thread(s):
 * implementations must be thread-safe and fast (examples render a console progress bar from it).
 *
 * <p>{@code total} is the number of units in the current {@code stage} ({@code 0} if unknown);
 * {@code done} grows from 0 to {@code total}. {@code message} may be empty, never null.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (stage, done, total, message) -> { };

    /** Reports that {@code done} of {@code total} units of {@code stage} are finished. */
    void progress(String stage, long done, long total, String message);
}
