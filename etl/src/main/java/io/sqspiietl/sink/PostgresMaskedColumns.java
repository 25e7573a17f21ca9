package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link MaskedColumns} in PostgreSQL. Rows are addressed by physical position ({@code ctid})
 * because the tool may not add an index to a table it does not own: a range of pages is read with a
 * TID range scan, never a full scan per transaction. A partitioned {@code user_logins} has no pages
 * of its own, so its leaf partitions are walked one after the other; a plain table is its own only
 * leaf. Each call uses a connection of its own.
 */
public final class PostgresMaskedColumns implements MaskedColumns {
    /**
     * The leaf partitions, or the table itself when it is not partitioned (the tree of a plain table is
     * empty). The names are quoted and schema-qualified by PostgreSQL where needed, so safe in SQL.
     */
    private static final String LEAVES = """
            SELECT relid::regclass::text FROM pg_partition_tree('user_logins') WHERE isleaf
            UNION ALL
            SELECT 'user_logins'::regclass::text WHERE NOT EXISTS (SELECT FROM pg_partition_tree('user_logins'))
            ORDER BY 1""";
    private static final String PAGES = "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint";
    private static final String LOCK_PAGES = """
            SELECT ctid::text, masked_ip, masked_device_id FROM %s
            WHERE ctid >= ?::tid AND ctid < ?::tid FOR UPDATE""";
    private static final String UPDATE = "UPDATE %s SET masked_ip = ?, masked_device_id = ? WHERE ctid = ?::tid";
    private static final String BY_USER = """
            SELECT user_id, %s FROM user_logins WHERE user_id LIKE ? AND %<s IS NOT NULL ORDER BY user_id""";

    private final DatabaseSettings settings;

    public PostgresMaskedColumns(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** One row's position and masked values (either may be {@code null}). */
    private record MaskedRow(String ctid, String maskedIp, String maskedDeviceId) {
    }

    @Override
    public <X extends Exception> RewriteSummary rewriteAll(int pagesPerTransaction, Rewriter<X> rewriter) throws SinkException, X {
        if (pagesPerTransaction < 1) {
            throw new IllegalArgumentException("pages per transaction must be at least 1, was " + pagesPerTransaction);
        }
        // A range the rewriter stops in is never committed: closing the connection discards it.
        try (Connection connection = settings.connect()) {
            RewriteSummary total = RewriteSummary.NONE;
            for (String leaf : leaves(connection)) {
                total = total.plus(rewriteLeaf(connection, leaf, pagesPerTransaction, rewriter));
            }
            return total;
        } catch (SQLException e) {
            throw SinkException.of("rekey", e);
        }
    }

    @Override
    public List<StoredValue> valuesOf(Column column, String userIdPattern) throws SinkException {
        // A pattern need not start with a fixed prefix, so the search may read the whole table.
        try (Connection connection = settings.connect();
             BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.SCAN);
             PreparedStatement select = connection.prepareStatement(BY_USER.formatted(column.columnName()))) {
            select.setString(1, userIdPattern);
            List<StoredValue> values = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    values.add(new StoredValue(rs.getString(1), rs.getString(2)));
                }
            }
            transaction.commit();
            return values;
        } catch (SQLException e) {
            throw SinkException.of("reading masked values", e);
        }
    }

    /** Rewrites one table that holds rows itself, a range of its pages per transaction. */
    private static <X extends Exception> RewriteSummary rewriteLeaf(Connection connection, String leaf, int pagesPerTransaction,
                                                                  Rewriter<X> rewriter) throws SQLException, X {
        long scanned = 0;
        long rewritten = 0;
        long values = 0;
        for (long page = 0; ; page += pagesPerTransaction) {
            try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH)) {
                // The page count is read again each round: rewritten rows may land on new pages.
                if (page >= pageCount(connection, leaf)) {
                    transaction.commit();
                    return new RewriteSummary(scanned, rewritten, values);
                }
                List<MaskedRow> rows = lockPages(connection, leaf, page, page + pagesPerTransaction);
                List<MaskedRow> changed = new ArrayList<>();
                for (MaskedRow row : rows) {
                    Optional<String> ip = rewrite(rewriter, Column.MASKED_IP, row.maskedIp());
                    Optional<String> deviceId = rewrite(rewriter, Column.MASKED_DEVICE_ID, row.maskedDeviceId());
                    if (ip.isPresent() || deviceId.isPresent()) {
                        changed.add(new MaskedRow(row.ctid(), ip.orElse(row.maskedIp()), deviceId.orElse(row.maskedDeviceId())));
                        values += ip.stream().count() + deviceId.stream().count();
                    }
                }
                update(connection, leaf, changed);
                transaction.commit();
                scanned += rows.size();
                rewritten += changed.size();
            }
        }
    }

    /** {@code user_logins} itself if it is a plain table, else its leaf partitions. */
    private static List<String> leaves(Connection connection) throws SQLException {
        try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH);
             PreparedStatement select = connection.prepareStatement(LEAVES); ResultSet rs = select.executeQuery()) {
            List<String> leaves = new ArrayList<>();
            while (rs.next()) {
                leaves.add(rs.getString(1));
            }
            transaction.commit();
            return leaves;
        }
    }

    private static <X extends Exception> Optional<String> rewrite(Rewriter<X> rewriter, Column column, String masked) throws X {
        return masked == null ? Optional.empty() : rewriter.rewrite(column, masked);
    }

    private static long pageCount(Connection connection, String leaf) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PAGES)) {
            select.setString(1, leaf);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reads and locks the rows on pages {@code [fromPage, toPage)} in the current transaction. */
    private static List<MaskedRow> lockPages(Connection connection, String leaf, long fromPage, long toPage) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_PAGES.formatted(leaf))) {
            select.setString(1, "(" + fromPage + ",0)");
            select.setString(2, "(" + toPage + ",0)");
            List<MaskedRow> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MaskedRow(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return rows;
        }
    }

    private static void update(Connection connection, String leaf, List<MaskedRow> rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE.formatted(leaf))) {
            for (MaskedRow row : rows) {
                update.setString(1, row.maskedIp());
                update.setString(2, row.maskedDeviceId());
                update.setString(3, row.ctid());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
