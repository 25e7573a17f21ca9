package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * The one row of {@code sqs_pii_etl_masking}: the masking mode and key the database's masked columns
 * are bound to. Every method works inside the caller's transaction and takes only locks that end with
 * it, so all of this works through a transaction pooler.
 *
 * <ul>
 *   <li>The first binding goes in with {@code INSERT ... ON CONFLICT DO NOTHING} on the singleton key:
 *       of two first starts that race, one inserts and the other waits for its commit and then reads
 *       its row, so there is one binding and nobody overwrites another's.</li>
 *   <li>A write confirms the binding with {@code SELECT ... FOR SHARE}, the last statement before its
 *       commit. A rebind (an update of the row) therefore either committed before, and the write sees
 *       the new binding, or waits until the write has committed; and a transaction holding the share
 *       lock waits for nothing else, so the lock cannot take part in a deadlock.</li>
 *   <li>A rebind first locks the table in {@code EXCLUSIVE} mode. That conflicts with the share locks
 *       of writes, but not with plain reads, and it queues writes that come after it, so a stream of
 *       overlapping writes cannot hold a rebind off.</li>
 * </ul>
 */
final class MaskingBinding {
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO sqs_pii_etl_masking(mode, key_id, fingerprint) VALUES (?, ?, ?)
            ON CONFLICT (singleton) DO NOTHING""";
    private static final String SELECT = "SELECT mode, key_id, fingerprint FROM sqs_pii_etl_masking";
    private static final String SELECT_FOR_SHARE = SELECT + " FOR SHARE";
    private static final String LOCK_AGAINST_WRITES = "LOCK TABLE sqs_pii_etl_masking IN EXCLUSIVE MODE";
    private static final String UPSERT = """
            INSERT INTO sqs_pii_etl_masking(mode, key_id, fingerprint) VALUES (?, ?, ?)
            ON CONFLICT (singleton) DO UPDATE
            SET mode = excluded.mode, key_id = excluded.key_id, fingerprint = excluded.fingerprint, recorded_at = now()""";

    private MaskingBinding() {
    }

    /**
     * Binds the database to {@code mine} unless it is bound already.
     *
     * @return the binding found, or empty if there was none and {@code mine} is now the binding (once
     *     the caller commits)
     */
    static Optional<MaskingRecord> recordIfAbsent(Connection connection, MaskingRecord mine) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_IF_ABSENT)) {
            bind(insert, mine);
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        return Optional.of(read(connection, SELECT).orElseThrow(
                () -> new SQLException("sqs_pii_etl_masking lost its row while it was being read")));
    }

    /**
     * Confirms that the database is bound to {@code expected} (binding it if it is bound to nothing)
     * and keeps the binding from changing until the transaction ends. Call it last before the commit.
     *
     * @throws SinkException of kind {@link SinkException.Kind#KEY_BINDING_CHANGED} if the database is
     *     bound to another key; the transaction has then been rolled back
     */
    static void confirm(Connection connection, MaskingRecord expected) throws SQLException, SinkException {
        Objects.requireNonNull(expected, "no key binding to confirm: the sink was not told which one to expect");
        Optional<MaskingRecord> found = read(connection, SELECT_FOR_SHARE);
        if (found.isEmpty()) {
            recordIfAbsent(connection, expected);
            found = read(connection, SELECT_FOR_SHARE);
        }
        if (found.isEmpty() || !found.get().equals(expected)) {
            SchemaMigrator.rollbackQuietly(connection);
            throw SinkException.keyBindingChanged(found.map(binding -> "the masked columns in this database are now in "
                    + binding.mode() + " mode with key " + binding.keyId() + " ('rekey' rebinds them after 'keys rotate')")
                    .orElse("the key binding of this database was deleted while it was confirmed")
                    + ", but this process masks in " + expected.mode() + " mode with key " + expected.keyId());
        }
    }

    /** Binds the database to {@code record} in place of whatever it was bound to; see the class comment. */
    static void replace(Connection connection, MaskingRecord record) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute(LOCK_AGAINST_WRITES);
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bind(upsert, record);
            upsert.executeUpdate();
        }
    }

    private static Optional<MaskingRecord> read(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(new MaskingRecord(rs.getString(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
        }
    }

    private static void bind(PreparedStatement statement, MaskingRecord record) throws SQLException {
        statement.setString(1, record.mode());
        statement.setLong(2, record.keyId());
        statement.setString(3, record.fingerprint());
    }
}
