package io.sqspiietl.demo;

import io.sqspiietl.contract.ColumnType;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The demo's look at what landed: a few rows of each contract's table, its most repeated values, the quarantine. */
final class DemoReport {
    private DemoReport() {
    }

    static void print(String jdbcUrl, Contracts contracts, PrintWriter out) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            for (Contract contract : contracts.all()) {
                out.println("A few loaded rows (" + contract.table() + "):");
                table(statement, out, "SELECT " + shownColumns(contract) + " FROM " + contract.table()
                        + " ORDER BY " + contract.storedColumns().get(0).name() + " LIMIT 5");
                out.println();
                for (String repeated : contract.stats().repeated().stream().limit(1).toList()) {
                    out.println("Top repeated " + repeated + " values:");
                    table(statement, out, "SELECT " + repeated + ", count(*) AS rows FROM " + contract.table()
                            + " WHERE " + repeated + " IS NOT NULL GROUP BY " + repeated
                            + " HAVING count(*) > 1 ORDER BY rows DESC, " + repeated + " LIMIT 5");
                    out.println();
                }
            }
            out.println("Quarantine (user_logins_quarantine, every contract's; bodies are stored encrypted):");
            table(statement, out, """
                    SELECT coalesce(contract, '(none)') AS contract, reason, field, count(*) AS messages
                    FROM user_logins_quarantine GROUP BY contract, reason, field ORDER BY contract, reason, field""");
        }
    }

    /** The stored columns, with a version column's decoded text beside it. */
    private static String shownColumns(Contract contract) {
        return contract.storedColumns().stream()
                .map(column -> column.type() == ColumnType.VERSION
                        ? column.name() + ", app_version_text(" + column.name() + ") AS version" : column.name())
                .collect(Collectors.joining(", "));
    }

    /** Prints a query's result as a left-aligned table with a header line. */
    private static void table(Statement statement, PrintWriter out, String sql) throws SQLException {
        List<String[]> lines = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            String[] header = new String[columns];
            for (int c = 0; c < columns; c++) {
                header[c] = rs.getMetaData().getColumnLabel(c + 1);
            }
            lines.add(header);
            while (rs.next()) {
                String[] line = new String[columns];
                for (int c = 0; c < columns; c++) {
                    line[c] = String.valueOf(rs.getString(c + 1));
                }
                lines.add(line);
            }
        }
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder(" ");
            for (int c = 0; c < line.length; c++) {
                text.append(' ').append(line[c]).append(" ".repeat(widths[c] - line[c].length()));
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
