package io.sqspiietl.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Deletes old entries of the exactly-once ledger, which otherwise grows by one row per message for
 * ever. An entry only guards against a redelivery of its MessageId, and SQS keeps a message for at
 * most 14 days, so entries older than that guard nothing.
 *
 * <p>Only {@code loaded} entries go: a {@code quarantined} one stays until {@code replay} loads its
 * message, so the quarantine and the ledger keep agreeing. One statement does it: the ledger has no
 * index on {@code processed_at} (it would cost every commit), so deleting in chunks would scan the
 * table again for every chunk, and the row locks taken block nobody, because no loader and no replay
 * touches an old loaded entry.
 */
public final class LedgerPruner {
    private static final String DELETE_OLD_LOADED =
            "DELETE FROM sqs_pii_etl_ledger WHERE outcome = 'loaded' AND processed_at < ?";

    private final DatabaseSettings settings;

    public LedgerPruner(DatabaseSettings settings) {
        this.settings = settings;
    }

    /**
     * Deletes the {@code loaded} entries processed before {@code cutoff}.
     *
     * @return how many entries were deleted
     */
    public long prune(Instant cutoff) throws SinkException {
        try (Connection connection = settings.connect();
             BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.SCAN);
             PreparedStatement delete = connection.prepareStatement(DELETE_OLD_LOADED)) {
            delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            long deleted = delete.executeLargeUpdate();
            transaction.commit();
            return deleted;
        } catch (SQLException e) {
            throw SinkException.of("ledger prune", e);
        }
    }
}
