package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitBoundsTest {
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
}
