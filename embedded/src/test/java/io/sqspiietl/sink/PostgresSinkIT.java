package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against a real PostgreSQL: the COPY fast path, and the claim it falls back to. */
class PostgresSinkIT {
    /** The rows written here are not masked by any key; the sink binds the fresh database to this one. */
    private static final MaskingRecord BINDING = new MaskingRecord("deterministic", 1, "test-fingerprint");

    private String jdbcUrl;

    @BeforeEach
    void freshDatabase() {
        jdbcUrl = TestServices.newDatabase();
    }

    private static SinkRecord.Load load(String messageId, String userId) {
        return new SinkRecord.Load(messageId, TestRows.login(userId, "android", "mip", "mdev", "en-US", 2003001,
                LocalDate.of(2026, 11, 21)));
    }

    private static SinkRecord.Quarantine quarantine(String messageId) {
        return new SinkRecord.Quarantine(messageId, messageId, QuarantineCause.rejected("validate", "login", "missing_field", "user_id"),
                Instant.parse("2026-11-21T10:00:00Z"), 1, new byte[] {1, 2, 3});
    }

    private WriteResult write(List<SinkRecord> batch) throws SinkException {
        try (PostgresSink sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.open();
            sink.requireBinding(BINDING);
            return sink.write(batch);
        }
    }

    @Test
    void aBatchOfNewMessagesIsWrittenWholeInItsOrder() throws Exception {
        WriteResult result = write(List.of(load("m2", "u2"), quarantine("m3"), load("m1", "u1")));

        // The batch's order, not the ledger's lock order: a FIFO queue's order reaches the table.
        assertThat(result.written()).extracting(SinkRecord::messageId).containsExactly("m2", "m3", "m1");
        assertThat(result.redelivered()).isZero();
        assertThat(rows("SELECT user_id FROM user_logins ORDER BY ctid")).containsExactly("u2", "u1");
        assertThat(rows("SELECT message_id || ' ' || outcome FROM sqs_pii_etl_ledger ORDER BY message_id"))
                .containsExactly("m1 loaded", "m2 loaded", "m3 quarantined");
        assertThat(rows("SELECT message_id || ' ' || reason || ' ' || field FROM user_logins_quarantine"))
                .containsExactly("m3 missing_field user_id");
    }

    @Test
    void messagesAlreadyCommittedOrTwiceInTheBatchAreWrittenOnce() throws Exception {
        write(List.of(load("m1", "u1"), load("m2", "u2")));

        WriteResult result = write(List.of(load("m2", "u2"), load("m3", "u3"), quarantine("m4"), load("m3", "u3"),
                load("m1", "u1")));

        assertThat(result.written()).extracting(SinkRecord::messageId).containsExactly("m3", "m4");
        assertThat(result.redelivered()).isEqualTo(3);
        assertThat(rows("SELECT user_id FROM user_logins ORDER BY user_id")).containsExactly("u1", "u2", "u3");
        assertThat(rows("SELECT message_id FROM sqs_pii_etl_ledger ORDER BY message_id")).containsExactly("m1", "m2", "m3", "m4");
        assertThat(rows("SELECT message_id FROM user_logins_quarantine")).containsExactly("m4");
    }

    @Test
    void textThatMeansSomethingToCopyArrivesUnchanged() throws Exception {
        String userId = "tab\there, line\nbreak\rcr, back\\slash, \\N, \\., ünïcødé 😀";
        write(List.of(new SinkRecord.Load("m1", TestRows.login(userId, null, "mip", "mdev", "\\N", null, null))));

        assertThat(rows("SELECT user_id FROM user_logins")).containsExactly(userId);
        assertThat(rows("SELECT concat_ws('|', device_type IS NULL, locale, app_version IS NULL, create_date IS NULL) "
                + "FROM user_logins")).containsExactly("t|\\N|t|t");
    }

    private List<String> rows(String sql) throws Exception {
        return Sql.firstColumn(jdbcUrl, sql);
    }
}
