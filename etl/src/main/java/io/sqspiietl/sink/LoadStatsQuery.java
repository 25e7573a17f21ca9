package io.sqspiietl.sink;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.ColumnType;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.sink.LoadStats.Breakdown;
import io.sqspiietl.sink.LoadStats.Repeated;
import io.sqspiietl.sink.LoadStats.TableStats;
import io.sqspiietl.sink.LoadStats.ValueCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link LoadStats} of the contracts' tables from a database the loader has written. Read-only,
 * in one repeatable-read transaction so that the figures agree with each other while loaders keep
 * writing. Needs the tool's schema (for {@code app_version_text}); a missing quarantine table counts as
 * an empty one, a missing contract table is an error. Table and column names are contract
 * identifiers, never input.
 */
public final class LoadStatsQuery {
    private static final String QUARANTINE_BY_REASON = "SELECT reason, count(*) FROM user_logins_quarantine %s "
            + "GROUP BY reason ORDER BY count(*) DESC, reason";

    private final DatabaseSettings settings;

    public LoadStatsQuery(DatabaseSettings settings) {
        this.settings = settings;
    }

    /**
     * @param top how many repeated values to list per column
     */
    public LoadStats read(Contracts contracts, int top) throws SinkException {
        try (Connection connection = settings.connect()) {
            connection.setAutoCommit(false);
            // Not setTransactionIsolation(): pgjdbc sends that as SET SESSION CHARACTERISTICS, which a
            // transaction pooler would leave on a server session that other clients then get.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.SCAN)) {
                LoadStats stats = read(connection, contracts.all(), top);
                transaction.commit(); // ends the read-only snapshot; closing the connection discards it on a failure
                return stats;
            }
        } catch (SQLException e) {
            throw SinkException.of("stats query", e);
        }
    }

    private static LoadStats read(Connection connection, List<Contract> contracts, int top) throws SQLException {
        boolean quarantine = hasQuarantine(connection);
        boolean single = contracts.size() == 1;
        List<TableStats> tables = new ArrayList<>();
        for (Contract contract : contracts) {
            String whose = single ? "" : "WHERE contract = '" + contract.name() + "'";
            tables.add(new TableStats(contract.name(), contract.table(),
                    single(connection, "SELECT count(*) FROM " + contract.table()),
                    repeated(connection, contract, top), rowsBy(connection, contract),
                    quarantine ? counts(connection, QUARANTINE_BY_REASON.formatted(whose)) : List.of()));
        }
        List<ValueCount> unrouted = quarantine && !single
                ? counts(connection, QUARANTINE_BY_REASON.formatted("WHERE contract IS NULL")) : List.of();
        return new LoadStats(tables, unrouted);
    }

    private static List<Repeated> repeated(Connection connection, Contract contract, int top) throws SQLException {
        List<Repeated> repeated = new ArrayList<>();
        for (String column : contract.stats().repeated()) {
            String from = " FROM " + contract.table();
            repeated.add(new Repeated(column, single(connection, "SELECT count(DISTINCT " + column + ")" + from),
                    counts(connection, "SELECT " + column + "::text, count(*)" + from + " WHERE " + column + " IS NOT NULL"
                            + " GROUP BY " + column + " HAVING count(*) > 1 ORDER BY count(*) DESC, " + column + " LIMIT " + top)));
        }
        return repeated;
    }

    /** Rows per value: ordered values (dates, versions decoded, numbers) in order, text by frequency. */
    private static List<Breakdown> rowsBy(Connection connection, Contract contract) throws SQLException {
        List<Breakdown> breakdowns = new ArrayList<>();
        for (String name : contract.stats().rowsBy()) {
            Column column = contract.column(name).orElseThrow();
            boolean byValue = !column.type().isText();
            String shown = column.type() == ColumnType.VERSION ? "app_version_text(" + name + ")" : name + "::text";
            String order = byValue ? name + " NULLS LAST" : "count(*) DESC, " + name + " NULLS LAST";
            breakdowns.add(new Breakdown(name, counts(connection, "SELECT " + shown + ", count(*) FROM " + contract.table()
                    + " GROUP BY " + name + " ORDER BY " + order)));
        }
        return breakdowns;
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
