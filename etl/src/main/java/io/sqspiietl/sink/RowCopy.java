package io.sqspiietl.sink;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows with {@code COPY ... FROM STDIN}, one {@code COPY} per contract of the rows, in the
 * caller's transaction: a batch that loads several tables commits them together. Contract names,
 * tables and columns are lower-case identifiers (the contract reader allows nothing else), so they
 * go into the statements as they are. Not thread-safe: each writer owns one.
 */
final class RowCopy {
    private final Map<Contract, String> statements = new IdentityHashMap<>();

    /** Copies the rows of the {@link SinkRecord.Load loads} among {@code records}, each table's in their order. */
    void insert(Connection connection, List<? extends SinkRecord> records) throws SQLException {
        Map<Contract, CopyText> tables = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            if (record instanceof SinkRecord.Load load) {
                TableRow row = load.row();
                CopyText text = tables.computeIfAbsent(row.contract(), contract -> new CopyText());
                for (Object value : row.values()) {
                    text.column(value);
                }
                text.endRow();
            }
        }
        for (Map.Entry<Contract, CopyText> table : tables.entrySet()) {
            copy(connection, statements.computeIfAbsent(table.getKey(), RowCopy::statement), table.getValue());
        }
    }

    /** Copies {@code rows} with {@code sql}, a {@code COPY ... FROM STDIN}. */
    static void copy(Connection connection, String sql, CopyText rows) throws SQLException {
        byte[] data = rows.toUtf8();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copy.writeToCopy(data, 0, data.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static String statement(Contract contract) {
        return "COPY " + contract.table() + "("
                + contract.storedColumns().stream().map(Column::name).collect(Collectors.joining(", ")) + ") FROM STDIN";
    }
}
