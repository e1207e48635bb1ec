package io.jrec.models.internal;

/**
 * Builder checks with uniform messages ("{@code setting} must be >= 1, got 0"), shared by the
 * {@code factor} and {@code linear} families. <b>Internal:</b> public only for that; not part of jrec's
 * API, it may change without notice. Stateless, thread-safe.
 *
 * @since 0.1.0
 */
public final class Checks {
    private Checks() {
    }

    /** @throws IllegalArgumentException "{@code setting} must be >= 1, got ..." if {@code value <= 0} */
    public static int requirePositive(String setting, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(setting + " must be >= 1, got " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException "{@code setting} must be >= 0, got ..." if {@code value < 0} */
    public static int requireNonNegative(String setting, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(setting + " must be >= 0, got " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and {@code > 0} */
    public static double requirePositive(String setting, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and {@code >= 0} */
    public static double requireNonNegative(String setting, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " must be a finite number >= 0, got " + value);
        }
        return value;
    }
}
