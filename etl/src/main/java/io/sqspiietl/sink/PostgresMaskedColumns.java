package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MaskedColumns} in PostgreSQL. Rows are addressed by physical position ({@code ctid})
 * because the tool may not add an index to a table it does not own: a range of pages is read with a
 * TID range scan, never a full scan per transaction. A partitioned table has no pages of its own, so
 * its leaf partitions are walked one after the other; a plain table is its own only leaf. Table and
 * column names come from the masking catalog, which holds only the identifiers contracts allow. Each
 * call uses a connection of its own.
 */
public final class PostgresMaskedColumns implements MaskedColumns {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMaskedColumns.class);
    private static final String EXISTS = "SELECT to_regclass(?) IS NOT NULL";
    /**
     * The leaf partitions, or the table itself when it is not partitioned (the tree of a plain table is
     * empty). The names are quoted and schema-qualified by PostgreSQL where needed, so safe in SQL.
     */
    private static final String LEAVES = """
            SELECT relid::regclass::text FROM pg_partition_tree(?::regclass) WHERE isleaf
            UNION ALL
            SELECT ?::regclass::text WHERE NOT EXISTS (SELECT FROM pg_partition_tree(?::regclass))
            ORDER BY 1""";
    private static final String PAGES = "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint";
    private static final String LOCK_PAGES = "SELECT ctid::text, %s FROM %s WHERE ctid >= ?::tid AND ctid < ?::tid FOR UPDATE";
    private static final String UPDATE = "UPDATE %s SET %s WHERE ctid = ?::tid";
    private static final String BY_SUBJECT = "SELECT %1$s, %2$s FROM %3$s WHERE %1$s LIKE ? AND %2$s IS NOT NULL ORDER BY %1$s";

    private final DatabaseSettings settings;

    public PostgresMaskedColumns(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** One row's position and the values of the columns being rewritten (any may be {@code null}). */
    private record MaskedRow(String ctid, String[] values) {
    }

    @Override
    public <X extends Exception> RewriteSummary rewriteAll(List<KeyedColumn> columns, int pagesPerTransaction,
                                                           Rewriter<X> rewriter) throws SinkException, X {
        if (pagesPerTransaction < 1) {
            throw new IllegalArgumentException("pages per transaction must be at least 1, was " + pagesPerTransaction);
        }
        Map<String, List<KeyedColumn>> byTable = columns.stream()
                .collect(Collectors.groupingBy(KeyedColumn::table, LinkedHashMap::new, Collectors.toList()));
        // A range the rewriter stops in is never committed: closing the connection discards it.
        try (Connection connection = settings.connect()) {
            RewriteSummary total = RewriteSummary.NONE;
            for (Map.Entry<String, List<KeyedColumn>> table : byTable.entrySet()) {
                if (!exists(connection, table.getKey())) {
                    LOG.warn("table {} of the masking catalog does not exist; nothing to rewrite there", table.getKey());
                    continue;
                }
                for (String leaf : leaves(connection, table.getKey())) {
                    total = total.plus(new LeafRewrite<>(connection, leaf, table.getValue(), rewriter).run(pagesPerTransaction));
                }
            }
            return total;
        } catch (SQLException e) {
            throw SinkException.of("rekey", e);
        }
    }

    @Override
    public List<StoredValue> valuesOf(KeyedColumn column, String subjectPattern) throws SinkException {
        if (column.subject() == null) {
            throw new IllegalArgumentException("table " + column.table() + " records no subject column");
        }
        String sql = BY_SUBJECT.formatted(column.subject(), column.column(), column.table());
        // A pattern need not start with a fixed prefix, so the search may read the whole table.
        try (Connection connection = settings.connect();
             BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.SCAN);
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, subjectPattern);
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

    /** The rewrite of one table that holds rows itself, a range of its pages per transaction. */
    private static final class LeafRewrite<X extends Exception> {
        private final Connection connection;
        private final String leaf;
        private final List<KeyedColumn> columns;
        private final Rewriter<X> rewriter;

        LeafRewrite(Connection connection, String leaf, List<KeyedColumn> columns, Rewriter<X> rewriter) {
            this.connection = connection;
            this.leaf = leaf;
            this.columns = columns;
            this.rewriter = rewriter;
        }

        RewriteSummary run(int pagesPerTransaction) throws SQLException, X {
            long scanned = 0;
            long rewritten = 0;
            long values = 0;
            for (long page = 0; ; page += pagesPerTransaction) {
                try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH)) {
                    // The page count is read again each round: rewritten rows may land on new pages.
                    if (page >= pageCount()) {
                        transaction.commit();
                        return new RewriteSummary(scanned, rewritten, values);
                    }
                    List<MaskedRow> rows = lockPages(page, page + pagesPerTransaction);
                    List<MaskedRow> changed = new ArrayList<>();
                    for (MaskedRow row : rows) {
                        String[] next = row.values().clone();
                        int rewrittenHere = rewrite(next);
                        if (rewrittenHere > 0) {
                            changed.add(new MaskedRow(row.ctid(), next));
                            values += rewrittenHere;
                        }
                    }
                    update(changed);
                    transaction.commit();
                    scanned += rows.size();
                    rewritten += changed.size();
                }
            }
        }

        /** Rewrites the values of one row in place; returns how many changed. */
        private int rewrite(String[] values) throws X {
            int changed = 0;
            for (int c = 0; c < values.length; c++) {
                Optional<String> value = values[c] == null ? Optional.empty() : rewriter.rewrite(columns.get(c), values[c]);
                if (value.isPresent()) {
                    values[c] = value.get();
                    changed++;
                }
            }
            return changed;
        }

        private long pageCount() throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(PAGES)) {
                select.setString(1, leaf);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        /** Reads and locks the rows on pages {@code [fromPage, toPage)} in the current transaction. */
        private List<MaskedRow> lockPages(long fromPage, long toPage) throws SQLException {
            String names = columns.stream().map(KeyedColumn::column).collect(Collectors.joining(", "));
            try (PreparedStatement select = connection.prepareStatement(LOCK_PAGES.formatted(names, leaf))) {
                select.setString(1, "(" + fromPage + ",0)");
                select.setString(2, "(" + toPage + ",0)");
                List<MaskedRow> rows = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String[] values = new String[columns.size()];
                        for (int c = 0; c < values.length; c++) {
                            values[c] = rs.getString(c + 2);
                        }
                        rows.add(new MaskedRow(rs.getString(1), values));
                    }
                }
                return rows;
            }
        }

        private void update(List<MaskedRow> rows) throws SQLException {
            String assignments = columns.stream().map(c -> c.column() + " = ?").collect(Collectors.joining(", "));
            try (PreparedStatement update = connection.prepareStatement(UPDATE.formatted(leaf, assignments))) {
                for (MaskedRow row : rows) {
                    for (int c = 0; c < columns.size(); c++) {
                        update.setString(c + 1, row.values()[c]);
                    }
                    update.setString(columns.size() + 1, row.ctid());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH);
             PreparedStatement select = connection.prepareStatement(EXISTS)) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                boolean exists = rs.getBoolean(1);
                transaction.commit();
                return exists;
            }
        }
    }

    /** {@code table} itself if it is a plain table, else its leaf partitions. */
    private static List<String> leaves(Connection connection, String table) throws SQLException {
        try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH);
             PreparedStatement select = connection.prepareStatement(LEAVES)) {
            select.setString(1, table);
            select.setString(2, table);
            select.setString(3, table);
            List<String> leaves = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    leaves.add(rs.getString(1));
                }
            }
            transaction.commit();
            return leaves;
        }
    }
}
