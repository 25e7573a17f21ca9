package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

class WaitBoundsTest {
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

    @Test
    void theServerReportsASlowStatementBeforeTheClientGivesTheConnectionUp() {
        for (WaitBounds bounds : WaitBounds.values()) {
            assertThat(bounds.read()).isEqualTo(bounds.statement().plus(WaitBounds.ANSWER_MARGIN));
        }
        assertThat(WaitBounds.BATCH.read()).isEqualTo(Duration.ofSeconds(30));
        assertThat(WaitBounds.BATCH.transaction()).isGreaterThan(WaitBounds.BATCH.read());
    }

    @Test
    void onlyWholeTableStatementsWaitLongerThanEveryConnectionsReads() {
        assertThat(WaitBounds.BATCH.outlastsConnectionReads()).isFalse();
        assertThat(WaitBounds.SCAN.outlastsConnectionReads()).isTrue();
        assertThat(WaitBounds.SCAN.transaction()).as("small requests cannot block a write").isNull();
    }

    private static Properties effectiveProperties(String jdbcUrl) {
        return Driver.parseURL(jdbcUrl, new DatabaseSettings(jdbcUrl, null, null).connectionProperties());
    }
}
