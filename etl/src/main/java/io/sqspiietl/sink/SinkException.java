package io.sqspiietl.sink;

import io.sqspiietl.contract.Contract;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        PERMANENT,
        /**
         * The database is bound to another masking key than the batch was masked under: a rotation's
         * {@code rekey} rebound it. Only a loader holding that key can commit the batch, masked anew.
         */
        KEY_BINDING_CHANGED
    }

    /**
     * What the database said when it refused a value, and never the value: records refused for equal
     * refusals were refused for the same reason.
     *
     * @param sqlState       the SQLSTATE, of class 22 or 23; never null
     * @param constraint     the constraint the server named (a CHECK, NOT NULL or unique one), or null
     * @param column         the column the server named, or that the context of a {@code COPY} data
     *                       error names; null when neither does
     * @param exceptionClass the class name of the driver's exception; never null
     */
    public record Refusal(String sqlState, String constraint, String column, String exceptionClass) {
        public Refusal {
            Objects.requireNonNull(sqlState, "sqlState");
            Objects.requireNonNull(exceptionClass, "exceptionClass");
        }

        /** The SQLSTATE with the constraint or column, e.g. {@code SQLSTATE 23514 on constraint no_poison}. */
        public String describe() {
            String where = constraint != null ? " on constraint " + constraint : column != null ? " on column " + column : "";
            return "SQLSTATE " + sqlState + where;
        }
    }

    /**
     * Connection failures, lack of resources, operator intervention: class 57 includes 57014, a
     * statement that ran past the tool's own {@code statement_timeout} (nothing in the tool cancels a
     * statement otherwise), and 57P05, a session ended by the server's idle timeout.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    /**
     * Serialization failure, deadlock, lock not available, and 25P03: the server ended a session
     * that waited in a transaction past {@code idle_in_transaction_session_timeout} (a stalled client).
     */
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "25P03");
    /**
     * The table and column in the context line of a COPY data error, {@code COPY user_logins, line 1,
     * column user_id: "<value>"}: only the names are taken, never what follows them.
     */
    private static final Pattern COPY_COLUMN = Pattern.compile("COPY ([\\w.]+), line \\d+, column (\\w+): ");

    private final Kind kind;
    private final Refusal refusal;

    private SinkException(String message, Kind kind, Throwable cause, Refusal refusal) {
        super(message, cause);
        this.kind = kind;
        this.refusal = refusal;
    }

    /** Wraps a JDBC failure, classified by its SQLSTATE; a refusal names no column. */
    public static SinkException of(String operation, SQLException e) {
        return of(operation, e, List.of());
    }

    /**
     * Wraps a JDBC failure of writing rows of {@code contracts}, classified by its SQLSTATE; a refusal
     * names the column the server names when it is a stored column of one of their tables.
     */
    public static SinkException of(String operation, SQLException e, Collection<Contract> contracts) {
        String state = e.getSQLState();
        String sqlClass = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        if ("22".equals(sqlClass) || "23".equals(sqlClass)) {
            // Data and integrity errors may quote the offending value: neither their text nor the
            // driver's exception, which carries it, may travel on.
            Refusal refusal = refusalOf(e, contracts);
            return new SinkException("PostgreSQL " + operation + " failed: " + refusal.describe(),
                    Kind.INVALID_DATA, null, refusal);
        }
        boolean transientFailure = state == null // pgjdbc reports some I/O failures without a state
                || TRANSIENT_CODES.contains(state)
                || TRANSIENT_CLASSES.contains(sqlClass);
        return new SinkException("PostgreSQL " + operation + " failed: SQLSTATE " + state + ": "
                + firstLine(e.getMessage()), transientFailure ? Kind.TRANSIENT : Kind.PERMANENT, e, null);
    }

    /** A batch found the database bound to another masking key than its own; see {@link Kind#KEY_BINDING_CHANGED}. */
    public static SinkException keyBindingChanged(String message) {
        return new SinkException(message, Kind.KEY_BINDING_CHANGED, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /** What the database refused; present exactly when {@link #kind()} is {@link Kind#INVALID_DATA}. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * The refusal of {@code e}, the server's details taken from the first exception of its chain
     * that has them: a failed JDBC batch reports the server's error as its next exception.
     */
    private static Refusal refusalOf(SQLException e, Collection<Contract> contracts) {
        for (SQLException link = e; link != null; link = link.getNextException()) {
            if (link instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return new Refusal(e.getSQLState(), server.getConstraint(), columnOf(server, contracts), e.getClass().getName());
            }
        }
        return new Refusal(e.getSQLState(), null, null, e.getClass().getName());
    }

    /**
     * The column the server names, or the one in the context of a COPY data error, when it is a stored
     * column of a table of {@code contracts}: only names the contracts know leave this class, whatever
     * the server's text holds.
     */
    private static String columnOf(ServerErrorMessage server, Collection<Contract> contracts) {
        if (server.getColumn() != null) {
            String table = server.getTable();
            return isStored(contracts, candidate -> table != null && unqualified(candidate).equals(table), server.getColumn());
        }
        Matcher copy = COPY_COLUMN.matcher(Objects.requireNonNullElse(server.getWhere(), ""));
        return copy.find() ? isStored(contracts, copy.group(1)::equals, copy.group(2)) : null;
    }

    /** {@code column} if it is a stored column of a contract whose table {@code isTable} accepts, else null. */
    private static String isStored(Collection<Contract> contracts, Predicate<String> isTable, String column) {
        boolean known = contracts.stream().anyMatch(contract -> isTable.test(contract.table())
                && contract.storedColumns().stream().anyMatch(stored -> stored.name().equals(column)));
        return known ? column : null;
    }

    private static String unqualified(String table) {
        return table.substring(table.indexOf('.') + 1);
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
