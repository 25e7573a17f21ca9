package io.sqspiietl.testing;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.UnmaskingException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The quarantine as a test checks it: each entry with its sealed body opened by the keyset. */
public final class QuarantineEntries {
    private QuarantineEntries() {
    }

    /** Every entry as {@code reason|field|body}, in message id order. */
    public static List<String> opened(String jdbcUrl, MaskingKeyset keyset) throws SQLException, UnmaskingException {
        List<String> entries = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT message_id, reason, field, sealed_body FROM user_logins_quarantine ORDER BY message_id")) {
            while (rs.next()) {
                String body = keyset.bodySealer().open(rs.getString(1), rs.getBytes(4));
                entries.add(rs.getString(2) + "|" + rs.getString(3) + "|" + body);
            }
        }
        return entries;
    }
}
