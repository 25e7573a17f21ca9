package io.sqspiietl.sink;

import java.time.Duration;

/**
 * How long a transaction may wait on PostgreSQL, by kind of work. Each bound is derived from the
 * longest statement that kind legitimately runs, measured on the 2-core development machine with
 * the embedded PostgreSQL 17:
 * <ul>
 *   <li>a loader batch of 10,000 rows (the largest {@code --batch-size}) of maximum width, ledger and
 *       row {@code COPY} and commit: 150-230 ms for the whole transaction; a batch of 144 quarantined
 *       1 MiB bodies (the Deployment's whole in-flight budget): 760 ms, 5 ms per statement;
 *   <li>a {@code rekey} transaction of 64 pages (the default {@code --batch-pages}, 640 rows): 20 ms;
 *       a {@code replay} or re-seal page is smaller still;
 *   <li>{@code stats}: 1.3 s for 480,000 rows, 2.8 µs a row; {@code prune-ledger}: 0.7 µs an entry.
 * </ul>
 *
 * <p>Every transaction then gets, server-side and for itself only ({@code SET LOCAL}, see
 * {@link BoundedTransaction}), a {@code statement_timeout} and an
 * {@code idle_in_transaction_session_timeout}; client-side, every read of an answer waits at most
 * the statement bound plus {@link #ANSWER_MARGIN}, so a statement that runs too long is reported by
 * the server itself while a connection that went silent is given up by the socket timeout.
 */
enum WaitBounds {
    /**
     * Loader batches, the schema migration (its advisory-lock wait included), the key binding and the
     * audit, and the pages of {@code rekey}, re-sealing and {@code replay}. Statements: 20 s, about
     * 100 times the slowest whole batch measured, room for a loaded server and for a wait on the
     * locks of another loader's batch. Reads: 30 s, the pgjdbc {@code socketTimeout} of every
     * connection. Whole transaction: 60 s, enough for a few statements and for the batch's bytes to
     * cross the link (144 MiB at 100 Mbit/s take 12 s); after it the connection is closed under the
     * transaction, which is the one bound on a write blocked by a peer that stopped reading.
     */
    BATCH(Duration.ofSeconds(20), Duration.ofSeconds(60)),
    /**
     * Statements that read or delete across whole tables: {@code stats}, {@code prune-ledger} and
     * {@code reveal --where}. Statements: 1 h, at the rates above {@code stats} of 1.2 billion rows or
     * a prune of 5 billion entries. Their requests are small, so no write can block and there is no
     * deadline on the whole transaction; each read waits at most 1 h 10 s. A dead network path is
     * found sooner, by TCP keepalive ({@link ConnectionSockets}).
     */
    SCAN(Duration.ofHours(1), null);

    /** Time for a statement-timeout error to come back from a loaded server over a slow network. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);
    /**
     * The longest gap between two statements of one transaction, on the server: gaps are the tool's
     * own computing (re-masking a page, formatting a batch), milliseconds; a session that waits longer
     * lost its client, and the server ends it and releases its locks.
     */
    static final Duration IDLE_IN_TRANSACTION = Duration.ofSeconds(20);

    private final Duration statement;
    private final Duration transaction;

    WaitBounds(Duration statement, Duration transaction) {
        this.statement = statement;
        this.transaction = transaction;
    }

    /** The server's {@code statement_timeout}. */
    Duration statement() {
        return statement;
    }

    /** The longest wait for one answer: the statement bound and the margin for its error to arrive. */
    Duration read() {
        return statement.plus(ANSWER_MARGIN);
    }

    /**
     * Whether this kind's reads must wait longer than the socket timeout every connection has (the
     * batch bound, {@link DatabaseSettings}); its transactions then raise it for themselves.
     */
    boolean outlastsConnectionReads() {
        return read().compareTo(BATCH.read()) > 0;
    }

    /** The longest a whole transaction may take before its connection is closed; null for no deadline. */
    Duration transaction() {
        return transaction;
    }
}
