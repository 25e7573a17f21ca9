package io.sqspiietl.sink;

import io.sqspiietl.sink.SinkException.Refusal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs quarantined messages through the current transform and contracts. Each batch of quarantine rows is
 * locked, resolved and committed in one transaction: a message that now passes is loaded, removed
 * from the quarantine and marked loaded in the ledger; one that still fails keeps its row, under its
 * key, with its cause updated. {@code SKIP LOCKED} lets concurrent replays share the work without
 * doing any twice.
 *
 * <p>A message may now pass under another ledger key than the one it was quarantined under: an SNS
 * envelope quarantined by a version that did not unwrap envelopes was keyed by its SQS MessageId,
 * and now has its publication's key. Such a load first claims its key in the ledger ({@code INSERT
 * ... ON CONFLICT DO NOTHING}), so that two quarantined copies of one publication, or a copy loaded
 * meanwhile, load it once; a copy whose claim finds the key taken is a duplicate and only leaves the
 * quarantine.
 *
 * <p>A row the database still refuses for its data (SQLSTATE class 22 or 23) does not hold up the
 * others: the batch's loads are then tried one at a time under savepoints, and a refused one stays
 * quarantined with the database's refusal as its cause.
 */
public final class QuarantineReplay {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineReplay.class);
    private static final String LOCK_NEXT = """
            SELECT message_id, sqs_message_id, sent_at, coalesce(receive_count, 0), sealed_body FROM user_logins_quarantine
            WHERE message_id > ? ORDER BY message_id LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String UPDATE_CAUSE = """
            UPDATE user_logins_quarantine SET reason = ?, field = ?, stage = ?, error_class = ?, error_code = ?,
              constraint_name = ?, contract = ?
            WHERE message_id = ?""";
    private static final String CLAIM = """
            INSERT INTO sqs_pii_etl_ledger(message_id, outcome) VALUES (?, 'loaded')
            ON CONFLICT (message_id) DO NOTHING""";
    private static final String RELEASE = "DELETE FROM user_logins_quarantine WHERE message_id = ?";
    private static final String MARK_LOADED = "UPDATE sqs_pii_etl_ledger SET outcome = 'loaded' WHERE message_id = ?";

    private final DatabaseSettings settings;
    private final int batchSize;
    private final RowCopy rows = new RowCopy();
    private final MaskingRecord binding;

    /**
     * A quarantined message as stored: its body still sealed.
     *
     * @param messageId    the key it is quarantined (and its body sealed) under
     * @param sqsMessageId the SQS MessageId of its delivery, or null for a row quarantined before it was
     *                     recorded whose key is an SNS MessageId
     * @param sentAt       SQS's {@code SentTimestamp}, or null when the queue gave none
     * @param receiveCount as recorded, or 0 for a row quarantined before the count was
     */
    public record Quarantined(String messageId, String sqsMessageId, Instant sentAt, int receiveCount, byte[] sealedBody) {
        public Quarantined {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /**
     * What a replay did.
     *
     * @param loaded           messages that now pass and were loaded
     * @param duplicates       messages that now pass but whose ledger key was already taken (another
     *                         copy of one SNS publication); they left the quarantine without a row
     * @param stillQuarantined messages that still fail; their causes are up to date
     * @param unreadable       messages whose body could not be opened (another keyset); left as they were
     */
    public record Result(int loaded, int duplicates, int stillQuarantined, int unreadable) {
    }

    /** What releasing a batch's passing messages did: rows loaded, and messages the database refused. */
    private record Released(int loaded, int refused) {
    }

    /** A quarantined message that now passes: the key it was quarantined under and the load it became. */
    private record Passed(String quarantinedAs, SinkRecord.Load load) {
        boolean changesKey() {
            return !quarantinedAs.equals(load.messageId());
        }
    }

    /**
     * @param binding the key binding the replayed messages are masked and sealed for: a batch commits
     *                only if its transaction finds the database bound to it (see {@link PostgresSink#requireBinding})
     */
    public QuarantineReplay(DatabaseSettings settings, int batchSize, MaskingRecord binding) {
        this.settings = settings;
        this.batchSize = batchSize;
        this.binding = binding;
    }

    /**
     * Replays the whole quarantine.
     *
     * @param reprocess what the current transform makes of a quarantined message: a load, a
     *                  quarantine with its (possibly new) cause, or {@code null} when the body
     *                  cannot be opened; must not throw for any content
     * @throws SinkException of kind {@link SinkException.Kind#KEY_BINDING_CHANGED} when the database
     *     was rebound to another key meanwhile; the batches committed before stay committed
     */
    public Result replay(Function<Quarantined, SinkRecord> reprocess) throws SinkException {
        int loaded = 0;
        int duplicates = 0;
        int stillQuarantined = 0;
        int unreadable = 0;
        String after = "";
        try (Connection connection = settings.connect()) {
            SchemaMigrator.migrate(connection);
            while (true) {
                try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH)) {
                    List<Quarantined> batch = lockNext(connection, after);
                    if (batch.isEmpty()) {
                        transaction.commit();
                        return new Result(loaded, duplicates, stillQuarantined, unreadable);
                    }
                    List<Passed> passed = new ArrayList<>();
                    for (Quarantined message : batch) {
                        SinkRecord record = reprocess.apply(message);
                        if (record == null) {
                            unreadable++;
                        } else if (record instanceof SinkRecord.Load load) {
                            passed.add(new Passed(message.messageId(), load));
                        } else {
                            updateCause(connection, message.messageId(), ((SinkRecord.Quarantine) record).cause());
                            stillQuarantined++;
                        }
                    }
                    Released released = releaseIsolatingRefusals(connection, passed);
                    MaskingBinding.confirm(connection, binding);
                    transaction.commit();
                    loaded += released.loaded();
                    stillQuarantined += released.refused();
                    duplicates += passed.size() - released.loaded() - released.refused();
                    after = batch.get(batch.size() - 1).messageId();
                }
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
                    OffsetDateTime sentAt = rs.getObject(3, OffsetDateTime.class);
                    batch.add(new Quarantined(rs.getString(1), rs.getString(2), sentAt == null ? null : sentAt.toInstant(),
                            rs.getInt(4), rs.getBytes(5)));
                }
            }
        }
        return batch;
    }

    /** Updates the cause of the row quarantined as {@code messageId}; the delivery's details stay as recorded. */
    private static void updateCause(Connection connection, String messageId, QuarantineCause cause) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_CAUSE)) {
            statement.setString(cause.bind(statement, 1), messageId);
            statement.executeUpdate();
        }
    }

    /**
     * Releases {@code passed} together; if the database refuses a row for its data, releases them one
     * at a time instead, each under a savepoint, and leaves a refused one quarantined with the refusal
     * as its cause. The causes updated earlier in the transaction are kept either way.
     */
    private Released releaseIsolatingRefusals(Connection connection, List<Passed> passed) throws SQLException {
        Savepoint together = connection.setSavepoint();
        try {
            return new Released(release(connection, passed), 0);
        } catch (SQLException e) {
            refusalOrThrow(e, passed);
            connection.rollback(together);
        }
        int loaded = 0;
        int refused = 0;
        for (Passed message : passed) {
            Savepoint alone = connection.setSavepoint();
            try {
                loaded += release(connection, List.of(message));
            } catch (SQLException e) {
                Refusal refusal = refusalOrThrow(e, List.of(message));
                connection.rollback(alone);
                LOG.warn("quarantined message {} refused by PostgreSQL again ({}); left quarantined",
                        message.quarantinedAs(), refusal.describe());
                updateCause(connection, message.quarantinedAs(), QuarantineCause.refused(
                        message.load().row().contract().name(), QuarantineCause.REJECTED_BY_DATABASE, refusal));
                refused++;
            }
            connection.releaseSavepoint(alone);
        }
        return new Released(loaded, refused);
    }

    /** What the database refused in a row of {@code passed}, or {@code e} thrown on if it failed for another reason. */
    private static Refusal refusalOrThrow(SQLException e, List<Passed> passed) throws SQLException {
        List<SinkRecord.Load> loads = passed.stream().map(Passed::load).toList();
        return SinkException.of("quarantine replay", e, PostgresSink.contractsOf(loads)).refusal().orElseThrow(() -> e);
    }

    /**
     * Loads the rows that now pass, each key once, and takes their messages out of the quarantine.
     *
     * @return how many rows were loaded
     */
    private int release(Connection connection, List<Passed> passed) throws SQLException {
        if (passed.isEmpty()) {
            return 0;
        }
        List<SinkRecord.Load> fresh = new ArrayList<>(passed.size());
        try (PreparedStatement claim = connection.prepareStatement(CLAIM);
             PreparedStatement release = connection.prepareStatement(RELEASE);
             PreparedStatement markLoaded = connection.prepareStatement(MARK_LOADED)) {
            // Claims in key order, as loaders take their ledger locks, so that neither can deadlock the other.
            for (Passed message : passed.stream().sorted(Comparator.comparing(p -> p.load().messageId())).toList()) {
                if (!message.changesKey() || claimed(claim, message.load().messageId())) {
                    fresh.add(message.load());
                }
                release.setString(1, message.quarantinedAs());
                release.addBatch();
                markLoaded.setString(1, message.quarantinedAs());
                markLoaded.addBatch();
            }
            rows.insert(connection, fresh);
            release.executeBatch();
            markLoaded.executeBatch();
        }
        return fresh.size();
    }

    private static boolean claimed(PreparedStatement claim, String key) throws SQLException {
        claim.setString(1, key);
        return claim.executeUpdate() == 1;
    }
}
