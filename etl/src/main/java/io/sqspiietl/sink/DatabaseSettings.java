package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach PostgreSQL, directly or through a connection pooler.
 *
 * <p>Every connection is safe behind a transaction-pooling proxy (PgBouncer in {@code pool_mode =
 * transaction}, RDS Proxy, Supavisor), where each transaction of one client connection may run on a
 * different server session: see {@link #connectionProperties()}.
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

    /** Opens a new connection with {@link #connectionProperties()}. */
    public Connection connect() throws SinkException {
        try {
            return DriverManager.getConnection(jdbcUrl, connectionProperties());
        } catch (SQLException e) {
            throw SinkException.of("connect", e);
        }
    }

    /**
     * The driver properties of every connection. pgjdbc gives a parameter in the URL precedence over
     * these, so a user can override each of them there (e.g. {@code ?prepareThreshold=5}).
     *
     * <ul>
     *   <li>{@code prepareThreshold=0}: pgjdbc never turns a statement into a named server-side
     *       prepared statement ({@code S_1}, {@code S_2}, ...). Such a statement lives in one server
     *       session; behind a transaction pooler the next transaction may reach another session, where
     *       the name is unknown or already taken by another client. Unnamed statements last one
     *       transaction, which every pooler handles. The cost is a parse per execution of the few
     *       prepared statements: batches of rows go in with {@code COPY}, which never is prepared.</li>
     *   <li>{@code assumeMinServerVersion=9.6} (the schema's {@code PARALLEL SAFE} needs 9.6 anyway):
     *       {@code application_name} travels in the startup packet, which poolers take over for the
     *       client, instead of in a {@code SET} outside any transaction right after connecting: session
     *       state, which RDS Proxy answers by pinning the session. With a server of version 12 or later
     *       pgjdbc then sends no {@code SET} at all.</li>
     * </ul>
     */
    Properties connectionProperties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "sqs-pii-etl");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("prepareThreshold", "0");
        properties.setProperty("assumeMinServerVersion", "9.6");
        return properties;
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
