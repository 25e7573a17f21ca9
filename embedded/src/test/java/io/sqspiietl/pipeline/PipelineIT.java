package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.testing.QuarantineEntries;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.FirstDeleteLost;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The whole pipeline against ElasticMQ and PostgreSQL over the wire, in each SQS protocol. */
@ParameterizedClass
@EnumSource(value = SqsProtocol.class, names = {"JSON", "QUERY"})
class PipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineSettings DRAIN = PipelineSettings.defaults(true).withReceivers(4).withBatches(500, Duration.ofMillis(50));

    @Parameter
    SqsProtocol protocol;

    private final MaskingKeyset keyset = MaskingKeyset.generate();
    private String jdbcUrl;

    /** A row of user_logins with the masked columns revealed again. */
    private record LoadedRow(String userId, String deviceType, String ip, String deviceId, String locale,
                             Integer appVersion, String appVersionText, LocalDate createDate) {
    }

    @BeforeEach
    void freshDatabase() {
        jdbcUrl = TestServices.newDatabase();
    }

    @Test
    void takeHomeSampleLoadsEveryValidMessageOnceAndQuarantinesTheWrongType() throws Exception {
        String queueUrl = TestServices.newQueue();
        List<String> sample = SyntheticLogins.takeHomeSample();
        send(queueUrl, sample);

        RunSummary summary = drain(queueUrl);

        assertThat(summary.received()).isEqualTo(100);
        assertThat(summary.loaded()).isEqualTo(99);
        assertThat(summary.quarantinedByReason()).isEqualTo(Map.of("missing_field", 1L));
        assertThat(summary.redelivered()).isZero();
        assertThat(summary.deleted()).isEqualTo(100);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));

        Map<String, LoadedRow> rows = loadedRowsByUserId();
        assertThat(rows).hasSize(99);
        for (String body : sample) {
            JsonNode event = JSON.readTree(body);
            if (!event.has("user_id")) {
                continue;
            }
            LoadedRow row = rows.get(event.get("user_id").asText());
            assertThat(row.ip()).isEqualTo(event.get("ip").asText());
            assertThat(row.deviceId()).isEqualTo(event.get("device_id").asText());
            assertThat(row.deviceType()).isEqualTo(event.get("device_type").asText());
            assertThat(row.locale()).isEqualTo(event.get("locale").isNull() ? null : event.get("locale").asText());
            assertThat(row.appVersionText()).isEqualTo(threePartVersion(event.get("app_version").asText()));
        }
        assertThat(QuarantineEntries.opened(jdbcUrl, keyset)).containsExactly("missing_field|user_id|" + SyntheticLogins.WRONG_TYPE_BODY);
    }

    @Test
    void guideExampleLoadsWithExactValues() throws Exception {
        String queueUrl = TestServices.newQueue();
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        send(queueUrl, List.of(
                "{\"user_id\": \"424cdd21-063a-43a7-b91b-7ca1a833afae\", \"app_version\": \"2.3.0\", "
                        + "\"device_type\": \"android\", \"ip\": \"199.172.111.135\", \"locale\": \"RU\", "
                        + "\"device_id\": \"593-47-5928\"}",
                "{\"user_id\": \"u-2\", \"app_version\": 0.96, \"device\": {\"type\": \"ios\", \"id\": \"x-1\"}, "
                        + "\"ip\": \" 2001:DB8:0:0:0:0:0:1 \", \"locale\": null, \"create_date\": \"2024-02-29\"}"));

        drain(queueUrl);

        LocalDate after = LocalDate.now(ZoneOffset.UTC);
        Map<String, LoadedRow> rows = loadedRowsByUserId();
        LoadedRow guide = rows.get("424cdd21-063a-43a7-b91b-7ca1a833afae");
        assertThat(guide).isEqualTo(new LoadedRow("424cdd21-063a-43a7-b91b-7ca1a833afae", "android",
                "199.172.111.135", "593-47-5928", "RU", 2_003_000, "2.3.0", guide.createDate()));
        assertThat(guide.createDate()).isBetween(before, after); // SentTimestamp, as a UTC date
        assertThat(rows.get("u-2")).isEqualTo(new LoadedRow("u-2", "ios", "2001:db8::1", "x-1", null,
                96_000, "0.96.0", LocalDate.of(2024, 2, 29)));
    }

    @Test
    void drainingAgainChangesNothing() throws Exception {
        String queueUrl = TestServices.newQueue();
        send(queueUrl, SyntheticLogins.takeHomeSample());
        drain(queueUrl);

        RunSummary second = drain(queueUrl);

        assertThat(second.received()).isZero();
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(1);
    }

    @Test
    void messageRedeliveredAfterItsCommitLoadsOnce() throws Exception {
        // Every first delete is lost, as if the loader died between commit and delete: each message
        // comes back after the one-second visibility timeout and must be skipped by the ledger.
        String queueUrl = TestServices.newQueue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        send(queueUrl, SyntheticLogins.takeHomeSample());

        RunSummary summary;
        try (var firstDeleteLost = new FirstDeleteLost(TestServices.messageSource(queueUrl, protocol))) {
            summary = drain(firstDeleteLost, DRAIN, PipelineListener.NONE);
        }

        // Each message comes back at least once; a slow machine may see a third delivery of some.
        assertThat(summary.received()).isGreaterThanOrEqualTo(200);
        assertThat(summary.redelivered()).isEqualTo(summary.received() - 100);
        assertThat(summary.loaded()).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(1);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void identicalBodiesOfDifferentMessagesAreTwoEvents() throws Exception {
        String queueUrl = TestServices.newQueue();
        String body = "{\"user_id\": \"twice\", \"ip\": \"10.0.0.1\"}";
        send(queueUrl, List.of(body, body));

        RunSummary summary = drain(queueUrl);

        assertThat(summary.loaded()).isEqualTo(2);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins WHERE user_id = 'twice'")).isEqualTo(2);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT masked_ip) FROM user_logins")).isEqualTo(1);
    }

    @Test
    void recordRefusedByTheDatabaseIsQuarantinedAndTheRestOfItsBatchLoads() throws Exception {
        // A constraint a DBA might add: the tool's own validation cannot know it.
        TestServices.installSchema(jdbcUrl);
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE user_logins ADD CONSTRAINT no_poison CHECK (user_id <> 'poison')");
        }
        String queueUrl = TestServices.newQueue();
        List<String> bodies = new ArrayList<>(SyntheticLogins.takeHomeSample());
        bodies.add(50, "{\"user_id\": \"poison\", \"ip\": \"10.0.0.1\"}");
        send(queueUrl, bodies);

        RunSummary summary = drain(queueUrl);

        assertThat(summary.loaded()).isEqualTo(99);
        assertThat(summary.quarantinedByReason()).isEqualTo(Map.of("missing_field", 1L, "rejected_by_database", 1L));
        assertThat(summary.deleted()).isEqualTo(101);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(QuarantineEntries.opened(jdbcUrl, keyset)).contains("rejected_by_database|null|{\"user_id\": \"poison\", \"ip\": \"10.0.0.1\"}");
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void receivesLargerThanTheBatchSizeAreSplitAcrossBatches() throws Exception {
        String queueUrl = TestServices.newQueue();
        send(queueUrl, SyntheticLogins.takeHomeSample());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        PipelineListener batches = new PipelineListener() {
            @Override
            public void committed(WriteResult result, Duration latency) {
                batchSizes.add(result.written().size() + result.redelivered());
            }
        };

        RunSummary summary = drain(queueUrl, PipelineSettings.defaults(true).withReceivers(2).withBatches(7, Duration.ofMillis(50)), batches);

        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 7));
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(summary.loaded()).isEqualTo(99);
        assertThat(summary.quarantined()).isEqualTo(1);
        assertThat(loadedRowsByUserId()).hasSize(99);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    private RunSummary drain(String queueUrl) throws PipelineException {
        return drain(queueUrl, DRAIN, PipelineListener.NONE);
    }

    private RunSummary drain(String queueUrl, PipelineSettings settings, PipelineListener listener) throws PipelineException {
        try (var source = TestServices.messageSource(queueUrl, protocol)) {
            return drain(source, settings, listener);
        }
    }

    private RunSummary drain(MessageSource source, PipelineSettings settings, PipelineListener listener) throws PipelineException {
        try (PostgresSink sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.open();
            sink.requireBinding(KeysetBinding.of(keyset));
            MessageProcessor processor = TestLoaders.loginProcessor(keyset);
            return new Pipeline(source, sink, processor, settings, Clock.systemUTC(), listener).run();
        } catch (io.sqspiietl.sink.SinkException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }

    private void send(String queueUrl, List<String> bodies) {
        TestServices.send(queueUrl, protocol, bodies);
    }

    private Map<String, LoadedRow> loadedRowsByUserId() throws SQLException, UnmaskingException {
        Map<String, LoadedRow> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT user_id, device_type, masked_ip, masked_device_id, "
                     + "locale, app_version, app_version_text(app_version), create_date FROM user_logins")) {
            var masker = keyset.fieldMasker();
            while (rs.next()) {
                String maskedIp = rs.getString(3);
                String maskedDeviceId = rs.getString(4);
                LoadedRow row = new LoadedRow(rs.getString(1), rs.getString(2),
                        maskedIp == null ? null : masker.reveal(LoginDomains.IP, maskedIp),
                        maskedDeviceId == null ? null : masker.reveal(LoginDomains.DEVICE_ID, maskedDeviceId),
                        rs.getString(5), (Integer) rs.getObject(6), rs.getString(7), rs.getObject(8, LocalDate.class));
                assertThat(rows.put(row.userId(), row)).as("user_id loaded once").isNull();
            }
        }
        return rows;
    }

    /** "x.y" means MAJOR.MINOR, and missing parts are zero: the decoding app_version_text must show. */
    private static String threePartVersion(String version) {
        String[] parts = (version + ".0.0").split("\\.");
        return Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]) + "." + Integer.parseInt(parts[2]);
    }
}
