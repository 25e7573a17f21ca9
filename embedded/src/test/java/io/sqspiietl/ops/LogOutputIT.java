package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.demo.DemoMain;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Everything a full {@code run} writes to stderr, in both log formats, at TRACE for our loggers:
 * no raw ip, device id or body, and the lines a log collector needs.
 */
class LogOutputIT {
    private static final Pattern PII_VALUE = Pattern.compile("\"(?:ip|device_id)\": \"([^\"]+)\"");
    private static final String PASSWORD = "pw-that-must-not-appear";

    @TempDir
    Path dir;

    @AfterEach
    void restoreTextLogs() {
        LogFormat.TEXT.apply();
    }

    @Test
    void textLogsOfAFullRunHoldNoPersonalData() throws Exception {
        String log = runAndCaptureStderr("text");
        assertThat(log).contains("StartupLog - starting sqs-pii-etl run")
                .contains("password=<masked>").contains("run finished").contains("queue drained");
        assertNoPersonalData(log);
    }

    @Test
    void jsonLogsOfAFullRunAreJsonLinesWithStructuredFieldsAndNoPersonalData() throws Exception {
        String log = runAndCaptureStderr("json");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                .contains("timestamp", "level", "loggerName", "formattedMessage"));
        JsonNode finished = lines.stream().filter(line -> line.get("formattedMessage").asText().equals("run finished"))
                .findFirst().orElseThrow();
        assertThat(finished.get("kvpList").toString()).containsPattern("\"loaded\":\"?99\\b")
                .containsPattern("\"quarantined_missing_field\":\"?2\\b");
        assertNoPersonalData(log);
    }

    private String runAndCaptureStderr(String format) throws Exception {
        List<String> bodies = bodies();
        String queueUrl = TestServices.newQueue();
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(bodies);
        String jdbcUrl = TestServices.newDatabase() + "&password=" + PASSWORD;
        Path keyset = dir.resolve("keyset.json");
        CommandLine commandLine = DemoMain.commandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        assertThat(commandLine.execute("keys", "create", "--out", keyset.toString())).isZero();

        Logger ours = (Logger) LoggerFactory.getLogger("io.sqspiietl");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        ours.setLevel(Level.TRACE);
        try {
            int exit = DemoMain.commandLine().execute("run", "--until-empty", "--queue-url", queueUrl,
                    "--jdbc-url", jdbcUrl, "--keyset", keyset.toString(), "--log-format", format,
                    "--progress-interval-s", "1", "--metrics-port", "0", "--batch-size", "20");
            assertThat(exit).isZero();
        } finally {
            System.setErr(original);
            ours.setLevel(null);
        }
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private static void assertNoPersonalData(String log) {
        assertThat(log).doesNotContain(PASSWORD);
        for (String body : bodies()) {
            assertThat(log).doesNotContain(body);
        }
        List<String> secrets = new ArrayList<>();
        for (String body : bodies()) {
            Matcher matcher = PII_VALUE.matcher(body);
            while (matcher.find()) {
                secrets.add(matcher.group(1));
            }
        }
        assertThat(secrets).hasSizeGreaterThan(150);
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    /** The take-home-shaped sample plus a message that is quarantined with personal data in it. */
    private static List<String> bodies() {
        List<String> bodies = new ArrayList<>(SyntheticLogins.takeHomeSample());
        bodies.add("{\"ip\": \"203.0.113.77\", \"device_id\": \"987-65-4321\"}");
        return bodies;
    }
}
