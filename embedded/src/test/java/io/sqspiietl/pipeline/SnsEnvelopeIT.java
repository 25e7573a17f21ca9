package io.sqspiietl.pipeline;

import static io.sqspiietl.testing.SnsEnvelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SNS-to-SQS fan-out without raw message delivery, through the whole pipeline against ElasticMQ and
 * PostgreSQL: envelopes are unwrapped, keyed by their SNS MessageId and dated by their publish time.
 */
class SnsEnvelopeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PUBLISHED = Instant.parse("2024-03-01T12:00:00Z");
    private static final LocalDate PUBLISH_DATE = LocalDate.of(2024, 3, 1);
    private static final PipelineSettings DRAIN = PipelineSettings.defaults(true).withReceivers(4).withBatches(500, Duration.ofMillis(50));

    private final MaskingKeyset keyset = MaskingKeyset.generate();
    private String jdbcUrl;

    /** A row of user_logins with ip and device_id revealed. */
    private record Row(String deviceType, String ip, String deviceId, String locale, LocalDate createDate) {
    }

    @BeforeEach
    void freshDatabase() {
        jdbcUrl = TestServices.newDatabase();
    }

    @Test
    void wrappedAndRawMessagesOnOneQueueLoadEveryEventOnceWithItsOriginalValues() throws Exception {
        String queueUrl = TestServices.newQueue();
        List<String> sample = SyntheticLogins.takeHomeSample();
        List<String> bodies = new ArrayList<>();
        List<String> snsMessageIds = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            snsMessageIds.add(UUID.randomUUID().toString());
            bodies.add(isWrapped(i) ? wrap(snsMessageIds.get(i), sample.get(i), PUBLISHED) : sample.get(i));
        }
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        List<String> sqsIds = TestServices.sendEach(queueUrl, bodies);
        List<String> ledgerKeys = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            ledgerKeys.add(isWrapped(i) ? "sns:" + snsMessageIds.get(i) : sqsIds.get(i));
        }

        RunSummary summary = drain(queueUrl, SnsEnvelopeMode.AUTO, DRAIN);

        LocalDate after = LocalDate.now(ZoneOffset.UTC);
        assertThat(summary.received()).isEqualTo(100);
        assertThat(summary.loaded()).isEqualTo(99);
        assertThat(summary.quarantinedByReason()).isEqualTo(Map.of("missing_field", 1L));
        assertThat(summary.redelivered()).isZero();
        assertThat(summary.deleted()).isEqualTo(100);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
        Map<String, Row> rows = rowsByUserId();
        assertThat(rows).hasSize(99);
        for (int i = 0; i < sample.size(); i++) {
            JsonNode event = JSON.readTree(sample.get(i));
            if (event.has("user_id")) {
                Row row = rows.get(event.get("user_id").asText());
                assertThat(row).isEqualTo(new Row(event.get("device_type").asText(), event.get("ip").asText(),
                        event.get("device_id").asText(), event.get("locale").isNull() ? null : event.get("locale").asText(),
                        isWrapped(i) ? PUBLISH_DATE : row.createDate()));
                if (!isWrapped(i)) {
                    assertThat(row.createDate()).as("raw event: the SentTimestamp's date").isBetween(before, after);
                }
            }
        }
        assertThat(strings("SELECT message_id FROM sqs_pii_etl_ledger")).containsExactlyInAnyOrderElementsOf(ledgerKeys);
        int wrongType = sample.indexOf(SyntheticLogins.WRONG_TYPE_BODY);
        assertThat(isWrapped(wrongType)).isTrue();
        assertThat(strings("SELECT concat_ws('|', message_id, reason, field, stage, receive_count) FROM user_logins_quarantine"))
                .containsExactly(ledgerKeys.get(wrongType) + "|missing_field|user_id|validate|1");
        assertThat(openedQuarantineBody(ledgerKeys.get(wrongType))).isEqualTo(bodies.get(wrongType));
    }

    /** Every other message of the sample goes through SNS. */
    private static boolean isWrapped(int position) {
        return position % 2 == 0;
    }

    @Test
    void onePublicationDeliveredAsSeveralSqsMessagesLoadsOnceAcrossBatchesAndRuns() throws Exception {
        String queueUrl = TestServices.newQueue();
        String published = wrap("sns-a", "{\"user_id\": \"u-a\", \"ip\": \"10.0.0.1\"}", PUBLISHED);
        String refused = wrap("sns-b", "{\"user_id\": \"u-b\", \"app_version\": \"x\"}", PUBLISHED);
        TestServices.sendEach(queueUrl, List.of(published, published, refused, refused));

        // One message per batch: each second copy meets its key committed by an earlier transaction.
        RunSummary first = drain(queueUrl, SnsEnvelopeMode.AUTO, PipelineSettings.defaults(true).withReceivers(1).withBatches(1, Duration.ZERO));
        TestServices.sendEach(queueUrl, List.of(published, refused, published));
        RunSummary second = drain(queueUrl, SnsEnvelopeMode.AUTO, DRAIN);

        assertThat(first.received()).isEqualTo(4);
        assertThat(first.loaded()).isEqualTo(1);
        assertThat(first.quarantinedByReason()).isEqualTo(Map.of("bad_app_version", 1L));
        assertThat(first.redelivered()).isEqualTo(2);
        assertThat(first.deleted()).isEqualTo(4);
        assertThat(second.received()).isEqualTo(3);
        assertThat(second.loaded()).isZero();
        assertThat(second.quarantined()).isZero();
        assertThat(second.redelivered()).isEqualTo(3);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
        assertThat(strings("SELECT user_id FROM user_logins")).containsExactly("u-a");
        assertThat(strings("SELECT message_id || ' ' || outcome FROM sqs_pii_etl_ledger ORDER BY message_id"))
                .containsExactly("sns:sns-a loaded", "sns:sns-b quarantined");
        assertThat(strings("SELECT concat_ws('|', message_id, reason, field) FROM user_logins_quarantine"))
                .containsExactly("sns:sns-b|bad_app_version|app_version");
    }

    @Test
    void withEnvelopesOffAnEnvelopeIsTheEventAsSentUnderItsSqsMessageId() throws Exception {
        String queueUrl = TestServices.newQueue();
        String body = wrap("sns-a", "{\"user_id\": \"u-a\"}", PUBLISHED);
        String sqsId = TestServices.sendEach(queueUrl, List.of(body)).get(0);

        RunSummary summary = drain(queueUrl, SnsEnvelopeMode.OFF, DRAIN);

        assertThat(summary.loaded()).isZero();
        assertThat(summary.quarantinedByReason()).isEqualTo(Map.of("missing_field", 1L));
        assertThat(strings("SELECT concat_ws('|', message_id, reason, field, stage) FROM user_logins_quarantine"))
                .containsExactly(sqsId + "|missing_field|user_id|validate");
        assertThat(openedQuarantineBody(sqsId)).isEqualTo(body);
    }

    @Test
    void badEnvelopeIsQuarantinedUnderItsSqsMessageIdAtTheUnwrapStage() throws Exception {
        String queueUrl = TestServices.newQueue();
        String confirmation = wrap("sns-c", "SubscriptionConfirmation", "You have chosen to subscribe", PUBLISHED);
        String sqsId = TestServices.sendEach(queueUrl, List.of(confirmation)).get(0);

        drain(queueUrl, SnsEnvelopeMode.AUTO, DRAIN);

        assertThat(strings("SELECT concat_ws('|', message_id, reason, field, stage, receive_count) FROM user_logins_quarantine"))
                .containsExactly(sqsId + "|bad_envelope|Type|unwrap|1");
        assertThat(strings("SELECT message_id FROM sqs_pii_etl_ledger")).containsExactly(sqsId);
        assertThat(openedQuarantineBody(sqsId)).isEqualTo(confirmation);
    }

    private RunSummary drain(String queueUrl, SnsEnvelopeMode envelopes, PipelineSettings settings) throws PipelineException {
        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), new DatabaseSettings(jdbcUrl, null, null),
                () -> keyset, envelopes, settings, Clock.systemUTC(), PipelineListener.NONE)) {
            return loader.run();
        }
    }

    private String openedQuarantineBody(String key) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT message_id, sealed_body FROM user_logins_quarantine")) {
            while (rs.next()) {
                if (rs.getString(1).equals(key)) {
                    return keyset.bodySealer().open(key, rs.getBytes(2));
                }
            }
        }
        throw new AssertionError("no quarantine row under " + key);
    }

    private Map<String, Row> rowsByUserId() throws Exception {
        FieldMasker masker = keyset.fieldMasker();
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT user_id, device_type, masked_ip, masked_device_id, locale, create_date FROM user_logins")) {
            while (rs.next()) {
                Row row = new Row(rs.getString(2), masker.reveal(LoginDomains.IP, rs.getString(3)),
                        masker.reveal(LoginDomains.DEVICE_ID, rs.getString(4)), rs.getString(5),
                        rs.getObject(6, LocalDate.class));
                assertThat(rows.put(rs.getString(1), row)).as("user_id loaded once").isNull();
            }
        }
        return rows;
    }

    private List<String> strings(String sql) throws Exception {
        return Sql.firstColumn(jdbcUrl, sql);
    }
}
