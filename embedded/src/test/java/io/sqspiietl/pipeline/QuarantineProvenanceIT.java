package io.sqspiietl.pipeline;

import static io.sqspiietl.testing.SnsEnvelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.QuarantineReplay;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each quarantine row records who refused the message and how often SQS had handed it out: stage,
 * exception class, SQLSTATE, constraint, receive count; never a value.
 */
class QuarantineProvenanceIT {
    private static final Instant PUBLISHED = Instant.parse("2024-03-01T12:00:00Z");
    private static final String PSQL_EXCEPTION = "org.postgresql.util.PSQLException";

    private final MaskingKeyset keyset = MaskingKeyset.generate();
    private String jdbcUrl;

    @BeforeEach
    void freshDatabase() {
        jdbcUrl = TestServices.newDatabase();
    }

    @Test
    void eachRuleRecordsTheStageThatRefusedTheMessage() throws Exception {
        String queueUrl = TestServices.newQueue();
        List<String> ids = TestServices.sendEach(queueUrl, List.of("not json", "{\"user_id\": \"\"}",
                wrap("sns-c", "SubscriptionConfirmation", "You have chosen to subscribe", PUBLISHED),
                wrap("sns-n", "not json either", PUBLISHED)));

        drain(queueUrl);

        assertThat(provenance()).isEqualTo(Map.of(
                ids.get(0), "not_json|null|parse|null|null|null|1",
                ids.get(1), "empty_field|user_id|validate|null|null|null|1",
                ids.get(2), "bad_envelope|Type|unwrap|null|null|null|1",
                "sns:sns-n", "not_json|Message|parse|null|null|null|1"));
    }

    @Test
    void databaseRefusalRecordsItsSqlStateConstraintColumnAndExceptionClass() throws Exception {
        // What a DBA might do to the table: the tool's own validation cannot know either.
        TestServices.installSchema(jdbcUrl);
        sql("ALTER TABLE user_logins ADD CONSTRAINT no_poison CHECK (user_id <> 'poison')");
        sql("ALTER TABLE user_logins ALTER COLUMN locale TYPE varchar(2)");
        String queueUrl = TestServices.newQueue();
        List<String> ids = TestServices.sendEach(queueUrl, List.of("{\"user_id\": \"poison\", \"ip\": \"10.0.0.1\"}",
                "{\"user_id\": \"u-locale\", \"locale\": \"RU-ru\"}", "{\"user_id\": \"u-fine\", \"locale\": \"RU\"}",
                wrap("sns-poison", "{\"user_id\": \"poison\"}", PUBLISHED)));

        RunSummary summary = drain(queueUrl);

        assertThat(summary.loaded()).isEqualTo(1);
        assertThat(summary.quarantinedByReason()).isEqualTo(Map.of("rejected_by_database", 3L));
        assertThat(provenance()).isEqualTo(Map.of(
                ids.get(0), "rejected_by_database|null|database|" + PSQL_EXCEPTION + "|23514|no_poison|1",
                ids.get(1), "rejected_by_database|locale|database|" + PSQL_EXCEPTION + "|22001|null|1",
                "sns:sns-poison", "rejected_by_database|null|database|" + PSQL_EXCEPTION + "|23514|no_poison|1"));
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins WHERE user_id = 'u-fine'")).isEqualTo(1);
    }

    @Test
    void messageHandedOutBeforeRecordsItsReceiveCount() throws Exception {
        String queueUrl = TestServices.newQueue();
        String id = TestServices.sendEach(queueUrl, List.of("not json")).get(0);
        // A consumer that received it and gave it back without deleting it: SQS's count goes to 2.
        assertThat(TestServices.sqs().client().receiveMessage(request -> request.queueUrl(queueUrl)
                .visibilityTimeout(0).waitTimeSeconds(5)).messages()).hasSize(1);

        drain(queueUrl);

        assertThat(provenance()).isEqualTo(Map.of(id, "not_json|null|parse|null|null|null|2"));
    }

    @Test
    void rowsQuarantinedBeforeVersion3GetAStageAndAnEnvelopeAmongThemLoadsOnReplay() throws Exception {
        installVersion2();
        String envelope = wrap("sns-old", "{\"user_id\": \"u-old\"}", PUBLISHED);
        quarantineAsVersion2("sqs-1", envelope, "missing_field", "user_id");
        quarantineAsVersion2("sqs-2", "not json", "not_json", null);
        quarantineAsVersion2("sqs-3", "{\"user_id\": \"\"}", "rejected_by_database", null);
        quarantineAsVersion2("sqs-4", "{\"user_id\": \"\"}", "processing_error", null);

        TestServices.installSchema(jdbcUrl); // what a loader of this version does at start-up

        assertThat(provenance()).isEqualTo(Map.of(
                "sqs-1", "missing_field|user_id|validate|null|null|null|null",
                "sqs-2", "not_json|null|parse|null|null|null|null",
                "sqs-3", "rejected_by_database|null|database|null|null|null|null",
                "sqs-4", "processing_error|null|transform|null|null|null|null"));

        QuarantineReplay.Result result =
                new QuarantineReplayer(new DatabaseSettings(jdbcUrl, null, null), TestLoaders.loginProcessor(keyset)).replay();

        assertThat(result).isEqualTo(new QuarantineReplay.Result(1, 0, 3, 0));
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins WHERE user_id = 'u-old'")).isEqualTo(1);
        assertThat(provenance()).isEqualTo(Map.of(
                "sqs-2", "not_json|null|parse|null|null|null|null",
                "sqs-3", "empty_field|user_id|validate|null|null|null|null",
                "sqs-4", "empty_field|user_id|validate|null|null|null|null"));
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger "
                + "WHERE outcome = 'loaded' AND message_id IN ('sqs-1', 'sns:sns-old')")).isEqualTo(2);
    }

    private RunSummary drain(String queueUrl) throws PipelineException {
        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), new DatabaseSettings(jdbcUrl, null, null),
                keyset, PipelineSettings.defaults(true).withReceivers(2).withBatches(100, Duration.ofMillis(20)), Clock.systemUTC())) {
            return loader.run();
        }
    }

    /** The provenance of every quarantine row, {@code reason|field|stage|error_class|error_code|constraint|receive_count}. */
    private Map<String, String> provenance() throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT message_id, reason, field, stage, error_class, error_code, "
                     + "constraint_name, receive_count FROM user_logins_quarantine")) {
            while (rs.next()) {
                rows.put(rs.getString(1), String.join("|", rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return rows;
    }

    /** The tool's schema as version 2 of the tool left it. */
    private void installVersion2() throws Exception {
        sql("CREATE TABLE sqs_pii_etl_schema(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        for (String script : List.of("/db/V1__schema.sql", "/db/V2__masking.sql")) {
            try (InputStream in = getClass().getResourceAsStream(script)) {
                sql(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        sql("INSERT INTO sqs_pii_etl_schema(version) VALUES (1), (2)");
    }

    /** A quarantine row and ledger entry as version 2 wrote them: keyed and sealed by the SQS MessageId. */
    private void quarantineAsVersion2(String sqsId, String body, String reason, String field) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement quarantine = connection.prepareStatement("INSERT INTO user_logins_quarantine"
                     + "(message_id, reason, field, sent_at, sealed_body) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement ledger = connection.prepareStatement(
                     "INSERT INTO sqs_pii_etl_ledger(message_id, outcome) VALUES (?, 'quarantined')")) {
            quarantine.setString(1, sqsId);
            quarantine.setString(2, reason);
            quarantine.setString(3, field);
            quarantine.setObject(4, OffsetDateTime.of(2024, 3, 1, 12, 0, 1, 0, ZoneOffset.UTC));
            quarantine.setBytes(5, keyset.bodySealer().seal(sqsId, body));
            quarantine.executeUpdate();
            ledger.setString(1, sqsId);
            ledger.executeUpdate();
        }
    }

    private void sql(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
