package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bin/jvm-options}, which bin/sqs-pii-etl and the container image ask for the JVM's options. */
class JvmOptionsScriptTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("bin/jvm-options");
    private static final String SERVICE = "-XX:+UseParallelGC";
    private static final String DRAIN = "-XX:+UseParallelGC -XX:TieredStopAtLevel=1";

    @Test
    void aDrainCompilesWithC1Only() throws Exception {
        assertThat(options(Map.of(), "run", "--until-empty", "--queue", "logins")).isEqualTo(DRAIN);
        assertThat(options(Map.of(), "run", "--queue", "logins", "--until-empty")).isEqualTo(DRAIN);
        assertThat(options(Map.of("SQS_PII_ETL_UNTIL_EMPTY", "true"), "run", "--queue", "logins")).isEqualTo(DRAIN);
        assertThat(options(Map.of("SQS_PII_ETL_UNTIL_EMPTY", "TRUE"), "run")).isEqualTo(DRAIN);
    }

    @Test
    void aServiceAndEveryOtherCommandKeepTheTieredCompiler() throws Exception {
        assertThat(options(Map.of(), "run", "--queue", "logins")).isEqualTo(SERVICE);
        assertThat(options(Map.of("SQS_PII_ETL_UNTIL_EMPTY", "false"), "run")).isEqualTo(SERVICE);
        assertThat(options(Map.of(), "bench", "--launch-to-exit")).isEqualTo(SERVICE);
        assertThat(options(Map.of(), "replay", "--until-empty")).isEqualTo(SERVICE);
        assertThat(options(Map.of())).isEqualTo(SERVICE);
    }

    private static String options(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("SQS_PII_ETL_UNTIL_EMPTY");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
