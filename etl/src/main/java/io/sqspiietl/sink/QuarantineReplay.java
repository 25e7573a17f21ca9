package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Re-runs quarantined messages through the current transform. Each batch of quarantine rows is
 * locked, resolved and committed in one transaction: a message that now passes is loaded, removed
 * from the quarantine and marked loaded in the ledger; one that still fails keeps its row with the
 * reason updated. {@code SKIP LOCKED} lets concurrent replays share the work without doing any twice.
 */
public final class QuarantineReplay {
    private static final String LOCK_NEXT = """
            SELECT message_id, sent_at, sealed_body FROM user_logins_quarantine
            WHERE message_id > ? ORDER BY message_id LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String UPDATE_REASON =
            "UPDATE user_logins_quarantine SET reason = ?, field = ? WHERE message_id = ?";
    private static final String RELEASE = "DELETE FROM user_logins_quarantine WHERE message_id = ?";
    private static final String MARK_LOADED = "UPDATE sqs_pii_etl_ledger SET outcome = 'loaded' WHERE message_id = ?";

    private final DatabaseSettings settings;
    private final int batchSize;

    /** A quarantined message as stored: its body still sealed. */
    public record Quarantined(String messageId, Instant sentAt, byte[] sealedBody) {
        public Quarantined {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /**
     * What a replay did.
     *
     * @param loaded           messages that now pass and were loaded
     * @param stillQuarantined messages that still fail; their reasons are up to date
     * @param unreadable       messages whose body could not be opened (another keyset); left as they were
     */
    public record Result(int loaded, int stillQuarantined, int unreadable) {
    }

    public QuarantineReplay(DatabaseSettings settings, int batchSize) {
        this.settings = settings;
        this.batchSize = batchSize;
    }

    /**
     * Replays the whole quarantine.
     *
     * @param reprocess what the current transform makes of a quarantined message: a load, a
     *                  quarantine with its (possibly new) reason, or {@code null} when the body
     *                  cannot be opened; must not throw for any content
     */
    public Result replay(Function<Quarantined, SinkRecord> reprocess) throws SinkException {
        int loaded = 0;
        int stillQuarantined = 0;
        int unreadable = 0;
        String after = "";
        try (Connection connection = settings.connect()) {
            SchemaMigrator.migrate(connection);
            connection.setAutoCommit(false);
            while (true) {
                List<Quarantined> batch = lockNext(connection, after);
                if (batch.isEmpty()) {
                    connection.commit();
                    return new Result(loaded, stillQuarantined, unreadable);
                }
                List<SinkRecord.Load> loads = new ArrayList<>();
                for (Quarantined message : batch) {
                    SinkRecord record = reprocess.apply(message);
                    if (record == null) {
                        unreadable++;
                    } else if (record instanceof SinkRecord.Load load) {
                        loads.add(load);
                    } else {
                        updateReason(connection, (SinkRecord.Quarantine) record);
                        stillQuarantined++;
                    }
                }
                release(connection, loads);
                connection.commit();
                loaded += loads.size();
                after = batch.get(batch.size() - 1).messageId();
            }
        } catch (SQLException e) {
            throw SinkException.of("quarantine replay", e);
        }
    }

    private List<Quarantined> lockNext(Connection connection, String after) throws SQLException {
        List<Quarantined> batch = new ArrayList<>(batchSize);
        try (PreparedStatement statement = connection.prepareStatement(LOCK_NEXT)) {
            statement.setString(1, after);
            statement.setInt(2, batchSize);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Quarantined(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBytes(3)));
                }
            }
        }
        return batch;
    }

    private static void updateReason(Connection connection, SinkRecord.Quarantine record) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_REASON)) {
            statement.setString(1, record.reason());
            statement.setString(2, record.field());
            statement.setString(3, record.messageId());
            statement.executeUpdate();
        }
    }

    /** Loads the rows that now pass and takes their messages out of the quarantine. */
    private static void release(Connection connection, List<SinkRecord.Load> loads) throws SQLException {
        if (loads.isEmpty()) {
            return;
        }
        PostgresSink.insertRows(connection, loads);
        try (PreparedStatement release = connection.prepareStatement(RELEASE);
             PreparedStatement markLoaded = connection.prepareStatement(MARK_LOADED)) {
            for (SinkRecord.Load load : loads) {
                release.setString(1, load.messageId());
                release.addBatch();
                markLoaded.setString(1, load.messageId());
                markLoaded.addBatch();
            }
            release.executeBatch();
            markLoaded.executeBatch();
        }
    }
}
