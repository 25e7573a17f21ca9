package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach PostgreSQL, directly or through a connection pooler.
 *
 * <p>Every connection is safe behind a transaction-pooling proxy (PgBouncer in {@code pool_mode =
 * transaction}, RDS Proxy, Supavisor), where each transaction of one client connection may run on a
 * different server session: see {@link #connectionProperties()}. No wait on a connection is unbounded:
 * see {@link WaitBounds} and {@link BoundedTransaction}.
 *
 * @param jdbcUrl  a {@code jdbc:postgresql://} URL, which may itself carry user and password
 * @param user     the user, or {@code null} to take it from the URL
 * @param password the password, or {@code null}; shown as {@code <masked>} by {@link #toString()}
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {
    /** The bound on a connection's TCP connect. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database)");
        }
    }

    /** Opens a new connection with {@link #connectionProperties()}. */
    public Connection connect() throws SinkException {
        return connect(connectionProperties());
    }

    /**
     * Opens a new connection whose connect and every read, the log-in included, wait at most
     * {@code timeout}: for a probe, which must fail fast rather than wait for a silent server.
     */
    Connection connectWithin(Duration timeout) throws SinkException {
        Properties properties = connectionProperties();
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        return connect(properties);
    }

    private Connection connect(Properties properties) throws SinkException {
        try {
            return ConnectionSockets.connect(jdbcUrl, properties);
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
     *   <li>{@code connectTimeout=10} (seconds) bounds the TCP connect, {@code socketTimeout=30} every
     *       wait for an answer, the log-in included ({@link WaitBounds#BATCH}): a connection that went
     *       silent is given up 30 s after its last request. Transactions that legitimately wait longer
     *       raise it for themselves.</li>
     *   <li>{@code tcpKeepAlive=true} and {@code socketFactory=}{@link ConnectionSockets}: keepalive
     *       probes after 15 s of quiet find a dead network path within about 30 s, and a blocked write
     *       can be ended from another thread.</li>
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
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("socketTimeout", Long.toString(WaitBounds.BATCH.read().toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketFactory", ConnectionSockets.class.getName());
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
