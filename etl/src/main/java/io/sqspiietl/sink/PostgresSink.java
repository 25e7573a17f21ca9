package io.sqspiietl.sink;

import io.sqspiietl.contract.Contract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Sink} on one PostgreSQL connection, reopened after a failure.
 *
 * <p>A batch is one transaction: its MessageIds go into the ledger and its rows into their contracts'
 * tables, all with {@code COPY}: into the ledger that costs PostgreSQL about a third less per row than
 * {@code INSERT ... ON CONFLICT DO NOTHING}. A MessageId already in the ledger makes
 * the copy fail on the primary key; only then is the batch started over with a claim that skips it.
 * "MessageId" here is each record's ledger key ({@link SinkRecord#messageId()}): the SNS MessageId of
 * an SNS notification, so that one publication delivered twice is also skipped the second time.
 *
 * <p>Every wait is bounded ({@link BoundedTransaction}). A commit whose answer never came, because the
 * connection went silent and was given up, is in doubt: the caller retries the batch on a new
 * connection, and the ledger finds its MessageIds if that commit landed, so the retry writes nothing twice.
 * The transaction's last statement confirms the database's key binding ({@link #requireBinding}).
 */
public final class PostgresSink implements Sink {
    /**
     * The longest one {@link #write} waits on PostgreSQL before it returns or throws, for a caller with a
     * deadline of its own (a Lambda invocation) to tell whether another attempt fits: a new connection's
     * connect and log-in (a silence during the log-in ends it within one read), then the transaction's
     * deadline ({@link WaitBounds#BATCH}): 10 s + 30 s + 60 s.
     */
    public static final Duration LONGEST_WRITE = DatabaseSettings.CONNECT_TIMEOUT.plus(WaitBounds.BATCH.read())
            .plus(WaitBounds.BATCH.transaction());
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COPY_LEDGER = "COPY sqs_pii_etl_ledger(message_id, outcome) FROM STDIN";
    private static final String CLAIM_IN_LEDGER = """
            INSERT INTO sqs_pii_etl_ledger(message_id, outcome)
            SELECT * FROM unnest(?::varchar[], ?::varchar[])
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id""";
    private static final String INSERT_QUARANTINE = """
            INSERT INTO user_logins_quarantine(message_id, reason, field, stage, error_class, error_code,
              constraint_name, contract, sqs_message_id, receive_count, sent_at, sealed_body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** MessageId order: two loaders with overlapping batches take their ledger locks alike and cannot deadlock. */
    private static final Comparator<SinkRecord> LOCK_ORDER = Comparator.comparing(SinkRecord::messageId);

    private final DatabaseSettings settings;
    private final RowCopy rows = new RowCopy();
    private Connection connection;
    private MaskingRecord binding;

    public PostgresSink(DatabaseSettings settings) {
        this.settings = settings;
    }

    /**
     * The key binding every later batch must find: a batch commits only if its own transaction finds
     * the database bound to {@code binding} (a database bound to nothing is bound to it), so that no row
     * masked under one key lands in a table rebound to another. Set it before the first write, and
     * again when the loader takes up another keyset.
     */
    public void requireBinding(MaskingRecord binding) {
        this.binding = binding;
    }

    /** Connects and brings the tool's schema up to date; call once before the first write. */
    public void open() throws SinkException {
        SchemaMigrator.migrate(connection());
    }

    @Override
    public WriteResult write(List<SinkRecord> batch) throws SinkException {
        if (batch.isEmpty()) {
            return new WriteResult(List.of(), 0);
        }
        Connection conn = connection();
        try (BoundedTransaction transaction = BoundedTransaction.begin(conn, WaitBounds.BATCH)) {
            List<SinkRecord> fresh = claimInLedger(conn, transaction, batch);
            rows.insert(conn, fresh);
            insertQuarantine(conn, fresh);
            MaskingBinding.confirm(conn, binding);
            transaction.commit();
            return new WriteResult(fresh, batch.size() - fresh.size());
        } catch (SQLException e) {
            SinkException failure = SinkException.of("batch commit", e, contractsOf(batch));
            if (failure.isTransient()) {
                // The next write starts from a fresh connection. No rollback first: on a connection that
                // went silent it would wait out the socket timeout once more; closing discards the transaction.
                closeConnection();
            } else {
                SchemaMigrator.rollbackQuietly(conn);
            }
            throw failure;
        }
    }

    /**
     * Enters the batch's MessageIds in the ledger and returns the records whose effect is not
     * committed yet, one per MessageId, in the batch's order (so a FIFO queue's order within a message
     * group is kept in the table). Nearly always that is every record, so they are copied in at once;
     * a MessageId seen before (a redelivery) or twice in the batch breaks the primary key, and the batch
     * starts over with a claim that skips what is already there. The ledger is written in MessageId
     * order either way: that is the lock order.
     */
    private static List<SinkRecord> claimInLedger(Connection conn, BoundedTransaction transaction, List<SinkRecord> batch)
            throws SQLException {
        List<SinkRecord> inLockOrder = batch.stream().sorted(LOCK_ORDER).toList();
        CopyText ledger = new CopyText();
        for (SinkRecord record : inLockOrder) {
            ledger.column(record.messageId()).column(outcome(record)).endRow();
        }
        try {
            RowCopy.copy(conn, COPY_LEDGER, ledger);
            return batch;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        transaction.restart();
        Set<String> claimed = claim(conn, distinct(inLockOrder));
        return distinct(batch).stream().filter(r -> claimed.contains(r.messageId())).toList();
    }

    /** The contracts whose rows {@code records} holds, for the database's refusal to name their columns. */
    static Set<Contract> contractsOf(List<? extends SinkRecord> records) {
        Set<Contract> contracts = new HashSet<>();
        for (SinkRecord record : records) {
            if (record instanceof SinkRecord.Load load) {
                contracts.add(load.row().contract());
            }
        }
        return contracts;
    }

    private static String outcome(SinkRecord record) {
        return record instanceof SinkRecord.Load ? "loaded" : "quarantined";
    }

    /** The first record of each MessageId, in the given order. */
    private static List<SinkRecord> distinct(List<SinkRecord> records) {
        Set<String> seen = new HashSet<>();
        return records.stream().filter(r -> seen.add(r.messageId())).toList();
    }

    /** Inserts the MessageIds into the ledger where missing and returns those that were missing. */
    private static Set<String> claim(Connection conn, List<SinkRecord> records) throws SQLException {
        String[] ids = new String[records.size()];
        String[] outcomes = new String[records.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = records.get(i).messageId();
            outcomes[i] = outcome(records.get(i));
        }
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement statement = conn.prepareStatement(CLAIM_IN_LEDGER)) {
            statement.setArray(1, conn.createArrayOf("varchar", ids));
            statement.setArray(2, conn.createArrayOf("varchar", outcomes));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        }
        return claimed;
    }

    /** Quarantined messages are rare, so a plain JDBC batch is fast enough here. */
    private static void insertQuarantine(Connection conn, List<SinkRecord> records) throws SQLException {
        try (PreparedStatement statement = conn.prepareStatement(INSERT_QUARANTINE)) {
            int count = 0;
            for (SinkRecord record : records) {
                if (record instanceof SinkRecord.Quarantine q) {
                    statement.setString(1, q.messageId());
                    int next = q.cause().bind(statement, 2);
                    statement.setString(next++, q.sqsMessageId());
                    statement.setInt(next, q.receiveCount());
                    statement.setObject(next + 1, q.sentAt() == null ? null : q.sentAt().atOffset(ZoneOffset.UTC),
                            Types.TIMESTAMP_WITH_TIMEZONE);
                    statement.setBytes(next + 2, q.sealedBody());
                    statement.addBatch();
                    count++;
                }
            }
            if (count > 0) {
                statement.executeBatch();
            }
        }
    }

    private Connection connection() throws SinkException {
        if (connection == null) {
            Connection fresh = settings.connect();
            try {
                fresh.setAutoCommit(false);
            } catch (SQLException e) {
                throw SinkException.of("connect", e);
            }
            connection = fresh;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection may fail; it is discarded either way.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
