package io.sqspiietl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.demo.DemoMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandIT {
    @Test
    void smallBenchmarkWithLatencyMeasuresBothPhasesAndChecksTheTable() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = DemoMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        assertThat(commandLine.execute("bench", "--messages", "500", "--latency-ms", "5", "--receivers", "4")).isZero();

        assertThat(out.toString())
                .containsPattern("raw drain ceiling\\s+\\d+ messages/s  \\(500 in ")
                .containsPattern("pipeline\\s+\\d+ messages/s  \\(500 in ")
                .containsPattern("ratio\\s+\\d+\\.\\d\\d\\n")
                .containsPattern("peak RSS\\s+\\d+ MiB")
                .contains("check              OK: 495 rows (495 distinct users, expected 495), 5 quarantined");
    }
}
