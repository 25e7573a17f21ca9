package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link MaskingCatalog} in the tables {@code sqs_pii_etl_masking}, {@code sqs_pii_etl_masked_columns} and
 * {@code sqs_pii_etl_reveal_audit}.
 * Each call opens a connection of its own, brings the schema up to date, commits one transaction and
 * closes the connection, so nothing is held between the calls of a command. Thread-safe.
 */
public final class PostgresMaskingCatalog implements MaskingCatalog {
    private static final String AUDIT = """
            INSERT INTO sqs_pii_etl_reveal_audit(operator, reason, field, table_name, column_name, source, selection,
              values_selected, value_count, refusal, refusal_detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String RECORD_COLUMN = """
            INSERT INTO sqs_pii_etl_masked_columns(table_name, column_name, policy, domain, subject, contract)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String COLUMNS = """
            SELECT table_name, column_name, policy, domain, subject, contract FROM sqs_pii_etl_masked_columns
            ORDER BY table_name, column_name""";

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
    public void recordKeyedColumns(List<KeyedColumn> columns) throws SinkException {
        inTransaction("masking catalog", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(RECORD_COLUMN)) {
                for (KeyedColumn column : columns) {
                    insert.setString(1, column.table());
                    insert.setString(2, column.column());
                    insert.setString(3, column.policy());
                    insert.setString(4, column.domain());
                    insert.setString(5, column.subject());
                    insert.setString(6, column.contract());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<KeyedColumn> keyedColumns() throws SinkException {
        return inTransaction("masking catalog", connection -> {
            List<KeyedColumn> columns = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(COLUMNS); ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    columns.add(new KeyedColumn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return columns;
        });
    }

    @Override
    public void audit(RevealAuditEntry entry) throws SinkException {
        inTransaction("reveal audit", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(AUDIT)) {
                insert.setString(1, entry.operator());
                insert.setString(2, entry.reason());
                insert.setString(3, entry.column().domain());
                insert.setString(4, entry.column().table());
                insert.setString(5, entry.column().column());
                insert.setString(6, entry.source());
                insert.setString(7, entry.selection());
                insert.setInt(8, entry.valuesSelected());
                insert.setInt(9, entry.valuesRevealed());
                insert.setString(10, entry.refusal() == null ? null : entry.refusal().code());
                insert.setString(11, entry.refusal() == null ? null : entry.refusal().detail());
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
