package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** No raw ip, device id or body may reach a table, a log line or an exception text. */
class NoPersonalDataLeaksIT {
    private static final Pattern PII_VALUE = Pattern.compile("\"(?:ip|device_id)\": \"([^\"]+)\"");

    @ParameterizedTest
    @EnumSource(value = SqsProtocol.class, names = {"JSON", "QUERY"})
    void aFullRunLeavesNoRawPersonalDataInTablesOrLogs(SqsProtocol protocol) throws Exception {
        List<String> bodies = new ArrayList<>(SyntheticLogins.takeHomeSample());
        // Rejected messages carry personal data too; it must only exist sealed in the quarantine.
        bodies.add("{\"ip\": \"203.0.113.77\", \"device_id\": \"987-65-4321\"}");
        bodies.add("{\"user_id\": \"u\", \"ip\": \"198.51.100.23\", \"device_id\": \"876-54-3210\", \"app_version\": \"v9\"}");
        List<String> secrets = secretsIn(bodies);
        assertThat(secrets).hasSizeGreaterThan(150);

        String queueUrl = TestServices.newQueue();
        String jdbcUrl = TestServices.newDatabase();
        TestServices.send(queueUrl, protocol, bodies);
        ListAppender<ILoggingEvent> logs = captureAllLogs();
        try {
            runPipeline(queueUrl, jdbcUrl, protocol);
        } finally {
            release(logs);
        }

        String logText = render(logs.list);
        assertThat(logText).contains("queue drained"); // the capture did see the run
        String tableText = dumpAllTables(jdbcUrl);
        assertThat(tableText).contains("bad_app_version");
        for (String secret : secrets) {
            assertThat(logText).doesNotContain(secret);
            assertThat(tableText).doesNotContain(secret);
        }
        assertThat(tableText).doesNotContain("user_id\": ");
    }

    private static void runPipeline(String queueUrl, String jdbcUrl, SqsProtocol protocol) throws Exception {
        MaskingKeyset keyset = MaskingKeyset.generate();
        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, protocol), new DatabaseSettings(jdbcUrl, null, null),
                keyset, PipelineSettings.defaults(true).withReceivers(2).withBatches(100, Duration.ofMillis(20)), Clock.systemUTC())) {
            RunSummary summary = loader.run();
            assertThat(summary.loaded()).isEqualTo(99);
            assertThat(summary.quarantined()).isEqualTo(3);
        }
    }

    private static List<String> secretsIn(List<String> bodies) {
        List<String> secrets = new ArrayList<>();
        for (String body : bodies) {
            Matcher matcher = PII_VALUE.matcher(body);
            while (matcher.find()) {
                secrets.add(matcher.group(1));
            }
        }
        return secrets;
    }

    /** Captures every event of every logger, ours down to TRACE, for the duration of the run. */
    private static ListAppender<ILoggingEvent> captureAllLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        ((Logger) LoggerFactory.getLogger("io.sqspiietl")).setLevel(Level.TRACE);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        ((Logger) LoggerFactory.getLogger("io.sqspiietl")).setLevel(null);
    }

    private static String render(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events) {
            text.append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    /** Every column of every table in the public schema, as text (bytea decoded as UTF-8 too). */
    private static String dumpAllTables(String jdbcUrl) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("user_logins", "user_logins_quarantine", "sqs_pii_etl_ledger");
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int c = 1; c <= columns; c++) {
                            byte[] raw = rs.getBytes(c);
                            text.append(raw == null ? "" : new String(raw, StandardCharsets.UTF_8)).append('|');
                        }
                        text.append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
