package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link MaskingCatalog} in the tables {@code sqs_pii_etl_masking} and {@code sqs_pii_etl_reveal_audit}.
 * Each call opens a connection of its own, brings the schema up to date, commits one transaction and
 * closes the connection, so nothing is held between the calls of a command. Thread-safe.
 */
public final class PostgresMaskingCatalog implements MaskingCatalog {
    private static final String AUDIT = """
            INSERT INTO sqs_pii_etl_reveal_audit(operator, reason, field, source, selection, values_selected, value_count,
              refusal, refusal_detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final DatabaseSettings settings;

    public PostgresMaskingCatalog(DatabaseSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<MaskingRecord> recordIfAbsent(MaskingRecord current) throws SinkException {
        return inTransaction("masking record", connection -> MaskingBinding.recordIfAbsent(connection, current));
    }

    @Override
    public void replace(MaskingRecord current) throws SinkException {
        inTransaction("masking record", connection -> {
            MaskingBinding.replace(connection, current);
            return null;
        });
    }

    @Override
    public void audit(RevealAuditEntry entry) throws SinkException {
        inTransaction("reveal audit", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(AUDIT)) {
                insert.setString(1, entry.operator());
                insert.setString(2, entry.reason());
                insert.setString(3, entry.field());
                insert.setString(4, entry.source());
                insert.setString(5, entry.selection());
                insert.setInt(6, entry.valuesSelected());
                insert.setInt(7, entry.valuesRevealed());
                insert.setString(8, entry.refusal() == null ? null : entry.refusal().code());
                insert.setString(9, entry.refusal() == null ? null : entry.refusal().detail());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Closing a connection whose transaction was not committed discards the transaction. */
    private <T> T inTransaction(String operation, Work<T> work) throws SinkException {
        try (Connection connection = settings.connect()) {
            SchemaMigrator.migrate(connection);
            try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH)) {
                T result = work.run(connection);
                transaction.commit();
                return result;
            }
        } catch (SQLException e) {
            throw SinkException.of(operation, e);
        }
    }
}
