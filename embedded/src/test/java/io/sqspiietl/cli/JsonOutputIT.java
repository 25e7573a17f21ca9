package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.TestServices;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --log-format json}, everything {@code run} writes is one JSON object per line, on stdout
 * (the summary) and on stderr (logs, and the line of a failure) alike: the real command in a child process,
 * every line of both streams parsed.
 */
class JsonOutputIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(2);
    /** Strict: a line with anything after its object is not a JSON line. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    private Path keysetFile;
    private String queueUrl;

    @BeforeEach
    void setUp() throws Exception {
        keysetFile = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keysetFile);
        queueUrl = TestServices.newQueue();
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(SyntheticLogins.takeHomeSample());
    }

    @Test
    void aDrainWritesOnlyJsonLinesWithItsSummaryAsOneObjectOnStdout() throws Exception {
        try (LoaderProcess run = LoaderProcess.run("--until-empty", "--queue-url", queueUrl,
                "--jdbc-url", TestServices.newDatabase(), "--keyset", keysetFile.toString(),
                "--log-format", "json", "--progress-interval-s", "1")) {
            assertThat(run.awaitExit(EXIT_TIMEOUT)).as(run.output()).isZero();

            List<JsonNode> stdout = jsonLines(run.stdout());
            assertThat(stdout).hasSize(1);
            JsonNode summary = stdout.get(0);
            assertThat(summary.get("received").asLong()).isEqualTo(100);
            assertThat(summary.get("loaded").asLong()).isEqualTo(99);
            assertThat(summary.get("quarantined").asLong()).isEqualTo(1);
            assertThat(summary.get("quarantined_by_reason").toString()).isEqualTo("{\"missing_field\":1}");
            assertThat(summary.get("skipped").asLong()).isZero();
            assertThat(summary.get("deleted").asLong()).isEqualTo(100);
            assertThat(summary.get("elapsed_s").isNumber()).isTrue();
            assertThat(summary.get("busy_s").isNumber()).isTrue();
            assertThat(summary.get("rate_per_s").isIntegralNumber()).isTrue();

            List<JsonNode> stderr = jsonLines(run.stderr());
            assertThat(stderr).extracting(line -> line.get("formattedMessage").asText())
                    .contains("starting sqs-pii-etl run", "run finished");
            assertThat(stderr).extracting(line -> line.get("level").asText()).doesNotContain("ERROR");
        }
    }

    @Test
    void aBadFlagIsOneJsonErrorLineEvenBeforeTheLogFormatFlag() throws Exception {
        try (LoaderProcess run = LoaderProcess.run("--batch-size", "many", "--log-format", "json")) {
            assertThat(run.awaitExit(EXIT_TIMEOUT)).as(run.output()).isEqualTo(2);
            assertThat(run.stdout()).isEmpty();
            JsonNode error = onlyLine(run.stderr());
            assertThat(error.get("level").asText()).isEqualTo("ERROR");
            assertThat(error.get("formattedMessage").asText()).contains("--batch-size").contains("many");
            assertThat(error.get("kvpList").toString()).containsPattern("\"exit_code\":\"?2\"?");
        }
    }

    @Test
    void aRuntimeFailureEndsTheJsonLogWithOneErrorLine() throws Exception {
        // Nothing listens on port 1: the database cannot be reached.
        try (LoaderProcess run = LoaderProcess.run("--until-empty", "--queue-url", queueUrl,
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--keyset", keysetFile.toString(),
                "--log-format", "json")) {
            assertThat(run.awaitExit(EXIT_TIMEOUT)).as(run.output()).isEqualTo(1);
            assertThat(run.stdout()).isEmpty();
            List<JsonNode> stderr = jsonLines(run.stderr());
            assertThat(stderr.get(0).get("formattedMessage").asText()).isEqualTo("starting sqs-pii-etl run");
            JsonNode error = stderr.get(stderr.size() - 1);
            assertThat(error.get("level").asText()).isEqualTo("ERROR");
            assertThat(error.get("formattedMessage").asText()).contains("PostgreSQL");
            assertThat(error.get("kvpList").toString()).containsPattern("\"exit_code\":\"?1\"?");
        }
    }

    /** Every line of {@code output} parsed, each required to be exactly one JSON object. */
    private static List<JsonNode> jsonLines(String output) throws IOException {
        assertThat(output.isEmpty() || output.endsWith("\n")).as("ends with a whole line: %s", output).isTrue();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(node.isObject()).as("one JSON object per line, not: %s", line).isTrue();
            lines.add(node);
        }
        return lines;
    }

    private static JsonNode onlyLine(String output) throws IOException {
        List<JsonNode> lines = jsonLines(output);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
