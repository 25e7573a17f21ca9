package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code prune-ledger} against a ledger with entries on both sides of the cut-off. */
class PruneLedgerCommandIT {
    private static final int OLD_LOADED = 1_000;

    private final CommandRunner cli = new CommandRunner();
    private String jdbcUrl;

    @BeforeEach
    void ledgerWithOldAndRecentEntries() throws Exception {
        jdbcUrl = TestServices.newDatabaseWithSchema();
        execute("""
                INSERT INTO sqs_pii_etl_ledger(message_id, outcome, processed_at)
                SELECT 'old-' || n, 'loaded', now() - interval '16 days' FROM generate_series(1, %d) AS n""".formatted(OLD_LOADED));
        execute("""
                INSERT INTO sqs_pii_etl_ledger(message_id, outcome, processed_at)
                VALUES ('old-quarantined-1', 'quarantined', now() - interval '30 days'),
                       ('old-quarantined-2', 'quarantined', now() - interval '30 days'),
                       ('recent-1', 'loaded', now() - interval '14 days'),
                       ('recent-2', 'loaded', now() - interval '1 day'),
                       ('recent-3', 'loaded', now())""");
    }

    @Test
    void deletesOnlyLoadedEntriesOlderThanFifteenDaysByDefault() throws Exception {
        assertThat(cli.execute("prune-ledger", "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();

        assertThat(cli.out()).startsWith("pruned " + OLD_LOADED + " ledger entries of messages loaded before ");
        assertThat(ledgerByPrefix()).isEqualTo(Map.of("old-quarantined", 2, "recent", 3));
    }

    @Test
    void aSecondRunFindsNothingLeftToPrune() {
        assertThat(cli.execute("prune-ledger", "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();
        assertThat(cli.execute("prune-ledger", "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();

        assertThat(cli.out()).contains("pruned 0 ledger entries");
    }

    @Test
    void aLongerAgeKeepsMore() throws Exception {
        assertThat(cli.execute("prune-ledger", "--jdbc-url", jdbcUrl, "--older-than-days", "20")).as(cli.err()).isZero();

        assertThat(cli.out()).startsWith("pruned 0 ledger entries");
        assertThat(ledgerByPrefix()).isEqualTo(Map.of("old", OLD_LOADED, "old-quarantined", 2, "recent", 3));
    }

    @Test
    void anAgeWithinSqsRetentionIsRefusedAndNothingIsDeleted() throws Exception {
        assertThat(cli.execute("prune-ledger", "--jdbc-url", jdbcUrl, "--older-than-days", "14")).isEqualTo(2);

        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --older-than-days must be at least 15 "
                + "(SQS may redeliver a message for up to 14 days), was 14\n");
        assertThat(ledgerByPrefix()).isEqualTo(Map.of("old", OLD_LOADED, "old-quarantined", 2, "recent", 3));
    }

    /** Ledger entries counted by MessageId without its trailing number. */
    private Map<String, Integer> ledgerByPrefix() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT regexp_replace(message_id, '-[0-9]+$', ''), count(*) FROM sqs_pii_etl_ledger GROUP BY 1""")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
