package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Whether PostgreSQL answers: the readiness probe of an idle loader, which otherwise would not learn
 * of an outage until its next batch. Thread-safe.
 */
public final class DatabasePing {
    /**
     * For the connect, each read of the log-in, and the confirmation: shorter than the probe period,
     * so a server that does not answer (a silent network, a failover) fails a probe instead of
     * holding it up.
     */
    private static final int TIMEOUT_SECONDS = 2;
    /** SQLSTATE connection_failure: how a server that does not answer is classified. */
    private static final String CONNECTION_FAILURE = "08006";

    private final DatabaseSettings settings;

    public DatabasePing(DatabaseSettings settings) {
        this.settings = settings;
    }

    /**
     * Opens a connection and has the server confirm it, each step within {@value #TIMEOUT_SECONDS} seconds.
     *
     * @throws SinkException if the server cannot be reached or does not confirm in time
     */
    public void ping() throws SinkException {
        try (Connection connection = settings.connectWithin(Duration.ofSeconds(TIMEOUT_SECONDS))) {
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                throw new SQLException("the server did not confirm the connection within " + TIMEOUT_SECONDS + " s",
                        CONNECTION_FAILURE);
            }
        } catch (SQLException e) {
            throw SinkException.of("readiness ping", e);
        }
    }
}
