package io.sqspiietl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.testing.CommandRunner;
import org.junit.jupiter.api.Test;

class BenchCommandIT {
    @Test
    void smallBenchmarkWithLatencyMeasuresBothPhasesAndChecksTheTable() {
        CommandRunner cli = new CommandRunner();

        assertThat(cli.execute("bench", "--messages", "500", "--warm-up", "300", "--latency-ms", "5", "--receivers", "4")).isZero();

        assertThat(cli.out())
                .contains("bench: 500 messages per phase after 300 to warm up, 5 ms latency per direction, 4 receivers")
                .containsPattern("raw drain, loop\\s+\\d+ messages/s  \\(500 in ")
                .containsPattern("raw drain, split\\s+\\d+ messages/s  \\(500 in ")
                .containsPattern("pipeline\\s+\\d+ messages/s  \\(500 in [\\d.]+ s; CPU per message: "
                        + "loader \\d+ µs, queue server \\d+ µs, PostgreSQL \\d+ µs\\)")
                .containsPattern("ratio\\s+\\d+\\.\\d\\d  \\(pipeline / best raw drain\\)\\n")
                .containsPattern("peak RSS\\s+\\d+ MiB")
                .contains("check              OK: 495 rows (495 distinct users, expected 495), 5 quarantined");
    }
}
