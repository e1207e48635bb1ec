package io.jrec.models;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bad-input assertion shared by the tests of several families. */
public final class Messages {
    private Messages() {
    }

    /** Asserts that {@code call} throws an {@link IllegalArgumentException} with exactly {@code expected}. */
    public static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
