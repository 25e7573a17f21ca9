package io.sqspiietl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.testing.CommandRunner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCommandIT {
    private static final Pattern PHASE = Pattern.compile(
            "  (raw drain, loop|raw drain, split|pipeline) +\\d+ messages/s  \\(500 in [\\d.]+ s; CPU per message: "
                    + "loader \\d+ µs, of which JIT \\d+ µs, queue server \\d+ µs, PostgreSQL \\d+ µs; "
                    + "stolen by the host: \\d+%\\)");

    @Test
    void roundsInAlternatingOrderEachCheckedAndAMedianRatio() {
        CommandRunner cli = new CommandRunner();

        assertThat(cli.execute("bench", "--messages", "500", "--warm-up", "300", "--rounds", "2", "--latency-ms", "5",
                "--receivers", "4")).isZero();

        assertThat(cli.out())
                .contains("bench: 500 messages per phase after 300 to warm up, 5 ms latency per direction, receivers 4 pinned "
                        + "(raw drain: 4), batch 500")
                .containsPattern("round 1\\n")
                .containsPattern("round 2\\n")
                .containsPattern("  writer +\\d+ commits of \\d+ messages on average, [\\d.]+ ms each; busy \\d+% of the phase; "
                        + "4 receive loops on average, 4 at most")
                .containsPattern("ratio +\\d+\\.\\d\\d  \\(median of 2 rounds\\)\\n")
                .containsPattern("peak RSS +\\d+ MiB");
        assertThat(cli.out().split("  check +OK: 495 rows \\(495 distinct users, expected 495\\), 5 quarantined", -1)).hasSize(3);
        assertThat(phasesInOrder(cli.out())).isEqualTo(
                "raw drain, loop|raw drain, split|pipeline|pipeline|raw drain, split|raw drain, loop|");
    }

    @ParameterizedTest
    @CsvSource({"--messages, 0, '--messages must be at least 1, was 0'",
            "--rounds, 0, '--rounds must be at least 1, was 0'",
            "--warm-up, -1, '--warm-up must be at least 0, was -1'",
            "--latency-ms, -5, '--latency-ms must be at least 0, was -5'",
            "--batch-size, 0, '--batch-size must be between 1 and 10000, was 0'"})
    void refusesAMeaninglessSettingWithExitCodeTwo(String option, String value, String message) {
        CommandRunner cli = new CommandRunner();

        assertThat(cli.execute("bench", option, value)).isEqualTo(2);

        assertThat(cli.err()).contains(message);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void launchToExitTimesWholeProcessesAndChecksEveryToolRun() {
        CommandRunner cli = new CommandRunner();

        assertThat(cli.execute("bench", "--launch-to-exit", "--sizes", "50", "--latencies-ms", "0", "--rounds", "1"))
                .as(cli.err()).isZero();

        assertThat(cli.out())
                .containsPattern("bench --launch-to-exit: .*bin/sqs-pii-etl, raw drain with 64 threads, 1 round\\n")
                .containsPattern("  +50 messages,  0 ms  round 1: raw +[\\d.]+ s, sqs-pii-etl +[\\d.]+ s, ratio [\\d.]+\\n")
                .containsPattern("\\n +50 messages,  0 ms each way: ratio [\\d.]+ \\(median raw time / sqs-pii-etl time\\)\\n")
                .doesNotContain("FAILED");
        assertThat(cli.out().split("  check +OK: 49 rows \\(49 distinct users, expected 49\\), 1 quarantined", -1)).hasSize(2);
    }

    private static String phasesInOrder(String output) {
        StringBuilder phases = new StringBuilder();
        Matcher matcher = PHASE.matcher(output);
        while (matcher.find()) {
            phases.append(matcher.group(1)).append('|');
        }
        return phases.toString();
    }
}
