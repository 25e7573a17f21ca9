package io.sqspiietl.demo;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The demo's look at what landed: a few rows, the top repeated devices, the quarantine. */
final class DemoReport {
    private DemoReport() {
    }

    static void print(String jdbcUrl, PrintWriter out) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            out.println("A few loaded rows (user_logins):");
            table(statement, out, """
                    SELECT user_id, device_type, masked_ip, masked_device_id, locale,
                           app_version, app_version_text(app_version) AS version, create_date
                    FROM user_logins ORDER BY user_id LIMIT 5""");
            out.println();
            out.println("Top repeated masked_device_id values:");
            table(statement, out, """
                    SELECT masked_device_id, count(*) AS logins
                    FROM user_logins WHERE masked_device_id IS NOT NULL
                    GROUP BY masked_device_id HAVING count(*) > 1
                    ORDER BY logins DESC, masked_device_id LIMIT 5""");
            out.println();
            out.println("Quarantine (user_logins_quarantine; bodies are stored encrypted):");
            table(statement, out, """
                    SELECT reason, field, count(*) AS messages
                    FROM user_logins_quarantine GROUP BY reason, field ORDER BY reason, field""");
        }
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
