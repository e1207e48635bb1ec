package io.jrec.core.io;

import io.jrec.core.Recommender;

import java.io.IOException;

/**
 * Writes and reads one model type for {@link ModelIO}. Implementations live next to the model they
 * serialise and are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/io.jrec.core.io.ModelCodec}).
 *
 * <p>{@link #read} must check every length it reads against {@link ModelInput#remaining()} (the
 * {@code ModelInput} array readers do) and validate invariants, throwing {@link ModelFormatException}
 * on anything inconsistent; it must never return a half-built model.
 *
 * @param <R> the model class
 * @since 0.1.0
 */
public interface ModelCodec<R extends Recommender> {

    /** The type name written into the file, e.g. {@code "ItemKnnRecommender"}; stable across versions. */
    String type();

    /** The model class this codec handles (exact class, not subclasses). */
    Class<R> modelClass();

    /**
     * Writes the complete state of {@code model}. {@link ModelIO} calls it twice per save, first into an
     * output that only counts bytes, then for real, so it must write the same bytes every time (a save whose
     * two passes differ fails with {@link IllegalStateException}).
     */
    void write(R model, ModelOutput out) throws IOException;

    /** Reads a model written by {@link #write}. */
    R read(ModelInput in) throws IOException;
}
