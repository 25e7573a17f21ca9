package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The masked columns of {@code user_logins} read and rewritten in place, for {@code rekey} and
 * {@code reveal}. Rows are addressed by physical position ({@code ctid}) because the tool may not add
 * an index to a table it does not own: a range of pages is read with a TID range scan, never a
 * full scan per batch.
 */
public final class MaskedColumns {
    private static final String PAGES =
            "SELECT pg_relation_size('user_logins') / current_setting('block_size')::bigint";
    private static final String LOCK_PAGES = """
            SELECT ctid::text, masked_ip, masked_device_id FROM user_logins
            WHERE ctid >= ?::tid AND ctid < ?::tid FOR UPDATE""";
    private static final String UPDATE = "UPDATE user_logins SET masked_ip = ?, masked_device_id = ? WHERE ctid = ?::tid";
    private static final String BY_USER = """
            SELECT user_id, %s FROM user_logins WHERE user_id LIKE ? AND %<s IS NOT NULL ORDER BY user_id""";

    private MaskedColumns() {
    }

    /** One row's position and masked values (either may be {@code null}). */
    public record MaskedRow(String ctid, String maskedIp, String maskedDeviceId) {
    }

    /** A masked value and the user it belongs to. */
    public record UserValue(String userId, String masked) {
    }

    /** The table's current size in pages. */
    public static long pageCount(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PAGES); ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads and locks the rows on pages {@code [fromPage, toPage)} in the caller's transaction. */
    public static List<MaskedRow> lockPages(Connection connection, long fromPage, long toPage) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_PAGES)) {
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

    /** Rewrites the masked values of rows locked by {@link #lockPages}, in the caller's transaction. */
    public static void update(Connection connection, List<MaskedRow> rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (MaskedRow row : rows) {
                update.setString(1, row.maskedIp());
                update.setString(2, row.maskedDeviceId());
                update.setString(3, row.ctid());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * The non-null values of one masked column for users matching a {@code LIKE} pattern.
     *
     * @param column {@code masked_ip} or {@code masked_device_id}
     */
    public static List<UserValue> byUser(Connection connection, String column, String userIdPattern) throws SinkException {
        if (!column.equals("masked_ip") && !column.equals("masked_device_id")) {
            throw new IllegalArgumentException("not a masked column: " + column);
        }
        try (PreparedStatement select = connection.prepareStatement(BY_USER.formatted(column))) {
            select.setString(1, userIdPattern);
            List<UserValue> values = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    values.add(new UserValue(rs.getString(1), rs.getString(2)));
                }
            }
            return values;
        } catch (SQLException e) {
            throw SinkException.of("reading masked values", e);
        }
    }
}
