package io.sqspiietl.keys;

/**
 * A reveal names no keyed column of the masking catalog, several, or one whose masks cannot be
 * revealed: an operator error. Its message names tables, columns and fields, never a value.
 */
public final class UnknownColumnException extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownColumnException(String message) {
        super(message);
    }
}
