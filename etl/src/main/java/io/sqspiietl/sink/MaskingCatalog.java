package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The tool's record of how the masked columns are masked ({@code sqs_pii_etl_masking}) and of every
 * reveal ({@code sqs_pii_etl_reveal_audit}). Each method is its own transaction on the given
 * connection and brings the schema up to date first.
 */
public final class MaskingCatalog {
    private static final String SELECT = "SELECT mode, key_id, fingerprint FROM sqs_pii_etl_masking FOR UPDATE";
    private static final String UPSERT = """
            INSERT INTO sqs_pii_etl_masking(mode, key_id, fingerprint) VALUES (?, ?, ?)
            ON CONFLICT (singleton) DO UPDATE
            SET mode = excluded.mode, key_id = excluded.key_id, fingerprint = excluded.fingerprint, recorded_at = now()""";
    private static final String AUDIT = """
            INSERT INTO sqs_pii_etl_reveal_audit(operator, reason, field, value_count, source) VALUES (?, ?, ?, ?, ?)""";

    private MaskingCatalog() {
    }

    /**
     * Records {@code current} if nothing is recorded yet (a new database) and returns what was
     * recorded before, so the caller can compare it with its keyset.
     */
    public static Optional<MaskingRecord> recordIfAbsent(Connection connection, MaskingRecord current) throws SinkException {
        return inTransaction(connection, "masking record", () -> {
            Optional<MaskingRecord> recorded = recorded(connection);
            if (recorded.isEmpty()) {
                upsert(connection, current);
            }
            return recorded;
        });
    }

    /** Replaces the record, after a rotation's {@code rekey}. */
    public static void replace(Connection connection, MaskingRecord current) throws SinkException {
        inTransaction(connection, "masking record", () -> {
            upsert(connection, current);
            return null;
        });
    }

    /** Appends one audit row; the caller prints revealed values only after this committed. */
    public static void audit(Connection connection, RevealAuditEntry entry) throws SinkException {
        inTransaction(connection, "reveal audit", () -> {
            try (PreparedStatement insert = connection.prepareStatement(AUDIT)) {
                insert.setString(1, entry.operator());
                insert.setString(2, entry.reason());
                insert.setString(3, entry.field());
                insert.setInt(4, entry.valueCount());
                insert.setString(5, entry.source());
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static Optional<MaskingRecord> recorded(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT); ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(new MaskingRecord(rs.getString(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
        }
    }

    private static void upsert(Connection connection, MaskingRecord record) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, record.mode());
            upsert.setLong(2, record.keyId());
            upsert.setString(3, record.fingerprint());
            upsert.executeUpdate();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, String operation, Work<T> work) throws SinkException {
        SchemaMigrator.migrate(connection);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            SchemaMigrator.rollbackQuietly(connection);
            throw SinkException.of(operation, e);
        }
    }
}
