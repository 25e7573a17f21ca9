package io.sqspiietl.keys;

/**
 * A contract's table is missing, or cannot hold the contract's rows: a configuration error, named
 * with the contract, the table, the column, and what was expected and found.
 */
public final class TableMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    TableMismatchException(String message) {
        super(message);
    }
}
