package io.sqspiietl.ops;

import java.util.OptionalLong;

/**
 * The counts of a run at one moment.
 *
 * @param received    messages received, redeliveries included
 * @param loaded      rows committed
 * @param quarantined quarantine entries committed
 * @param skipped     redeliveries skipped by the ledger
 * @param remaining   estimated messages still to do, from the queue's approximate depth; empty
 *                    before the queue was first asked
 */
public record ProgressSnapshot(long received, long loaded, long quarantined, long skipped, OptionalLong remaining) {
    /** Messages whose outcome is committed. */
    public long done() {
        return loaded + quarantined + skipped;
    }
}
