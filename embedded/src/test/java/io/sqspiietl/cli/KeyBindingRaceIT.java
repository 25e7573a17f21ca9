package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.KeysetBinding;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.QuarantineReplayer;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key binding against concurrent commands on a real PostgreSQL: two first starts that meet, and a
 * replay whose database is rebound under it.
 */
class KeyBindingRaceIT {
    @TempDir
    Path dir;

    @Test
    void twoFirstStartsWithDifferentKeysetsLeaveOneBindingAndTheOtherIsRefused() throws Exception {
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        Path first = newKeyset("first.json");
        Path second = newKeyset("second.json");
        CommandRunner firstCli = new CommandRunner();
        CommandRunner secondCli = new CommandRunner();
        CompletableFuture<Integer> firstStart;
        CompletableFuture<Integer> secondStart;
        // A SHARE lock lets both starts read the empty table and holds both at their insert, so they
        // meet there every time instead of now and then.
        try (Connection holder = DriverManager.getConnection(jdbcUrl); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE sqs_pii_etl_masking IN SHARE MODE");
            firstStart = CompletableFuture.supplyAsync(() -> firstCli.execute(drain(jdbcUrl, first)));
            secondStart = CompletableFuture.supplyAsync(() -> secondCli.execute(drain(jdbcUrl, second)));
            Await.until(Duration.ofSeconds(30), () -> TestServices.count(jdbcUrl, """
                    SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'sqs_pii_etl_masking'::regclass
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""") == 2);
            holder.commit();
        }
        List<Integer> exitCodes = List.of(firstStart.get(1, TimeUnit.MINUTES), secondStart.get(1, TimeUnit.MINUTES));

        assertThat(exitCodes).containsExactlyInAnyOrder(0, 2);
        boolean firstWon = exitCodes.get(0) == 0;
        CommandRunner loser = firstWon ? secondCli : firstCli;
        MaskingKeyset winner = MaskingKeyset.read(firstWon ? first : second);
        assertThat(loser.err()).startsWith("sqs-pii-etl: --keyset: the masked columns in this database are in "
                + "deterministic mode with key " + winner.primaryKeyId()).hasLineCount(1);
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT concat_ws(' ', mode, key_id, fingerprint) FROM sqs_pii_etl_masking"))
                .containsExactly(String.join(" ", KeysetBinding.of(winner).mode(),
                        Long.toString(winner.primaryKeyId()), KeysetBinding.of(winner).fingerprint()));
    }

    @Test
    void replayIsRefusedWhenTheDatabaseIsBoundToAnotherKey() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Path loaded = newKeyset("loaded.json");
        CommandRunner cli = new CommandRunner();
        String queueUrl = TestServices.newQueue();
        assertThat(cli.execute("seed", "--queue-url", queueUrl)).isZero();
        assertThat(cli.execute("run", "--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
                "--keyset", loaded.toString())).as(cli.err()).isZero();
        assertThat(cli.execute("keys", "rotate", "--keyset", loaded.toString())).isZero();

        // At start: the rotated keyset masks under a key the database is not bound to yet.
        assertThat(cli.execute("replay", "--jdbc-url", jdbcUrl, "--keyset", loaded.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("finish the rotation with 'rekey' before loading").hasLineCount(1);
        // In a batch's transaction: a replay whose database was rebound after it started.
        QuarantineReplayer replayer = new QuarantineReplayer(new DatabaseSettings(jdbcUrl, null, null),
                TestLoaders.loginProcessor(MaskingKeyset.read(loaded)));
        assertThatThrownBy(replayer::replay).isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("the masked columns in this database are now in deterministic mode with key ");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(1);

        assertThat(cli.execute("rekey", "--keyset", loaded.toString(), "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();
        assertThat(cli.execute("replay", "--jdbc-url", jdbcUrl, "--keyset", loaded.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("loaded 0, duplicates removed 0, still quarantined 1, unreadable with this keyset 0\n");
    }

    private Path newKeyset(String name) throws Exception {
        Path file = dir.resolve(name);
        MaskingKeyset.generate().writeNew(file);
        return file;
    }

    private static String[] drain(String jdbcUrl, Path keyset) {
        return new String[] {"run", "--until-empty", "--queue-url", TestServices.newQueue(), "--jdbc-url", jdbcUrl,
            "--keyset", keyset.toString()};
    }
}
