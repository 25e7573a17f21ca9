package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database transaction whose every wait is bounded ({@link WaitBounds}): every transaction the
 * tool runs begins here, in a try-with-resources block.
 * <ul>
 *   <li>On the server, {@code statement_timeout} and {@code idle_in_transaction_session_timeout} are
 *       set for this transaction only ({@code set_config(..., true)}, which is {@code SET LOCAL}):
 *       nothing outlives the transaction, so it holds behind a transaction pooler (PgBouncer in
 *       transaction mode, RDS Proxy), where the next transaction may run in another server session.
 *   <li>On the client, each read of an answer is bounded by the connection's socket timeout, which
 *       {@link WaitBounds#SCAN} raises for its transaction; and a deadline on the whole transaction
 *       closes the connection under it, which also ends a write blocked on a peer that stopped
 *       reading.
 * </ul>
 *
 * <p>A connection given up in the middle of a transaction (the socket timeout or the deadline ended
 * it) leaves a server session that may not know its client is gone: one cut off in the middle of a
 * {@code COPY} waits for the rest for ever, its locks held, and neither of the timeouts above cancels
 * it. So the session of every transaction closed without a commit is remembered with its connection.
 * Once that connection is closed (its owner gave it up), the next transaction this process begins ends
 * the session with {@code pg_terminate_backend}, only if it is still in the very transaction that was
 * left (same process id, same transaction start, same user): one rolled back or committed meanwhile is
 * never touched. A connection that begins another transaction was not given up, and its entry goes. So
 * a retried batch does not wait on the locks of its own first attempt.
 *
 * <p>Not thread-safe: one thread runs a transaction; only the deadline fires on another.
 */
final class BoundedTransaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedTransaction.class);
    private static final String TERMINATE = """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE pid = ? AND xact_start = ? AND usename = current_user""";
    /** Sets pgjdbc's socket timeout on the calling thread; it only changes a socket option. */
    private static final Executor DIRECT = Runnable::run;
    /** Sessions of transactions closed without a commit, until their connection is reused or closed. */
    private static final Queue<Session> LEFT = new ConcurrentLinkedQueue<>();
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    /** A server session in a transaction: its process id, the start of the transaction, and the connection to it. */
    private record Session(int pid, OffsetDateTime transactionStart, Connection connection) {
    }

    private final Connection connection;
    private final WaitBounds bounds;
    private final int previousReadTimeoutMillis;
    private final ScheduledFuture<?> deadline;
    private Session session;
    private boolean committed;

    private BoundedTransaction(Connection connection, WaitBounds bounds, int previousReadTimeoutMillis) {
        this.connection = connection;
        this.bounds = bounds;
        this.previousReadTimeoutMillis = previousReadTimeoutMillis;
        Duration transaction = bounds.transaction();
        this.deadline = transaction == null ? null
                : DEADLINES.schedule(this::expire, transaction.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Begins a transaction on {@code connection} (turning auto-commit off) with the given bounds, after
     * ending the sessions given up earlier. The caller commits with {@link #commit()} or rolls back on
     * the connection, then closes this.
     *
     * @throws SQLException if the server cannot be reached or refuses the settings
     */
    static BoundedTransaction begin(Connection connection, WaitBounds bounds) throws SQLException {
        connection.setAutoCommit(false);
        int readTimeoutMillis = connection.getNetworkTimeout();
        if (bounds.outlastsConnectionReads()) {
            connection.setNetworkTimeout(DIRECT, (int) bounds.read().toMillis());
        }
        BoundedTransaction transaction = new BoundedTransaction(connection, bounds, readTimeoutMillis);
        try {
            transaction.applyBounds();
            endAbandonedSessions(connection);
            return transaction;
        } catch (SQLException | RuntimeException e) {
            transaction.close();
            throw e;
        }
    }

    /** Commits the transaction; its bounds end with it. */
    void commit() throws SQLException {
        connection.commit();
        committed = true;
    }

    /** Rolls back and begins again on the same connection, with the same bounds and the same deadline. */
    void restart() throws SQLException {
        connection.rollback();
        applyBounds();
    }

    /** Sets the server-side bounds of the transaction now open and notes which session runs it. */
    private void applyBounds() throws SQLException {
        String sql = "SELECT set_config('statement_timeout', '" + bounds.statement().toMillis() + "', true), "
                + "set_config('idle_in_transaction_session_timeout', '" + WaitBounds.IDLE_IN_TRANSACTION.toMillis()
                + "', true), pg_backend_pid(), now()";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            session = new Session(rs.getInt(3), rs.getObject(4, OffsetDateTime.class), connection);
        }
    }

    /**
     * Ends the sessions left by connections that are closed now, if they are still in the transaction
     * they were left in. Entries of {@code current} go: it is beginning again, so its last transaction is over.
     */
    private static void endAbandonedSessions(Connection current) throws SQLException {
        List<Session> sessions = new ArrayList<>();
        for (Iterator<Session> left = LEFT.iterator(); left.hasNext(); ) {
            Session session = left.next();
            if (session.connection() == current) {
                left.remove();
            } else if (session.connection().isClosed()) {
                left.remove();
                sessions.add(session);
            }
        }
        if (sessions.isEmpty()) {
            return;
        }
        try (PreparedStatement terminate = current.prepareStatement(TERMINATE)) {
            for (Session session : sessions) {
                terminate.setInt(1, session.pid());
                terminate.setObject(2, session.transactionStart());
                try (ResultSet rs = terminate.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        LOG.info("ended PostgreSQL session {}, left in a transaction by a connection given up", session.pid());
                    }
                }
            }
        } catch (SQLException e) {
            LEFT.addAll(sessions); // for the next transaction to try again
            throw e;
        }
    }

    /** Runs on the deadline thread when the transaction has not ended in time. */
    private void expire() {
        LOG.warn("PostgreSQL transaction still open after {} s; closing its connection", bounds.transaction().toSeconds());
        ConnectionSockets.close(connection);
    }

    /**
     * Ends the bounds of this transaction. Unless it was committed, its server session is remembered:
     * the caller rolls back, or gives the connection up, and then the session may live on in the
     * transaction (see above).
     */
    @Override
    public void close() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (!committed && session != null) {
            LEFT.add(session);
        }
        if (bounds.outlastsConnectionReads()) {
            try {
                connection.setNetworkTimeout(DIRECT, previousReadTimeoutMillis);
            } catch (SQLException brokenOrClosed) {
                // nothing to restore on a connection that cannot be used again
            }
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "db-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // one task per transaction: cancelled ones must not pile up
        return executor;
    }
}
