package io.sqspiietl.pipeline;

import io.sqspiietl.source.QueueMessage;
import java.util.List;

/**
 * What one {@link InvocationLoader#load} did.
 *
 * @param loaded      rows committed to the contracts' tables
 * @param quarantined quarantine entries committed
 * @param redelivered messages skipped because the ledger had their key
 * @param heldBack    the messages not committed because the database refuses records systemically, in
 *                    the batch's order; they stay on the queue
 */
public record BatchOutcome(long loaded, long quarantined, long redelivered, List<QueueMessage> heldBack) {
    public BatchOutcome {
        heldBack = List.copyOf(heldBack);
    }
}
