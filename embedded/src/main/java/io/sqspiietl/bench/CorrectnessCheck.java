package io.sqspiietl.bench;

import io.sqspiietl.sample.SyntheticLogins;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Checks that a benchmark run loaded exactly the valid messages once and quarantined the rest. */
final class CorrectnessCheck {
    private CorrectnessCheck() {
    }

    static boolean verify(String jdbcUrl, long messages, PrintWriter out) throws SQLException {
        long expectedQuarantined = SyntheticLogins.wrongTypeCount(messages);
        long expectedRows = messages - expectedQuarantined;
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM user_logins),"
                     + " (SELECT count(DISTINCT user_id) FROM user_logins),"
                     + " (SELECT count(*) FROM user_logins_quarantine),"
                     + " (SELECT count(*) FROM sqs_pii_etl_ledger)")) {
            rs.next();
            long rows = rs.getLong(1);
            long distinctUsers = rs.getLong(2);
            long quarantined = rs.getLong(3);
            long ledger = rs.getLong(4);
            boolean ok = rows == expectedRows && distinctUsers == expectedRows
                    && quarantined == expectedQuarantined && ledger == messages;
            out.printf(Locale.ROOT, "  check              %s: %d rows (%d distinct users, expected %d), %d quarantined"
                            + " (expected %d), %d in ledger (expected %d)%n", ok ? "OK" : "FAILED", rows,
                    distinctUsers, expectedRows, quarantined, expectedQuarantined, ledger, messages);
            return ok;
        }
    }
}
