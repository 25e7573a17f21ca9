package io.sqspiietl.sink;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contracts' tables: checked at start-up, so that a table that cannot take a contract's rows stops
 * the run with one line instead of refusing every batch, and created from a contract when missing and
 * asked to. An existing table is never altered; a column narrower than the contract's is the DBA's
 * choice and only warned about (what does not fit is refused by PostgreSQL and quarantined).
 */
public final class ContractTables {
    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, NULL),
              CASE WHEN a.atttypid = 'varchar'::regtype AND a.atttypmod > 0 THEN a.atttypmod - 4 ELSE 0 END,
              CASE WHEN a.atttypid = 'numeric'::regtype AND a.atttypmod > 0 THEN (a.atttypmod - 4) >> 16 ELSE 0 END,
              CASE WHEN a.atttypid = 'numeric'::regtype AND a.atttypmod > 0 THEN (a.atttypmod - 4) & 65535 ELSE 0 END,
              a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = ''
            FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped""";
    private static final String EXISTS = "SELECT to_regclass(?) IS NOT NULL";
    private static final String MAY_INSERT = "SELECT has_table_privilege(to_regclass(?), 'INSERT')";

    private ContractTables() {
    }

    /**
     * Creates each contract's table that does not exist yet, as {@link #ddl} declares it; existing tables
     * are left as they are. One transaction, so that concurrent start-ups create each table once.
     *
     * @return the tables created
     */
    public static Set<String> createMissing(DatabaseSettings settings, Contracts contracts) throws SinkException {
        try (Connection connection = settings.connect();
             BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH);
             Statement statement = connection.createStatement()) {
            SchemaMigrator.lock(connection);
            Set<String> created = new LinkedHashSet<>();
            for (Contract contract : contracts.all()) {
                if (!exists(connection, contract.table())) {
                    statement.execute(ddl(contract));
                    created.add(contract.table());
                }
            }
            transaction.commit();
            return created;
        } catch (SQLException e) {
            throw SinkException.of("creating tables", e);
        }
    }

    /**
     * What a start-up check found: the first problem that keeps a contract from loading its table, and
     * the columns narrower than the contract's, whose longer or larger values PostgreSQL will refuse.
     *
     * @param problem  one line naming the contract, the table, the column, and what was expected and
     *                 found; empty when every table can take its contract's rows
     * @param warnings one line per narrower column
     */
    public record Check(Optional<String> problem, List<String> warnings) {
        public Check {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Checks that each contract's table exists, that the tool may insert into it, that it has every
     * stored column with a type of the column's kind, and that every column the contract does not
     * write may be left NULL.
     */
    public static Check check(DatabaseSettings settings, Contracts contracts) throws SinkException {
        List<String> warnings = new ArrayList<>();
        try (Connection connection = settings.connect();
             BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH)) {
            Optional<String> problem = Optional.empty();
            for (Contract contract : contracts.all()) {
                problem = check(connection, contract, warnings);
                if (problem.isPresent()) {
                    break;
                }
            }
            transaction.commit();
            return new Check(problem, warnings);
        } catch (SQLException e) {
            throw SinkException.of("checking tables", e);
        }
    }

    /** The {@code CREATE TABLE} of a contract's table: its stored columns, a required one NOT NULL. */
    public static String ddl(Contract contract) {
        return "CREATE TABLE IF NOT EXISTS " + contract.table() + " (\n" + contract.storedColumns().stream()
                .map(column -> "  " + column.name() + " " + column.sqlType().ddl() + (column.required() ? " NOT NULL" : ""))
                .collect(Collectors.joining(",\n")) + "\n);";
    }

    private static Optional<String> check(Connection connection, Contract contract, List<String> warnings) throws SQLException {
        String table = contract.table();
        String where = "contract " + contract.name() + ": table " + table;
        if (!exists(connection, table)) {
            return Optional.of(where + " does not exist; create it ('contract ddl' prints its CREATE TABLE) or run with --create-tables");
        }
        if (!bool(connection, MAY_INSERT, table)) {
            return Optional.of(where + ": the database user may not insert into it");
        }
        Map<String, TableColumn> found = columns(connection, table);
        for (Column column : contract.storedColumns()) {
            TableColumn existing = found.remove(column.name());
            SqlType expected = column.sqlType();
            if (existing == null) {
                return Optional.of(where + " has no column " + column.name() + " (" + expected.ddl() + ")");
            }
            switch (existing.fit(expected)) {
                case INCOMPATIBLE -> {
                    return Optional.of(where + ": column " + column.name() + ": expected " + expected.ddl()
                            + ", found " + existing.describe());
                }
                case NARROWER -> warnings.add(where + ": column " + column.name() + " is " + existing.describe()
                        + ", narrower than the contract's " + expected.ddl() + "; PostgreSQL will refuse what does not fit, "
                        + "and it is quarantined as " + QuarantineCause.REJECTED_BY_DATABASE);
                case HOLDS -> { }
            }
        }
        return found.values().stream().filter(TableColumn::required).findFirst().map(other -> where + ": column "
                + other.name() + " is NOT NULL without a default, and the contract gives it no value");
    }

    private static Map<String, TableColumn> columns(Connection connection, String table) throws SQLException {
        Map<String, TableColumn> columns = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(COLUMNS)) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new TableColumn(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getInt(4), rs.getInt(5), rs.getBoolean(6)));
                }
            }
        }
        return columns;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        return bool(connection, EXISTS, table);
    }

    private static boolean bool(Connection connection, String sql, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
