package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.contract.Contract;
import io.sqspiietl.sink.SinkException.Refusal;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a database refusal keeps of the server's error: state, constraint, a column of the batch's
 * contracts, class; never the value.
 */
class SinkExceptionRefusalTest {
    private static final String PSQL = PSQLException.class.getName();
    private static final String SECRET = "593-47-5928";
    private static final List<Contract> LOGIN = List.of(TestRows.LOGIN);

    @Test
    void checkViolationKeepsItsConstraint() {
        SinkException e = of("batch commit", LOGIN, serverError("C23514", "tuser_logins", "nno_poison",
                "Dfailing row contains (" + SECRET + ")"));

        assertThat(e.refusal()).contains(new Refusal("23514", "no_poison", null, PSQL));
        assertThat(e.getMessage()).isEqualTo("PostgreSQL batch commit failed: SQLSTATE 23514 on constraint no_poison");
    }

    @Test
    void copyDataErrorKeepsOnlyTheColumnNameOfItsContextLine() {
        SinkException e = of("batch commit", LOGIN, serverError("C22001",
                "Mvalue too long for type character varying(32)",
                "WCOPY user_logins, line 1, column device_type: \"" + SECRET + "\""));

        assertThat(e.refusal()).contains(new Refusal("22001", null, "device_type", PSQL));
        assertThat(e.getMessage()).isEqualTo("PostgreSQL batch commit failed: SQLSTATE 22001 on column device_type")
                .doesNotContain(SECRET);
        assertThat(e.refusal().orElseThrow().toString()).doesNotContain(SECRET);
        assertThat(e.getCause()).isNull();
    }

    @Test
    void notNullViolationKeepsTheColumnTheServerNames() {
        SinkException e = of("batch commit", LOGIN, serverError("C23502", "tuser_logins", "cuser_id"));

        assertThat(e.refusal()).contains(new Refusal("23502", null, "user_id", PSQL));
    }

    @Test
    void aColumnThatIsNoStoredColumnOfTheBatchsTablesIsNotKept() {
        assertThat(of("c", LOGIN, serverError("C22001", "WCOPY user_logins, line 3, column " + SECRET.replace('-', '_')
                + ": \"x\"")).refusal().orElseThrow().column()).isNull();
        assertThat(of("c", LOGIN, serverError("C22001", "WCOPY sqs_pii_etl_ledger, line 1, column user_id: \"x\""))
                .refusal().orElseThrow().column()).isNull();
        assertThat(of("c", LOGIN, serverError("C23502", "tsqs_pii_etl_ledger", "cuser_id"))
                .refusal().orElseThrow().column()).isNull();
        assertThat(of("c", LOGIN, serverError("C22P02", "WCOPY user_logins, line 1: \"" + SECRET + "\""))
                .refusal().orElseThrow()).isEqualTo(new Refusal("22P02", null, null, PSQL));
    }

    @Test
    void failedJdbcBatchIsRefusedWithTheServerDetailsOfItsNextException() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "23514", new int[0]);
        batch.setNextException(serverError("C23514", "tuser_logins", "nno_poison"));

        assertThat(SinkException.of("c", batch, List.of(TestRows.LOGIN)).refusal())
                .contains(new Refusal("23514", "no_poison", null, BatchUpdateException.class.getName()));
    }

    @Test
    void refusalsForTheSameReasonAreEqualWhateverTheValue() {
        Refusal first = of("c", LOGIN, serverError("C22001", "WCOPY user_logins, line 1, column locale: \"a\"")).refusal()
                .orElseThrow();
        Refusal second = of("c", LOGIN, serverError("C22001", "WCOPY user_logins, line 9, column locale: \"b\"")).refusal()
                .orElseThrow();
        Refusal otherColumn = of("c", LOGIN, serverError("C22001", "WCOPY user_logins, line 1, column user_id: \"a\""))
                .refusal().orElseThrow();

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(otherColumn);
    }

    @Test
    void onlyInvalidDataIsARefusal() {
        assertThat(of("c", List.of(), new SQLException("boom", "08006")).refusal()).isEmpty();
        assertThat(of("c", List.of(), new SQLException("boom", "42501")).refusal()).isEmpty();
        assertThat(of("c", List.of(), new SQLException("boom", "22007")).refusal())
                .contains(new Refusal("22007", null, null, SQLException.class.getName()));
    }

    /** Wraps {@code e} as the sink does for a batch of login rows. */
    private static SinkException of(String operation, List<Contract> contracts, SQLException e) {
        return SinkException.of(operation, e, contracts);
    }

    /** A driver exception as pgjdbc builds it from the server's error fields (type letter, then value). */
    private static PSQLException serverError(String... fields) {
        return new PSQLException(new ServerErrorMessage("SERROR\0" + String.join("\0", fields) + "\0"));
    }
}
