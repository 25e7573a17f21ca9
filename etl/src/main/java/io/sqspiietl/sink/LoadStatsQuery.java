package io.sqspiietl.sink;

import io.sqspiietl.sink.LoadStats.ValueCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link LoadStats} from a database the loader has written. Read-only, in one repeatable-read
 * transaction so that the figures agree with each other while loaders keep writing. Needs the tool's
 * schema (for {@code app_version_text}); a missing quarantine table counts as an empty one.
 */
public final class LoadStatsQuery {
    private final DatabaseSettings settings;

    public LoadStatsQuery(DatabaseSettings settings) {
        this.settings = settings;
    }

    /**
     * @param top how many repeated masked values to list per column
     */
    public LoadStats read(int top) throws SinkException {
        try (Connection connection = settings.connect()) {
            connection.setAutoCommit(false);
            // Not setTransactionIsolation(): pgjdbc sends that as SET SESSION CHARACTERISTICS, which a
            // transaction pooler would leave on a server session that other clients then get.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.SCAN)) {
                LoadStats stats = read(connection, top);
                transaction.commit(); // ends the read-only snapshot; closing the connection discards it on a failure
                return stats;
            }
        } catch (SQLException e) {
            throw SinkException.of("stats query", e);
        }
    }

    private static LoadStats read(Connection connection, int top) throws SQLException {
        return new LoadStats(
                single(connection, "SELECT count(*) FROM user_logins"),
                single(connection, "SELECT count(DISTINCT masked_device_id) FROM user_logins"),
                single(connection, "SELECT count(DISTINCT masked_ip) FROM user_logins"),
                repeated(connection, "masked_device_id", top),
                repeated(connection, "masked_ip", top),
                counts(connection, "SELECT create_date::text, count(*) FROM user_logins GROUP BY create_date "
                        + "ORDER BY create_date NULLS LAST"),
                counts(connection, "SELECT device_type, count(*) FROM user_logins GROUP BY device_type "
                        + "ORDER BY count(*) DESC, device_type NULLS LAST"),
                counts(connection, "SELECT app_version_text(app_version), count(*) FROM user_logins "
                        + "GROUP BY app_version ORDER BY app_version NULLS LAST"),
                hasQuarantine(connection)
                        ? counts(connection, "SELECT reason, count(*) FROM user_logins_quarantine GROUP BY reason "
                                + "ORDER BY count(*) DESC, reason")
                        : List.of());
    }

    /** The column's values that occur more than once, most frequent first; the column name is ours, not input. */
    private static List<ValueCount> repeated(Connection connection, String column, int top) throws SQLException {
        return counts(connection, "SELECT " + column + ", count(*) FROM user_logins WHERE " + column
                + " IS NOT NULL GROUP BY " + column + " HAVING count(*) > 1 ORDER BY count(*) DESC, " + column
                + " LIMIT " + top);
    }

    private static boolean hasQuarantine(Connection connection) throws SQLException {
        return single(connection, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('user_logins_quarantine')") > 0;
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<ValueCount> counts(Connection connection, String sql) throws SQLException {
        List<ValueCount> counts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                counts.add(new ValueCount(rs.getString(1), rs.getLong(2)));
            }
        }
        return counts;
    }
}
