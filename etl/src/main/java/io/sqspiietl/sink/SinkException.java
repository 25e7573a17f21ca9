package io.sqspiietl.sink;

import java.sql.SQLException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A batch could not be committed; nothing of it was written. {@link #kind()} tells the caller what
 * can help: waiting and retrying, isolating the record the database refused, or stopping the run.
 */
public final class SinkException extends Exception {
    /** What a failure means for the batch that hit it. */
    public enum Kind {
        /** A passing condition: lost connection, server restart, serialization failure, deadlock. */
        TRANSIENT,
        /** The database refused a value of some record (SQLSTATE classes 22 and 23). */
        INVALID_DATA,
        /** A broken setup: bad credentials, missing permission, a schema changed under the tool. */
        PERMANENT
    }

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03");
    /** A statement cancelled by this process's own shutdown, not by the server. */
    private static final String QUERY_CANCELED = "57014";

    /**
     * Why the database refused a value, in terms that name no value: the SQLSTATE and, where the server
     * says, the constraint.
     */
    public record Refusal(String sqlState, String constraint) {
        /** E.g. {@code SQLSTATE 23514, constraint no_short_ids}. */
        public String describe() {
            return "SQLSTATE " + sqlState + (constraint == null ? "" : ", constraint " + constraint);
        }
    }

    private final Kind kind;
    private final Refusal refusal;

    private SinkException(String message, Kind kind, Refusal refusal, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.refusal = refusal;
    }

    /** Wraps a JDBC failure, classified by its SQLSTATE. */
    public static SinkException of(String operation, SQLException e) {
        String state = e.getSQLState();
        String sqlClass = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        if ("22".equals(sqlClass) || "23".equals(sqlClass)) {
            // Data and integrity errors may quote the offending value: neither their text nor the
            // driver's exception, which carries it, may travel on.
            return new SinkException("PostgreSQL " + operation + " failed: SQLSTATE " + state, Kind.INVALID_DATA,
                    new Refusal(state, constraintOf(e)), null);
        }
        boolean transientFailure = state == null // pgjdbc reports some I/O failures without a state
                || TRANSIENT_CODES.contains(state)
                || (TRANSIENT_CLASSES.contains(sqlClass) && !QUERY_CANCELED.equals(state));
        return new SinkException("PostgreSQL " + operation + " failed: SQLSTATE " + state + ": "
                + firstLine(e.getMessage()), transientFailure ? Kind.TRANSIENT : Kind.PERMANENT, null, e);
    }

    private static String constraintOf(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server == null ? null : server.getConstraint();
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /** For {@link Kind#INVALID_DATA}: why the value was refused; {@code null} for the other kinds. */
    public Refusal refusal() {
        return refusal;
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
