package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach PostgreSQL.
 *
 * @param jdbcUrl  a {@code jdbc:postgresql://} URL, which may itself carry user and password
 * @param user     the user, or {@code null} to take it from the URL
 * @param password the password, or {@code null}; shown as {@code <masked>} by {@link #toString()}
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {
    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database)");
        }
    }

    /** Opens a new connection. */
    public Connection connect() throws SinkException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "sqs-pii-etl");
        properties.setProperty("connectTimeout", "10");
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw SinkException.of("connect", e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + redactedUrl() + ", user=" + user
                + ", password=" + (password == null ? null : "<masked>") + "]";
    }

    /** The URL with any password parameter masked, for logs. */
    public String redactedUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1<masked>");
    }
}
