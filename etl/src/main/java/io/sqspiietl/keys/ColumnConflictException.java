package io.sqspiietl.keys;

/**
 * A contract would store another kind of mask in a keyed column than the database holds there: a
 * configuration error. Its message names contracts, tables, columns and fields, never a value.
 */
public final class ColumnConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    ColumnConflictException(String message) {
        super(message);
    }
}
