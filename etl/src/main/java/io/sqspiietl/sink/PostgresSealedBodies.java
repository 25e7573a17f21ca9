package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SealedBodies} in PostgreSQL, walked through the quarantine's primary key so that each
 * transaction reads only its own rows. Each call uses a connection of its own.
 */
public final class PostgresSealedBodies implements SealedBodies {
    /** Bodies per transaction: each may be 1 MiB, held sealed, open and sealed again meanwhile. */
    private static final int ROWS_PER_TRANSACTION = 16;
    private static final String LOCK_NEXT = """
            SELECT message_id, sealed_body FROM user_logins_quarantine
            WHERE message_id > ? ORDER BY message_id LIMIT ? FOR UPDATE""";
    private static final String UPDATE = "UPDATE user_logins_quarantine SET sealed_body = ? WHERE message_id = ?";

    private final DatabaseSettings settings;

    public PostgresSealedBodies(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** One quarantined message's key and sealed body. */
    private record SealedRow(String messageId, byte[] sealed) {
    }

    @Override
    public <X extends Exception> long resealAll(Resealer<X> resealer) throws SinkException, X {
        // Rows the resealer stops in are discarded with the connection.
        try (Connection connection = settings.connect()) {
            long resealed = 0;
            String after = "";
            while (true) {
                try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH)) {
                    List<SealedRow> rows = lockNext(connection, after);
                    if (rows.isEmpty()) {
                        transaction.commit();
                        return resealed;
                    }
                    List<SealedRow> changed = new ArrayList<>();
                    for (SealedRow row : rows) {
                        Optional<byte[]> body = resealer.reseal(row.messageId(), row.sealed());
                        body.ifPresent(sealed -> changed.add(new SealedRow(row.messageId(), sealed)));
                    }
                    update(connection, changed);
                    transaction.commit();
                    resealed += changed.size();
                    after = rows.get(rows.size() - 1).messageId();
                }
            }
        } catch (SQLException e) {
            throw SinkException.of("re-sealing quarantined bodies", e);
        }
    }

    /** Reads and locks the next rows after MessageId {@code after}, in the current transaction. */
    private static List<SealedRow> lockNext(Connection connection, String after) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_NEXT)) {
            select.setString(1, after);
            select.setInt(2, ROWS_PER_TRANSACTION);
            List<SealedRow> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SealedRow(rs.getString(1), rs.getBytes(2)));
                }
            }
            return rows;
        }
    }

    private static void update(Connection connection, List<SealedRow> rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (SealedRow row : rows) {
                update.setBytes(1, row.sealed());
                update.setString(2, row.messageId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
