package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

class DatabaseSettingsTest {
    @Test
    void passwordsAreMaskedWhenShown() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:postgresql://db:5432/app?user=loader&password=s3cret&ssl=true", "loader", "pg-s3cret");
        assertThat(settings.toString())
                .isEqualTo("DatabaseSettings[jdbcUrl=jdbc:postgresql://db:5432/app?user=loader&password=<masked>&ssl=true,"
                        + " user=loader, password=<masked>]")
                .doesNotContain("s3cret");
    }

    @Test
    void onlyPostgresUrlsAreAccepted() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://db/app", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a PostgreSQL JDBC URL");
    }

    @Test
    void connectionsAreSafeBehindATransactionPoolerByDefault() {
        Properties effective = effectiveProperties("jdbc:postgresql://pgbouncer:6432/app");
        assertThat(PGProperty.PREPARE_THRESHOLD.getOrDefault(effective)).isEqualTo("0");
        assertThat(PGProperty.ASSUME_MIN_SERVER_VERSION.getOrDefault(effective)).isEqualTo("9.6");
        assertThat(PGProperty.APPLICATION_NAME.getOrDefault(effective)).isEqualTo("sqs-pii-etl");
    }

    @Test
    void aParameterInTheUrlOverridesTheDefault() {
        Properties effective = effectiveProperties("jdbc:postgresql://db:5432/app?prepareThreshold=5&ApplicationName=nightly");
        assertThat(PGProperty.PREPARE_THRESHOLD.getOrDefault(effective)).isEqualTo("5");
        assertThat(PGProperty.APPLICATION_NAME.getOrDefault(effective)).isEqualTo("nightly");
        assertThat(PGProperty.ASSUME_MIN_SERVER_VERSION.getOrDefault(effective)).isEqualTo("9.6");
    }

    @Test
    void everyConnectionBoundsItsReadsByTheBatchBoundAndProbesAQuietPath() {
        Properties effective = effectiveProperties("jdbc:postgresql://db:5432/app");
        assertThat(PGProperty.CONNECT_TIMEOUT.getOrDefault(effective)).isEqualTo("10");
        assertThat(PGProperty.SOCKET_TIMEOUT.getOrDefault(effective)).isEqualTo("30");
        assertThat(PGProperty.TCP_KEEP_ALIVE.getOrDefault(effective)).isEqualTo("true");
        assertThat(PGProperty.SOCKET_FACTORY.getOrDefault(effective)).isEqualTo(ConnectionSockets.class.getName());
    }

    @Test
    void aReadBoundInTheUrlOverridesTheTools() {
        assertThat(PGProperty.SOCKET_TIMEOUT.getOrDefault(effectiveProperties("jdbc:postgresql://db/app?socketTimeout=90")))
                .isEqualTo("90");
    }

    /** What pgjdbc itself makes of the URL and the properties, exactly as {@code connect()} hands them over. */
    private static Properties effectiveProperties(String jdbcUrl) {
        return Driver.parseURL(jdbcUrl, new DatabaseSettings(jdbcUrl, null, null).connectionProperties());
    }
}
