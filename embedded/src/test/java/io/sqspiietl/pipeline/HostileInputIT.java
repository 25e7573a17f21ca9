package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskDomain;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.pipeline.HostileCase.Loaded;
import io.sqspiietl.pipeline.HostileCase.Quarantined;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile message bodies ({@link HostileCase#CORPUS}, {@link HostileEnvelopes#CORPUS}) goes
 * through the real pipeline once, each body as its own SQS message; every case must then have exactly
 * its expected outcome under its expected ledger key: a row with the given values, or a quarantine
 * entry with the given reason, field and stage whose sealed body opens to the body as sent.
 */
class HostileInputIT {
    private static final MaskingKeyset KEYSET = MaskingKeyset.generate();
    private static final List<HostileCase> CORPUS =
            Stream.concat(HostileCase.CORPUS.stream(), HostileEnvelopes.CORPUS.stream()).toList();

    /** The MessageId of each case, by case name. */
    private static final Map<String, String> MESSAGE_ID_BY_CASE = new HashMap<>();
    private static final Map<String, Row> ROW_BY_USER_ID = new HashMap<>();
    private static final Map<String, QuarantineEntry> QUARANTINE_BY_MESSAGE_ID = new HashMap<>();
    private static final Map<String, String> LEDGER_OUTCOME_BY_MESSAGE_ID = new HashMap<>();

    private static LocalDate firstSendDate;
    private static LocalDate lastRunDate;
    private static RunSummary summary;
    private static String queueUrl;
    private static int rowCount;

    /** A {@code user_logins} row with {@code ip} and {@code device_id} revealed. */
    private record Row(String userId, String deviceType, String ip, String deviceId, String locale,
                       Integer appVersion, LocalDate createDate) {
    }

    /** A {@code user_logins_quarantine} row with its body opened. */
    private record QuarantineEntry(String reason, String field, String stage, String errorClass, int receiveCount,
                                   String body) {
    }

    @BeforeAll
    static void sendEveryCaseAndDrainTheQueueOnce() throws Exception {
        queueUrl = TestServices.newQueue();
        String jdbcUrl = TestServices.newDatabase();
        firstSendDate = LocalDate.now(ZoneOffset.UTC);
        for (HostileCase hostile : CORPUS) {
            String messageId = TestServices.sqs().client()
                    .sendMessage(request -> request.queueUrl(queueUrl).messageBody(hostile.body())).messageId();
            assertThat(MESSAGE_ID_BY_CASE.put(hostile.name(), messageId)).as("case names are unique").isNull();
        }
        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON),
                new DatabaseSettings(jdbcUrl, null, null), KEYSET,
                PipelineSettings.defaults(true).withReceivers(2).withBatches(100, Duration.ofMillis(20)), Clock.systemUTC())) {
            summary = loader.run();
        }
        lastRunDate = LocalDate.now(ZoneOffset.UTC);
        readTables(jdbcUrl);
    }

    static List<HostileCase> corpus() {
        return CORPUS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hasExactlyItsExpectedOutcome(HostileCase hostile) {
        String ledgerKey = hostile.ledgerKey(MESSAGE_ID_BY_CASE.get(hostile.name()));
        if (hostile.expected() instanceof Loaded expected) {
            assertLoaded(ledgerKey, expected);
        } else {
            assertQuarantined(ledgerKey, (Quarantined) hostile.expected(), hostile.body());
        }
    }

    @Test
    void everyMessageIsAccountedForOnceAndTheQueueIsEmpty() throws Exception {
        long loaded = CORPUS.stream().filter(c -> c.expected() instanceof Loaded).count();
        int total = CORPUS.size();
        assertThat(total).isGreaterThanOrEqualTo(40);
        assertThat(rowCount).as("user_logins rows, each user_id once").isEqualTo(loaded).isEqualTo(ROW_BY_USER_ID.size());
        assertThat(QUARANTINE_BY_MESSAGE_ID).hasSize(total - (int) loaded);
        assertThat(LEDGER_OUTCOME_BY_MESSAGE_ID.keySet()).containsExactlyInAnyOrderElementsOf(
                CORPUS.stream().map(c -> c.ledgerKey(MESSAGE_ID_BY_CASE.get(c.name()))).toList());
        assertThat(summary.received()).isEqualTo(total);
        assertThat(summary.loaded()).isEqualTo(loaded);
        assertThat(summary.quarantined()).isEqualTo(total - loaded);
        assertThat(summary.deleted()).isEqualTo(total);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    private static void assertLoaded(String messageId, Loaded expected) {
        assertThat(LEDGER_OUTCOME_BY_MESSAGE_ID.get(messageId)).as("ledger outcome").isEqualTo("loaded");
        assertThat(QUARANTINE_BY_MESSAGE_ID).as("quarantine").doesNotContainKey(messageId);
        Row actual = ROW_BY_USER_ID.get(expected.userId());
        assertThat(actual).as("the row of this case's user_id").isNotNull();
        LocalDate expectedDate = expected.createDate();
        if (expectedDate == null) {
            // No date in the body: the SentTimestamp's UTC date, which lies within the test's own run.
            assertThat(actual.createDate()).as("create_date from SentTimestamp").isBetween(firstSendDate, lastRunDate);
            expectedDate = actual.createDate();
        }
        assertThat(actual).isEqualTo(new Row(expected.userId(), expected.deviceType(), expected.ip(), expected.deviceId(),
                expected.locale(), expected.appVersion(), expectedDate));
    }

    private static void assertQuarantined(String messageId, Quarantined expected, String sentBody) {
        assertThat(LEDGER_OUTCOME_BY_MESSAGE_ID.get(messageId)).as("ledger outcome").isEqualTo("quarantined");
        QuarantineEntry entry = QUARANTINE_BY_MESSAGE_ID.get(messageId);
        assertThat(entry).as("quarantine entry").isNotNull();
        assertThat(entry.reason()).as("reason").isEqualTo(expected.reason());
        assertThat(entry.field()).as("field").isEqualTo(expected.field());
        assertThat(entry.stage()).as("stage").isEqualTo(expected.stage());
        assertThat(entry.errorClass()).as("error class").isNull();
        assertThat(entry.receiveCount()).as("receive count").isEqualTo(1);
        // Compared as UTF-8 bytes: the 10,000-deep body would flood a failure message as text.
        assertThat(entry.body().getBytes(StandardCharsets.UTF_8)).as("opened body equals the body sent")
                .isEqualTo(sentBody.getBytes(StandardCharsets.UTF_8));
    }

    private static void readTables(String jdbcUrl) throws SQLException, UnmaskingException {
        FieldMasker masker = KEYSET.fieldMasker();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT user_id, device_type, masked_ip, masked_device_id, "
                    + "locale, app_version, create_date FROM user_logins")) {
                while (rs.next()) {
                    rowCount++;
                    ROW_BY_USER_ID.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2),
                            reveal(masker, LoginDomains.IP, rs.getString(3)),
                            reveal(masker, LoginDomains.DEVICE_ID, rs.getString(4)),
                            rs.getString(5), (Integer) rs.getObject(6), rs.getObject(7, LocalDate.class)));
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT message_id, reason, field, stage, error_class, receive_count, sealed_body "
                            + "FROM user_logins_quarantine")) {
                while (rs.next()) {
                    String body = KEYSET.bodySealer().open(rs.getString(1), rs.getBytes(7));
                    QUARANTINE_BY_MESSAGE_ID.put(rs.getString(1), new QuarantineEntry(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), body));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT message_id, outcome FROM sqs_pii_etl_ledger")) {
                while (rs.next()) {
                    LEDGER_OUTCOME_BY_MESSAGE_ID.put(rs.getString(1), rs.getString(2));
                }
            }
        }
    }

    private static String reveal(FieldMasker masker, MaskDomain field, String masked) throws UnmaskingException {
        return masked == null ? null : masker.reveal(field, masked);
    }
}
