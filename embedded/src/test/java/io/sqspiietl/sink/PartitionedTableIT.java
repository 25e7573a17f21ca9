package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.pipeline.KeysetBinding;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.Pipeline;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.FirstDeleteLost;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import io.sqspiietl.transform.MessageReader;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code user_logins} as the DBA of a large installation prepares it before the first run: range-partitioned
 * by {@code create_date}, one partition per month and a {@code DEFAULT} one, with the indexes analysts want.
 * The tool loads into it as into a plain table ({@code COPY} into the parent routes each row to its
 * partition), a redelivered message once, and leaves the table and its indexes as the DBA made them. A row
 * that no partition covers is the database's refusal of one record: quarantined, and loaded by
 * {@code replay} once the DBA has added its partition.
 */
class PartitionedTableIT {
    private static final List<String> MONTHS = List.of("2025-01", "2025-02", "2025-03");
    private static final PipelineSettings DRAIN = PipelineSettings.defaults(true).withReceivers(4).withBatches(500, Duration.ofMillis(50));
    private static final String ROWS_BY_PARTITION =
            "SELECT tableoid::regclass::text, count(*) FROM user_logins GROUP BY 1 ORDER BY 1";
    /** The parent with its indexes and the monthly partitions. */
    private static final String MONTHLY_PARTITIONS = """
            CREATE TABLE user_logins(
              user_id varchar(128), device_type varchar(32), masked_ip varchar(256),
              masked_device_id varchar(256), locale varchar(32), app_version integer, create_date date)
              PARTITION BY RANGE (create_date);
            CREATE TABLE user_logins_2025_01 PARTITION OF user_logins FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
            CREATE TABLE user_logins_2025_02 PARTITION OF user_logins FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
            CREATE TABLE user_logins_2025_03 PARTITION OF user_logins FOR VALUES FROM ('2025-03-01') TO ('2025-04-01');
            CREATE INDEX user_logins_masked_device_id_idx ON user_logins (masked_device_id);
            CREATE INDEX user_logins_masked_ip_idx ON user_logins (masked_ip);
            CREATE INDEX user_logins_create_date_idx ON user_logins (create_date);
            """;
    private static final String DEFAULT_PARTITION = "CREATE TABLE user_logins_default PARTITION OF user_logins DEFAULT";
    private static final Map<String, Long> ROWS_PER_PARTITION = rowsPerPartition();

    @TempDir
    Path dir;

    private final MaskingKeyset keyset = MaskingKeyset.generate();

    @Test
    void loadsEachRowIntoItsMonthOnceAndLeavesTheTableAsTheDbaMadeIt() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Sql.execute(jdbcUrl, MONTHLY_PARTITIONS);
        Sql.execute(jdbcUrl, DEFAULT_PARTITION);
        // Every first delete is lost, so each message comes back after the one-second visibility timeout.
        String queueUrl = TestServices.newQueue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        TestServices.send(queueUrl, SqsProtocol.JSON, datedSample());

        RunSummary summary = drainWithEveryFirstDeleteLost(jdbcUrl, queueUrl);

        assertThat(summary.received()).as(summary.toString()).isGreaterThanOrEqualTo(200);
        assertThat(summary.redelivered()).isEqualTo(summary.received() - 100);
        assertThat(summary.loaded()).isEqualTo(99);
        assertThat(counts(jdbcUrl, ROWS_BY_PARTITION)).containsExactlyEntriesOf(ROWS_PER_PARTITION);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(1);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger")).isEqualTo(100);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));

        assertThat(counts(jdbcUrl, "SELECT relkind::text, count(*) FROM pg_class WHERE oid = 'user_logins'::regclass"
                + " GROUP BY 1")).containsExactly(entry("p", 1L));
        assertThat(counts(jdbcUrl, "SELECT inhrelid::regclass::text, 1 FROM pg_inherits"
                + " WHERE inhparent = 'user_logins'::regclass ORDER BY 1")).containsOnlyKeys(
                "user_logins_2025_01", "user_logins_2025_02", "user_logins_2025_03", "user_logins_default");
        assertThat(counts(jdbcUrl, "SELECT indexname::text, 1 FROM pg_indexes WHERE tablename = 'user_logins'"
                + " ORDER BY 1")).containsOnlyKeys(
                "user_logins_create_date_idx", "user_logins_masked_device_id_idx", "user_logins_masked_ip_idx");
    }

    @Test
    void aRowNoPartitionCoversIsQuarantinedAndReplayLoadsItOnceItsPartitionExists() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Sql.execute(jdbcUrl, MONTHLY_PARTITIONS);
        String queueUrl = TestServices.newQueue();
        TestServices.send(queueUrl, SqsProtocol.JSON, datedSample());

        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON),
                new DatabaseSettings(jdbcUrl, null, null), keyset, DRAIN, Clock.systemUTC())) {
            RunSummary summary = loader.run();
            assertThat(summary.quarantinedByReason()).containsOnly(entry("missing_field", 1L), entry("rejected_by_database", 25L));
        }
        Sql.execute(jdbcUrl, DEFAULT_PARTITION);
        Path keysetFile = dir.resolve("keyset.json");
        keyset.writeNew(keysetFile);
        CommandRunner cli = new CommandRunner();
        assertThat(cli.execute("replay", "--jdbc-url", jdbcUrl, "--keyset", keysetFile.toString())).as(cli.err()).isZero();

        assertThat(cli.out()).isEqualTo("loaded 25, duplicates removed 0, still quarantined 1, unreadable with this keyset 0\n");
        assertThat(counts(jdbcUrl, ROWS_BY_PARTITION)).containsExactlyEntriesOf(ROWS_PER_PARTITION);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger WHERE outcome = 'loaded'")).isEqualTo(99);
    }

    @Test
    void rekeyReMasksTheRowsOfEveryPartitionInPlace() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Sql.execute(jdbcUrl, MONTHLY_PARTITIONS);
        Sql.execute(jdbcUrl, DEFAULT_PARTITION);
        String queueUrl = TestServices.newQueue();
        TestServices.send(queueUrl, SqsProtocol.JSON, datedSample());
        Path keysetFile = dir.resolve("keyset.json");
        keyset.writeNew(keysetFile);
        CommandRunner cli = new CommandRunner();
        assertThat(cli.execute("run", "--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
                "--keyset", keysetFile.toString())).as(cli.err()).isZero();
        Map<String, MaskedPair> before = maskedByUser(jdbcUrl);

        assertThat(cli.execute("keys", "rotate", "--keyset", keysetFile.toString())).as(cli.err()).isZero();
        // One page per transaction: every partition is walked in ranges, as a large one would be.
        assertThat(cli.execute("rekey", "--keyset", keysetFile.toString(), "--jdbc-url", jdbcUrl, "--batch-pages", "1"))
                .as(cli.err()).isZero();

        assertThat(cli.out()).contains("99 rows rewritten, 198 values re-masked");
        assertThat(counts(jdbcUrl, ROWS_BY_PARTITION)).containsExactlyEntriesOf(ROWS_PER_PARTITION);
        Map<String, MaskedPair> after = maskedByUser(jdbcUrl);
        assertThat(after.keySet()).hasSize(99).isEqualTo(before.keySet());
        MaskingKeyset rotated = MaskingKeyset.read(keysetFile);
        int unchanged = 0;
        int revealedDifferently = 0;
        for (String user : after.keySet()) {
            unchanged += after.get(user).equals(before.get(user)) ? 1 : 0;
            revealedDifferently += after.get(user).revealed(rotated).equals(before.get(user).revealed(keyset)) ? 0 : 1;
        }
        assertThat(unchanged).as("rows whose masks rekey left as they were").isZero();
        assertThat(revealedDifferently).as("rows that no longer reveal to their originals").isZero();
    }

    /** A row's two masks; {@link #revealed} opens them, for comparison only. */
    private record MaskedPair(String maskedIp, String maskedDeviceId) {
        MaskedPair revealed(MaskingKeyset keys) throws UnmaskingException {
            return new MaskedPair(keys.fieldMasker().reveal(LoginDomains.IP, maskedIp),
                    keys.fieldMasker().reveal(LoginDomains.DEVICE_ID, maskedDeviceId));
        }
    }

    private static Map<String, MaskedPair> maskedByUser(String jdbcUrl) throws SQLException {
        Map<String, MaskedPair> masks = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT user_id, masked_ip, masked_device_id FROM user_logins")) {
            while (rs.next()) {
                masks.put(rs.getString(1), new MaskedPair(rs.getString(2), rs.getString(3)));
            }
        }
        return masks;
    }

    /** What the sample leaves in each partition: position 42, a March one, is the wrong-type message. */
    private static Map<String, Long> rowsPerPartition() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("user_logins_2025_01", 25L);
        rows.put("user_logins_2025_02", 25L);
        rows.put("user_logins_2025_03", 24L);
        rows.put("user_logins_default", 25L);
        return rows;
    }

    /**
     * The take-home-shaped sample with a {@code create_date} in January, February or March 2025 in three
     * messages of four; the fourth has none, so its date is its SentTimestamp's, today, which no monthly
     * partition covers: it lands in the default partition.
     */
    private static List<String> datedSample() {
        List<String> sample = SyntheticLogins.takeHomeSample();
        List<String> dated = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            String body = sample.get(i);
            if (i % 4 < MONTHS.size()) {
                String date = String.format(Locale.ROOT, "%s-%02d", MONTHS.get(i % 4), 1 + i % 28);
                body = body.substring(0, body.length() - 1) + ", \"create_date\": \"" + date + "\"}";
            }
            dated.add(body);
        }
        return dated;
    }

    private RunSummary drainWithEveryFirstDeleteLost(String jdbcUrl, String queueUrl) throws Exception {
        try (MessageSource sqs = TestServices.messageSource(queueUrl, SqsProtocol.JSON);
             PostgresSink sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.open();
            sink.requireBinding(KeysetBinding.of(keyset));
            MessageProcessor processor = TestLoaders.loginProcessor(keyset);
            return new Pipeline(new FirstDeleteLost(sqs), sink, processor, DRAIN, Clock.systemUTC(), PipelineListener.NONE).run();
        }
    }

    /** The rows of a query of a text and a count, in the query's order. */
    private static Map<String, Long> counts(String jdbcUrl, String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
