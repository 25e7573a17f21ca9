package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandIT {
    private static final String POISON = "{\"user_id\": \"poison\", \"ip\": \"10.0.0.1\"}";

    @TempDir
    Path dir;

    @Test
    void replayLoadsWhatNowPassesOnceAndUpdatesTheRest() throws Exception {
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins ADD CONSTRAINT no_poison CHECK (user_id <> 'poison')");
        Path keysetFile = loadSampleWith(jdbcUrl, List.of(POISON));
        assertThat(count(jdbcUrl, "user_logins_quarantine")).isEqualTo(2);
        // The fix: the constraint goes; and a stale reason that the current rules must correct.
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins DROP CONSTRAINT no_poison");
        Sql.execute(jdbcUrl, "UPDATE user_logins_quarantine SET reason = 'stale', field = NULL WHERE reason = 'missing_field'");

        assertThat(replay(jdbcUrl, keysetFile))
                .isEqualTo("loaded 1, duplicates removed 0, still quarantined 1, unreadable with this keyset 0\n");
        assertThat(replay(jdbcUrl, keysetFile))
                .isEqualTo("loaded 0, duplicates removed 0, still quarantined 1, unreadable with this keyset 0\n");

        assertCounts(jdbcUrl, 100, 1, 100);
        assertThat(count(jdbcUrl, "user_logins WHERE user_id = 'poison'")).isEqualTo(1);
        assertThat(count(jdbcUrl, "user_logins_quarantine WHERE reason = 'missing_field' AND field = 'user_id'")).isEqualTo(1);
    }

    @Test
    void aRowTheDatabaseStillRefusesStaysQuarantinedAndTheRestOfItsBatchLoads() throws Exception {
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins ADD CONSTRAINT no_xx_locale CHECK (locale <> 'XX')");
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins ADD CONSTRAINT no_blocked_device CHECK (device_type <> 'blocked')");
        Path keysetFile = loadSampleWith(jdbcUrl, List.of("{\"user_id\": \"xx-1\", \"locale\": \"XX\"}",
                "{\"user_id\": \"xx-2\", \"locale\": \"XX\"}", "{\"user_id\": \"xx-3\", \"locale\": \"XX\"}",
                "{\"user_id\": \"blocked-1\", \"device_type\": \"blocked\"}"));
        assertThat(count(jdbcUrl, "user_logins_quarantine WHERE stage = 'database'")).isEqualTo(4);
        // The DBA lifts one constraint; the other still refuses its row, which shares a replay batch with the three.
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins DROP CONSTRAINT no_xx_locale");

        assertThat(replay(jdbcUrl, keysetFile))
                .isEqualTo("loaded 3, duplicates removed 0, still quarantined 2, unreadable with this keyset 0\n");

        assertCounts(jdbcUrl, 102, 2, 102);
        assertThat(count(jdbcUrl, "user_logins WHERE user_id LIKE 'xx-%'")).isEqualTo(3);
        assertThat(count(jdbcUrl, "user_logins_quarantine WHERE reason = 'rejected_by_database' AND stage = 'database'"
                + " AND error_code = '23514' AND constraint_name = 'no_blocked_device'")).isEqualTo(1);
    }

    /** The rows in the table, the quarantine, and the ledger's loaded entries. */
    private static void assertCounts(String jdbcUrl, long rows, long quarantined, long loadedInLedger) throws SQLException {
        assertThat(count(jdbcUrl, "user_logins")).isEqualTo(rows);
        assertThat(count(jdbcUrl, "user_logins_quarantine")).isEqualTo(quarantined);
        assertThat(count(jdbcUrl, "sqs_pii_etl_ledger WHERE outcome = 'loaded'")).isEqualTo(loadedInLedger);
    }

    private static long count(String jdbcUrl, String fromWhere) throws SQLException {
        return TestServices.count(jdbcUrl, "SELECT count(*) FROM " + fromWhere);
    }

    /** Drains the take-home sample and {@code extra} into the database under a new keyset, and returns the keyset's file. */
    private Path loadSampleWith(String jdbcUrl, List<String> extra) throws Exception {
        Path keysetFile = dir.resolve("keyset.json");
        MaskingKeyset keyset = MaskingKeyset.generate();
        keyset.writeNew(keysetFile);
        String queueUrl = TestServices.newQueue();
        List<String> bodies = new ArrayList<>(SyntheticLogins.takeHomeSample());
        bodies.addAll(extra);
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(bodies);
        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), new DatabaseSettings(jdbcUrl, null, null),
                keyset, PipelineSettings.defaults(true).withReceivers(2).withBatches(100, Duration.ofMillis(20)), Clock.systemUTC())) {
            loader.run();
        }
        return keysetFile;
    }

    private static String replay(String jdbcUrl, Path keyset) {
        CommandRunner cli = new CommandRunner();
        assertThat(cli.execute("replay", "--jdbc-url", jdbcUrl, "--keyset", keyset.toString())).as(cli.err()).isZero();
        return cli.out();
    }
}
