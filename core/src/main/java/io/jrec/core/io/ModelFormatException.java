package io.jrec.core.io;

import java.io.IOException;

/**
 * A saved model file (or stream) that cannot be loaded: not a jrec model, an unsupported format
 * version, an unknown model type, truncated, or corrupted (checksum mismatch or inconsistent
 * contents). The message says which. A model is never half-loaded.
 *
 * @since 0.1.0
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
