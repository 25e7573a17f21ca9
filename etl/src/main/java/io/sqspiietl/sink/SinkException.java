package io.sqspiietl.sink;

import java.sql.SQLException;
import java.util.Set;

/**
 * A batch could not be committed. Nothing of it was written. {@link #isTransient()} tells whether a
 * retry may succeed (lost connection, server restart, serialization failure, deadlock) or the run
 * must stop (bad credentials, missing permission, a schema that was changed under the tool).
 */
public final class SinkException extends Exception {
    /** SQLSTATE classes and codes that describe a passing condition, not a broken setup. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03");

    private final boolean transientFailure;

    private SinkException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Wraps a JDBC failure, classified by its SQLSTATE. */
    public static SinkException of(String operation, SQLException e) {
        String state = e.getSQLState();
        String sqlClass = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        boolean transientFailure = state == null // pgjdbc reports some I/O failures without a state
                || TRANSIENT_CODES.contains(state)
                // 57014 is a statement cancelled by this process's own shutdown, not by the server
                || (TRANSIENT_CLASSES.contains(sqlClass) && !"57014".equals(state));
        // Data and integrity errors (classes 22, 23) may quote the offending value: neither their
        // text nor the driver's exception, which carries it, may travel on.
        if ("22".equals(sqlClass) || "23".equals(sqlClass)) {
            return new SinkException("PostgreSQL " + operation + " failed: SQLSTATE " + state, false, null);
        }
        return new SinkException("PostgreSQL " + operation + " failed: SQLSTATE " + state + ": "
                + firstLine(e.getMessage()), transientFailure, e);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * Server messages may quote a value in their DETAIL lines; only the first line, which names the
     * error and the object, is kept so no message content reaches a log.
     */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
