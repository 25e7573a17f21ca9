package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.SyntheticLoad;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database refusing records: one poison record among good ones is bad data and is quarantined;
 * every record refused for the same reason is a broken table, which stops a drain (exit 1, one line
 * naming the cause, the messages left on the queue) and makes a service wait until it is fixed.
 */
class SystemicRefusalIT {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();
    private String jdbcUrl;
    private Path keyset;

    @BeforeEach
    void setUp() throws Exception {
        jdbcUrl = TestServices.newDatabaseWithSchema();
        keyset = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keyset);
    }

    @Test
    void aConstraintAddedMidRunStopsTheDrainWithExitOneAndLeavesTheRestOnTheQueue() throws Exception {
        String queueUrl = SyntheticLoad.seededQueue(3_000, Map.of());
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute(drain(queueUrl)));
        SyntheticLoad.awaitRows(jdbcUrl, 300);
        // NOT VALID: the constraint binds new rows only, as a DBA adds one to a table in use.
        execute("ALTER TABLE user_logins ADD CONSTRAINT short_user_ids CHECK (length(user_id) < 5) NOT VALID");

        assertThat(run.get(2, TimeUnit.MINUTES)).as(cli.err()).isEqualTo(1);

        assertThat(cli.err().lines().toList()).containsExactly("sqs-pii-etl: PostgreSQL refused 20 records in a row for "
                + "the same reason (SQLSTATE 23514 on constraint short_user_ids); stopped without quarantining them, "
                + "the messages stay on the queue");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine WHERE reason = 'rejected_by_database'"))
                .isZero();
        long committed = TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isBetween(300L, committed);
        assertThat(TestServices.backlog(queueUrl).total()).as("everything not committed is still queued").isEqualTo(3_000 - committed);
    }

    @Test
    void aColumnNarrowedSoEveryValueIsTooLongStopsTheDrainBeforeAnyQuarantine() throws Exception {
        String queueUrl = SyntheticLoad.seededQueue(500, Map.of());
        execute("ALTER TABLE user_logins ALTER COLUMN user_id TYPE varchar(8)");

        assertThat(cli.execute(drain(queueUrl))).as(cli.err()).isEqualTo(1);

        assertThat(cli.err().lines().toList()).containsExactly("sqs-pii-etl: PostgreSQL refused 20 records in a row for "
                + "the same reason (SQLSTATE 22001 on column user_id); stopped without quarantining them, "
                + "the messages stay on the queue");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isZero();
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine WHERE reason = 'rejected_by_database'"))
                .isZero();
        long committed = TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger");
        assertThat(committed).as("at most the wrong-type messages, quarantined by their own rule")
                .isLessThanOrEqualTo(SyntheticLogins.wrongTypeCount(500));
        assertThat(TestServices.backlog(queueUrl).total()).isEqualTo(500 - committed);
    }

    @Test
    void onePoisonRecordAmong499GoodOnesIsQuarantinedAndTheRestLoad() throws Exception {
        execute("ALTER TABLE user_logins ADD CONSTRAINT no_poison CHECK (user_id <> 'poison')");
        String queueUrl = TestServices.newQueue();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 499; i++) {
            bodies.add("{\"user_id\": \"good-" + i + "\"}");
        }
        bodies.add(250, "{\"user_id\": \"poison\"}");
        TestServices.send(queueUrl, SqsProtocol.JSON, bodies);

        assertThat(cli.execute(drain(queueUrl))).as(cli.err()).isZero();

        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(499);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine WHERE reason = 'rejected_by_database'"))
                .isEqualTo(1);
        assertThat(TestServices.backlog(queueUrl).total()).isZero();
    }

    @Test
    void aServiceWaitsForTheTableToBeFixedAndResumesOnItsOwn() throws Exception {
        String queueUrl = SyntheticLoad.seededQueue(1_000, Map.of());
        execute("ALTER TABLE user_logins ADD CONSTRAINT short_user_ids CHECK (length(user_id) < 5)");
        CountDownLatch unready = new CountDownLatch(1);
        PipelineListener listener = new PipelineListener() {
            @Override
            public void failed(Stage stage, String kind) {
                if (stage == Stage.COMMIT && kind.equals("permanent")) {
                    unready.countDown();
                }
            }
        };
        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON),
                new DatabaseSettings(jdbcUrl, null, null), MaskingKeyset::generate, PipelineSettings.defaults(false),
                Clock.systemUTC(), listener)) {
            CompletableFuture<RunSummary> service = TestLoaders.inBackground(loader);
            assertThat(unready.await(1, TimeUnit.MINUTES)).as("the sink reported failing").isTrue();
            assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine WHERE reason = 'rejected_by_database'"))
                    .isZero();

            execute("ALTER TABLE user_logins DROP CONSTRAINT short_user_ids"); // the DBA's fix
            SyntheticLoad.awaitRows(jdbcUrl, 1_000 - SyntheticLogins.wrongTypeCount(1_000));
            Await.until(Duration.ofMinutes(1), () -> TestServices.backlog(queueUrl).total() == 0);
            loader.stop();
            service.get(1, TimeUnit.MINUTES);
        }
        SyntheticLoad.assertLoadedExactlyOnce(jdbcUrl, queueUrl, 1_000);
    }

    private String[] drain(String queueUrl) {
        return new String[] {"run", "--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
            "--keyset", keyset.toString(), "--batch-size", "100"};
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
