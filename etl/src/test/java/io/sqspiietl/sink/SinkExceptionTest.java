package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SinkExceptionTest {
    @ParameterizedTest
    @CsvSource({
        "08006, true",   // connection failure
        "57P01, true",   // server shut down by an administrator
        "40001, true",   // serialization failure
        "40P01, true",   // deadlock
        "53300, true",   // too many connections
        "57014, true",   // statement timeout: the server ran a statement past its bound
        "25P03, true",   // session ended by the server after idling in a transaction
        "28P01, false",  // wrong password
        "42501, false",  // missing privilege
        "42P01, false",  // table dropped under the tool
    })
    void sqlStateDecidesWhetherARetryCanHelp(String state, boolean transientFailure) {
        assertThat(SinkException.of("commit", new SQLException("boom", state)).isTransient()).isEqualTo(transientFailure);
    }

    @ParameterizedTest
    @CsvSource({"22001", "22007", "23505"})
    void dataErrorsNeverCarryTheServerTextOrTheDriverException(String state) {
        SinkException e = SinkException.of("commit",
                new SQLException("ERROR: invalid input syntax for type date: \"secret-value\"", state));
        assertThat(e.kind()).isEqualTo(SinkException.Kind.INVALID_DATA);
        assertThat(e.getMessage()).isEqualTo("PostgreSQL commit failed: SQLSTATE " + state);
        assertThat(e.getCause()).isNull();
    }
}
