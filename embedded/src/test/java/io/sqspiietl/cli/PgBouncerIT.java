package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.PgBouncer;
import io.sqspiietl.testing.PgBouncer.PoolMode;
import io.sqspiietl.testing.SyntheticLoad;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The tool with its default settings behind a real PgBouncer, the proxy most production databases are
 * reached through. In transaction mode each transaction of a connection may run on another server session,
 * shared with other clients, so anything relying on session state (named prepared statements, session
 * advisory locks, {@code SET}) breaks; the tests drain, crash, compete and replay through it. The checks
 * read the database directly, not through PgBouncer.
 */
class PgBouncerIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(3);
    private static final String POISON = "{\"user_id\": \"poison\", \"ip\": \"10.0.0.1\"}";

    @TempDir
    Path dir;

    private Path keysetFile;
    private String jdbcUrl;

    @BeforeEach
    void setUp() throws Exception {
        PgBouncer.requireInstalled();
        keysetFile = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keysetFile);
        jdbcUrl = TestServices.newDatabase(); // empty: the schema migration runs through PgBouncer too
    }

    @ParameterizedTest(name = "pool_mode = {0}")
    @EnumSource(PoolMode.class)
    void theTakeHomeSampleDrainsThroughPgBouncer(PoolMode mode) throws Exception {
        String queueUrl = TestServices.newQueue();
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(SyntheticLogins.takeHomeSample());

        try (PgBouncer bouncer = PgBouncer.start(mode, TestServices.postgres())) {
            CommandRunner cli = new CommandRunner();
            assertThat(cli.execute(runCommand(queueUrl, bouncer))).as(cli.err()).isZero();
            assertThat(cli.out()).containsPattern("(?m)^received +100$").containsPattern("(?m)^loaded +99$")
                    .containsPattern("(?m)^quarantined +1$").containsPattern("(?m)^deleted +100$");
        }
        SyntheticLoad.assertLoadedExactlyOnce(jdbcUrl, queueUrl, 100);
    }

    @Test
    void aLoaderKilledMidRunLosesNothingAndDoublesNothingAfterARestart() throws Exception {
        TestServices.installSchema(jdbcUrl); // so that progress can be polled from the start
        // A short visibility timeout lets the messages the killed loader held come back quickly.
        String queueUrl = SyntheticLoad.seededQueue(10_000, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"));
        try (PgBouncer bouncer = PgBouncer.start(PoolMode.TRANSACTION, TestServices.postgres())) {
            try (LoaderProcess loader = LoaderProcess.run(loaderArguments(queueUrl, bouncer))) {
                long rowsBeforeTheKill = SyntheticLoad.awaitRows(jdbcUrl, 200);
                loader.kill();
                assertThat(rowsBeforeTheKill).as("killed mid-run").isLessThan(9_900);
            }
            try (LoaderProcess loader = LoaderProcess.run(loaderArguments(queueUrl, bouncer))) {
                assertThat(loader.awaitExit(EXIT_TIMEOUT)).as(loader.output()).isZero();
            }
        }
        SyntheticLoad.assertLoadedExactlyOnce(jdbcUrl, queueUrl, 10_000);
    }

    @Test
    void fourLoaderProcessesShareOneQueueThroughTwoServerConnections() throws Exception {
        String queueUrl = SyntheticLoad.seededQueue(8_000, Map.of());
        List<LoaderProcess> loaders = new ArrayList<>();
        try (PgBouncer bouncer = PgBouncer.start(PoolMode.TRANSACTION, TestServices.postgres())) {
            for (int i = 0; i < 4; i++) {
                loaders.add(LoaderProcess.run(loaderArguments(queueUrl, bouncer)));
            }
            for (LoaderProcess loader : loaders) {
                assertThat(loader.awaitExit(EXIT_TIMEOUT)).as(loader.output()).isZero();
            }
        } finally {
            for (LoaderProcess loader : loaders) {
                loader.close();
            }
        }
        SyntheticLoad.assertLoadedExactlyOnce(jdbcUrl, queueUrl, 8_000);
    }

    @Test
    void replayThroughPgBouncerLoadsWhatNowPassesAndUpdatesTheRest() throws Exception {
        TestServices.installSchema(jdbcUrl);
        // A constraint of the DBA's quarantines one valid message; dropping it is the fix that replay applies.
        sql("ALTER TABLE user_logins ADD CONSTRAINT no_poison CHECK (user_id <> 'poison')");
        String queueUrl = TestServices.newQueue();
        List<String> bodies = new ArrayList<>(SyntheticLogins.takeHomeSample());
        bodies.add(POISON);
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(bodies);

        CommandRunner cli = new CommandRunner();
        try (PgBouncer bouncer = PgBouncer.start(PoolMode.TRANSACTION, TestServices.postgres())) {
            assertThat(cli.execute(runCommand(queueUrl, bouncer))).as(cli.err()).isZero();
            assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(2);
            sql("ALTER TABLE user_logins DROP CONSTRAINT no_poison");

            String[] replay = {"replay", "--jdbc-url", bouncer.jdbcUrl(jdbcUrl), "--keyset", keysetFile.toString()};
            assertThat(cli.execute(replay)).as(cli.err()).isZero();
            assertThat(cli.out()).isEqualTo("loaded 1, duplicates removed 0, still quarantined 1, unreadable with this keyset 0\n");
        }
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(100);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins WHERE user_id = 'poison'")).isEqualTo(1);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(1);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger WHERE outcome = 'loaded'")).isEqualTo(100);
    }

    /** The command line of {@code run} draining the queue into the test database through {@code bouncer}. */
    private String[] runCommand(String queueUrl, PgBouncer bouncer) {
        List<String> command = new ArrayList<>(List.of(loaderArguments(queueUrl, bouncer)));
        command.add(0, "run");
        return command.toArray(String[]::new);
    }

    /** The arguments of {@code run}, as {@link LoaderProcess#run} takes them. */
    private String[] loaderArguments(String queueUrl, PgBouncer bouncer) {
        return new String[] {"--until-empty", "--queue-url", queueUrl, "--jdbc-url", bouncer.jdbcUrl(jdbcUrl),
            "--keyset", keysetFile.toString(), "--receivers", "4", "--batch-size", "200", "--sqs-protocol", "json"};
    }

    private void sql(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
