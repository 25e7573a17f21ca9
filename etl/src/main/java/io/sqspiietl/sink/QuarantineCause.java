package io.sqspiietl.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Why a message is in the quarantine and where it was refused: its provenance, as a dead-letter
 * reporter records it. It names rules, stages, columns and classes, never a value.
 *
 * @param stage      the stage that refused the message: {@code unwrap} (its SNS envelope), {@code
 *                   parse} (the event as a whole), {@code route} (no contract takes it), {@code
 *                   validate} (a field), {@code transform} (the transform failed on it) or {@code
 *                   database} (PostgreSQL refused its row); never null
 * @param contract   the contract that refused it, or null when none had taken it yet
 * @param reason     the rule's code, e.g. {@code missing_field}; never null
 * @param field      the field, envelope member or column at fault, or null when the whole body is or
 *                   none is known
 * @param errorClass the class name of the exception behind a failure or a database refusal, else null
 * @param errorCode  the SQLSTATE of a database refusal, else null
 * @param constraint the constraint a database refusal named, else null
 */
public record QuarantineCause(String stage, String contract, String reason, String field, String errorClass,
                              String errorCode, String constraint) {
    /** The reason of a record the database refused. */
    public static final String REJECTED_BY_DATABASE = "rejected_by_database";
    private static final String DATABASE_STAGE = "database";

    public QuarantineCause {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
    }

    /** A message that breaks a rule of its contract, or is taken by none. */
    public static QuarantineCause rejected(String stage, String contract, String reason, String field) {
        return new QuarantineCause(stage, contract, reason, field, null, null, null);
    }

    /** A message the code failed on with an exception of class {@code errorClass}. */
    public static QuarantineCause failed(String stage, String reason, String errorClass) {
        return new QuarantineCause(stage, null, reason, null, Objects.requireNonNull(errorClass, "errorClass"), null, null);
    }

    /**
     * Binds the cause to seven parameters from {@code first} on, in the order of the quarantine's
     * columns {@code reason, field, stage, error_class, error_code, constraint_name, contract}.
     *
     * @return the index of the parameter after them
     */
    int bind(PreparedStatement statement, int first) throws SQLException {
        statement.setString(first, reason);
        statement.setString(first + 1, field);
        statement.setString(first + 2, stage);
        statement.setString(first + 3, errorClass);
        statement.setString(first + 4, errorCode);
        statement.setString(first + 5, constraint);
        statement.setString(first + 6, contract);
        return first + 7;
    }

    /** A record of {@code contract} that passed validation but that the database refused, as it said. */
    public static QuarantineCause refused(String contract, String reason, SinkException.Refusal refusal) {
        return new QuarantineCause(DATABASE_STAGE, contract, reason, refusal.column(), refusal.exceptionClass(),
                refusal.sqlState(), refusal.constraint());
    }
}
